"""Two Zope processes on one RelStorage: ``communesplone start-cluster -n 2``.

A booking made through one process is seen by the other at once; twenty
simultaneous overlapping bookings spread over both processes give exactly one
booking (the losers hit a ConflictError at commit, the publisher retries them,
and the retry sees the winner and answers 409). Both processes write one
structured access-log line per request, naming the site.
"""

from communesplone.hosting.proxy import varnishd
from concurrent.futures import ThreadPoolExecutor
from hostinghelpers import COMMAND
from hostinghelpers import wait_for
from datetime import datetime
from datetime import timedelta
from smtp import free_port
from zoneinfo import ZoneInfo

import os
import shutil
import signal
import socket
import subprocess
import threading
import time

import pytest
import requests

pytestmark = pytest.mark.slow
ADMIN = ("admin", "cluster-admin-pw")
PASSWORD = "secret-password-123"
REQUESTS = 20


def two_free_ports():
    for _attempt in range(20):
        port = free_port()
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port
    raise RuntimeError("no two consecutive free ports")


def next_monday(hour):
    now = datetime.now(ZoneInfo("Europe/Brussels"))
    monday = now.date() + timedelta(days=7 - now.weekday())
    return datetime(monday.year, monday.month, monday.day, hour, tzinfo=ZoneInfo("Europe/Brussels"))


def rest(method, url, auth, **kwargs):
    headers = {"Accept": "application/json"}
    return requests.request(method, url, headers=headers, auth=auth, timeout=120, **kwargs)


def booking(start, minutes, id_):
    return {"@type": "Booking", "id": id_, "start": start.isoformat(),
            "end": (start + timedelta(minutes=minutes)).isoformat(),
            "requester_name": "Alice Martin", "requester_email": "alice@example.org",
            "purpose": "Assemblée du club", "attendees": 12}


@pytest.fixture(scope="module")
def cluster(postgresql, tmp_path_factory):
    var = tmp_path_factory.mktemp("cluster")
    dsn = postgresql.create_database("hosting_cluster")
    port = two_free_ports()
    cache_port = free_port() if varnishd() else 0
    env = dict(os.environ, COMMUNESPLONE_VAR=str(var), STORAGE="relstorage",
               COMMUNESPLONE_DSN=dsn, ADMIN_PASSWORD=ADMIN[1])
    output_file = var / "cluster.out"  # not a pipe: nobody reads it while it runs
    with open(output_file, "w") as stream:
        process = subprocess.Popen(
            [COMMAND, "start-cluster", "-n", "2", "--port", str(port), "--site", "ville",
             "--preset", "commune", "--cache-port", str(cache_port)],
            env=env, stdout=stream, stderr=subprocess.STDOUT, text=True,
        )
    urls = [f"http://127.0.0.1:{port + index}/ville" for index in (0, 1)]
    try:
        for url in urls:
            wait_for(f"{url}/@@ok", process, deadline=600)
        site = urls[0]
        for user in ("alice", "bob"):
            made = rest("POST", f"{site}/@users", ADMIN, json={
                "username": user, "email": f"{user}@example.org", "password": PASSWORD})
            assert made.status_code == 201, made.text
        folder = rest("POST", site, ADMIN, json={"@type": "ResourceFolder", "id": "salles",
                                                 "title": "Salles"})
        assert folder.status_code == 201, folder.text
        resource = rest("POST", f"{site}/salles", ADMIN, json={
            "@type": "Resource", "id": "salle", "title": "Salle du conseil",
            "slot_minutes": 30, "min_minutes": 30, "max_minutes": 240, "horizon_days": 180,
            "needs_approval": True, "audience": "members", "capacity": 50,
            "closed_on_holidays": False})
        assert resource.status_code == 201, resource.text
        yield {"urls": urls, "var": var, "process": process,
               "proxy": f"http://127.0.0.1:{cache_port}/ville" if cache_port else None}
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    output = output_file.read_text()
    assert "All processes stopped." in output, output[-3000:]
    # a commune created without the demo preset never gets the demo mailbox
    assert "demo mailbox" not in output, output[-3000:]


def test_a_booking_through_one_process_is_seen_by_the_other(cluster):
    first, second = cluster["urls"]
    made = rest("POST", f"{first}/salles/salle", ("alice", PASSWORD),
                json=booking(next_monday(9), 60, "seen-elsewhere"))
    assert made.status_code == 201, made.text
    seen = rest("GET", f"{second}/salles/salle/seen-elsewhere", ("alice", PASSWORD))
    assert seen.status_code == 200, seen.text
    assert datetime.fromisoformat(seen.json()["start"]) == next_monday(9)
    # bob (another citizen) does not see alice's booking, on either process
    for url in cluster["urls"]:
        assert rest("GET", f"{url}/salles/salle/seen-elsewhere",
                    ("bob", PASSWORD)).status_code in (401, 403)


