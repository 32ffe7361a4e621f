"""``dev.py``, the README's commands with nothing but Python: its choices for every platform.

What can be checked here without a Mac or a Windows machine: the paths it uses inside a
Windows virtual environment, which requirement files each platform installs, and that
the file Linux reads asks for torch's CPU build, from PyTorch's CPU index, at the very
version that ``requirements.txt`` pins (the version the stored outputs were made with),
while macOS and Windows read PyPI's torch only. ``tests/test_fresh_setup.py`` runs the
commands for real, in a fresh clone with make and bash off ``PATH``.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from lesson_reference import ROOT

CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def load_dev():
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


dev = load_dev()


def requirement_lines(name: str) -> list[str]:
    """The lines pip reads from a requirement file: no comments, no blank lines."""
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return [line.split(" #")[0].strip() for line in lines if line.strip() and not line.startswith("#")]


def torch_requirements(name: str) -> list[str]:
    return [line for line in requirement_lines(name) if re.match(r"torch\b", line)]


def pinned_torch() -> str:
    (line,) = torch_requirements("requirements.txt")
    m = re.fullmatch(r"torch==(\d+\.\d+\.\d+)", line)
    assert m, f"requirements.txt should pin torch exactly, with no build label: {line!r}"
    return m[1]


def test_windows_venv_uses_scripts_and_exe():
    venv = PureWindowsPath(r"C:\Users\ada\makemore-bigram\.venv")
    python = r"C:\Users\ada\makemore-bigram\.venv\Scripts\python.exe"
    assert str(dev.venv_python(venv, windows=True)) == python
    assert str(dev.venv_bin(venv, windows=True)) == r"C:\Users\ada\makemore-bigram\.venv\Scripts"


def test_linux_and_macos_venv_use_bin():
    venv = PurePosixPath("/home/ada/makemore-bigram/.venv")
    assert str(dev.venv_python(venv, windows=False)) == "/home/ada/makemore-bigram/.venv/bin/python"
    assert str(dev.venv_bin(venv, windows=False)) == "/home/ada/makemore-bigram/.venv/bin"


def test_this_machine_gets_a_python_that_exists_after_setup():
    assert Path(dev.venv_python(dev.VENV)).exists(), "run `python dev.py setup` first"


def test_linux_reads_the_cpu_build_first_then_the_pins():
    assert dev.requirement_files("linux") == ["requirements-torch-cpu.txt", "requirements.txt"]


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_macos_and_windows_read_pypis_torch_only(platform):
    files = dev.requirement_files(platform)
    assert files == ["requirements.txt"]
    for name in files:
        assert all("download.pytorch.org" not in line for line in requirement_lines(name))
        assert all("+cpu" not in line for line in torch_requirements(name)), torch_requirements(name)


def test_linux_torch_is_the_cpu_build_of_the_pinned_version_from_the_cpu_index():
    lines = requirement_lines("requirements-torch-cpu.txt")
    assert torch_requirements("requirements-torch-cpu.txt") == [f"torch=={pinned_torch()}+cpu"]
    assert f"--index-url {CPU_INDEX}" in lines
    others = [line for line in lines if not line.startswith("--") and not line.startswith("torch")]
    assert others == [], f"only torch should come from PyTorch's index: {others}"


def test_the_checksum_follows_the_requirement_files(tmp_path):
    for name in dev.SETUP_INPUTS:
        (tmp_path / name).write_text("x\n")
    before = dev.setup_checksum(tmp_path, "linux")
    assert dev.setup_checksum(tmp_path, "linux") == before
    assert dev.setup_checksum(tmp_path, "darwin") != before, "a venv made for one platform is not another's"
    (tmp_path / "requirements-torch-cpu.txt").write_text("y\n")
    assert dev.setup_checksum(tmp_path, "linux") != before


def test_makefile_sets_up_through_dev_py_only():
    """One place says how to set up: the Makefile's set-up targets call dev.py and no pip."""
    makefile = (ROOT / "Makefile").read_text()
    stamp_rule = re.search(r"^\$\(STAMP\):.*\n((?:\t.*\n)+)", makefile, re.M)
    assert stamp_rule and stamp_rule[1].strip() == "$(DEV) setup", stamp_rule
    for target in ("setup", "data", "lab", "lint", "test"):
        recipe = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.M)
        assert recipe and recipe[1].strip().startswith(f"$(DEV) {target}"), (target, recipe)
    prerequisites = re.search(r"^\$\(STAMP\):(.*)$", makefile, re.M)[1].split()
    assert set(dev.SETUP_INPUTS) <= set(prerequisites), "make must notice when a requirement file changes"


def test_an_old_python_gets_a_clear_error(monkeypatch, capsys):
    monkeypatch.setattr(dev, "MIN_PYTHON", (99, 0))
    assert dev.main(["setup"]) == 2
    err = capsys.readouterr().err
    assert "Python 99.0 or newer" in err and "python.org" in err


def test_a_failed_step_names_itself(tmp_path):
    with pytest.raises(dev.SetupError, match=r"installing nothing failed \(exit code 3\)"):
        dev.run([dev.sys.executable, "-c", "raise SystemExit(3)"], "installing nothing")
    with pytest.raises(dev.SetupError, match="could not start"):
        dev.run([tmp_path / "no-such-program"], "a missing program")


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_setup_installs_torch_alone_from_the_cpu_index_on_linux_only(platform, tmp_path, monkeypatch):
    """The commands a fresh set-up runs, recorded instead of run."""
    ran = []
    monkeypatch.setattr(dev, "run", lambda args, what, hint="": ran.append([str(a) for a in args]))
    venv = tmp_path / ".venv"
    venv.mkdir()  # `python -m venv` is recorded, not run; the stamp goes here
    dev.setup(venv, platform)
    installs = [" ".join(args[args.index("install") + 1 :]) for args in ran if "install" in args]
    flags = "--quiet --disable-pip-version-check"
    expected = [f"{flags} -r requirements.txt", f"{flags} --no-deps -e ."]
    if platform == "linux":
        expected.insert(0, f"{flags} --no-deps -r requirements-torch-cpu.txt")
    assert installs == expected
    assert ran[0][1:3] == ["-m", "venv"]
    assert (venv / dev.STAMP_NAME).read_text().strip() == dev.setup_checksum(dev.ROOT, platform)
