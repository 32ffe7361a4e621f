"""Build the series as a static book: ``make book`` runs this.

The book is made from what the repository stores:

- ``notebooks/*.ipynb`` in file-name order, with their stored outputs (the outputs nbval
  checks), one page each;
- ``README.md`` as the home page and ``CONTRIBUTING.md``;
- every ``docs/*.md`` (the learners' questions, the differences from the video) as a page
  after the series;
- a reference section written at build time from the helpers' docstrings (Sphinx autodoc
  over every module's ``__all__``) and from the command line's ``--help``.

Sphinx reads a staged copy of these under ``build/book/src`` (the notebooks themselves are
never written to): there the remote Colab badge becomes the local ``colab-badge.svg``,
links to the book's own address become links between pages, and links to repository
files that are not pages go to the repository. Each notebook's figures are drawn again as
SVG beside their stored PNGs (vectors.py, which runs the notebooks), its set-up cell (its
first code cell) is folded away, and notebook 02's labelled heatmap gets its counts as a
table beside it (counts.py, which reads ``names.txt``). The download menu offers the
repository's own notebooks, which the site serves at ``notebooks/NAME.ipynb``. MathJax
is copied from ``node_modules`` so that the site typesets its math without any other host.
The site is ``build/book/html``.
"""

from __future__ import annotations

import contextlib
import filecmp
import io
import json
import os
import pkgutil
import re
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import counts
import offline
import vectors

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = REPO / "build" / "book"
SRC = OUT / "src"
HTML = OUT / "html"
STATIC = OUT / "static"  # generated static files (MathJax); book/_static holds the hand-written ones
VECTORS = OUT / "vectors"  # the figures drawn as SVG (vectors.py), kept between builds
MATHJAX = HERE / "node_modules" / "mathjax" / "es5"

REPO_URL = "https://github.com/makemore-bigram/makemore-bigram"
BOOK_URL = "https://makemore-bigram.github.io/makemore-bigram/"
COLAB_BADGE_URL = "https://colab.research.google.com/assets/colab-badge.svg"
BADGE = "colab-badge.svg"  # book/_static/colab-badge.svg, drawn for this project
TYPE_ALONG = "type-along"  # notebooks/type-along/: 01-04 without outputs (tools/type_along.py)
COLAB_NOTEBOOKS = (
    "https://colab.research.google.com/github/makemore-bigram/makemore-bigram/blob/main/notebooks/"
)
BOOK_NOTE = "> **Read the series as a book"  # the README's note that links to the book: not in the book

# A markdown link or image target: ](target) or ](target "title").
LINK = re.compile(r"(\]\()([^)\s]+)((?:\s+\"[^\"]*\")?\))")


def notebooks() -> list[Path]:
    """Every notebook of the series, in file-name order (the order of the book)."""
    found = sorted((REPO / "notebooks").glob("*.ipynb"))
    if not found:
        raise SystemExit(f"no notebooks in {REPO / 'notebooks'}")
    return found


def _rewrite_target(target: str, doc_dir: Path, pages: set[Path]) -> str:
    """Where a link of a staged page should point in the book (``doc_dir``: the page's folder)."""
    if target.startswith(BOOK_URL):  # the book's own address: a link between pages
        rest = target[len(BOOK_URL) :]
        page, _, anchor = rest.partition("#")
        source = Path(page.removesuffix(".html") + ".ipynb") if page.startswith("notebooks/") else None
        if not page:
            source = Path("README.md")
        if source is None or (source != Path("README.md") and REPO / source not in pages):
            raise SystemExit(f"link {target!r} names no page of the book")
        doc = Path("index.md") if source == Path("README.md") else source
        return os.path.relpath(SRC / doc, SRC / doc_dir) + (f"#{anchor}" if anchor else "")
    if target == COLAB_BADGE_URL:
        return os.path.relpath(SRC / "_static" / BADGE, SRC / doc_dir)
    if re.match(r"^[a-z][a-z0-9+.-]*:|^#", target):  # another site, mailto:, or an anchor here
        return target
    path, _, anchor = target.partition("#")
    repo_path = (REPO / doc_dir / path).resolve()
    if repo_path == REPO / "README.md":  # the home page is staged as index.md
        return os.path.relpath(SRC / "index.md", SRC / doc_dir) + (f"#{anchor}" if anchor else "")
    if repo_path in pages or repo_path.suffix in {".png", ".svg", ".jpg"}:
        return target  # a page of the book or a picture staged beside it: Sphinx resolves it
    rel = repo_path.relative_to(REPO).as_posix()
    kind = "tree" if repo_path.is_dir() else "blob"
    return f"{REPO_URL}/{kind}/main/{rel}" + (f"#{anchor}" if anchor else "")


