"""The web server's access log (config/gunicorn.py): personal links leave no token in it."""

import contextlib
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.config.test_services import ROOT, django_process_env
from tests.conftest import free_port, unavailable

pytestmark = pytest.mark.services

TOKEN = "SECRETtoken123-_:x"
PERSONAL_PATHS = [
    f"/r/{TOKEN}/",
    f"/i/{TOKEN}/",
    f"/me/agenda/{TOKEN}.ics",
    f"/c/congress/register/?i={TOKEN}",
]


def _get(url: str, **headers: str) -> None:
    with contextlib.suppress(urllib.error.HTTPError):  # any status: only the log line matters
        urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=20).close()


def _wait_for(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn stopped"
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("gunicorn did not answer")


def test_gunicorn_access_log_masks_personal_links(tmp_path: Path):
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or shutil.which("gunicorn")
    if gunicorn is None:
        unavailable("the gunicorn command is not installed")
    port = free_port()
    access_log = tmp_path / "access.log"
    process = subprocess.Popen(
        [gunicorn, "-c", "config/gunicorn.py", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--access-logfile", str(access_log), "config.wsgi"],
        cwd=ROOT, env=django_process_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/healthz", process)
        for path in PERSONAL_PATHS:
            _get(base + path)
        # A personal page's static files carry it in the Referer (same-origin referrer policy).
        _get(f"{base}/static/css/site.css", Referer=f"{base}/r/{TOKEN}/")
        _get(f"{base}/me/agenda/reset/")
    finally:
        process.terminate()
        process.communicate(timeout=30)

    log = access_log.read_text()
    # Each line: ... "request line" status size "referer" "user agent"
    logged = [(line.split('"')[1], line.split('"')[3]) for line in log.splitlines()]
    # The start-up probe may have asked /healthz more than once on a slow machine.
    logged = [entry for entry in logged if entry[0] != "GET /healthz HTTP/1.1"]
    assert TOKEN not in log
    assert logged == [
        ("GET /r/***/ HTTP/1.1", "-"),
        ("GET /i/***/ HTTP/1.1", "-"),
        ("GET /me/agenda/***.ics HTTP/1.1", "-"),
        ("GET /c/congress/register/?i=*** HTTP/1.1", "-"),
        ("GET /static/css/site.css HTTP/1.1", f"{base}/r/***/"),
        ("GET /me/agenda/reset/ HTTP/1.1", "-"),
        ("GET /accounts/login/?next=/me/agenda/reset/ HTTP/1.1", "-"),  # the redirect, followed
    ]
