"""Fetching ``names.txt``: the 32,033 names the lesson learns from.

The file is third-party data, so the project fetches it rather than committing it:
from a local path or a URL named by ``NAMES_TXT_SOURCE``, by default from its public
home, the root of Andrej Karpathy's makemore repository
(https://github.com/karpathy/makemore, branch ``master``), which is released under the
MIT licence; that repository's README says the names are the most common ones in the US
Social Security Administration's baby-name data for 2018. The SHA-256 is verified before
the file is moved into place, so a wrong or half-written file is never left where the
notebooks would read it.

Run ``python -m bigram_helpers.fetch [--dest PATH] [--source PATH_OR_URL]`` (``python dev.py data
[--source PATH_OR_URL]`` runs it).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

__all__ = ["DEFAULT_SOURCE", "NAMES_SHA256", "FetchError", "fetch_names", "offline_hint", "sha256_of"]

NAMES_SHA256 = "0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d"
DEFAULT_SOURCE = "https://raw.githubusercontent.com/karpathy/makemore/master/names.txt"
ORIGIN = "from github.com/karpathy/makemore, MIT licence"  # where names.txt lives, and its terms
SOURCE_ENV = "NAMES_TXT_SOURCE"
TIMEOUT_SECONDS = 30.0
MAX_BYTES = 16 * 1024 * 1024  # names.txt is 228,145 bytes; anything this big is not it


class FetchError(RuntimeError):
    """``names.txt`` could not be fetched or verified; the message says how to fix it."""


def sha256_of(data: bytes) -> str:
    """The SHA-256 of ``data`` as 64 lowercase hex digits."""
    return hashlib.sha256(data).hexdigest()


def _is_url(source: str) -> bool:
    return source.split(":", 1)[0].lower() in {"http", "https", "file"} and "://" in source


def offline_hint(dest: str | os.PathLike[str] = "names.txt") -> str:
    """What to do without a connection to GitHub: get the file another way, then point at it.

    Names the three ways in: save the file where it belongs (``dest``), give the copy to
    ``python dev.py data --source`` (any shell), or set ``NAMES_TXT_SOURCE``.
    """
    return (
        f"download {DEFAULT_SOURCE} in a browser (or copy names.txt from a machine that has it) and "
        f"either save it as {dest}, or run `python dev.py data --source PATH` with the path of your "
        f"copy (such as Downloads/names.txt), or set {SOURCE_ENV} to that path or to a URL that works here"
    )


def _read_source(source: str, timeout: float, dest: str | os.PathLike[str] = "names.txt") -> bytes:
    hint = offline_hint(dest)
    if _is_url(source):
        try:
            with urllib.request.urlopen(source, timeout=timeout) as response:
                data = response.read(MAX_BYTES + 1)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise FetchError(f"could not download names.txt from {source}: {reason}; {hint}") from None
    else:
        path = Path(source).expanduser()
        if not path.is_file():
            what = "is a directory" if path.is_dir() else "does not exist"
            raise FetchError(f"names.txt source {str(path)!r} {what}; {hint}")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FetchError(
                f"could not read names.txt source {str(path)!r}: {exc.strerror}; {hint}"
            ) from None
    if len(data) > MAX_BYTES:
        raise FetchError(f"{source} is larger than {MAX_BYTES} bytes, so it is not names.txt; {hint}")
    return data


def fetch_names(
    dest: str | os.PathLike[str] = "names.txt",
    source: str | None = None,
    *,
    expected_sha256: str = NAMES_SHA256,
    timeout: float = TIMEOUT_SECONDS,
) -> Path:
    """Put a verified ``names.txt`` at ``dest`` and return its path.

    Does nothing if ``dest`` already holds a file with the expected SHA-256. Otherwise
    reads ``source`` (a local path, or an ``http(s)://``/``file://`` URL; by default
    ``$NAMES_TXT_SOURCE``, else the public copy), checks its SHA-256 and only then
    moves it into place with an atomic rename, so ``dest`` is never half-written and
    a bad download never replaces anything. Every failure is a ``FetchError`` whose
    one-line message says what failed and how to fix it.
    """
    dest_path = Path(dest)
    if dest_path.is_file() and sha256_of(dest_path.read_bytes()) == expected_sha256:
        return dest_path
    if source is None:
        source = os.environ.get(SOURCE_ENV) or DEFAULT_SOURCE
    data = _read_source(source, timeout, dest_path)
    got = sha256_of(data)
    if got != expected_sha256:
        raise FetchError(
            f"{source} has SHA-256 {got}, not the expected {expected_sha256}: it is not the "
            f"names.txt this lesson uses (corrupted or truncated?); nothing was written. "
            f"Get a good copy: {offline_hint(dest_path)}"
        )
    dest_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".names-", suffix=".part", dir=dest_path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, dest_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return dest_path


def main(argv: list[str] | None = None) -> int:
    """Command line: fetch and verify names.txt; print one line and return an exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m bigram_helpers.fetch",
        description="Fetch names.txt and verify its SHA-256 (a no-op when a verified copy is there). "
        f"names.txt is third-party data, {ORIGIN}.",
    )
    parser.add_argument("--dest", default="names.txt", help="where to put it (default: ./names.txt)")
    parser.add_argument(
        "--source",
        default=None,
        help=f"local path or URL to fetch from (default: ${SOURCE_ENV}, else the public copy)",
    )
    args = parser.parse_args(argv)
    try:
        path = fetch_names(args.dest, args.source)
    except FetchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{path}: verified (SHA-256 {NAMES_SHA256[:12]}...; names.txt is {ORIGIN})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
