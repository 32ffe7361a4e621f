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
