"""The README links to the book: its first lines, and every notebook of the series to its page.

The book (`make book`) has one page per notebooks/*.ipynb at notebooks/NAME.html; these
checks need no build, so they run with the unit tests. The browser tests check the built
pages themselves (tests/browser/test_book.py).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOOK_URL = "https://makemore-bigram.github.io/makemore-bigram/"


def test_readme_first_lines_link_to_the_book():
    first_lines = "\n".join((ROOT / "README.md").read_text().splitlines()[:8])
    assert f"]({BOOK_URL})" in first_lines, f"the README's first lines have no link to {BOOK_URL}"


def test_readme_links_every_notebook_to_its_page():
    readme = (ROOT / "README.md").read_text()
    series = readme.split("## The series", 1)[1].split("\n## ", 1)[0]
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks, "no notebooks found"
    missing = [
        nb.name
        for nb in notebooks
        if not any(
            f"(notebooks/{nb.name})" in row and f"({BOOK_URL}notebooks/{nb.stem}.html)" in row
            for row in series.splitlines()
        )
    ]
    assert not missing, (
        f"the README's series table has no row linking these notebooks to their book page "
        f"({BOOK_URL}notebooks/NAME.html): {missing}"
    )


def _build():
    """book/build.py, imported as `make book` runs it (beside conf.py, counts.py, offline.py)."""
    import sys

    sys.path.insert(0, str(ROOT / "book"))
    import build

    return build


def test_docs_pages_are_staged_after_the_series_with_their_links_rewritten():
    """docs/*.md become pages in the book's navigation, after the series, and their
    relative links go where the README's do: notebooks to their pages, the README to the
    home page, other repository files to GitHub."""
    from pathlib import Path

    build = _build()
    nbs = build.notebooks()
    docs = [ROOT / "docs" / "questions.md", ROOT / "docs" / "differences.md"]
    pages = {p.resolve() for p in nbs} | {(ROOT / "README.md").resolve()} | set(docs)
    home = build.home_page("# Title\n", nbs, pages, docs)
    series_at, docs_at, reference_at = (
        home.index(":caption: The series"),
        home.index(":caption: Beside the series"),
        home.index(":caption: Reference"),
    )
    assert series_at < docs_at < reference_at, "the docs pages are not between the series and the reference"
    assert "docs/questions\n" in home and "docs/differences\n" in home
    text = (
        "[a notebook](../notebooks/02_heatmap.ipynb#the-counts-again) [home](../README.md) "
        "[code](../bigram_helpers/plotting.py) [video](https://www.youtube.com/watch?v=PaCmpygFfXo&t=1234s)"
    )
    out = build.rewrite_links(text, Path("docs"), pages)
    assert "(../notebooks/02_heatmap.ipynb#the-counts-again)" in out
    assert "(../index.md)" in out
    assert f"({build.REPO_URL}/blob/main/bigram_helpers/plotting.py)" in out
    assert "(https://www.youtube.com/watch?v=PaCmpygFfXo&t=1234s)" in out
    assert "Beside the series" not in build.home_page("# Title\n", nbs, pages, []), "an empty toctree"


def test_the_book_folds_the_set_up_cell_and_puts_the_count_table_after_the_heatmap(tmp_path):
    """The staged notebook: its first code cell tagged hide-input (and no other), and the
    given cell inserted right after the cell whose picture has the given alt."""
    import json

    build = _build()
    nb = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": "# T"},
            {"cell_type": "code", "metadata": {}, "source": "setup()", "outputs": []},
            {"cell_type": "code", "metadata": {}, "source": "x", "outputs": []},
            {
                "cell_type": "code",
                "metadata": {},
                "source": "plot()",
                "outputs": [
                    {"output_type": "display_data", "data": {}, "metadata": {"image/png": {"alt": "ALT"}}}
                ],
            },
            {"cell_type": "markdown", "metadata": {}, "source": "after"},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(nb))
    table = {"cell_type": "markdown", "id": "t", "metadata": {}, "source": "TABLE"}
    staged = json.loads(build.staged_notebook(path, set(), ("ALT", table)))["cells"]
    assert [c["source"] for c in staged] == ["# T", "setup()", "x", "plot()", "TABLE", "after"]
    assert staged[1]["metadata"]["tags"] == ["hide-input"]
    assert "tags" not in staged[2]["metadata"], "a cell other than the set-up cell is folded"
    untouched = json.loads(build.staged_notebook(path, set(), ("OTHER", table)))["cells"]
    assert [c["source"] for c in untouched] == ["# T", "setup()", "x", "plot()", "after"]


def test_count_table_text_contrasts_with_its_colour():
    """Black or white text, whichever reads better on each cell: at least 4.5 : 1 on
    every shade of matplotlib's Blues (WCAG AA)."""
    build = _build()
    from counts import _luminance, text_colour
    from matplotlib import colormaps

    del build
    for k in range(101):
        rgb = colormaps["Blues"](k / 100)[:3]
        text = (0.0, 0.0, 0.0) if text_colour(rgb) == "#000" else (1.0, 1.0, 1.0)
        light, dark = sorted([_luminance(rgb), _luminance(text)], reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, f"text on Blues({k / 100}) contrasts too little"