def rewrite_links(markdown: str, doc_dir: Path, pages: set[Path]) -> str:
    return LINK.sub(lambda m: m[1] + _rewrite_target(m[2], doc_dir, pages) + m[3], markdown)


def docs_pages() -> list[Path]:
    """The pages of ``docs/`` (markdown), in file-name order: shown after the series."""
    return sorted((REPO / "docs").glob("*.md"))


HIDE_INPUT = "hide-input"  # myst-nb folds such a cell's code away behind a "show" button


def heatmap_cell(nb: dict, alt: str) -> int | None:
    """The index of the cell whose stored picture has the text alternative ``alt``."""
    for k, cell in enumerate(nb["cells"]):
        for output in cell.get("outputs", []):
            if any(meta.get("alt") == alt for meta in output.get("metadata", {}).values()):
                return k
    return None


def staged_notebook(
    path: Path,
    pages: set[Path],
    heatmap: tuple[str, dict] | None = None,
    drawn: list[tuple[str, str]] | None = None,
) -> str:
    """A notebook as the book shows it: links rewritten, the set-up cell folded away, each
    picture with its SVG from ``drawn`` (vectors.py) and, after the picture whose alt is
    ``heatmap[0]``, the markdown cell ``heatmap[1]``."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    if drawn:
        vectors.add_vectors(nb, drawn, path.name)
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"])
            cell["source"] = rewrite_links(text, Path("notebooks"), pages)
    setup = next((c for c in nb["cells"] if c["cell_type"] == "code"), None)
    if setup is not None:
        tags = setup.setdefault("metadata", {}).setdefault("tags", [])
        if HIDE_INPUT not in tags:
            tags.append(HIDE_INPUT)
    if heatmap is not None:
        k = heatmap_cell(nb, heatmap[0])
        if k is not None:
            nb["cells"].insert(k + 1, heatmap[1])
    return json.dumps(nb, indent=1, ensure_ascii=False)


def count_table_for(nbs: list[Path]) -> tuple[str, dict]:
    """The labelled heatmap's text alternative and the table cell to put after it."""
    from bigram_helpers.plotting import describe_count_heatmap

    N, vocab = counts.lesson_counts(REPO)
    alt = describe_count_heatmap(N, vocab, labelled=True)
    holders = [
        nb.name for nb in nbs if heatmap_cell(json.loads(nb.read_text(encoding="utf-8")), alt) is not None
    ]
    if not holders:
        raise SystemExit(
            "no notebook stores the labelled heatmap of names.txt (a picture whose alt is "
            "describe_count_heatmap(N, vocab, labelled=True)): re-run `make notebooks`, or "
            "change book/counts.py if the heatmap has gone"
        )
    return alt, counts.table_cell(N, vocab)


def doc_title(markdown: str, path: Path) -> str:
    title = next((line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), None)
    if not title:
        raise SystemExit(f"{path} has no '# title' line: the book's navigation names the page by it")
    return title


def home_page(readme: str, nbs: list[Path], pages: set[Path], docs: Sequence[Path] = ()) -> str:
    """README.md as the home page: without the line that points to the book itself, and
    with the book's table of contents (hidden: the sidebar shows it; the EPUB shows it in
    the reader's contents, conf.py): the series, then the pages of ``docs/``, then the
    reference."""
    kept, in_link_note = [], False
    for line in readme.splitlines():
        in_link_note = line.startswith(BOOK_NOTE) or (in_link_note and line.startswith(">"))
        if not in_link_note:
            kept.append(line)
    text = rewrite_links("\n".join(kept), Path("."), pages)
    series = "\n".join(f"notebooks/{nb.stem}" for nb in nbs)
    beside = "\n".join(f"docs/{doc.stem}" for doc in docs)
    beside_toc = f"```{{toctree}}\n:hidden:\n:caption: Beside the series\n\n{beside}\n```\n\n" if docs else ""
    return (
        f"{text}\n\n```{{toctree}}\n:hidden:\n:caption: The series\n\n{series}\n```\n\n"
        + beside_toc
        + "```{toctree}\n:hidden:\n:caption: Reference\n\n"
        + "reference/helpers\nreference/cli\nCONTRIBUTING\n```\n"
    )


