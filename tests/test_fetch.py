"""Fetching names.txt: local paths, a local HTTP server, bad data, no half-written files."""

from __future__ import annotations

import http.server
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from lesson_reference import NAMES

from bigram_helpers import fetch
from bigram_helpers.fetch import NAMES_SHA256, FetchError, fetch_names, sha256_of


@pytest.fixture(scope="module")
def good_bytes() -> bytes:
    data = NAMES.read_bytes()
    assert sha256_of(data) == NAMES_SHA256
    return data


class _Handler(http.server.BaseHTTPRequestHandler):
    files: ClassVar[dict[str, bytes]] = {}

    def do_GET(self):
        body = self.files.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server(good_bytes) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving a good and a corrupted copy."""
    corrupted = bytearray(good_bytes)
    corrupted[1000] ^= 0x20
    _Handler.files = {
        "/names.txt": good_bytes,
        "/corrupt.txt": bytes(corrupted),
        "/short.txt": good_bytes[:5000],
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_download_good_file(server, tmp_path, good_bytes):
    dest = tmp_path / "names.txt"
    assert fetch_names(dest, f"{server}/names.txt") == dest
    assert dest.read_bytes() == good_bytes
    assert leftovers(tmp_path) == ["names.txt"]


@pytest.mark.parametrize("path", ["/corrupt.txt", "/short.txt"])
def test_download_bad_file_writes_nothing(server, tmp_path, path):
    dest = tmp_path / "names.txt"
    with pytest.raises(FetchError, match=f"SHA-256 .* not the expected {NAMES_SHA256}.*nothing was written"):
        fetch_names(dest, f"{server}{path}")
    assert leftovers(tmp_path) == []


def test_download_404(server, tmp_path):
    with pytest.raises(FetchError, match=r"could not download .*missing\.txt.*NAMES_TXT_SOURCE"):
        fetch_names(tmp_path / "names.txt", f"{server}/missing.txt")
    assert leftovers(tmp_path) == []


def test_server_gone(tmp_path):
    with socket.socket() as s:  # a port that was free a moment ago and has no server now
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match="could not download"):
        fetch_names(tmp_path / "names.txt", f"http://127.0.0.1:{port}/names.txt")
    assert leftovers(tmp_path) == []


def test_server_that_never_answers_times_out(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)  # accepts the connection, never sends a byte
        port = s.getsockname()[1]
        with pytest.raises(FetchError, match="could not download"):
            fetch_names(tmp_path / "names.txt", f"http://127.0.0.1:{port}/names.txt", timeout=0.5)
    assert leftovers(tmp_path) == []


def test_local_path_and_env_var(tmp_path, monkeypatch, good_bytes):
    monkeypatch.setenv("NAMES_TXT_SOURCE", str(NAMES))
    dest = tmp_path / "data" / "names.txt"
    fetch_names(dest)
    assert dest.read_bytes() == good_bytes


def test_missing_and_directory_sources(tmp_path):
    with pytest.raises(FetchError, match=r"nope\.txt' does not exist.*NAMES_TXT_SOURCE"):
        fetch_names(tmp_path / "names.txt", str(tmp_path / "nope.txt"))
    with pytest.raises(FetchError, match="is a directory"):
        fetch_names(tmp_path / "names.txt", str(tmp_path))
    assert leftovers(tmp_path) == []


def test_verified_copy_is_left_alone(tmp_path, good_bytes):
    dest = tmp_path / "names.txt"
    dest.write_bytes(good_bytes)
    os.utime(dest, (1_000_000, 1_000_000))
    # the source does not even exist: a verified copy needs none
    assert fetch_names(dest, str(tmp_path / "nope.txt")) == dest
    assert dest.stat().st_mtime == 1_000_000


def test_corrupted_copy_is_replaced(tmp_path, good_bytes):
    dest = tmp_path / "names.txt"
    dest.write_bytes(good_bytes[:100])
    fetch_names(dest, str(NAMES))
    assert dest.read_bytes() == good_bytes


def test_corrupted_copy_and_bad_source_keeps_nothing_new(tmp_path, server):
    dest = tmp_path / "names.txt"
    dest.write_bytes(b"half a file")
    with pytest.raises(FetchError):
        fetch_names(dest, f"{server}/corrupt.txt")
    assert dest.read_bytes() == b"half a file"  # not used: a later fetch still fails the checksum
    assert leftovers(tmp_path) == ["names.txt"]


def test_failure_while_moving_into_place_leaves_no_temp_file(tmp_path, monkeypatch):
    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fetch.os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        fetch_names(tmp_path / "names.txt", str(NAMES))
    assert leftovers(tmp_path) == []


def test_command_line(tmp_path, capsys, server):
    dest = tmp_path / "names.txt"
    assert fetch.main(["--dest", str(dest), "--source", f"{server}/corrupt.txt"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert fetch.main(["--dest", str(dest), "--source", f"{server}/names.txt"]) == 0
    assert "verified" in capsys.readouterr().out


def test_offline_error_says_what_a_learner_can_do(tmp_path):
    """No connection: the message names where the file belongs, the `--source` switch any
    shell can type, and the variable; its example path is one a learner has, not CI's."""
    dest = tmp_path / "names.txt"
    with pytest.raises(FetchError) as caught:
        fetch_names(dest, str(tmp_path / "nope.txt"))
    message = str(caught.value)
    assert f"save it as {dest}" in message
    assert "`python dev.py data --source PATH`" in message and "Downloads/names.txt" in message
    assert "https://raw.githubusercontent.com/karpathy/makemore/master/names.txt" in message
    assert "../shared" not in message
