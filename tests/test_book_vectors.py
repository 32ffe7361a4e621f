"""The book's vector figures (book/vectors.py): each stored picture gets the SVG drawing of
the same figure, matched by its text alternative, and nothing else.

These need no built book; one runs a notebook made here in a real kernel (some seconds,
so in the maintainer's check). The browser tests check the result in the built site, EPUB and PDF
(tests/browser/test_book.py, tests/browser/test_offline_copies.py).
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book"))
import vectors  # noqa: E402

SVG_NS = "{http://www.w3.org/2000/svg}"


def picture(alt: str, png: str = "iVBORw0KGgo=") -> dict:
    """A stored figure output as show_figure writes it: a PNG with its alt as metadata."""
    return {
        "output_type": "display_data",
        "data": {"image/png": png, "text/plain": alt},
        "metadata": {"image/png": {"alt": alt}},
    }


def notebook(*cells: list[dict]) -> dict:
    """A notebook's JSON whose code cells hold the given outputs."""
    return {"cells": [{"cell_type": "code", "source": "", "metadata": {}, "outputs": list(o)} for o in cells]}


def test_each_picture_gets_the_drawing_with_its_alt_in_order():
    nb = notebook([picture("a line")], [], [{"output_type": "stream", "text": "x"}, picture("bars")])
    vectors.add_vectors(nb, [("a line", "<svg>1</svg>"), ("bars", "<svg>2</svg>")], "x.ipynb")
    first, last = nb["cells"][0]["outputs"][0], nb["cells"][2]["outputs"][1]
    assert first["data"]["image/svg+xml"] == "<svg>1</svg>"
    assert last["data"]["image/svg+xml"] == "<svg>2</svg>"
    assert last["metadata"]["image/svg+xml"] == {"alt": "bars"}
    assert first["data"]["image/png"] == "iVBORw0KGgo=", "the stored PNG must stay (nbval, Colab)"
    assert "image/svg+xml" not in nb["cells"][2]["outputs"][0].get("data", {})


@pytest.mark.parametrize(
    ("drawn", "says"),
    [
        ([("bars", "<svg/>"), ("a line", "<svg/>")], "picture 1 is stored as 'a line' but draws as 'bars'"),
        ([("a line", "<svg/>")], "hold 2 pictures, but running it drew 1"),
        ([("a line", "<svg/>"), ("bars", "<svg/>"), ("dots", "<svg/>")], "running it drew 3"),
    ],
    ids=["swapped", "one missing", "one more"],
)
def test_a_stale_notebook_stops_the_build_naming_it(drawn, says):
    nb = notebook([picture("a line")], [picture("bars")])
    with pytest.raises(SystemExit) as e:
        vectors.add_vectors(nb, drawn, "02_heatmap.ipynb")
    message = str(e.value)
    assert message.startswith("02_heatmap.ipynb: ") and says in message and "make notebooks" in message


def test_tidy_leaves_svg_an_epub_accepts():
    svg = (
        '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
        '  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        '<svg xmlns="http://www.w3.org/2000/svg"><defs><path id="g-20" transform="scale(0.01)"/>'
        '<path id="g-41" d="M 0 0 L 1 1"/></defs></svg>\n'
    )
    tidied = vectors.tidy(svg)
    assert "DOCTYPE" not in tidied and "svg11.dtd" not in tidied
    paths = ET.fromstring(tidied.split("?>", 1)[1]).iter(f"{SVG_NS}path")
    assert {p.get("id"): p.get("d") for p in paths} == {"g-20": "", "g-41": "M 0 0 L 1 1"}


def _figure_notebook(path: Path) -> None:
    """Two figures shown as the lesson shows them, then a cell that would fail if it ran."""
    code = [
        "import matplotlib.pyplot as plt\nfrom bigram_helpers.notebook import show_figure",
        "fig, ax = plt.subplots()\nax.plot([0, 1], [1, 0])\nshow_figure(fig, 'a falling line')",
        "print('no figure here')",
        "fig, ax = plt.subplots()\nax.imshow([[0, 1], [1, 0]])\nshow_figure(fig, 'four squares')",
        "raise RuntimeError('the run went past the last figure')",
    ]
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in code]), path)


@pytest.mark.maintainer  # two kernels, some seconds: the book is the maintainer's (conftest.py)
def test_draw_runs_the_notebook_to_its_last_figure_and_returns_each_svg(tmp_path):
    path = tmp_path / "figures.ipynb"
    _figure_notebook(path)
    drawn = vectors.draw(path, last=3)
    assert [alt for alt, _ in drawn] == ["a falling line", "four squares"]
    for _, svg in drawn:
        root = ET.fromstring(svg.split("?>", 1)[1])
        assert root.tag == f"{SVG_NS}svg" and "DOCTYPE" not in svg
    squares = drawn[1][1]
    # imshow's values go in as their own 2 x 2 pixels, drawn unsmoothed
    assert "image-rendering:pixelated" in squares
    # the same figure draws the same bytes on every run (ids and date fixed)
    assert vectors.draw(path, last=1) == drawn[:1]


def test_drawings_are_kept_until_the_notebook_changes(tmp_path, monkeypatch):
    repo, cache = tmp_path / "repo", tmp_path / "cache"
    (repo / "bigram_helpers").mkdir(parents=True)
    (repo / "bigram_helpers" / "plotting.py").write_text("# drawing code\n")
    (repo / "names.txt").write_text("emma\n")
    path = repo / "nb.ipynb"
    path.write_text(json.dumps(notebook([picture("a line")])))
    runs = []

    def draw(path: Path, last: int) -> list[tuple[str, str]]:
        runs.append(last)
        return [("a line", f"<svg>{len(runs)}</svg>")]

    monkeypatch.setattr(vectors, "draw", draw)
    assert vectors.drawings(repo, path, cache) == [("a line", "<svg>1</svg>")]
    assert vectors.drawings(repo, path, cache) == [("a line", "<svg>1</svg>")]
    assert runs == [0], "an unchanged notebook was run again"
    (repo / "bigram_helpers" / "plotting.py").write_text("# other drawing code\n")
    assert vectors.drawings(repo, path, cache) == [("a line", "<svg>2</svg>")]
    assert len(list(cache.glob("nb-*.json"))) == 1, "an outdated drawing was kept"
    path.write_text(json.dumps(notebook([])))
    assert vectors.drawings(repo, path, cache) == [] and runs == [0, 0]
