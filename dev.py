"""The project's commands with nothing but Python 3.11 or newer: ``python dev.py COMMAND``.

No make, no bash, no other tool: the same on Linux, macOS and Windows. This file is the
one place that says how the project is set up and how each of its commands runs (the
Makefile's targets call it; ``.ci/run`` calls it and adds what only CI needs). Every
command first sets up what it needs and skips that work once it is done:

- a virtual environment in ``.venv`` (``.venv/bin`` on Linux and macOS,
  ``.venv\\Scripts`` on Windows), made with the Python that runs this file;
- the pinned packages: a learner's (``requirements.txt``: the lesson, JupyterLab and the
  tests), or a maintainer's (``requirements-dev.txt``: those and the maintainer's tools),
  on Linux with torch's CPU build first, from PyTorch's CPU wheel index
  (``requirements-torch-cpu.txt``), since PyPI's Linux torch brings gigabytes of CUDA
  libraries the lesson never uses (on macOS and Windows PyPI's torch is already CPU-only);
- this package (``pip install -e .``) and ``names.txt`` (fetched and verified).

A stamp in the venv (``.venv/.installed``) records what it was made with: the Python
version, that pip works, which set of packages, where torch came from, and a checksum of
the requirement files. A venv that does not match (made by another Python, left
half-made, its Python gone) is made again; a changed requirement file installs again.

``python dev.py --help`` lists the commands; ``python dev.py COMMAND --help`` says more.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP_NAME = ".installed"  # in the venv: what it was made with (JSON)
NAMES = ROOT / "names.txt"
MIN_PYTHON = (3, 11)

NOTEBOOKS = ROOT / "notebooks"
WORK = ROOT / "my-notebooks"  # the learner's own copies, git-ignored; `lab` opens them
COPIED_NAME = ".copied-from.json"  # in WORK: the checksum of each notebook when it was copied

LEARNER = "learner"
MAINTAINER = "maintainer"
REQUIREMENTS = {LEARNER: "requirements.txt", MAINTAINER: "requirements-dev.txt"}
TORCH_CPU_REQUIREMENTS = "requirements-torch-cpu.txt"  # Linux, torch from the CPU index only
SETUP_INPUTS = ("requirements.txt", "requirements-dev.txt", TORCH_CPU_REQUIREMENTS, "pyproject.toml")
CPU_INDEX = "https://download.pytorch.org/whl/cpu"
TORCH_SOURCES = ("cpu-index", "pypi")  # where torch comes from on Linux (`setup --torch`)
PIP = ("-m", "pip", "install", "--quiet", "--disable-pip-version-check")


class SetupError(RuntimeError):
    """A step failed; the message says which and what to do."""


def venv_bin(venv: PurePath, windows: bool = os.name == "nt") -> PurePath:
    """The folder of a virtual environment's programs: ``Scripts`` on Windows, else ``bin``.

    ``venv`` keeps its own path flavour, so ``PureWindowsPath`` gives Windows paths on any
    machine (which is how the tests check the Windows layout).
    """
    return venv / ("Scripts" if windows else "bin")


def venv_python(venv: PurePath, windows: bool = os.name == "nt") -> PurePath:
    """The Python of a virtual environment: ``Scripts\\python.exe`` on Windows, ``bin/python`` else."""
    return venv_bin(venv, windows) / ("python.exe" if windows else "python")


def python_version(info: tuple[int, ...] = tuple(sys.version_info)) -> str:
    """``"3.11"`` for Python 3.11.x: what a venv must match (its packages are built for it)."""
    return f"{info[0]}.{info[1]}"


def venv_made_with(venv: Path) -> str | None:
    """The Python version (``"3.11"``) ``venv`` was made with, from its ``pyvenv.cfg``; None if unknown."""
    try:
        lines = (venv / "pyvenv.cfg").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in lines:
        key, _, value = line.partition("=")
        if key.strip() in ("version", "version_info"):
            parts = value.strip().split(".")
            if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():
                return f"{parts[0]}.{parts[1]}"
    return None


def requirement_files(
    platform: str = sys.platform, kind: str = LEARNER, torch: str = "cpu-index"
) -> list[str]:
    """The requirement files set-up installs on ``platform`` (a ``sys.platform`` value), in order.

    ``kind`` is ``"learner"`` or ``"maintainer"`` (whose file reads the learner's with
    ``-r``). On Linux with ``torch="cpu-index"``, ``requirements-torch-cpu.txt`` comes
    first, installed without dependencies, so the CPU wheel index it names is asked for
    torch only; with ``torch="pypi"`` torch comes from PyPI with the rest.
    """
    files = [REQUIREMENTS[kind]]
    if platform.startswith("linux") and torch == "cpu-index":
        files.insert(0, TORCH_CPU_REQUIREMENTS)
    return files


def setup_checksum(root: Path = ROOT, platform: str = sys.platform) -> str:
    """A checksum of everything the environment is built from: when it changes, install again."""
    digest = hashlib.sha256(platform.encode())
    for name in SETUP_INPUTS:
        path = root / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    return digest.hexdigest()


def read_stamp(venv: Path) -> dict:
    """What the stamp in ``venv`` records (``{}`` when there is none, or an older, plain one)."""
    try:
        stamp = json.loads((venv / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def wanted_stamp(stamp: dict, kind: str, torch: str | None, platform: str, root: Path = ROOT) -> dict:
    """The stamp a venv set up now should carry.

    A maintainer's venv stays one (it holds everything a learner's does); torch keeps
    coming from where it came from, unless ``torch`` says otherwise.
    """
    if stamp.get("set") == MAINTAINER:
        kind = MAINTAINER
    if torch is None:
        torch = stamp.get("torch") if stamp.get("torch") in TORCH_SOURCES else "cpu-index"
    return {
        "python": python_version(),
        "pip": True,
        "set": kind,
        "torch": torch,
        "inputs": setup_checksum(root, platform),
    }


def pip_works(python: Path) -> bool:
    try:
        done = subprocess.run(
            [str(python), "-m", "pip", "--version"], capture_output=True, cwd=ROOT, timeout=120
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def venv_problem(venv: Path, stamp: dict) -> str | None:
    """Why ``venv`` cannot be used as it is and must be made again; None if it can (or is absent).

    Raises ``SetupError`` for a folder that is not a virtual environment (dev.py removes
    only what it made).
    """
    if not venv.exists():
        return None
    if not (venv / "pyvenv.cfg").is_file():
        raise SetupError(
            f"{venv} is not a virtual environment (it has no pyvenv.cfg), so dev.py will not touch it: "
            f"move or delete the folder {venv}, then run the command again"
        )
    made_with = venv_made_with(venv)
    if made_with != python_version():
        return f"was made with Python {made_with or '(unknown)'}, and this is Python {python_version()}"
    python = Path(venv_python(venv))
    if not python.exists():
        return f"has no working Python ({python} is missing, or the Python it links to was removed)"
    if stamp.get("pip") is not True and not pip_works(python):
        return "has no working pip (it was left half-made)"
    return None


def remove_venv(venv: Path, why: str) -> None:
    print(f"dev.py: {venv.name}/ {why}: making it again", flush=True)
    try:
        shutil.rmtree(venv)
    except OSError as exc:
        raise SetupError(
            f"could not remove {venv} ({exc.strerror}: {exc.filename}): close whatever uses it "
            f"(JupyterLab, an editor, a terminal where it is activated), delete the folder {venv} "
            "by hand, then run the command again"
        ) from None


def create_venv(venv: Path) -> Path:
    """Make ``venv`` with this Python and check that its pip works; a half-made one is removed."""
    print(f"dev.py: creating the virtual environment {venv.name}/ with Python {python_version()}", flush=True)
    python = Path(venv_python(venv))
    done = subprocess.run([sys.executable, "-m", "venv", str(venv)], cwd=ROOT)
    if done.returncode == 0 and pip_works(python):
        return python
    if venv.exists():
        shutil.rmtree(venv, ignore_errors=True)
    v = python_version()
    raise SetupError(
        f"this Python ({sys.executable}) could not make a virtual environment with pip in it. "
        f"On Debian or Ubuntu install the venv module (`sudo apt install python{v}-venv`); elsewhere "
        f"install Python {v} from python.org. Then run the command again"
    )


def run(args: list[str | PurePath], what: str, hint: str = "", env: dict[str, str] | None = None) -> None:
    """Run one step; on failure raise a SetupError that names the step, the command and ``hint``."""
    try:
        done = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)
    except OSError as exc:
        raise SetupError(f"{what} could not start ({args[0]}: {exc.strerror})") from None
    if done.returncode != 0:
        command = " ".join(str(a) for a in args)
        raise SetupError(f"{what} failed (exit code {done.returncode}): {command}{hint}")


PYPI_HINT = (
    f"; is {CPU_INDEX} reachable from here? If it is not (a proxy, a network with a PyPI mirror "
    "only), take torch from PyPI instead: `python dev.py setup --torch pypi` (on Linux that "
    "downloads about 2.7 GB more: PyPI's torch brings NVIDIA's CUDA libraries)"
)


def setup(
    venv: Path = VENV, platform: str = sys.platform, kind: str = LEARNER, torch: str | None = None
) -> Path:
    """Make ``venv`` and install a set of pinned packages and this package into it, once.

    ``kind`` is the set a command needs (``"learner"`` or ``"maintainer"``); ``torch``
    chooses where torch comes from on Linux (``"cpu-index"`` or ``"pypi"``; None keeps
    what the venv has). Returns the environment's Python. Quick when the stamp says the
    venv is what it should be.
    """
    stamp = read_stamp(venv)
    want = wanted_stamp(stamp, kind, torch, platform)
    python = Path(venv_python(venv))
    if stamp == want and python.exists() and venv_made_with(venv) == want["python"]:
        if any(
            (ROOT / n).is_file() and (ROOT / n).stat().st_mtime > (venv / STAMP_NAME).stat().st_mtime
            for n in SETUP_INPUTS
        ):
            (venv / STAMP_NAME).touch()  # for make, which compares the stamp's time with the files'
        return python
    why = venv_problem(venv, stamp)
    if why:
        remove_venv(venv, why)
        stamp = {}
    if not venv.exists():
        create_venv(venv)
    (venv / STAMP_NAME).unlink(missing_ok=True)  # until the packages are in
    files = requirement_files(platform, want["set"], want["torch"])
    print(
        f"dev.py: installing the {want['set']}'s pinned packages ({', '.join(files)}); "
        "the first time takes a few minutes",
        flush=True,
    )
    if TORCH_CPU_REQUIREMENTS in files:
        print(
            f"dev.py: on Linux, torch's CPU build comes from PyTorch's CPU wheel index ({CPU_INDEX})",
            flush=True,
        )
    for name in files:
        cpu = name == TORCH_CPU_REQUIREMENTS
        run(
            [python, *PIP, *(["--no-deps"] if cpu else []), "-r", name],
            f"installing {name}",
            PYPI_HINT if cpu else "",
        )
    run([python, *PIP, "--no-deps", "-e", "."], "installing bigram_helpers (pip install -e .)")
    (venv / STAMP_NAME).write_text(json.dumps(want, indent=1) + "\n", encoding="utf-8")
    return python


def data(python: Path, *, verify: bool = True, source: str | None = None) -> None:
    """Fetch and verify names.txt (from ``source``, a path or URL, if given); with
    ``verify=False``, only when it is missing (quick)."""
    if verify or source or not NAMES.is_file():
        extra = ["--source", source] if source else []
        run([python, "-m", "bigram_helpers.fetch", "--dest", NAMES, *extra], "fetching names.txt")


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def learner_copies(notebooks: Path = NOTEBOOKS, work: Path = WORK) -> tuple[list[Path], list[Path]]:
    """Copy each notebook that ``work`` lacks from ``notebooks`` (and its ``type-along/``).

    A copy that is there is never touched: it is the learner's work. Returns the copies
    made now and the copies whose notebook has changed since they were made (an update
    of the series), which the learner may want to start over from.
    """
    work.mkdir(exist_ok=True)
    record_path = work / COPIED_NAME
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {}
    made, stale = [], []
    for source in sorted(notebooks.glob("*.ipynb")) + sorted(notebooks.glob("type-along/*.ipynb")):
        relative = source.relative_to(notebooks).as_posix()
        copy = work / relative
        checksum = file_sha256(source)
        if not copy.exists():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy)
            record[relative] = checksum
            made.append(copy)
        elif record.get(relative) not in (None, checksum):
            stale.append(copy)
    record_path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return made, stale


def terminal_reaches(pid_group: int | None = None) -> bool:
    """Whether a Ctrl-C typed now reaches our child processes by itself.

    True on Windows (every process on the console gets it) and where this process's group
    is the foreground group of its terminal; False otherwise (no terminal, or started in
    the background), where dev.py passes the signal on itself.
    """
    if os.name == "nt":
        return True
    group = os.getpgrp() if pid_group is None else pid_group
    for fd in (0, 1, 2):
        try:
            if os.isatty(fd) and os.tcgetpgrp(fd) == group:
                return True
        except OSError:
            continue
    return False


def run_until_it_stops(args: list[str | PurePath], cwd: Path = ROOT) -> int:
    """Run a program that stops when asked (JupyterLab) until it exits by itself; return its code.

    Ctrl-C is the program's to handle: JupyterLab asks whether to shut down, then saves and
    removes its runtime files. Where the terminal's Ctrl-C reaches it by itself, dev.py only
    waits; elsewhere it passes the first interrupt on, once, and waits.
    """
    process = subprocess.Popen([str(a) for a in args], cwd=cwd)
    reaches = terminal_reaches()
    forwarded = False

    def on_interrupt(signum, frame) -> None:
        nonlocal forwarded
        if not reaches and not forwarded and process.poll() is None:
            forwarded = True
            process.send_signal(signal.SIGINT)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        return process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def lab_command(python: Path, extra: list[str], root: bool | None = None) -> list[str | PurePath]:
    """JupyterLab on the learner's copies, with Jupyter's ``--allow-root`` when run as root."""
    root = is_root() if root is None else root
    allow = ["--allow-root"] if root and "--allow-root" not in extra else []
    return [python, "-m", "jupyterlab", *allow, *extra, WORK.name]


def lab(python: Path, extra: list[str]) -> int:
    data(python)
    made, stale = learner_copies()
    where = WORK.relative_to(ROOT)
    if made:
        print(
            f"dev.py: copied {len(made)} notebook{'s' if len(made) != 1 else ''} into {where}/, "
            "where your work lives (git ignores it; delete a copy to start that notebook over)"
        )
    for copy in stale:
        print(
            f"dev.py: notebooks/{copy.relative_to(WORK).as_posix()} has changed since your copy "
            f"{copy.relative_to(ROOT).as_posix()} was made; to start over from the new one, "
            "rename or delete your copy and run `python dev.py lab` again"
        )
    return run_until_it_stops(lab_command(python, extra))


def lint(python: Path) -> None:
    run([python, "-m", "ruff", "check", "."], "ruff check")
    run([python, "-m", "ruff", "format", "--check", "."], "ruff format --check")


def workers_args(workers: str) -> list[str]:
    return [] if workers == "0" else ["-n", workers, "--dist", "loadfile"]


def test(python: Path, workers: str) -> None:
    """``pytest --nbval``: the unit tests and every notebook, over ``workers`` processes."""
    data(python, verify=False)  # every notebook's set-up cell verifies it
    run([python, "-m", "pytest", "--nbval", *workers_args(workers)], "pytest --nbval")


def check(python: Path, workers: str, everything: bool) -> None:
    """Lint, then the maintainer's tests (``--maintainer -m maintainer``), or with
    ``everything`` every test and notebook in one run."""
    lint(python)
    data(python, verify=False)
    select = ["--nbval"] if everything else ["-m", "maintainer"]
    run([python, "-m", "pytest", "--maintainer", *select, *workers_args(workers)], "the maintainer's check")


def kernel_env(python: Path) -> dict[str, str]:
    """The environment of the kernels that tests and ``notebooks`` start (one place:
    ``bigram_helpers.notebook.KERNEL_ENV``)."""
    out = subprocess.run(
        [
            str(python),
            "-c",
            "import json; from bigram_helpers.notebook import KERNEL_ENV; print(json.dumps(KERNEL_ENV))",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(out.stdout)


def notebooks(python: Path) -> None:
    """Re-run every notebook top to bottom, store its outputs, re-sync the pairs and the type-along copies."""
    data(python, verify=False)
    ipynbs = sorted(str(p.relative_to(ROOT)) for p in NOTEBOOKS.glob("*.ipynb"))
    run([python, "-m", "jupytext", "--sync", *ipynbs], "jupytext --sync")
    env = {**os.environ, **kernel_env(python)}
    run(
        [
            python,
            "-m",
            "jupyter",
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--inplace",
            "--ExecutePreprocessor.record_timing=False",
            *ipynbs,
        ],
        "running the notebooks",
        env=env,
    )
    run([python, "-m", "jupytext", "--sync", *ipynbs], "jupytext --sync")
    type_along(python)


def type_along(python: Path) -> None:
    run([python, "tools/type_along.py"], "writing notebooks/type-along/")


def clean() -> None:
    for name in (".venv", ".pytest_cache", ".ruff_cache", ".hypothesis", "build/book", "book/node_modules"):
        shutil.rmtree(ROOT / name, ignore_errors=True)
    print(f"dev.py: removed .venv, the caches and the built book ({WORK.name}/, your work, is kept)")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python dev.py",
        description="Set up and run the makemore-bigram series with nothing but Python "
        "(each command sets up what it needs first, once).",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    s = sub.add_parser("setup", help="make .venv and install the pinned packages and bigram_helpers")
    s.add_argument(
        "--torch",
        choices=TORCH_SOURCES,
        default=None,
        help=f"where torch comes from on Linux: PyTorch's CPU index ({CPU_INDEX}, the default) "
        "or PyPI (where that index cannot be reached; about 2.7 GB more); remembered",
    )
    s.add_argument(
        "--maintainer", action="store_true", help="the maintainer's packages too (requirements-dev.txt)"
    )
    d = sub.add_parser("data", help="fetch and verify names.txt")
    d.add_argument(
        "--source",
        metavar="PATH_OR_URL",
        help="a copy of names.txt you have, or a URL (default: $NAMES_TXT_SOURCE, else GitHub)",
    )
    sub.add_parser(
        "lab",
        help=f"open your copies of the notebooks ({WORK.name}/) in JupyterLab; "
        "further arguments go to JupyterLab",
        add_help=False,
    )
    t = sub.add_parser("test", help="check the installation: pytest --nbval (unit tests and every notebook)")
    c = sub.add_parser("check", help="the maintainer's check: lint, then the tests `test` leaves out")
    c.add_argument(
        "--all",
        dest="everything",
        action="store_true",
        help="lint, then every test and notebook in one run (`test` and `check` together)",
    )
    for q in (t, c):
        q.add_argument(
            "--workers",
            default="auto",
            help="pytest-xdist processes (default: auto, one per core; 0: one file at a time, as typed)",
        )
    sub.add_parser("lint", help="ruff check and ruff format --check")
    sub.add_parser("format", help="apply ruff's formatting and fixable lint")
    sub.add_parser("nbval", help="the notebooks alone under nbval, side by side")
    sub.add_parser(
        "notebooks", help="re-run every notebook and store its outputs (then the pairs and type-along)"
    )
    sub.add_parser("type-along", help="write notebooks/type-along/ from the stored notebooks")
    sub.add_parser("bench", help="time the helpers against the lesson's loops, and the command line")
    sub.add_parser("bench-notebooks", help="time the series under nbval against the one-notebook lesson")
    sub.add_parser("clean", help=f"remove .venv, the caches and the built book (not {WORK.name}/)")
    return p


MAINTAINER_COMMANDS = {"check", "lint", "format", "bench", "bench-notebooks"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if sys.version_info < MIN_PYTHON:
        need = ".".join(map(str, MIN_PYTHON))
        print(
            f"error: this project needs Python {need} or newer; this is {sys.version.split()[0]}. "
            f"Install Python {need}+ from python.org and run the command with it.",
            file=sys.stderr,
        )
        return 2
    extra: list[str] = []
    if argv[:1] == ["lab"]:  # everything after `lab` is JupyterLab's
        argv, extra = argv[:1], argv[1:]
        if extra in (["-h"], ["--help"]):
            print(
                f"usage: python dev.py lab [JUPYTERLAB_OPTIONS...]\n\nOpens {WORK.name}/ (your copies of "
                "the notebooks) in JupyterLab; options go to JupyterLab (`--port 8899`, `--no-browser`). "
                "As root, Jupyter's --allow-root is added."
            )
            return 0
    args = parser().parse_args(argv)
    try:
        if args.command == "clean":
            clean()
            return 0
        kind = (
            MAINTAINER
            if args.command in MAINTAINER_COMMANDS or getattr(args, "maintainer", False)
            else LEARNER
        )
        python = setup(kind=kind, torch=getattr(args, "torch", None))
        if args.command == "data":
            data(python, source=args.source)
        elif args.command == "lab":
            return lab(python, extra)
        elif args.command == "lint":
            lint(python)
        elif args.command == "format":
            run([python, "-m", "ruff", "format", "."], "ruff format")
            run([python, "-m", "ruff", "check", "--fix", "."], "ruff check --fix")
        elif args.command == "test":
            test(python, args.workers)
        elif args.command == "check":
            check(python, args.workers, args.everything)
        elif args.command == "nbval":
            data(python, verify=False)
            run(
                [
                    python,
                    "-m",
                    "pytest",
                    "-p",
                    "no:hypothesispytest",
                    "--nbval",
                    "-n",
                    "auto",
                    "--dist",
                    "loadfile",
                    "notebooks/",
                ],
                "pytest --nbval notebooks/",
            )
        elif args.command == "notebooks":
            notebooks(python)
        elif args.command == "type-along":
            type_along(python)
        elif args.command == "bench":
            data(python, verify=False)
            run([python, "benchmarks/bench.py"], "benchmarks/bench.py")
            run([python, "benchmarks/scale.py"], "benchmarks/scale.py")
        elif args.command == "bench-notebooks":
            data(python, verify=False)
            run([python, "benchmarks/notebook_time.py"], "benchmarks/notebook_time.py")
    except SetupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
