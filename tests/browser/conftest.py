"""Fixtures for the browser tests: a throw-away JupyterLab server, the built book on a
local web server, and a headless Chromium.

These tests are opt-in. `make unit` (``pytest tests``) collects them but skips them,
because they need Debian's chromium and take about a minute; `make test-browser` installs
chromium if needed and sets ``BIGRAM_BROWSER_TESTS=1``, which turns them on. An env var
(rather than a command-line option) works from this sub-folder's conftest and lets
`pytest tests/browser` be run by hand too.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
ENABLE_ENV = "BIGRAM_BROWSER_TESTS"
# Debian's chromium, launched as `make book` launches it to print the PDF (book/offline.py
# says why each flag); playwright also gives it a fresh --user-data-dir of its own.
sys.path.insert(0, str(REPO / "book"))
from offline import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

SERVER_START_TIMEOUT = 90  # seconds until JupyterLab answers /api/status
SERVER_STOP_TIMEOUT = 15  # seconds for a clean shutdown before SIGKILL


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"browser: drives JupyterLab or the book in Chromium (needs {ENABLE_ENV}=1)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get(ENABLE_ENV) == "1":
        return
    skip = pytest.mark.skip(reason=f"browser test: run `make test-browser` (or set {ENABLE_ENV}=1)")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    path = Path(os.environ.get("BIGRAM_ARTIFACTS", REPO / "artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class Lab:
    url: str  # http://127.0.0.1:PORT
    token: str
    notebooks: Path  # the copy JupyterLab serves
    log: Path
    proc: subprocess.Popen[bytes]

    def log_text(self, last: int = 12000) -> str:
        try:
            return self.log.read_text(errors="replace")[-last:]
        except OSError as e:
            return f"(no JupyterLab log: {e})"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1))


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM JupyterLab's process group (it shuts its kernels down), then SIGKILL."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(SERVER_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    """JupyterLab on 127.0.0.1, a random free port and token, serving a copy of the notebooks.

    Everything JupyterLab reads or writes (config, settings, workspaces, runtime) lives in
    a temp folder, so neither the repository nor the user's ~/.jupyter is touched.
    """
    src = Path(os.environ.get("BIGRAM_BROWSER_NOTEBOOKS", REPO / "notebooks"))
    names = REPO / "names.txt"
    if not names.is_file():
        pytest.fail(f"{names} is missing: run `make data` (make test-browser does)")
    tmp = tmp_path_factory.mktemp("jupyterlab")
    root = tmp / "repo"
    # The notebooks read ../names.txt relative to notebooks/, as in the repository.
    shutil.copytree(src, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copy2(names, root / "names.txt")

    config, settings = tmp / "config", tmp / "settings"
    # No news/update toasts and no "build recommended" dialog: nothing may cover a click.
    _write_json(
        config / "jupyter_server_config.json",
        {
            "LabApp": {"news_url": None, "check_for_updates_class": "jupyterlab.NeverCheckForUpdate"},
        },
    )
    _write_json(config / "labconfig" / "page_config.json", {"buildCheck": False, "buildAvailable": False})
    _write_json(
        settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings",
        {"fetchNews": "false", "checkForUpdates": False},
    )
    # Keep every cell in the DOM (no virtual scrolling), so the test sees all outputs.
    _write_json(
        settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings",
        {"windowingMode": "none"},
    )

    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
    # The browser must see the interactive figures: the ipympl branch of the figure cell.
    env.pop("BIGRAM_STATIC_FIGURES", None)
    env.pop("MPLBACKEND", None)
    env.update(
        JUPYTER_CONFIG_DIR=str(config),
        JUPYTER_DATA_DIR=str(tmp / "data"),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
        IPYTHONDIR=str(tmp / "ipython"),
        JUPYTER_PLATFORM_DIRS="1",
        PYTHONUNBUFFERED="1",
    )
    port, token = _free_port(), secrets.token_hex(24)
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root / 'notebooks'}",
        "--ServerApp.terminals_enabled=False",
        "--LabApp.extension_manager=readonly",  # no PyPI queries from the extension manager
    ]
    if os.geteuid() == 0:  # CI runs as root
        cmd.append("--allow-root")
    log = tmp / "jupyterlab.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Lab(
        url=f"http://127.0.0.1:{port}", token=token, notebooks=root / "notebooks", log=log, proc=proc
    )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with {proc.returncode}:\n{server.log_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer in {SERVER_START_TIMEOUT}s:\n{server.log_text()}")
            req = urllib.request.Request(
                f"{server.url}/api/status", headers={"Authorization": f"token {token}"}
            )
            try:
                with urllib.request.urlopen(req, timeout=5) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        yield server
    finally:
        _stop(proc)


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: `apt-get install chromium chromium-driver` (make test-browser does)"
        )
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, timeout=60_000)
        print(f"\nbrowser: {CHROMIUM} (Chromium {b.version})")
        try:
            yield b
        finally:
            b.close()
    finally:
        pw.stop()


@dataclass
class Site:
    url: str  # http://127.0.0.1:PORT, serving root
    root: Path  # the built book (build/book/html)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hangs up before the reply is sent (a page that no longer needs a
        # file, the link checker moving on) is not a failure: no traceback for it.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def book_site() -> Site:
    """The built book (`make book`), served as files from 127.0.0.1 on a free port."""
    root = Path(os.environ.get("BIGRAM_BOOK_HTML", REPO / "build" / "book" / "html"))
    if not (root / "index.html").is_file():
        pytest.fail(f"{root}/index.html is missing: run `make book` (make test-browser does)")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = _QuietServer(("127.0.0.1", 0), handler)  # any free port
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(url=f"http://127.0.0.1:{server.server_port}", root=root)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
