"""The notebooks' set-up: one short cell, then ``start_notebook`` picks the data and the figure mode."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lesson_reference import NAMES, ROOT

import bigram_helpers.notebook as nb
from bigram_helpers.fetch import NAMES_SHA256, FetchError, sha256_of

IPYNBS = sorted((ROOT / "notebooks").glob("*.ipynb"))
REPO_URL = "https://github.com/makemore-bigram/makemore-bigram"


class FakeShell:
    """Records the line magics a notebook's set-up runs, as IPython's shell would run them."""

    def __init__(self) -> None:
        self.magics: list[tuple[str, str]] = []

    def run_line_magic(self, name: str, line: str) -> None:
        self.magics.append((name, line))


@pytest.fixture
def shell(monkeypatch) -> FakeShell:
    import IPython

    fake = FakeShell()
    monkeypatch.setattr(IPython, "get_ipython", lambda: fake)
    return fake


def first_code_cell(ipynb: Path) -> str:
    cells = json.loads(ipynb.read_text(encoding="utf-8"))["cells"]
    return "".join(next(c for c in cells if c["cell_type"] == "code")["source"])


def test_names_txt_lives_at_the_repository_root():
    assert nb.names_txt_path() == ROOT / "names.txt"


@pytest.mark.parametrize(
    ("environ", "modules", "expected"),
    [
        ({}, {}, "ipympl"),  # JupyterLab with ipympl installed (it is, in requirements.txt)
        ({"BIGRAM_STATIC_FIGURES": "1"}, {}, "inline"),  # a test run
        ({"BIGRAM_STATIC_FIGURES": "0"}, {}, "ipympl"),
        ({}, {"google.colab": object()}, "inline"),  # Colab: no ipympl widgets
    ],
)
def test_figure_backend(environ, modules, expected):
    assert nb.figure_backend(environ, modules) == expected


def test_no_ipympl_means_plain_pictures(monkeypatch):
    real = nb.importlib.util.find_spec
    monkeypatch.setattr(nb.importlib.util, "find_spec", lambda name: None if name == "ipympl" else real(name))
    assert nb.figure_backend({}, {}) == "inline"


def test_start_notebook_in_jupyterlab(shell, monkeypatch):
    monkeypatch.delenv("BIGRAM_STATIC_FIGURES", raising=False)
    assert nb.start_notebook(names_path=NAMES) == NAMES
    assert shell.magics == [("matplotlib", "ipympl")]


def test_start_notebook_under_test_uncropped(shell, monkeypatch):
    monkeypatch.setenv("BIGRAM_STATIC_FIGURES", "1")
    nb.start_notebook(crop_figures=False, names_path=NAMES)
    assert shell.magics == [
        ("config", "InlineBackend.print_figure_kwargs = {'bbox_inches': None}"),
        ("matplotlib", "inline"),
    ]


def test_start_notebook_fetches_a_verified_copy(shell, monkeypatch, tmp_path):
    monkeypatch.setenv("NAMES_TXT_SOURCE", str(NAMES))
    dest = tmp_path / "names.txt"
    assert nb.start_notebook(names_path=dest) == dest
    assert sha256_of(dest.read_bytes()) == NAMES_SHA256


def test_start_notebook_bad_source_is_a_clear_error(shell, monkeypatch, tmp_path):
    monkeypatch.setenv("NAMES_TXT_SOURCE", str(tmp_path / "nowhere.txt"))
    with pytest.raises(FetchError, match="NAMES_TXT_SOURCE"):
        nb.start_notebook(names_path=tmp_path / "names.txt")
    assert not (tmp_path / "names.txt").exists()
    assert shell.magics == []  # nothing half set up


def test_plain_python_only_fetches(monkeypatch):
    import IPython

    monkeypatch.setattr(IPython, "get_ipython", lambda: None)
    assert nb.start_notebook(names_path=NAMES) == NAMES


@pytest.mark.parametrize("ipynb", IPYNBS, ids=[p.name for p in IPYNBS])
def test_every_notebook_starts_with_the_short_set_up(ipynb):
    """What a learner reads first: the Colab clone, then one call. Nothing else to copy around."""
    cell = first_code_cell(ipynb)
    code = [line for line in cell.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert len(code) <= 7, f"{ipynb.name}'s set-up cell has grown:\n{cell}"
    assert 'if "google.colab" in sys.modules' in cell
    clone = re.search(r"^\s+!.*git clone .*$", cell, re.M)
    assert clone and f"{REPO_URL} /content/makemore-bigram" in clone.group(0)
    assert 'sys.path.insert(0, "/content/makemore-bigram")' in cell
    colab_part = cell.split("\nfrom bigram_helpers")[0]
    assert colab_part == first_code_cell(IPYNBS[0]).split("\nfrom bigram_helpers")[0], (
        f"{ipynb.name}'s Colab set-up differs from {IPYNBS[0].name}'s: keep it the same in every notebook"
    )
    assert re.search(r"^names_path = start_notebook\((crop_figures=False)?\)", cell, re.M)
    assert "../names.txt" not in ipynb.read_text(encoding="utf-8"), "use names_path, set by the set-up cell"


def test_colab_branch_clones_then_imports(monkeypatch, tmp_path):
    """The set-up cell as IPython runs it in Colab: clone (a shell command), then the path, then import."""
    from IPython.core.inputtransformer2 import TransformerManager

    cell = first_code_cell(IPYNBS[0])
    python = TransformerManager().transform_cell(cell)
    calls: list[str] = []

    class ColabShell(FakeShell):
        def system(self, cmd: str) -> None:
            calls.append(cmd)

    colab = ColabShell()
    monkeypatch.setitem(sys.modules, "google.colab", object())
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p != "/content/makemore-bigram"])
    import IPython

    monkeypatch.setattr(IPython, "get_ipython", lambda: colab)
    monkeypatch.setenv("NAMES_TXT_SOURCE", str(NAMES))
    monkeypatch.setattr(nb, "names_txt_path", lambda: tmp_path / "names.txt")
    namespace = {"get_ipython": lambda: colab}
    exec(compile(python, "set-up cell", "exec"), namespace)
    assert len(calls) == 1 and "git clone" in calls[0] and REPO_URL in calls[0]
    assert "/content/makemore-bigram" in sys.path
    assert namespace["names_path"] == tmp_path / "names.txt"
    assert colab.magics == [("matplotlib", "inline")]


def test_colab_set_up_tries_the_clone_again_after_a_failure(monkeypatch, tmp_path):
    """Run the set-up cell's shell line for real, with a git that fails once: running the
    cell again clones, and once the clone is there the cell does not clone again."""
    from IPython.core.inputtransformer2 import TransformerManager

    if sys.platform == "win32":
        pytest.skip("the Colab line is a POSIX shell command")
    content = tmp_path / "content"
    content.mkdir()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "git-calls"
    fake_git = bin_dir / "git"
    # fails on its first call (a lost connection); then makes the clone's package folder (a
    # Python script: the PATH of a learner's fresh clone in CI has no shell tools)
    fake_git.write_text(
        f"#!{sys.executable}\n"
        "import pathlib, sys\n"
        f"log = pathlib.Path({str(log)!r})\n"
        "calls = (log.read_text() if log.exists() else '') + ' '.join(sys.argv[1:]) + '\\n'\n"
        "log.write_text(calls)\n"
        "if len(calls.splitlines()) == 1:\n"
        "    sys.exit('fatal: unable to access')\n"
        "pathlib.Path(sys.argv[-1], 'bigram_helpers').mkdir(parents=True)\n"
    )
    fake_git.chmod(0o755)
    cell = first_code_cell(IPYNBS[0]).replace("/content/", f"{content}/")
    python = TransformerManager().transform_cell(cell.split("\nfrom bigram_helpers")[0])
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}

    class ColabShell(FakeShell):
        def system(self, cmd: str) -> None:
            subprocess.run(cmd, shell=True, env=env, check=False, capture_output=True)

    colab = ColabShell()
    monkeypatch.setitem(sys.modules, "google.colab", object())
    repo = f"{content}/makemore-bigram"
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p != repo])
    namespace = {"get_ipython": lambda: colab}
    runs = []
    for _ in range(3):
        exec(compile(python, "set-up cell", "exec"), namespace)
        runs.append((Path(repo, "bigram_helpers").is_dir(), len(log.read_text().splitlines())))
    assert runs == [(False, 1), (True, 2), (True, 2)], runs
    assert sys.path.count(repo) == 1