def test_overlapping_bookings_over_two_processes_give_exactly_one(cluster):
    start = next_monday(14)
    # a booking elsewhere first: concurrent inserts into a non-empty tree merge
    prefill = rest("POST", f"{cluster['urls'][0]}/salles/salle", ("bob", PASSWORD),
                   json=booking(start - timedelta(hours=3), 60, "prefill"))
    assert prefill.status_code == 201, prefill.text
    barrier = threading.Barrier(REQUESTS)
    users = (("alice", PASSWORD), ("bob", PASSWORD))

    def post(index):
        url = cluster["urls"][index % 2]
        # every request overlaps every other one (all contain 15:00-15:30)
        payload = booking(start + timedelta(minutes=30 * (index % 3)), 90, f"request-{index}")
        barrier.wait()
        return rest("POST", f"{url}/salles/salle", users[index // 2 % 2], json=payload)

    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        answers = list(pool.map(post, range(REQUESTS)))
    codes = sorted(answer.status_code for answer in answers)
    assert codes == [201] + [409] * (REQUESTS - 1), [(a.status_code, a.text[:200])
                                                      for a in answers]
    listing = rest("GET", f"{cluster['urls'][1]}/salles/salle", ADMIN).json()
    ids = {item["@id"].rsplit("/", 1)[1] for item in listing["items"]}
    winners = {f"request-{i}" for i, answer in enumerate(answers) if answer.status_code == 201}
    assert ids & {f"request-{i}" for i in range(REQUESTS)} == winners


def test_both_processes_log_the_site_on_each_request(cluster):
    for url in cluster["urls"]:
        root = url.removesuffix("/ville")
        assert rest("GET", f"{root}/@@ok", None).text == "OK"
    # one more request: waitress closes (and so logs) a response after sending it
    assert rest("GET", f"{cluster['urls'][1]}/@@ok", None).text == "OK"
    port = int(cluster["urls"][1].split(":")[2].split("/")[0])
    lines = (cluster["var"] / "log" / f"access-worker-{port}.log").read_text().splitlines()
    booking_lines = [line for line in lines if "method=POST path=/ville/salles/salle " in line]
    assert booking_lines
    assert all(f"process=worker-{port} site=ville " in line for line in booking_lines)
    assert any("site=- " in line and "path=/@@ok " in line for line in lines)


NGINX_CONF = """
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    upstream zope {{
        server 127.0.0.1:{first} max_fails=3 fail_timeout=10s;
        server 127.0.0.1:{second} max_fails=3 fail_timeout=10s;
        keepalive 8;
    }}
    server {{
        listen 127.0.0.1:{port};
        server_name www.ville.test;
        location / {{
            proxy_pass http://zope/VirtualHostBase/http/$host:{port}/ville/VirtualHostRoot$request_uri;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_next_upstream error timeout http_502 http_503;
        }}
    }}
}}
"""


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed")
def test_nginx_spreads_requests_over_both_processes(cluster, tmp_path):
    """The configuration of docs/hosting.md (plain HTTP, loopback) in front of the cluster."""
    ports = [int(url.split(":")[2].split("/")[0]) for url in cluster["urls"]]
    port = free_port()
    (tmp_path / "nginx.conf").write_text(NGINX_CONF.format(
        folder=tmp_path, first=ports[0], second=ports[1], port=port))
    nginx = subprocess.Popen(["nginx", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/@@ok", nginx, deadline=30)
        for _ in range(10):
            page = requests.get(f"http://127.0.0.1:{port}/", timeout=60,
                                headers={"Host": "www.ville.test"})
            assert page.status_code == 200
            # virtual hosting: links point at the public host, not at /ville
            assert f"http://www.ville.test:{port}/@@search" in page.text
    finally:
        nginx.terminate()
        nginx.wait(timeout=30)
    for worker_port in ports:
        log = (cluster["var"] / "log" / f"access-worker-{worker_port}.log").read_text()
        assert "path=/VirtualHostBase/http/www.ville.test" in log


def test_varnish_in_front_of_both_processes_shares_only_what_is_public(cluster):
    """``start-cluster`` starts Varnish when installed; a change on one process purges."""
    proxy = cluster["proxy"]
    if proxy is None:
        if os.environ.get("CI"):
            pytest.fail("CI=true but no varnishd: .ci/run must install varnish")
        pytest.skip("Varnish is not installed (apt-get install varnish)")
    hits = [requests.get(f"{proxy}/salles/salle").headers.get("X-Cache") for _ in range(3)]
    assert hits[0] in ("MISS", "HIT") and hits[1:] == ["HIT", "HIT"], hits
    renamed = rest("PATCH", f"{cluster['urls'][1]}/salles/salle", ADMIN,
                   json={"title": "Salle du conseil communal"})
    assert renamed.status_code == 204, renamed.text
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if "Salle du conseil communal" in requests.get(f"{proxy}/salles/salle").text:
            break
        time.sleep(0.2)
    assert "Salle du conseil communal" in requests.get(f"{proxy}/salles/salle").text
    # alice's booking, fetched by alice through the cache, reaches nobody else
    made = rest("POST", f"{cluster['urls'][0]}/salles/salle", ("alice", PASSWORD),
                json=booking(next_monday(19), 60, "through-the-cache"))
    assert made.status_code == 201, made.text
    mine = requests.get(f"{proxy}/salles/salle/through-the-cache", auth=("alice", PASSWORD))
    assert mine.status_code == 200 and "Alice Martin" in mine.text
    for auth in (("bob", PASSWORD), None):
        seen = requests.get(f"{proxy}/salles/salle/through-the-cache", auth=auth)
        assert "Alice Martin" not in seen.text, auth
