"""The caching proxy in front of the Zope processes: Debian's Varnish.

The VCL is docs/hosting/varnish.vcl (an operator reads it there); this module
writes a copy with the cluster's backends in place and starts ``varnishd`` in
the foreground, for ``communesplone start-cluster`` and the tests.
"""

from pathlib import Path

import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request

VCL = Path(__file__).resolve().parents[3] / "docs" / "hosting" / "varnish.vcl"
_BACKENDS = re.compile(r"# BACKENDS.*?# END BACKENDS", re.S)
_DIRECTOR = re.compile(r"# DIRECTOR.*?# END DIRECTOR", re.S)


def varnishd():
    """The path of ``varnishd`` (Debian puts it in /usr/sbin), or None."""
    return shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin:/usr/local/sbin")


def vcl_for(backends, source=VCL):
    """The VCL with ``backends`` (``(host, port)`` pairs) behind the director."""
    text = source.read_text(encoding="utf-8")
    declared = "\n".join(
        f'backend zope{index} {{ .host = "{host}"; .port = "{port}"; '
        f'.first_byte_timeout = 300s; }}'
        for index, (host, port) in enumerate(backends)
    )
    added = "\n    ".join(f"zope.add_backend(zope{index});" for index in range(len(backends)))
    text = _BACKENDS.sub(lambda _m: declared, text)
    return _DIRECTOR.sub(lambda _m: added, text)


def start_varnish(backends, port, workdir, host="127.0.0.1", memory="256m"):
    """Start varnishd on ``host:port`` in front of ``backends``; wait until it answers.

    Returns the process (stop it with ``terminate()``). ``workdir`` holds the
    VCL and varnishd's working folder (``-n``), so several can run at once.
    """
    binary = varnishd()
    if binary is None:
        raise RuntimeError("varnishd is not installed (apt-get install varnish)")
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    vcl = workdir / "communesplone.vcl"
    vcl.write_text(vcl_for(backends), encoding="utf-8")
    command = [binary, "-F", "-f", str(vcl), "-a", f"{host}:{port}", "-n", str(workdir / "n"),
               "-s", f"malloc,{memory}", "-T", "none", "-p", "default_grace=0s"]
    import os

    if os.geteuid() == 0:
        command += ["-j", "none"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("varnishd stopped: " + process.stderr.read().decode()[-2000:])
        try:
            request = urllib.request.Request(f"http://{host}:{port}/", method="PURGE")
            urllib.request.urlopen(request, timeout=2).read()
            return process
        except urllib.error.HTTPError:
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("varnishd did not answer within 30 s")
