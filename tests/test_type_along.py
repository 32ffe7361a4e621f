"""The type-along notebooks (``notebooks/type-along/``) are the lesson notebooks, emptied.

Each copy must hold exactly its source's cells, in order, with no output and no execution
count; its links must lead where the source's do (its Colab badge to the copy itself);
and its set-up cell must work from the sub-folder. The copies are made by
``make type-along`` (tools/type_along.py): when a lesson notebook changes, these tests
fail until that is run again and the copies are committed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from lesson_reference import NAMES, ROOT

NOTEBOOKS = ROOT / "notebooks"
COPIES = NOTEBOOKS / "type-along"
HINT = "run `make type-along` and commit notebooks/type-along/"
LESSONS = sorted(p for p in NOTEBOOKS.glob("0[1-4]_*.ipynb"))
COLAB = "https://colab.research.google.com/github/makemore-bigram/makemore-bigram/blob/main/"
LINK_TARGET = re.compile(r"\]\(([^)\s]+)")


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def text(cell: dict) -> str:
    return "".join(cell["source"])


def test_one_copy_per_lesson():
    assert [p.name[:2] for p in LESSONS] == ["01", "02", "03", "04"], f"lesson notebooks: {LESSONS}"
    copies = sorted(p.name for p in COPIES.glob("*.ipynb"))
    assert copies == [p.name for p in LESSONS], f"notebooks/type-along/ holds {copies}; {HINT}"


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name for p in LESSONS])
def test_copy_has_the_source_cells_without_outputs(lesson: Path):
    copy = COPIES / lesson.name
    assert copy.is_file(), f"{copy} is missing; {HINT}"
    source, typed = cells(lesson), cells(copy)
    assert [(c["cell_type"], c["id"]) for c in typed] == [(c["cell_type"], c["id"]) for c in source], (
        f"{copy.name}: its cells are not {lesson.name}'s, in order; {HINT}"
    )
    for k, (s, t) in enumerate(zip(source, typed, strict=True)):
        where = f"{copy.name}, cell {k}"
        assert t["metadata"] == s["metadata"], f"{where}: metadata differs from the source; {HINT}"
        if s["cell_type"] == "code":
            assert text(t) == text(s), f"{where}: code differs from {lesson.name}; {HINT}"
            assert t["outputs"] == [], f"{where}: has stored outputs"
            assert t["execution_count"] is None, f"{where}: has an execution count"
        else:
            # The prose is the source's, word for word; only link targets may differ (below).
            assert LINK_TARGET.sub("](", text(t)) == LINK_TARGET.sub("](", text(s)), (
                f"{where}: the text differs from {lesson.name}; {HINT}"
            )
    nb_source, nb_copy = (json.loads(p.read_text(encoding="utf-8")) for p in (lesson, copy))
    assert {k: v for k, v in nb_copy.items() if k != "cells"} == {
        k: v for k, v in nb_source.items() if k != "cells"
    }, f"{copy.name}: notebook metadata or format differs from {lesson.name}; {HINT}"


def _resolve(target: str, folder: Path) -> Path:
    return (folder / target.partition("#")[0]).resolve()


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name for p in LESSONS])
def test_links_lead_where_the_source_leads(lesson: Path):
    copy = COPIES / lesson.name
    pairs = [
        (s, t)
        for sc, tc in zip(cells(lesson), cells(copy), strict=True)
        if sc["cell_type"] == "markdown"
        for s, t in zip(LINK_TARGET.findall(text(sc)), LINK_TARGET.findall(text(tc)), strict=True)
    ]
    own_badge = COLAB + f"notebooks/type-along/{lesson.name}"
    assert own_badge in [t for _, t in pairs], f"{copy.name}: no Open-in-Colab link to itself ({own_badge})"
    lessons = {p.name for p in LESSONS}
    for s, t in pairs:
        if s.startswith(COLAB):  # a lesson's Colab link opens its type-along copy
            name = s[len(COLAB) :].removeprefix("notebooks/")
            want = COLAB + f"notebooks/type-along/{name}" if name in lessons else s
            assert t == want, f"{copy.name}: Colab link {t}, expected {want}"
        elif re.match(r"^[a-z][a-z0-9+.-]*:|^#", s):
            assert t == s, f"{copy.name}: link {s} became {t}"
        else:
            was, now = _resolve(s, NOTEBOOKS), _resolve(t, COPIES)
            assert now.exists(), f"{copy.name}: link {t} leads to nothing"
            twin = COPIES / was.name if was.parent == NOTEBOOKS and was.name in lessons else was
            assert now == twin, f"{copy.name}: link {t} leads to {now}, the source's {s} to {was}"


def test_copies_are_what_the_generator_writes():
    """Byte for byte (indentation too): a hand edit, or a copy left stale, fails here."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "type_along.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, f"stale type-along copies:\n{result.stderr}"


# Runs a copy's first code cell (the set-up) in an IPython shell, as a kernel would, and
# prints where it found names.txt and which shell commands the cell ran.
SETUP_RUNNER = textwrap.dedent(
    """
    import json, sys, types
    from IPython.core.interactiveshell import InteractiveShell

    colab = sys.argv[2] == "colab"
    if colab:  # what the cell looks for to know it is in Colab
        sys.modules["google.colab"] = types.ModuleType("google.colab")
    shell = InteractiveShell.instance()
    commands = []
    shell.system = commands.append  # `!git clone`: recorded, not run
    shell.enable_gui = lambda gui=None: None  # a kernel's job; a bare shell has no event loop
    cells = json.load(open(sys.argv[1], encoding="utf-8"))["cells"]
    setup = "".join(next(c for c in cells if c["cell_type"] == "code")["source"])
    result = shell.run_cell(setup)
    result.raise_error()
    print(json.dumps({"names_path": str(shell.user_ns["names_path"]), "commands": commands}))
    """
)


@pytest.mark.parametrize("where", ["local", "colab"])
def test_setup_cell_works_from_the_subfolder(where, tmp_path):
    """Locally a kernel starts in the notebook's folder (notebooks/type-along/); Colab's
    starts in /content whatever the notebook (here: an empty folder)."""
    if not NAMES.is_file():
        pytest.fail(f"{NAMES} is missing: run `make data`")
    copy = COPIES / LESSONS[0].name
    cwd = COPIES if where == "local" else tmp_path
    env = dict(os.environ, BIGRAM_STATIC_FIGURES="1", MPLBACKEND="Agg", IPYTHONDIR=str(tmp_path / "ipython"))
    result = subprocess.run(
        [sys.executable, "-c", SETUP_RUNNER, str(copy), where],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, f"the set-up cell of {copy.name} fails ({where}):\n{result.stderr[-3000:]}"
    ran = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(ran["names_path"]) == NAMES, f"{where}: the set-up found names.txt at {ran['names_path']}"
    assert list(cwd.glob("names.txt")) == [], f"{where}: the set-up wrote names.txt into {cwd}"
    if where == "colab":
        assert any("git clone" in c and "/content/makemore-bigram" in c for c in ran["commands"]), (
            f"in Colab the set-up cell does not clone the repository: {ran['commands']}"
        )
    else:
        assert ran["commands"] == [], f"outside Colab the set-up cell runs {ran['commands']}"
