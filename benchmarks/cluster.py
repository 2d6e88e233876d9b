"""Shared hosting: read throughput of one Zope process vs two on RelStorage,
and the cost of ``communesplone sites upgrade --all`` for 50 sites.

Everything runs on loopback in a throwaway PostgreSQL cluster and instance
folder, bounded in time (``BENCH_SECONDS`` per load run, 10 by default).

Load: Debian's ``wrk`` when installed (written in C: its own CPU use is small,
which matters on a 2-core machine where client and servers share the CPU),
else a Python load generator with threads and keep-alive connections. The
same client measures both configurations, so the ratio is what counts.

* ``GET /ville`` (the home page of a commune site, anonymous) with
  ``BENCH_CONNECTIONS`` (8) keep-alive connections: first all on process A
  (4 waitress threads), then spread over A and B (round robin).
* ``BENCH_SITES`` (50) sites of a core-only preset, then ``sites upgrade
  --all`` run twice: the first pass finds and records nothing pending, the
  second is the rerun an operator makes after a release (the whole command,
  Zope start included, as the operator sees it).
"""

from pathlib import Path

import glob
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
SITES = int(os.environ.get("BENCH_SITES", "50"))
COMMAND = str(Path(sys.executable).parent / "communesplone")

MAKE_SITES = """
import os, time, transaction
from communesplone.cli import zope_app
from communesplone.instance import Instance
from communesplone.policy.sites import create_site
count = int(os.environ["BENCH_SITES"])
started = time.perf_counter()
with zope_app(Instance.from_environment()) as app:
    for index in range(count):
        site_id = f"commune-{index:03d}"
        if site_id not in app.objectIds():
            create_site(app, site_id, preset_name="light")
            transaction.commit()
print(f"{count} sites in {time.perf_counter() - started:.1f} s")
"""


def free_port(pair=False):
    for _attempt in range(50):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if not pair:
            return port
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port + 1))
                return port
            except OSError:
                continue
    raise RuntimeError("no free port")


class ThrowawayPostgreSQL:
    """initdb + pg_ctl in a temporary folder (as ``postgres`` when run as root)."""

    def __enter__(self):
        bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True,
                                text=True).stdout.strip()
        if not bindir:
            bindir = str(Path(sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))[-1]).parent)
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="bench-pg-"))
        self.folder.chmod(0o755)
        self.prefix = []
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        self.port = free_port()
        data = str(self.folder / "data")
        subprocess.run([*self.prefix, f"{bindir}/initdb", "--no-sync", "-A", "trust",
                        "-U", "postgres", "-D", data], check=True, capture_output=True)
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        subprocess.run([*self.prefix, f"{bindir}/pg_ctl", "-w", "-D", data, "-o", options,
                        "-l", str(self.folder / "log"), "start"], check=True,
                       capture_output=True)
        subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                        "-qc", "create database zodb"], check=True, capture_output=True)
        self.dsn = f"dbname='zodb' user='postgres' host='127.0.0.1' port='{self.port}'"
        return self

    def __exit__(self, *exc):
        subprocess.run([*self.prefix, f"{self.bindir}/pg_ctl", "-D",
                        str(self.folder / "data"), "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)


def wait_for(url, process, deadline=600):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError("the cluster stopped")
        try:
            with urllib.request.urlopen(url, timeout=10):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer")


def wrk(urls):
    """Requests per second with wrk; several URLs: one wrk per URL, connections split."""
    share = max(CONNECTIONS // len(urls), 1)
    runs = [subprocess.Popen(["wrk", "-t", "1", "-c", str(share), "-d", f"{SECONDS}s", url],
                             stdout=subprocess.PIPE, text=True) for url in urls]
    total = errors = 0.0
    for run in runs:
        output = run.communicate()[0]
        total += float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
        bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        errors += int(bad.group(1)) if bad else 0
    return total, int(errors)


def python_load(urls):
    """The same with threads and keep-alive connections (no wrk installed)."""
    counts, errors = [0] * CONNECTIONS, [0] * CONNECTIONS
    end = time.monotonic() + SECONDS

    def client(index):
        url = urls[index % len(urls)]
        host, port = url.split("/")[2].split(":")
        path = "/" + url.split("/", 3)[3]
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        while time.monotonic() < end:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            counts[index] += 1
            errors[index] += response.status != 200

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / SECONDS, sum(errors)


def load(urls):
    return wrk(urls) if shutil.which("wrk") else python_load(urls)


def throughput(env):
    port = free_port(pair=True)
    process = subprocess.Popen(
        [COMMAND, "start-cluster", "-n", "2", "--port", str(port), "--site", "ville",
         "--preset", "commune", "--cache-port", "0"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    urls = [f"http://127.0.0.1:{port + index}/ville" for index in (0, 1)]
    try:
        for url in urls:
            wait_for(f"{url}/@@ok", process)
        for url in urls:  # warm both caches (ZODB and templates)
            for _ in range(20):
                urllib.request.urlopen(url, timeout=30).read()
        one, one_errors = load(urls[:1])
        two, two_errors = load(urls)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=120)
    return one, two, one_errors + two_errors


def upgrade_cost(env, var):
    presets = var / "presets"
    presets.mkdir()
    for preset in (Path(__file__).resolve().parents[1] / "profiles").glob("*.toml"):
        shutil.copy(preset, presets)
    (presets / "light.toml").write_text('title = "Commune"\naddons = ["communesplone.core"]\n')
    env = dict(env, COMMUNESPLONE_PRESETS=str(presets), BENCH_SITES=str(SITES))
    script = var / "make_sites.py"
    script.write_text(MAKE_SITES)
    made = subprocess.run([sys.executable, str(script)], env=env, capture_output=True,
                          text=True)
    if made.returncode:
        raise RuntimeError(made.stderr[-2000:])
    timings = []
    for _run in range(2):
        started = time.perf_counter()
        result = subprocess.run([COMMAND, "sites", "upgrade", "--all"], env=env,
                                capture_output=True, text=True)
        timings.append(time.perf_counter() - started)
        if result.returncode:
            raise RuntimeError(result.stderr[-2000:])
    summary = result.stdout.strip().splitlines()[-1]
    loop = float(re.search(r"site\(s\) in ([\d.]+) s", summary).group(1))
    return made.stdout.strip(), timings, summary, loop


def run():
    var = Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    try:
        with ThrowawayPostgreSQL() as postgresql:
            env = dict(os.environ, COMMUNESPLONE_VAR=str(var), STORAGE="relstorage",
                       COMMUNESPLONE_DSN=postgresql.dsn, ADMIN_PASSWORD="bench")
            one, two, errors = throughput(env)
            made, timings, summary, loop = upgrade_cost(env, var)
    finally:
        shutil.rmtree(var, ignore_errors=True)
    tool = "wrk" if shutil.which("wrk") else "python threads"
    return "\n".join([
        f"cluster: GET /ville anonymous, {CONNECTIONS} connections, {SECONDS} s each, {tool}, "
        f"{os.cpu_count()} CPU(s)",
        f"  1 process : {one:8.1f} req/s",
        f"  2 processes: {two:8.1f} req/s  (x{two / one:.2f}); non-2xx answers: {errors}",
        f"sites upgrade --all, {SITES} sites ({made}):",
        f"  whole command (Zope start included): first run {timings[0]:.1f} s, "
        f"rerun {timings[1]:.1f} s",
        f"  the loop over the sites: {loop:.1f} s ({loop / SITES * 1000:.0f} ms a site); "
        f"{summary}",
    ])


if __name__ == "__main__":
    print(run())
