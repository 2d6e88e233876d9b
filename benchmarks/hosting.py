"""A host of many communes: what N sites cost on one RelStorage cluster.

``make bench-hosting`` (``BENCH_HOSTING_SITES``, 20 by default; 281 for all the
communes of Wallonia and Brussels) measures, in a throwaway PostgreSQL and
instance folder:

* ``communesplone sites create-many`` of N communes (``BENCH_PRESET``, the
  ``hosted`` preset by default: every add-on, HTTP caching): seconds a site;
* ``communesplone sites upgrade --all`` with one real upgrade step pending on
  every site (core's last step, marked not run): the whole command;
* ``communesplone start-cluster -n 2`` with Varnish in front: the resident
  memory (RSS) of each process once every site has been served by it;
* anonymous front pages spread over all sites, ``BENCH_CONNECTIONS`` (8)
  keep-alive clients for ``BENCH_SECONDS`` (10): requests a second and p95
  latency straight to the processes, then through the cache.
"""

from benchmarks.cluster import COMMAND
from benchmarks.cluster import CONNECTIONS
from benchmarks.cluster import SECONDS
from benchmarks.cluster import ThrowawayPostgreSQL
from benchmarks.cluster import free_port
from benchmarks.cluster import wait_for
from communesplone.hosting.proxy import varnishd
from pathlib import Path

import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

SITES = int(os.environ.get("BENCH_HOSTING_SITES", "20"))
PRESET = os.environ.get("BENCH_PRESET", "hosted")

REWIND_CORE = """
import transaction
from communesplone.cli import zope_app
from communesplone.instance import Instance
from communesplone.policy.sites import site_ids
from zope.component.hooks import setSite
with zope_app(Instance.from_environment()) as app:
    for site_id in site_ids(app):
        setup = app[site_id].portal_setup
        setSite(app[site_id])
        steps = setup.listUpgrades("communesplone.core:default", show_old=True)
        steps = [step for step in steps if isinstance(step, dict)]
        setup.setLastVersionForProfile("communesplone.core:default", steps[-1]["source"])
        transaction.commit()
        setSite(None)
print(steps[-1]["title"])
"""


def create_many(env, var):
    communes = var / "communes.csv"
    lines = ["id,name,nis_code,languages,addons"]
    lines += [f"commune-{index:03d},Commune {index},{90000 + index},fr nl,"
              for index in range(SITES)]
    communes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-c", "from communesplone.instance import Instance; "
                    "Instance.from_environment().write()"], env=env, check=True)
    started = time.perf_counter()
    result = subprocess.run([COMMAND, "sites", "create-many", str(communes), "--preset", PRESET],
                            env=env, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])
    return (time.perf_counter() - started) / SITES


def upgrade_all(env, var):
    script = var / "rewind.py"
    script.write_text(REWIND_CORE)
    rewound = subprocess.run([sys.executable, str(script)], env=env, capture_output=True,
                             text=True)
    if rewound.returncode:
        raise RuntimeError(rewound.stderr[-3000:])
    started = time.perf_counter()
    result = subprocess.run([COMMAND, "sites", "upgrade", "--all"], env=env,
                            capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])
    return rewound.stdout.strip(), time.perf_counter() - started


def rss_of_workers(ports):
    """Resident memory (MB) of the ``serve-worker`` processes on ``ports``."""
    found = {}
    for status in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command = status.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"serve-worker" not in command:
            continue
        port = int(command[command.index(b"--port") + 1])
        if port in ports:
            text = (status.parent / "status").read_text()
            found[port] = int(re.search(r"VmRSS:\s+(\d+)", text).group(1)) / 1024
    return found


def load(urls):
    """Requests a second and p95 latency (ms), each client walking over all ``urls``."""
    latencies = [[] for _ in range(CONNECTIONS)]
    errors = [0] * CONNECTIONS
    end = time.monotonic() + SECONDS

    def client(index):
        connections = {}
        position = index
        while time.monotonic() < end:
            url = urls[position % len(urls)]
            position += CONNECTIONS
            host, port = url.split("/")[2].split(":")
            connection = connections.get(port)
            if connection is None:
                connection = connections[port] = http.client.HTTPConnection(host, int(port),
                                                                            timeout=60)
            started = time.perf_counter()
            connection.request("GET", "/" + url.split("/", 3)[3])
            response = connection.getresponse()
            response.read()
            latencies[index].append(time.perf_counter() - started)
            errors[index] += response.status != 200

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = sorted(value for values in latencies for value in values)
    p95 = every[int(len(every) * 0.95) - 1] * 1000 if every else float("nan")
    return len(every) / SECONDS, p95, sum(errors)


def serve(env, var):
    port = free_port(pair=True)
    cache_port = free_port() if varnishd() else 0
    output = var / "cluster.out"  # a file, not a pipe: nobody reads it while it runs
    with open(output, "w") as stream:
        process = subprocess.Popen(
            [COMMAND, "start-cluster", "-n", "2", "--port", str(port), "--site", "commune-000",
             "--preset", PRESET, "--cache-port", str(cache_port)],
            env=env, stdout=stream, stderr=subprocess.STDOUT)
    ids = [f"commune-{index:03d}" for index in range(SITES)]
    try:
        for index in (0, 1):
            try:
                wait_for(f"http://127.0.0.1:{port + index}/@@ok", process)
            except RuntimeError as error:
                raise RuntimeError(f"{error}: {output.read_text()[-3000:]}") from error
        direct = [f"http://127.0.0.1:{port + index % 2}/{site_id}"
                  for index, site_id in enumerate(ids * 2)]
        for url in direct:  # every site served by both processes
            urllib.request.urlopen(url, timeout=120).read()
        memory = rss_of_workers({port, port + 1})
        behind = load(direct)
        cached = None
        if cache_port:
            through = [f"http://127.0.0.1:{cache_port}/{site_id}" for site_id in ids]
            for url in through:
                urllib.request.urlopen(url, timeout=120).read()
            cached = load(through)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=300)
    return memory, behind, cached


def run():
    var = Path(tempfile.mkdtemp(prefix="bench-hosting-"))
    try:
        with ThrowawayPostgreSQL() as postgresql:
            env = dict(os.environ, COMMUNESPLONE_VAR=str(var), STORAGE="relstorage",
                       COMMUNESPLONE_DSN=postgresql.dsn, ADMIN_PASSWORD="bench")
            env.pop("CACHE_PORT", None)
            per_site = create_many(env, var)
            step, upgrade = upgrade_all(env, var)
            memory, behind, cached = serve(env, var)
    finally:
        shutil.rmtree(var, ignore_errors=True)
    lines = [
        f"hosting: {SITES} communes (preset {PRESET}) on RelStorage, {os.cpu_count()} CPU(s)",
        f"  sites create-many: {per_site:.1f} s a site",
        f"  sites upgrade --all with one step pending ({step}): {upgrade:.1f} s",
        "  RSS after serving every site: " + ", ".join(
            f"process {index + 1} {mb:.0f} MB" for index, mb in enumerate(memory.values())),
        f"  anonymous front pages over all sites, {CONNECTIONS} clients, {SECONDS} s:",
        f"    Zope (2 processes): {behind[0]:8.1f} req/s, p95 {behind[1]:7.1f} ms, "
        f"non-200: {behind[2]}",
    ]
    if cached:
        lines.append(f"    through Varnish  : {cached[0]:8.1f} req/s, p95 {cached[1]:7.1f} ms, "
                     f"non-200: {cached[2]}  (x{cached[0] / behind[0]:.1f})")
    else:
        lines.append("    through Varnish  : not measured (apt-get install varnish)")
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
