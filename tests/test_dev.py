"""``dev.py``, the README's commands with nothing but Python: its choices for every platform.

What can be checked here without a Mac or a Windows machine: the paths it uses inside a
Windows virtual environment, which requirement files each platform installs, and that
the file Linux reads asks for torch's CPU build, from PyTorch's CPU index, at the very
version that ``requirements.txt`` pins (the version the stored outputs were made with),
while macOS and Windows read PyPI's torch only; the learner's packages and the
maintainer's; a set-up that heals (the stamp, a venv from another Python or without pip);
JupyterLab as root, with its own Ctrl-C, on the learner's copies of the notebooks.
``tests/test_fresh_setup.py`` runs the commands for real, in a fresh clone with make and
bash off ``PATH``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import signal
import sys
import time
import tomllib
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
    assert dev.requirement_files("linux", "maintainer") == [
        "requirements-torch-cpu.txt",
        "requirements-dev.txt",
    ]


def test_torch_from_pypi_reads_the_pins_only():
    assert dev.requirement_files("linux", "learner", "pypi") == ["requirements.txt"]


MAINTAINER_TOOLS = {"playwright", "ruff", "zizmor", "check-jsonschema"}


def package_names(name: str) -> set[str]:
    return {
        re.split(r"[=<>\[ ]", line)[0].lower() for line in requirement_lines(name) if not line.startswith("-")
    }


def test_a_learner_gets_the_lesson_jupyterlab_and_the_tests_and_no_maintainer_tools():
    learner = package_names("requirements.txt")
    assert {"torch", "matplotlib", "ipympl", "nbval", "jupytext", "jupyterlab", "pytest"} <= learner
    assert not learner & MAINTAINER_TOOLS, learner & MAINTAINER_TOOLS


def test_a_maintainer_adds_the_tools_to_the_learners_set():
    lines = requirement_lines("requirements-dev.txt")
    assert "-r requirements.txt" in lines
    assert package_names("requirements-dev.txt") == MAINTAINER_TOOLS
    assert all(re.fullmatch(r"[\w.-]+==[\w.]+", line) for line in lines if not line.startswith("-")), lines


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


def test_every_make_target_calls_dev_py_or_ci_run():
    """One place says each command: a Makefile recipe is `python dev.py ...` or `bash .ci/run ...`."""
    makefile = (ROOT / "Makefile").read_text()
    recipes = re.findall(r"^([\w-]+):.*\n((?:\t.*\n)+)", makefile, re.M)
    assert len(recipes) > 10
    for target, body in recipes:
        for line in body.strip().splitlines():
            line = line.strip()
            if target == "help":
                assert line.startswith("@echo "), line
            else:
                assert re.match(r"(\$\(DEV\) |bash \.ci/run )", line), (target, line)


def test_one_python_floor_everywhere():
    floor = ".".join(map(str, dev.MIN_PYTHON))
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert pyproject["project"]["requires-python"] == f">={floor}"
    assert pyproject["tool"]["ruff"]["target-version"] == "py" + floor.replace(".", "")
    assert f"Python {floor} or newer" in (ROOT / "README.md").read_text()
    ci = (ROOT / ".github" / "workflows" / "ci.yml").read_text()
    assert set(re.findall(r'python-version: "([\d.]+)"', ci)) == {floor}


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
    ran = record_setup(monkeypatch)
    venv = tmp_path / ".venv"
    dev.setup(venv, platform)
    installs = [" ".join(args[args.index("install") + 1 :]) for args in ran if "install" in args]
    flags = "--quiet --disable-pip-version-check"
    expected = [f"{flags} -r requirements.txt", f"{flags} --no-deps -e ."]
    if platform == "linux":
        expected.insert(0, f"{flags} --no-deps -r requirements-torch-cpu.txt")
    assert installs == expected
    assert ran[0][1:3] == ["-m", "venv"]
    stamp = json.loads((venv / dev.STAMP_NAME).read_text())
    assert stamp == {
        "python": f"{sys.version_info[0]}.{sys.version_info[1]}",
        "pip": True,
        "set": "learner",
        "torch": "cpu-index",
        "inputs": dev.setup_checksum(dev.ROOT, platform),
    }


def fake_venv(venv: Path, version: str = f"{sys.version_info[0]}.{sys.version_info[1]}.0") -> None:
    """What `python -m venv` leaves: pyvenv.cfg and the venv's Python."""
    python = Path(dev.venv_python(venv))
    python.parent.mkdir(parents=True)
    python.write_text("")
    (venv / "pyvenv.cfg").write_text(
        f"home = /usr/bin\ninclude-system-site-packages = false\nversion = {version}\n"
    )


