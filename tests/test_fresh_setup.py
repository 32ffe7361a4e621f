"""A newcomer's first run: clone the repository and run the README's test command from nothing.

This clones what is committed (not the working tree) into a temporary folder with
``shared/`` beside it, as CI lays it out, and runs the command the README's quick start
gives for testing: a new virtual environment, the pinned packages, the package, the
data and every test. It runs it as a learner without make and bash would (what a
Windows laptop lacks): with no shell, and a ``PATH`` from which make, bash and whatever
needs bash are gone. It takes minutes, so it runs only in CI here (``CI=true`` with
``../shared`` beside the repository) or when ``RUN_FRESH_SETUP=1``; on GitHub each job
is itself a fresh clone that runs the README's commands, on Linux, macOS and Windows.
Inside that run it skips itself, so it never recurses.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INNER = "BIGRAM_FRESH_SETUP_INNER"

SHARED = ROOT.parent / "shared"
ON_GITHUB = os.environ.get("GITHUB_ACTIONS") == "true"
SLOW = os.environ.get("RUN_FRESH_SETUP") != "1" and (os.environ.get("CI") != "true" or ON_GITHUB)


def quick_start_commands(readme: str) -> list[str]:
    """The commands in the first fenced block under the README's '## Quick start'."""
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```[a-z]*\n(.*?)```", section, re.S)
    assert block, "README's Quick start has no fenced block of commands"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_readme_quick_start_is_two_commands():
    commands = quick_start_commands((ROOT / "README.md").read_text())
    assert commands == ["python dev.py lab", "python dev.py test"], commands


HIDDEN = {"make", "gmake", "bash"}


def _needs_bash(path: Path) -> bool:
    """A script whose first line runs bash (pyenv's shims, say): gone with bash."""
    try:
        with path.open("rb") as f:
            return b"bash" in f.readline()
    except OSError:
        return True


def path_without_make_and_bash(bin_dir: Path) -> str:
    """A ``PATH`` of one folder: ``python`` and ``python3`` link to this Python's base
    interpreter, and every other program on this ``PATH`` is linked too (the first of each
    name), except make, bash, what needs bash, and the programs of this venv."""
    base = Path(getattr(sys, "_base_executable", sys.executable)).resolve()
    bin_dir.mkdir()
    for name in ("python", "python3"):
        os.symlink(base, bin_dir / name)
    venv_bin = Path(sys.executable).parent
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if not folder or Path(folder) == venv_bin or not Path(folder).is_dir():
            continue
        for program in sorted(Path(folder).iterdir()):
            link = bin_dir / program.name
            if program.name in HIDDEN or link.exists() or link.is_symlink():
                continue
            if program.is_file() and os.access(program, os.X_OK) and not _needs_bash(program):
                os.symlink(program.resolve(), link)
    return str(bin_dir)


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need extra rights on Windows")
def test_the_path_has_python_but_no_make_and_no_bash(tmp_path):
    path = path_without_make_and_bash(tmp_path / "bin")
    for tool in HIDDEN:
        assert shutil.which(tool, path=path) is None, tool
    if shutil.which("cat"):
        assert shutil.which("cat", path=path), "the other programs stay"
    out = subprocess.run(
        [shutil.which("python", path=path), "-c", "import sys, venv; print(sys.version_info >= (3, 11))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "True", "the linked Python must run as itself (3.11+, with venv)"


@pytest.mark.maintainer  # minutes: the maintainer's check (conftest.py)
@pytest.mark.skipif(os.environ.get(INNER) == "1", reason="already inside the fresh-setup run")
@pytest.mark.skipif(SLOW, reason="slow (new venv and full test run): set RUN_FRESH_SETUP=1, or CI=true")
def test_fresh_clone_passes_the_readme_test_command(tmp_path):
    if not (SHARED / "data" / "names.txt").is_file():
        pytest.fail(f"{SHARED}/data/names.txt is missing: CI lays shared/ beside the repository")
    (command,) = [c for c in quick_start_commands((ROOT / "README.md").read_text()) if "test" in c]
    clone = tmp_path / "repo"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    os.symlink(SHARED, tmp_path / "shared")

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"VIRTUAL_ENV", "PYTHONPATH", "MAKEFLAGS", "MAKELEVEL", "PYTHON"}
    }
    env["PATH"] = path_without_make_and_bash(tmp_path / "bin")  # and no venv of ours
    env[INNER] = "1"
    env["NAMES_TXT_SOURCE"] = str(tmp_path / "shared" / "data" / "names.txt")  # CI has no internet
    args = shlex.split(command)
    args[0] = shutil.which(args[0], path=env["PATH"])  # as a learner's terminal finds it; no shell
    result = subprocess.run(args, cwd=clone, env=env, capture_output=True, text=True, timeout=40 * 60)
    log = result.stdout[-6000:] + "\n--- stderr ---\n" + result.stderr[-6000:]
    assert result.returncode == 0, f"`{command}` failed in a fresh clone without make and bash:\n{log}"
    assert (clone / ".venv" / "bin" / "python").exists(), "the test command did not make its own venv"
    assert (clone / "names.txt").is_file()
    assert re.search(r"\d+ passed", result.stdout), log
    # The other quick-start command, as far as it goes without a browser: set-up is done, the
    # learner's copies are made, and JupyterLab starts with the arguments passed on (as root
    # too: dev.py adds Jupyter's --allow-root).
    lab = [args[0], "dev.py", "lab", "--version"]
    result = subprocess.run(lab, cwd=clone, env=env, capture_output=True, text=True, timeout=300)
    said = result.stdout + result.stderr
    assert result.returncode == 0 and re.search(r"^\d+\.\d+", result.stdout, re.M), said
    lesson = sorted(p.name for p in (clone / "notebooks").glob("*.ipynb"))
    assert sorted(p.name for p in (clone / "my-notebooks").glob("*.ipynb")) == lesson
    shutil.rmtree(clone / ".venv", ignore_errors=True)