def type_along_notebooks() -> list[Path]:
    """The committed type-along copies (``make type-along``), in series order."""
    return sorted((REPO / "notebooks" / TYPE_ALONG).glob("*.ipynb"))


def offline_section() -> str:
    """The home page's links to the offline copies and the type-along notebooks (the site
    only: the EPUB and the PDF are those copies, and hold no notebook files)."""
    rows = "\n".join(
        f'| {nb.stem} | <a href="{TYPE_ALONG}/{nb.name}" download>{nb.name}</a> '
        f"| [open in Colab]({COLAB_NOTEBOOKS}{TYPE_ALONG}/{nb.name}) |"
        for nb in type_along_notebooks()
    )
    return (
        "\n```{only} builder_html\n"
        "**Read it offline.** The whole series in one file, made with this site from the same "
        f'pages: <a href="{offline.EPUB_NAME}" download>EPUB</a> for an e-reader, '
        f'<a href="{offline.PDF_NAME}">PDF</a> to print.\n\n'
        "**Type along.** The lesson notebooks again with every output cleared, so that each "
        "result appears only when you run its cell (each notebook page offers its copy too, "
        "in the download and launch menus at the top):\n\n"
        f"| notebook | to download | in Colab |\n|---|---|---|\n{rows}\n```\n"
    )


def copy_repository_notebooks() -> None:
    """The notebooks as the repository has them, served at notebooks/NAME.ipynb: what the
    download menu gives (conf.py), not the book's staged copies."""
    for nb in notebooks():
        shutil.copy2(nb, HTML / "notebooks" / nb.name)


def copy_type_along() -> None:
    """The type-along notebooks, served by the site at type-along/NAME.ipynb."""
    dest = HTML / TYPE_ALONG
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for nb in type_along_notebooks():
        shutil.copy2(nb, dest / nb.name)


def helper_modules() -> list[str]:
    import bigram_helpers

    # walk_packages goes into subpackages too (bigram_helpers.exercises and its ex1..ex6)
    return [
        m.name
        for m in pkgutil.walk_packages(bigram_helpers.__path__, "bigram_helpers.")
        if not any(part.startswith("_") for part in m.name.split("."))
    ]


def helpers_page() -> str:
    """Every public function and class of every module (its ``__all__``), from its docstring.

    reStructuredText, as the docstrings are (autodoc's output is reST too)."""
    title = "The helpers"
    parts = [
        f"{title}\n{'=' * len(title)}\n",
        "Every public function and class of ``bigram_helpers``, module by module, with its "
        "signature and docstring (shapes included). This page is written from the code "
        "each time the book is built.\n",
    ]
    for module in helper_modules():
        heading = f"``{module}``"
        parts.append(f"{heading}\n{'-' * len(heading)}\n\n.. automodule:: {module}\n")
    return "\n".join(parts)


def cli_help(*args: str) -> str:
    """What ``python -m bigram_helpers ARGS --help`` prints (its own entry point, run here
    rather than in a new Python, which would import torch again for each page of help)."""
    from bigram_helpers.cli import main

    out = io.StringIO()
    columns = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "90"  # argparse wraps to this width
    try:
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            main([*args, "--help"], prog="python -m bigram_helpers")
    finally:
        if columns is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = columns
    if not out.getvalue().startswith("usage:"):
        raise SystemExit(f"`python -m bigram_helpers {' '.join(args)} --help` printed no usage")
    return out.getvalue()


def subcommands() -> list[str]:
    """The sub-commands, as the top-level ``--help`` lists them: ``{train,sample,...}``."""
    match = re.search(r"\{([a-z,-]+)\}", cli_help())
    if not match:
        raise SystemExit("`python -m bigram_helpers --help` lists no sub-commands")
    return match[1].split(",")