def record_setup(monkeypatch) -> list[list[str]]:
    """Record what set-up runs instead of running it; making the venv makes a fake one."""
    ran: list[list[str]] = []

    def create(venv):
        ran.append(["python", "-m", "venv", str(venv)])
        fake_venv(venv)

    monkeypatch.setattr(dev, "create_venv", create)
    monkeypatch.setattr(dev, "run", lambda args, what, hint="", env=None: ran.append([str(a) for a in args]))
    return ran


def test_a_set_up_venv_is_used_as_it_is(tmp_path, monkeypatch):
    ran = record_setup(monkeypatch)
    venv = tmp_path / ".venv"
    dev.setup(venv, "linux")
    ran.clear()
    assert dev.setup(venv, "linux") == Path(dev.venv_python(venv))
    assert ran == [], "a venv whose stamp matches needs nothing"


def test_a_venv_of_another_python_is_made_again(tmp_path, monkeypatch, capsys):
    ran = record_setup(monkeypatch)
    venv = tmp_path / ".venv"
    dev.setup(venv, "linux")
    stamp = json.loads((venv / dev.STAMP_NAME).read_text())
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\nversion = 3.12.4\n")  # the learner's first try
    (venv / "leftover").write_text("")
    ran.clear()
    dev.setup(venv, "linux")
    assert "was made with Python 3.12, and this is Python" in capsys.readouterr().out
    assert not (venv / "leftover").exists(), "the old venv is removed"
    assert ran[0][1:3] == ["-m", "venv"] and json.loads((venv / dev.STAMP_NAME).read_text()) == stamp


def test_a_venv_without_pip_is_made_again(tmp_path, monkeypatch):
    """Debian's venv without ensurepip leaves a venv with no pip: found, and made again."""
    import venv as venv_module

    venv = tmp_path / ".venv"
    venv_module.create(venv, with_pip=False)
    assert dev.venv_problem(venv, {}) == "has no working pip (it was left half-made)"
    ran = record_setup(monkeypatch)
    dev.setup(venv, "linux")
    assert ran[0][1:3] == ["-m", "venv"]


def test_a_folder_that_is_not_a_venv_is_not_touched(tmp_path, monkeypatch):
    venv = tmp_path / ".venv"
    venv.mkdir()
    (venv / "my-file.txt").write_text("mine")
    record_setup(monkeypatch)
    with pytest.raises(dev.SetupError, match=rf"has no pyvenv.cfg.*delete the folder {re.escape(str(venv))}"):
        dev.setup(venv, "linux")
    assert (venv / "my-file.txt").read_text() == "mine"


def test_a_venv_that_python_cannot_make_is_removed_and_the_fix_named(tmp_path, monkeypatch):
    """As on Debian without python3-venv: `python -m venv` fails half way; the message names the package."""

    class Done:
        returncode = 1

    def half_made(args, **kwargs):
        fake_venv(Path(args[-1]))
        return Done()

    monkeypatch.setattr(dev.subprocess, "run", half_made)
    venv = tmp_path / ".venv"
    v = f"{sys.version_info[0]}.{sys.version_info[1]}"
    with pytest.raises(dev.SetupError, match=rf"sudo apt install python{v}-venv"):
        dev.create_venv(venv)
    assert not venv.exists()


def test_a_failed_install_is_tried_again_next_time(tmp_path, monkeypatch):
    record_setup(monkeypatch)
    venv = tmp_path / ".venv"
    dev.setup(venv, "linux")

    def fail(args, what, hint="", env=None):
        raise dev.SetupError(f"{what} failed{hint}")

    (venv / dev.STAMP_NAME).write_text("{}")  # a requirement changed, say
    monkeypatch.setattr(dev, "run", fail)
    with pytest.raises(
        dev.SetupError, match=r"requirements-torch-cpu.txt failed.*`python dev.py setup --torch pypi`"
    ):
        dev.setup(venv, "linux")
    assert not (venv / dev.STAMP_NAME).exists(), "no stamp until every package is in"


