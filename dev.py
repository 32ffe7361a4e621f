"""The README's commands on any laptop: ``python dev.py lab`` and ``python dev.py test``.

This script needs nothing but Python 3.11 or newer: no make, no bash, no other tool. It
runs the same way on Linux, macOS and Windows, and it is the one place that says how the
project is set up (the Makefile's targets call it). Every command first sets up what it
needs and skips that work once it is done:

- a virtual environment in ``.venv`` (``.venv/bin`` on Linux and macOS,
  ``.venv\\Scripts`` on Windows);
- the pinned packages: on Linux, torch's CPU build first, from PyTorch's CPU wheel index
  (``requirements-torch-cpu.txt``), since PyPI's Linux torch brings gigabytes of CUDA
  libraries the lesson never uses; then ``requirements.txt`` (on macOS and Windows PyPI's
  torch is already CPU-only);
- this package (``pip install -e .``) and ``names.txt`` (fetched and verified).

Commands: ``setup``, ``data``, ``lab``, ``lint``, ``test [--workers N]`` (``python dev.py
--help`` says more). Set ``NAMES_TXT_SOURCE`` to a path or URL to fetch ``names.txt`` from
somewhere else.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP_NAME = ".installed"  # in the venv: a checksum of what it was set up from
NAMES = ROOT / "names.txt"
MIN_PYTHON = (3, 11)

REQUIREMENTS = "requirements.txt"
TORCH_CPU_REQUIREMENTS = "requirements-torch-cpu.txt"  # read on Linux only, before REQUIREMENTS
SETUP_INPUTS = (REQUIREMENTS, TORCH_CPU_REQUIREMENTS, "pyproject.toml")
PIP = ("-m", "pip", "install", "--quiet", "--disable-pip-version-check")


class SetupError(RuntimeError):
    """A step of the set-up failed; the message says which and what to do."""


def venv_bin(venv: PurePath, windows: bool = os.name == "nt") -> PurePath:
    """The folder of a virtual environment's programs: ``Scripts`` on Windows, else ``bin``.

    ``venv`` keeps its own path flavour, so ``PureWindowsPath`` gives Windows paths on any
    machine (which is how the tests check the Windows layout).
    """
    return venv / ("Scripts" if windows else "bin")


def venv_python(venv: PurePath, windows: bool = os.name == "nt") -> PurePath:
    """The Python of a virtual environment: ``Scripts\\python.exe`` on Windows, ``bin/python`` else."""
    return venv_bin(venv, windows) / ("python.exe" if windows else "python")


def requirement_files(platform: str = sys.platform) -> list[str]:
    """The requirement files set-up installs on ``platform`` (a ``sys.platform`` value), in order.

    Each is its own ``pip install -r`` run, and ``requirements-torch-cpu.txt`` is
    installed without dependencies, so the CPU wheel index it names is asked for torch
    only; what torch needs comes from PyPI with ``requirements.txt``.
    """
    if platform.startswith("linux"):
        return [TORCH_CPU_REQUIREMENTS, REQUIREMENTS]
    return [REQUIREMENTS]


def setup_checksum(root: Path = ROOT, platform: str = sys.platform) -> str:
    """A checksum of everything the environment is built from: when it changes, set up again."""
    digest = hashlib.sha256(platform.encode())
    for name in SETUP_INPUTS:
        path = root / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    return digest.hexdigest()


def run(args: list[str | PurePath], what: str, hint: str = "") -> None:
    """Run one step; on failure raise a SetupError that names the step, the command and ``hint``."""
    try:
        done = subprocess.run([str(a) for a in args], cwd=ROOT)
    except OSError as exc:
        raise SetupError(f"{what} could not start ({args[0]}: {exc.strerror})") from None
    if done.returncode != 0:
        command = " ".join(str(a) for a in args)
        raise SetupError(f"{what} failed (exit code {done.returncode}): {command}{hint}")


def setup(venv: Path = VENV, platform: str = sys.platform) -> Path:
    """Create ``venv`` and install the pinned packages and this package into it, once.

    Returns the environment's Python. Quick when the environment is already set up from
    the same requirement files (the stamp in the venv holds their checksum).
    """
    python = Path(venv_python(venv))
    stamp = venv / STAMP_NAME
    checksum = setup_checksum(ROOT, platform)
    if python.exists() and stamp.is_file() and stamp.read_text().strip() == checksum:
        if any((ROOT / name).stat().st_mtime > stamp.stat().st_mtime for name in SETUP_INPUTS):
            stamp.touch()  # for make, which compares the stamp's time with the files' (a checkout)
        return python
    if not python.exists():
        print(f"dev.py: creating the virtual environment {venv.name}/ (once)", flush=True)
        run([sys.executable, "-m", "venv", venv], "creating the virtual environment")
    files = requirement_files(platform)
    print(f"dev.py: installing the pinned packages ({', '.join(files)}); the first time takes a few minutes")
    if TORCH_CPU_REQUIREMENTS in files:
        print("dev.py: on Linux, torch's CPU build comes from PyTorch's CPU wheel index", flush=True)
    for name in files:
        # torch alone from PyTorch's index: what torch needs comes with requirements.txt, from PyPI
        cpu = name == TORCH_CPU_REQUIREMENTS
        hint = "; is https://download.pytorch.org/whl/cpu reachable from here?" if cpu else ""
        run([python, *PIP, *(["--no-deps"] if cpu else []), "-r", name], f"installing {name}", hint)
    run([python, *PIP, "--no-deps", "-e", "."], "installing bigram_helpers (pip install -e .)")
    stamp.write_text(checksum + "\n")
    return python


def data(python: Path, *, verify: bool = True) -> None:
    """Fetch and verify names.txt; with ``verify=False``, only when it is missing (quick)."""
    if verify or not NAMES.is_file():
        run([python, "-m", "bigram_helpers.fetch", "--dest", NAMES], "fetching names.txt")


def lint(python: Path) -> None:
    run([python, "-m", "ruff", "check", "."], "ruff check")
    run([python, "-m", "ruff", "format", "--check", "."], "ruff format --check")


def test(python: Path, workers: str) -> None:
    """Lint, then ``pytest --nbval`` (unit tests and every notebook) over ``workers`` processes."""
    lint(python)
    data(python, verify=False)  # every notebook's set-up cell verifies it
    run([python, "-m", "pytest", "--nbval", "-n", workers, "--dist", "loadfile"], "pytest --nbval")


def lab(python: Path) -> None:
    data(python)
    run([python, "-m", "jupyterlab", "notebooks"], "JupyterLab")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python dev.py",
        description="Set up and run the makemore-bigram series with nothing but Python "
        "(each command sets up what it needs first, once).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("setup", help="create .venv and install the pinned packages and bigram_helpers")
    sub.add_parser("data", help="fetch and verify names.txt (NAMES_TXT_SOURCE=path-or-url to choose)")
    sub.add_parser("lab", help="open the notebook series in JupyterLab")
    sub.add_parser("lint", help="ruff check and ruff format --check")
    test_parser = sub.add_parser("test", help="lint, then pytest --nbval: unit tests and every notebook")
    test_parser.add_argument(
        "--workers",
        default="auto",
        help="pytest-xdist processes (default: auto, one per core; 0: one file at a time, as typed)",
    )
    args = parser.parse_args(argv)
    if sys.version_info < MIN_PYTHON:
        need = ".".join(map(str, MIN_PYTHON))
        print(
            f"error: this project needs Python {need} or newer; this is {sys.version.split()[0]}. "
            f"Install Python {need}+ from python.org and run the command with it.",
            file=sys.stderr,
        )
        return 2
    try:
        python = setup()
        if args.command == "data":
            data(python)
        elif args.command == "lab":
            lab(python)
        elif args.command == "lint":
            lint(python)
        elif args.command == "test":
            test(python, args.workers)
    except SetupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
