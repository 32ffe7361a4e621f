"""The book's figures as vector drawings: sharp at any zoom, on a phone, an e-reader or paper.

A notebook stores each figure as a PNG (what nbval, JupyterLab and Colab read). Drawn
again as SVG, the same figure stays sharp when a reader zooms into it, and the PDF, which
Chromium prints from the site's pages, keeps it as lines and shapes rather than pixels.
So the build runs each notebook that has figures once more, as nbval runs it (a fresh
kernel with ``bigram_helpers.notebook.KERNEL_ENV``), with IPython's inline backend
drawing SVG beside PNG, and stops after the last cell that shows a figure. Each SVG then
joins, in the staged copy only, the stored output whose picture has the same text
alternative; Sphinx (myst-nb) shows the SVG wherever both are present. The text
alternatives describe the data drawn, so a stored figure that no longer matches its
notebook (outputs not re-run) stops the build rather than showing another drawing.

A run of the four notebooks with figures takes about 25 s; the drawings are kept in
``build/book/vectors/`` under the SHA-256 of what they depend on (the notebook, the
package's sources, ``names.txt``, this file), so a build that changed none of those
reuses them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

SVG = "image/svg+xml"
PICTURES = ("image/png", "image/jpeg")
CELL_TIMEOUT = 600  # seconds; the slowest cell (04's training loop) takes a few
# The first cell the kernel runs (not part of the notebook): figures shown in the cell's
# output (as the notebooks' set-up asks; under MPLBACKEND=Agg, as CI sets it, a notebook
# that does not ask would show none), as SVG beside PNG, with the same ids and no date on
# every run, so that a picture's file name (its SHA-256) holds; an image (imshow's
# squares) goes in as its own pixels, one per value, drawn as sharp squares at any size
# (resampled to the figure's pixels, as a PNG has it, it would blur when zoomed).
SVG_SETUP = (
    "%matplotlib inline\n"
    "%config InlineBackend.figure_formats = {'png', 'svg'}\n"
    "import matplotlib\n"
    "matplotlib.rcParams['svg.hashsalt'] = 'makemore-bigram'\n"
    "matplotlib.rcParams['image.interpolation'] = 'none'\n"
)


DOCTYPE = re.compile(r"<!DOCTYPE[^>]*>\s*")
PATH_WITHOUT_D = re.compile(r"<path(?![^>]*\sd=)")


def tidy(svg: str) -> str:
    """matplotlib's SVG as an EPUB may hold it: without the DOCTYPE (an external DTD, which
    EPUB 3 forbids and no browser reads) and with ``d=""`` on a glyph that draws nothing
    (a space), since a ``<path>`` must have a ``d``."""
    return PATH_WITHOUT_D.sub('<path d=""', DOCTYPE.sub("", svg, count=1))


def picture_alt(output: dict) -> str | None:
    """The text alternative of a stored output's picture, or None when it shows no picture."""
    for mime in PICTURES:
        if mime in output.get("data", {}):
            return output.get("metadata", {}).get(mime, {}).get("alt") or ""
    return None


def figure_cells(nb: dict) -> list[int]:
    """The indices of the code cells whose stored outputs hold a picture."""
    return [
        k
        for k, cell in enumerate(nb["cells"])
        if cell["cell_type"] == "code" and any(picture_alt(o) is not None for o in cell.get("outputs", []))
    ]


def draw(path: Path, last: int) -> list[tuple[str, str]]:
    """Run the notebook at ``path`` up to its cell ``last`` (an index into its cells) in a
    fresh kernel, and return each SVG it shows as ``(alt, svg text)``, in order.

    The kernel starts in the notebook's folder with ``KERNEL_ENV`` (as nbval's) and a
    fixed ``SOURCE_DATE_EPOCH``; a cell that raises stops the build with its error."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    from bigram_helpers.notebook import KERNEL_ENV, start_kernel

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=CELL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    drawn: list[tuple[str, str]] = []
    env = {**os.environ, **KERNEL_ENV, "SOURCE_DATE_EPOCH": "0"}
    start_kernel(client, env)  # tried again if it does not answer
    with client.setup_kernel():
        try:
            client.execute_cell(nbformat.v4.new_code_cell(SVG_SETUP), -1)
            for k, cell in enumerate(nb.cells[: last + 1]):
                if cell.cell_type != "code":
                    continue
                client.execute_cell(cell, k)
                for output in cell.outputs:
                    if SVG in output.get("data", {}):
                        alt = output.get("metadata", {}).get(SVG, {}).get("alt", "")
                        drawn.append((alt, tidy(output["data"][SVG])))
        except CellExecutionError as e:
            raise SystemExit(f"{path.name}: a cell failed while drawing its figures as SVG:\n{e}") from e
    return drawn


def add_vectors(nb: dict, drawn: list[tuple[str, str]], name: str) -> dict:
    """``nb`` (a notebook's JSON) with each picture output given the SVG of ``drawn`` that
    has its text alternative, the k-th picture the k-th drawing. Every picture must get
    one; ``SystemExit`` names the first that does not (``name``: the notebook's file)."""
    stored = [o for k in figure_cells(nb) for o in nb["cells"][k]["outputs"] if picture_alt(o) is not None]
    if len(stored) != len(drawn):
        raise SystemExit(
            f"{name}: its stored outputs hold {len(stored)} pictures, but running it drew "
            f"{len(drawn)}: re-run it (`make notebooks`)"
        )
    for number, (output, (alt, svg)) in enumerate(zip(stored, drawn, strict=True), 1):
        if picture_alt(output) != alt:
            raise SystemExit(
                f"{name}: picture {number} is stored as {picture_alt(output)!r} but draws as {alt!r}: "
                "re-run it (`make notebooks`)"
            )
        output["data"][SVG] = svg
        output.setdefault("metadata", {})[SVG] = {"alt": alt}
    return nb


def _sources_digest(repo: Path, path: Path) -> str:
    """The SHA-256 of what a notebook's drawings depend on: the notebook, the package,
    names.txt and this module."""
    digest = hashlib.sha256(path.read_bytes())
    inputs = [*sorted((repo / "bigram_helpers").rglob("*.py")), repo / "names.txt", Path(__file__)]
    for source in inputs:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def drawings(repo: Path, path: Path, cache: Path) -> list[tuple[str, str]]:
    """The SVG drawings of the notebook at ``path`` (:func:`draw`), from ``cache`` when its
    sources have not changed since they were drawn; [] when it stores no picture."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = figure_cells(nb)
    if not cells:
        return []
    kept = cache / f"{path.stem}-{_sources_digest(repo, path)}.json"
    if kept.is_file():
        return [tuple(pair) for pair in json.loads(kept.read_text(encoding="utf-8"))]
    drawn = draw(path, cells[-1])
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob(f"{path.stem}-*.json"):
        old.unlink()
    kept.write_text(json.dumps(drawn), encoding="utf-8")
    return drawn