def test_torch_from_pypi_is_remembered(tmp_path, monkeypatch):
    ran = record_setup(monkeypatch)
    venv = tmp_path / ".venv"
    dev.setup(venv, "linux", torch="pypi")
    assert not any("requirements-torch-cpu.txt" in args for args in ran)
    assert json.loads((venv / dev.STAMP_NAME).read_text())["torch"] == "pypi"
    ran.clear()
    dev.setup(venv, "linux")  # `python dev.py lab` afterwards: nothing to do
    assert ran == []


def test_a_maintainer_command_adds_the_maintainers_set_and_keeps_it(tmp_path, monkeypatch):
    ran = record_setup(monkeypatch)
    venv = tmp_path / ".venv"
    dev.setup(venv, "darwin")
    ran.clear()
    dev.setup(venv, "darwin", kind="maintainer")
    assert any(args[-2:] == ["-r", "requirements-dev.txt"] for args in ran)
    ran.clear()
    dev.setup(venv, "darwin")  # a learner's command on a maintainer's venv
    assert ran == []


def test_the_learners_test_does_not_lint_and_the_maintainers_check_does(monkeypatch):
    ran = []
    monkeypatch.setattr(dev, "setup", lambda **kwargs: ran.append(["setup", kwargs["kind"]]) or Path("py"))
    monkeypatch.setattr(dev, "run", lambda args, what, hint="", env=None: ran.append([str(a) for a in args]))
    monkeypatch.setattr(dev, "NAMES", Path(__file__))  # there: no fetch
    assert dev.main(["test", "--workers", "0"]) == 0
    assert ran == [["setup", "learner"], ["py", "-m", "pytest", "--nbval"]]
    ran.clear()
    assert dev.main(["check"]) == 0
    assert ran[0] == ["setup", "maintainer"]
    assert [args[2] for args in ran[1:]] == ["ruff", "ruff", "pytest"]
    assert ran[-1][3:] == ["--maintainer", "-m", "maintainer", "-n", "auto", "--dist", "loadfile"]


def test_data_takes_a_source_in_any_shell(monkeypatch):
    ran = []
    monkeypatch.setattr(dev, "setup", lambda **kwargs: Path("py"))
    monkeypatch.setattr(dev, "run", lambda args, what, hint="", env=None: ran.append([str(a) for a in args]))
    assert dev.main(["data", "--source", "Downloads/names.txt"]) == 0
    assert ran == [
        ["py", "-m", "bigram_helpers.fetch", "--dest", str(dev.NAMES), "--source", "Downloads/names.txt"]
    ]


def test_lab_adds_allow_root_for_root_and_passes_the_rest_on():
    as_root = dev.lab_command(Path("py"), ["--port", "8899"], root=True)
    assert as_root == [Path("py"), "-m", "jupyterlab", "--allow-root", "--port", "8899", "my-notebooks"]
    assert "--allow-root" not in dev.lab_command(Path("py"), [], root=False)
    assert dev.lab_command(Path("py"), ["--allow-root"], root=True).count("--allow-root") == 1


def test_lab_hands_every_further_argument_to_jupyterlab(monkeypatch):
    seen = []
    monkeypatch.setattr(dev, "setup", lambda **kwargs: Path("py"))
    monkeypatch.setattr(dev, "lab", lambda python, extra: seen.append(extra) or 0)
    assert dev.main(["lab", "--allow-root", "--no-browser", "--ServerApp.port=8899"]) == 0
    assert seen == [["--allow-root", "--no-browser", "--ServerApp.port=8899"]]