def cli_page() -> str:
    parts = [
        "# The command line\n",
        "`python -m bigram_helpers` (installed as `makemore-bigram` too). What follows is its "
        "own `--help`, captured each time the book is built.\n",
        f"```text\n$ python -m bigram_helpers --help\n{cli_help()}```\n",
    ]
    for sub in subcommands():
        parts.append(f"## `{sub}`\n\n```text\n$ python -m bigram_helpers {sub} --help\n{cli_help(sub)}```\n")
    return "\n".join(parts)


def sources() -> dict[str, str | bytes]:
    """What Sphinx reads, by path under build/book/src."""
    nbs = notebooks()
    docs = docs_pages()
    pages = (
        {p.resolve() for p in nbs}
        | {(REPO / name).resolve() for name in ("README.md", "CONTRIBUTING.md")}
        | {p.resolve() for p in docs}
    )
    heatmap = count_table_for(nbs)
    files: dict[str, str | bytes] = {
        f"notebooks/{nb.name}": staged_notebook(nb, pages, heatmap, vectors.drawings(REPO, nb, VECTORS))
        for nb in nbs
    }
    files["index.md"] = home_page((REPO / "README.md").read_text(), nbs, pages, docs) + offline_section()
    for doc in docs:
        text = doc.read_text(encoding="utf-8")
        doc_title(text, doc)
        files[f"docs/{doc.name}"] = rewrite_links(text, Path("docs"), pages)
    files["CONTRIBUTING.md"] = rewrite_links((REPO / "CONTRIBUTING.md").read_text(), Path("."), pages)
    for picture in sorted((REPO / "docs").glob("*.png")):
        files[f"docs/{picture.name}"] = picture.read_bytes()
    files[f"_static/{BADGE}"] = (HERE / "_static" / BADGE).read_bytes()
    files["reference/helpers.rst"] = helpers_page()
    files["reference/cli.md"] = cli_page()
    return files


def stage() -> bool:
    """Write the sources to build/book/src, touching only what changed (so that Sphinx
    rebuilds only those pages) and removing what is gone (a renamed notebook, say).

    True when a page came or went: then every page must be written again, since each
    one's menu and next/previous links name the others (Sphinx would rewrite only the
    pages whose own source changed)."""
    files = {SRC / rel: data if isinstance(data, bytes) else data.encode() for rel, data in sources().items()}
    came = any(not path.is_file() for path in files)
    for path, data in files.items():
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    before = {p for p in SRC.rglob("*") if p.is_file()} if SRC.exists() else set()
    for path in before - set(files):
        path.unlink()
    return came or bool(before - set(files))


def copy_mathjax() -> None:
    """MathJax 3 (CommonHTML output) with its fonts and TeX extensions, served by the site."""
    if not (MATHJAX / "tex-chtml.js").is_file():
        raise SystemExit(f"{MATHJAX} is missing: run `npm ci --prefix book` (make book does)")
    dest = STATIC / "mathjax"
    if (dest / "tex-chtml.js").is_file() and filecmp.cmp(
        dest / "tex-chtml.js", MATHJAX / "tex-chtml.js", False
    ):
        return  # already there (the same MathJax)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copy2(MATHJAX / "tex-chtml.js", dest)
    for sub in ("input/tex/extensions", "output/chtml/fonts/woff-v2", "ui", "a11y", "adaptors"):
        shutil.copytree(MATHJAX / sub, dest / sub)


def main() -> int:
    t0 = time.monotonic()
    fresh = ["-E"] if stage() else []  # a new or removed page: build every page afresh
    copy_mathjax()
    from sphinx.cmd.build import build_main

    # -W: a warning (a broken cross-reference, a missing picture) fails the build.
    args = ["-b", "html", "-c", str(HERE), "-W", "--keep-going", "-q", *fresh, str(SRC), str(HTML)]
    code = build_main(args)
    if code == 0:
        copy_type_along()
        copy_repository_notebooks()
        print(f"book: {HTML / 'index.html'} ({time.monotonic() - t0:.1f} s)")
        code = offline.build(build_main, HERE, SRC, OUT, HTML, fresh=bool(fresh))
    return code


if __name__ == "__main__":
    sys.exit(main())
