"""The count table beside notebook 02's labelled heatmap: every count as text.

The labelled heatmap is a picture of 27 x 27 squares, each with its pair and its count;
shown on a phone its labels are specks, and no picture can be read by a screen reader
cell by cell. So the book prints the same counts as an HTML table right after the
picture, each cell on the heatmap's colour (matplotlib's ``Blues``, scaled as ``imshow``
scales it), its text black or white, whichever stands out more. Its headers stay in
view while the table scrolls inside its own box, and the print style shrinks it to the
page's width (at 6.5 pt).

The counts are not in the notebook's stored outputs (only their picture is), so the
build counts them again: it reads ``names.txt`` (fetched and verified by
``bigram_helpers.fetch_names`` if missing, as ``make data`` does) with the package's own
lesson functions, ``load_words``, ``build_vocab`` and ``bigram_counts``, the ones
notebook 02 calls. Which output is the labelled heatmap is known by its text
alternative: the one ``describe_count_heatmap(N, vocab, labelled=True)`` writes.
"""

from __future__ import annotations

import html
from pathlib import Path

TABLE_CLASS = "count-table"


def lesson_counts(repo: Path):
    """``(N, vocab)`` for ``names.txt`` at the repository's root, as notebook 02 makes them."""
    from bigram_helpers import bigram_counts, build_vocab, load_words
    from bigram_helpers.fetch import FetchError, fetch_names

    try:
        path = fetch_names(repo / "names.txt")
    except FetchError as e:
        raise SystemExit(f"the book's count table needs names.txt: {e} (`make data` fetches it)") from e
    words = load_words(path)
    vocab = build_vocab(words)
    return bigram_counts(words, vocab), vocab


def _luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG's relative luminance of an sRGB colour (channels 0 to 1)."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def text_colour(rgb: tuple[float, float, float]) -> str:
    """Black or white, whichever contrasts more with ``rgb`` (at least 4.58 : 1 either way)."""
    lum = _luminance(rgb)
    return "#000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#fff"


def count_table(N, vocab) -> str:
    """``N`` (shape (V, V)) as an XHTML table: a row per first character, a column per
    second, each count on its heatmap colour, without thousands commas (so that a printed
    column is four digits wide). Well-formed XML, for the EPUB too."""
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    cmap = colormaps["Blues"]
    values = N.tolist()
    top = max(max(row) for row in values) or 1
    shown = list(vocab.itos)
    head = "".join(f'<th scope="col">{html.escape(ch)}</th>' for ch in shown)
    rows = []
    for i, row in enumerate(values):
        cells = []
        for j, value in enumerate(row):
            rgb = cmap(value / top)[:3]
            pair = html.escape(shown[i] + shown[j])
            style = f"background-color:{to_hex(rgb)};color:{text_colour(rgb)}"
            cells.append(f'<td style="{style}" title="{pair}: {value}">{value}</td>')
        rows.append(f'<tr><th scope="row">{html.escape(shown[i])}</th>{"".join(cells)}</tr>')
    total = sum(map(sum, values))
    caption = f"{total:,} pairs: row, first character; column, the next"
    return (
        f'<div class="{TABLE_CLASS}" role="region" tabindex="0" aria-label="The counts as a table">\n'
        f"<table><caption>{html.escape(caption)}</caption>\n"
        f"<thead><tr><td></td>{head}</tr></thead>\n"
        f"<tbody>\n{chr(10).join(rows)}\n</tbody></table>\n</div>"
    )


def table_cell(N, vocab) -> dict:
    """The markdown cell the book puts after the labelled heatmap."""
    text = (
        "**The same counts as a table.** Each cell of the heatmap above, in text that "
        "you can read at any size, search and copy (the book adds this table; the "
        "notebook draws only the picture). A row is a first character, a column the "
        "character after it, and `.` starts or ends a name. Scroll the table sideways "
        "on a narrow screen. The picture above is drawn in lines and shapes, so its "
        "labels stay sharp as you zoom in.\n\n" + count_table(N, vocab) + "\n"
    )
    return {"cell_type": "markdown", "id": "book-count-table", "metadata": {}, "source": text}