def test_learner_copies_are_made_once_and_never_overwritten(tmp_path):
    notebooks, work = tmp_path / "notebooks", tmp_path / "my-notebooks"
    (notebooks / "type-along").mkdir(parents=True)
    (notebooks / "01_a.ipynb").write_text("lesson 1")
    (notebooks / "type-along" / "01_a.ipynb").write_text("type along 1")
    made, stale = dev.learner_copies(notebooks, work)
    assert sorted(p.relative_to(work).as_posix() for p in made) == ["01_a.ipynb", "type-along/01_a.ipynb"]
    assert stale == []
    (work / "01_a.ipynb").write_text("my answers")  # the learner's work, saved
    (notebooks / "01_a.ipynb").write_text("lesson 1, updated")  # a `git pull`
    (notebooks / "02_b.ipynb").write_text("lesson 2")  # a new notebook
    made, stale = dev.learner_copies(notebooks, work)
    assert [p.name for p in made] == ["02_b.ipynb"] and stale == [work / "01_a.ipynb"]
    assert (work / "01_a.ipynb").read_text() == "my answers"
    (work / "01_a.ipynb").unlink()  # start over
    made, stale = dev.learner_copies(notebooks, work)
    assert (work / "01_a.ipynb").read_text() == "lesson 1, updated" and stale == []


def test_the_learners_copies_are_outside_the_tests_lint_and_git():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    testpaths = pyproject["tool"]["pytest"]["ini_options"]["testpaths"]
    assert all(not dev.WORK.name.startswith(path) for path in testpaths), testpaths
    assert dev.WORK.name in pyproject["tool"]["ruff"]["extend-exclude"]
    assert f"/{dev.WORK.name}/" in (ROOT / ".gitignore").read_text().splitlines()


# A stand-in for JupyterLab's Ctrl-C: on the first SIGINT it asks, reads the answer from its
# terminal and cleans up; a second SIGINT (one passed on by dev.py as well) it reports. The
# handler only notes the signal: a print inside it could land while "ready" is still being
# written, and Python refuses that (a reentrant call on stdout).
FAKE_LAB = """
import signal, sys, time
seen = []
signal.signal(signal.SIGINT, lambda signum, frame: seen.append(signum))
print("ready", flush=True)
while not seen:
    time.sleep(0.05)
print("Shut down? (y/[n])", flush=True)
answer = sys.stdin.readline() if sys.stdin.isatty() else "y"
time.sleep(0.3)
if len(seen) > 1:
    print("SECOND SIGINT", flush=True)
print("cleaned up after", answer.strip(), len(seen), flush=True)
sys.exit(0)
"""

DRIVER = (
    "import sys; sys.path.insert(0, {root!r}); import dev; "
    "sys.exit(dev.run_until_it_stops([sys.executable, '-c', {lab!r}]))"
)


@pytest.mark.skipif(os.name == "nt", reason="a POSIX terminal")
def test_ctrl_c_in_a_terminal_is_jupyterlabs_to_answer(tmp_path):
    """Ctrl-C typed in a terminal reaches dev.py and JupyterLab alike: dev.py only waits, so
    JupyterLab asks its question, gets the answer and shuts down by itself."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: dev.py on a terminal of its own
        os.execv(sys.executable, [sys.executable, "-c", DRIVER.format(root=str(ROOT), lab=FAKE_LAB)])
    out = b""

    def read_until(text: bytes, seconds: float = 30) -> None:
        nonlocal out
        end = time.monotonic() + seconds
        while text not in out and time.monotonic() < end:
            try:
                out += os.read(fd, 1024)
            except OSError:
                break
        assert text in out, out

    read_until(b"ready")
    os.write(fd, b"\x03")  # Ctrl-C, as typed
    read_until(b"Shut down?")
    os.write(fd, b"y\n")
    read_until(b"cleaned up after y 1")
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, out
    assert b"SECOND SIGINT" not in out and b"Traceback" not in out, out


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
def test_an_interrupt_without_a_terminal_is_passed_on_once(tmp_path):
    """Where no terminal passes Ctrl-C to JupyterLab (a service manager, `kill -INT`), dev.py
    passes the first one on and waits for JupyterLab to finish by itself."""
    import subprocess

    driver = subprocess.Popen(
        [sys.executable, "-c", DRIVER.format(root=str(ROOT), lab=FAKE_LAB)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        start_new_session=True,  # no terminal
    )
    assert driver.stdout.readline().strip() == b"ready"
    driver.send_signal(signal.SIGINT)
    time.sleep(0.1)
    driver.send_signal(signal.SIGINT)  # a second one is not passed on
    out, _ = driver.communicate(timeout=30)
    assert driver.returncode == 0
    assert out.decode().splitlines() == ["Shut down? (y/[n])", "cleaned up after y 1"]
