"""Write the type-along notebooks: ``make type-along`` runs this.

A type-along notebook is a lesson notebook (``notebooks/01_*.ipynb`` to ``04_*.ipynb``)
with every output and execution count cleared, so that a learner runs (or types) each
cell and sees its result appear. The copies live in ``notebooks/type-along/`` and are
committed, because Colab opens notebooks from the repository. They are made from the
stored notebooks by this script and never edited by hand: after a lesson notebook
changes, run ``make type-along`` again (``tests/test_type_along.py`` fails until then).

Besides clearing outputs, the copy differs from its source only where a link would
otherwise lead to the wrong place from the sub-folder:

- the Open-in-Colab badge (and any Colab link to another lesson) opens the type-along copy;
- a relative link to another lesson notebook stays relative, so it leads to that lesson's
  type-along copy; any other relative link (``../README.md``, ``05_exercises.ipynb``)
  gains a ``../`` and leads where it led before.

``python tools/type_along.py --check`` writes nothing and exits 1 if a copy is stale.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
FOLDER = "type-along"
OUT = NOTEBOOKS / FOLDER
LESSONS = ("01", "02", "03", "04")  # the lesson notebooks; 05 (exercises) has its own empty cells
COLAB = "https://colab.research.google.com/github/makemore-bigram/makemore-bigram/blob/main/notebooks/"
# A markdown link or image target: ](target) or ](target "title").
LINK = re.compile(r"(\]\()([^)\s]+)((?:\s+\"[^\"]*\")?\))")
# The copies are not paired with a .py: a learner saving one in JupyterLab (jupytext is
# installed) writes only the notebook. The nearest jupytext.toml is the one that counts.
JUPYTEXT_TOML = (
    "# The type-along notebooks are copies made by `make type-along` (tools/type_along.py),\n"
    "# not jupytext pairs: saving one writes the notebook only.\n"
    'formats = "ipynb"\n'
)


def lesson_notebooks() -> list[Path]:
    """The stored lesson notebooks that get a type-along copy, in series order."""
    found = sorted(p for p in NOTEBOOKS.glob("*.ipynb") if p.name[:2] in LESSONS)
    if [p.name[:2] for p in found] != list(LESSONS):
        raise SystemExit(f"expected one notebook each for {LESSONS} in {NOTEBOOKS}, found {found}")
    return found


def _retarget(target: str, copied: set[str]) -> str:
    """Where a link of a lesson notebook points from its type-along copy (``copied``: the
    file names that have a copy beside it)."""
    if target.startswith(COLAB):
        name = target[len(COLAB) :]
        return COLAB + f"{FOLDER}/{name}" if name in copied else target
    if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target):  # another site, mailto:, an anchor here
        return target
    path = target.partition("#")[0]
    return target if path in copied else f"../{target}"


def type_along(nb: dict, copied: set[str]) -> dict:
    """The type-along copy of the notebook ``nb`` (parsed .ipynb JSON): the same cells in
    the same order, code cells without outputs or execution counts, links retargeted."""
    cells = []
    for cell in nb["cells"]:
        cell = dict(cell)
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        elif cell["cell_type"] == "markdown":
            text = "".join(cell["source"])
            new = LINK.sub(lambda m: m[1] + _retarget(m[2], copied) + m[3], text)
            cell["source"] = new.splitlines(keepends=True)
        cells.append(cell)
    return {**nb, "cells": cells}


def render(nb: dict) -> str:
    """A notebook as Jupyter writes it (one-space indent, non-ASCII as is, a final newline)."""
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def expected_files() -> dict[Path, str]:
    """Every file of notebooks/type-along/ and its text."""
    sources = lesson_notebooks()
    copied = {p.name for p in sources}
    files = {
        OUT / p.name: render(type_along(json.loads(p.read_text(encoding="utf-8")), copied)) for p in sources
    }
    files[OUT / "jupytext.toml"] = JUPYTEXT_TOML
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a copy is stale")
    args = parser.parse_args(argv)
    files = expected_files()
    stale = [p for p, text in files.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    extra = [p for p in OUT.glob("*.ipynb") if p not in files] if OUT.is_dir() else []
    if args.check:
        for p in stale + extra:
            print(f"stale: {p.relative_to(REPO)} (run `make type-along`)", file=sys.stderr)
        return 1 if stale or extra else 0
    OUT.mkdir(exist_ok=True)
    for p in stale:
        p.write_text(files[p], encoding="utf-8")
        print(f"wrote {p.relative_to(REPO)}")
    for p in extra:  # a renamed lesson's old copy
        p.unlink()
        print(f"removed {p.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
