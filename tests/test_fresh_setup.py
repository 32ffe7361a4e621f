"""A newcomer's first run: clone the repository and run the README's test command from nothing.

This clones what is committed (not the working tree) into a temporary folder with
``shared/`` beside it, as CI lays it out, and runs the command the README's quick start
gives for testing: a new virtual environment, the pinned packages, the package, the
data and every test. It takes minutes, so it runs only in CI (``CI=true``) or when
``RUN_FRESH_SETUP=1``; inside that run it skips itself, so it never recurses.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INNER = "BIGRAM_FRESH_SETUP_INNER"

SLOW = os.environ.get("CI") != "true" and os.environ.get("RUN_FRESH_SETUP") != "1"


def quick_start_commands(readme: str) -> list[str]:
    """The commands in the first fenced block under the README's '## Quick start'."""
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```[a-z]*\n(.*?)```", section, re.S)
    assert block, "README's Quick start has no fenced block of commands"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_readme_quick_start_is_two_commands():
    commands = quick_start_commands((ROOT / "README.md").read_text())
    assert len(commands) == 2, commands
    assert any("lab" in c for c in commands) and any("test" in c for c in commands)


@pytest.mark.skipif(os.environ.get(INNER) == "1", reason="already inside the fresh-setup run")
@pytest.mark.skipif(SLOW, reason="slow (new venv and full test run): set RUN_FRESH_SETUP=1, or CI=true")
def test_fresh_clone_passes_the_readme_test_command(tmp_path):
    shared = ROOT.parent / "shared"
    if not (shared / "data" / "names.txt").is_file():
        pytest.fail(f"{shared}/data/names.txt is missing: CI lays shared/ beside the repository")
    (command,) = [c for c in quick_start_commands((ROOT / "README.md").read_text()) if "test" in c]
    clone = tmp_path / "repo"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    os.symlink(shared, tmp_path / "shared")

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"VIRTUAL_ENV", "PYTHONPATH", "MAKEFLAGS", "MAKELEVEL"}
    }
    venv_bin = str(ROOT / ".venv" / "bin")
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    env[INNER] = "1"
    env["NAMES_TXT_SOURCE"] = str(tmp_path / "shared" / "data" / "names.txt")  # CI has no internet
    result = subprocess.run(
        command, shell=True, cwd=clone, env=env, capture_output=True, text=True, timeout=40 * 60
    )
    log = result.stdout[-6000:] + "\n--- stderr ---\n" + result.stderr[-6000:]
    assert result.returncode == 0, f"`{command}` failed in a fresh clone:\n{log}"
    assert (clone / ".venv" / "bin" / "python").exists(), "the test command did not make its own venv"
    assert (clone / "names.txt").is_file()
    assert re.search(r"\d+ passed", result.stdout), log
    shutil.rmtree(clone / ".venv", ignore_errors=True)
