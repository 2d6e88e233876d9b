"""The Nu HTML checker (``vnu.jar`` from the npm package ``vnu-jar``, run by Debian's
``default-jre-headless``) on pages we fetched: one Java start for all of them.

Without Java or the jar the checks skip on a developer's machine and fail in
CI (``CI`` set), so a missing install step cannot pass unseen.
"""

from pathlib import Path

import json
import os
import pytest
import shutil
import subprocess
import tempfile

VNU = (Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist"
       / "vnu.jar")
JAVA = shutil.which("java")


def need_vnu():
    missing = [what for what, ok in (("java (apt-get install default-jre-headless)", JAVA),
                                     (f"{VNU} (npm ci)", VNU.exists())) if not ok]
    if not missing:
        return
    reason = "The Nu HTML checker cannot run: " + ", ".join(missing) + " missing"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def check(pages):
    """``{name: html}`` -> ``{name: [message, ...]}``, each message a dict of the
    checker's JSON output (``type``, ``message``, ``extract``, ``lastLine``...)."""
    need_vnu()
    with tempfile.TemporaryDirectory(prefix="communesplone-vnu-") as tmp:
        paths = {}
        for index, (name, html) in enumerate(pages.items()):
            path = Path(tmp) / f"page{index}.html"
            path.write_text(html, encoding="utf-8")
            paths[path.resolve().as_uri()] = name
        result = subprocess.run(
            [JAVA, "-Xss2m", "-jar", str(VNU), "--format", "json", "--exit-zero-always",
             *(str(Path(tmp) / f"page{index}.html") for index in range(len(pages)))],
            capture_output=True, text=True, timeout=300)
        report = json.loads(result.stderr or result.stdout)
    found = {name: [] for name in pages}
    for message in report["messages"]:
        url = message.get("url", "")
        name = paths.get(url) or next((n for u, n in paths.items() if u.endswith(
            url.rsplit("/", 1)[-1])), url)
        found.setdefault(name, []).append(message)
    return found


def errors(messages):
    return [message for message in messages if message.get("type") == "error"
            or message.get("subType") == "fatal"]
