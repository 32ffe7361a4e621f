"""The book's offline copies (`make book`, book/offline.py) and its type-along links.

The EPUB must pass epubcheck (Debian's) and hold the whole series in order with its math
as MathML, its figures and their text alternatives; the PDF (read with poppler's
pdftotext and pdftoppm) must show no raw TeX, start every notebook on a page of its own in
series order, and look like a page of the book. The home page links to both and to the
type-along notebooks; each lesson page offers its type-along copy. Opt-in with the other
browser tests (`make test-browser`, which installs epubcheck and poppler-utils).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "book"))
import test_book  # noqa: E402
from offline import EPUB_NAME, PDF_NAME  # noqa: E402
from test_book import Watch  # noqa: E402

context = test_book.context  # the book tests' browser page fixture (desktop size, light mode)

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
TYPE_ALONG = sorted((REPO / "notebooks" / "type-along").glob("*.ipynb"))
COLAB = "https://colab.research.google.com/github/makemore-bigram/makemore-bigram/blob/main/notebooks/"
MATH_PAGES = ["notebooks/03_sampling_and_loss", "notebooks/04_neural_bigram"]
# What TeX looks like where it was not typeset (in prose; code cells may hold backslashes).
RAW_TEX = ["\\frac", "\\sum", "\\prod", "\\log", "\\text", "\\begin", "\\(", "\\[", "$$"]
PDF_PAGES = (25, 250)
IMG = re.compile(
    r'<img [^>]*src="([^"]+)"[^>]*alt="([^"]*)"'
)  # the series is some 80 A4 pages; far outside this, something is lost or repeated


def title(ipynb: Path) -> str:
    """A notebook's title: its first markdown cell's first line, without the '# '."""
    cells = json.loads(ipynb.read_text(encoding="utf-8"))["cells"]
    first = "".join(next(c for c in cells if c["cell_type"] == "markdown")["source"])
    return first.splitlines()[0].removeprefix("# ").strip()


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        pytest.fail(f"`{name}` is missing: apt-get install epubcheck poppler-utils (make test-browser does)")
    return path


@pytest.fixture(scope="module")
def epub(book_site) -> zipfile.ZipFile:
    path = book_site.root / EPUB_NAME
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `make book`")
    with zipfile.ZipFile(path) as z:
        yield z


@pytest.fixture(scope="module")
def pdf(book_site) -> Path:
    path = book_site.root / PDF_NAME
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `make book`")
    return path


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            a = dict(attrs)
            self.found.append((a.get("src") or "", a.get("alt")))


def images(markup: str) -> list[tuple[str, str | None]]:
    """Every picture of a page: its src and its alt text (None: no alt attribute)."""
    parser = _Images()
    parser.feed(markup)
    return parser.found


def _spine(epub: zipfile.ZipFile) -> list[str]:
    """The EPUB's pages in reading order, as paths without .xhtml."""
    opf = epub.read("content.opf").decode()
    hrefs = dict(re.findall(r'<item id="([^"]+)"[^>]* href="([^"]+)"', opf))
    return [hrefs[i].removesuffix(".xhtml") for i in re.findall(r'<itemref idref="([^"]+)"', opf)]


def _prose(xhtml: str) -> str:
    """A page's text outside code, math and tags."""
    text = re.sub(r"<(pre|code|math)\b.*?</\1>", " ", xhtml, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def test_epub_passes_epubcheck(book_site):
    # Debian installs epubcheck as a bare jar (/usr/bin/epubcheck links to it).
    jar = Path(_tool("epubcheck")).resolve()
    result = _run([_tool("java"), "-jar", str(jar), str(book_site.root / EPUB_NAME)])
    print(result.stdout.strip().splitlines()[-3:])
    report = result.stdout[-6000:] + result.stderr[-3000:]
    assert result.returncode == 0, f"epubcheck finds problems:\n{report}"
    assert "No errors or warnings detected" in result.stdout, result.stdout[-3000:]


def test_epub_holds_the_series_in_order_with_math_and_figures(epub, book_site):
    spine = _spine(epub)
    series = [f"notebooks/{nb.stem}" for nb in NOTEBOOKS]
    in_order = [p for p in spine if p in series]
    assert spine[0] == "index", f"the EPUB opens at {spine[0]}, not the home page"
    assert in_order == series, f"the EPUB reads {in_order}, the series is {series}"
    opf = epub.read("content.opf").decode()
    names = set(epub.namelist())
    problems = []
    for page in spine:
        xhtml = epub.read(f"{page}.xhtml").decode()
        raw = [t for t in RAW_TEX if t in _prose(xhtml)]
        if raw:
            problems.append(f"{page}: raw TeX {raw}")
        has_math = "<math" in xhtml
        declared = re.search(rf'<item [^>]*properties="mathml" href="{re.escape(page)}.xhtml"', opf)
        if has_math != bool(declared):
            problems.append(f"{page}: MathML {has_math}, declared in content.opf {bool(declared)}")
        # Every figure is in the book, with the text alternative the site gives it.
        site = (book_site.root / f"{page}.html").read_text(encoding="utf-8")
        site_alts = {Path(src).name: alt for src, alt in images(site)}
        pictures = images(xhtml)
        # The page's pictures are the site page's (the site adds only its theme's icons).
        in_site = sorted(Path(src).name for src, _ in images(site) if "_images/" in src)
        if sorted(Path(src).name for src, _ in pictures if "_images/" in src) != in_site:
            problems.append(f"{page}: pictures {[src for src, _ in pictures]}, on the site {in_site}")
        for src, alt in pictures:
            image = (Path(page).parent / src).as_posix().replace("notebooks/../", "")
            if image not in names:
                problems.append(f"{page}: figure {src} is not in the EPUB")
            if not (alt or "").strip():
                problems.append(f"{page}: figure {src} has no text alternative")
            elif Path(src).name in site_alts and site_alts[Path(src).name] != alt:
                problems.append(f"{page}: figure {src} says {alt!r}, the site {site_alts[Path(src).name]!r}")
    assert not problems, "\n".join(problems)
    for page in MATH_PAGES:
        count = epub.read(f"{page}.xhtml").decode().count("<math ")
        assert count >= 5, f"{page}: only {count} formulas as MathML"
    for nb in NOTEBOOKS:
        assert html.escape(title(nb), quote=False) in epub.read(f"notebooks/{nb.stem}.xhtml").decode(), (
            f"the EPUB's page for {nb.name} lacks its title {title(nb)!r}"
        )


def _pdf_pages(pdf: Path) -> list[str]:
    text = _run([_tool("pdftotext"), "-layout", str(pdf), "-"], check=True).stdout
    return text.split("\f")[:-1]  # a form feed ends every page


def test_pdf_text_has_the_series_in_order_and_no_raw_tex(pdf):
    info = _run([_tool("pdfinfo"), str(pdf)], check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
    assert PDF_PAGES[0] <= count <= PDF_PAGES[1], f"the PDF has {count} pages"
    pages = _pdf_pages(pdf)
    assert len(pages) == count
    # Each notebook starts a page: its title is that page's first line, in series order.
    starts = []
    for k, page in enumerate(pages):
        top = " ".join(page.split())  # a long title wraps
        starts += [(k, nb.name) for nb in NOTEBOOKS if top.startswith(title(nb))]
    assert [name for _, name in starts] == [nb.name for nb in NOTEBOOKS], (
        f"pages starting with a notebook's title: {starts}; expected each notebook once, in order"
    )
    raw = [(k + 1, t) for k, page in enumerate(pages) for t in RAW_TEX if t in page]
    assert not raw, f"raw TeX in the PDF (page, text): {raw[:20]}"
    # Typeset math reads as its symbols: notebook 03's loss has a sum and a product sign.
    loss = "".join(pages[starts[2][0] : starts[3][0]])
    assert "∑" in loss and "∏" in loss, "the PDF's notebook 03 shows no typeset sum or product"


def _gray(pgm: bytes) -> tuple[int, int, bytes]:
    """Width, height and pixels of a binary PGM (P5) image, as pdftoppm -gray writes it."""
    magic, width, height, _maxval, pixels = pgm.split(maxsplit=4)
    assert magic == b"P5"
    return int(width), int(height), pixels


def test_pdf_pages_look_like_the_book(pdf, artifacts_dir, tmp_path):
    """A page with typeset formulas and a page with a figure, as pictures (artifacts/)."""
    pages = _pdf_pages(pdf)
    formula = next(k for k, p in enumerate(pages) if "∑" in p and "NLL" in p) + 1
    # The heatmap fills most of its page: notebook 02's page with the least text.
    start = next(k for k, p in enumerate(pages) if " ".join(p.split()).startswith(title(NOTEBOOKS[1])))
    end = next(k for k, p in enumerate(pages) if " ".join(p.split()).startswith(title(NOTEBOOKS[2])))
    heatmap = min(range(start, end), key=lambda k: len(pages[k].split())) + 1
    for name, number in (("formula", formula), ("heatmap", heatmap)):
        png, gray = artifacts_dir / f"pdf-{name}", tmp_path / name
        args = ["-f", str(number), "-l", str(number), "-r", "60", "-singlefile"]
        _run([_tool("pdftoppm"), *args, "-png", str(pdf), str(png)], check=True)
        _run([_tool("pdftoppm"), *args, "-gray", str(pdf), str(gray)], check=True)
        width, height, pixels = _gray(gray.with_suffix(".pgm").read_bytes())
        assert 0.6 < width / height < 0.8, f"page {number} is {width} x {height}, not A4 upright"
        ink = sum(1 for p in pixels if p < 128) / len(pixels)
        print(f"PDF page {number} ({name}): {ink:.1%} ink, {png.with_suffix('.png')}")
        assert 0.005 < ink < 0.6, f"PDF page {number} ({name}) is {ink:.1%} ink: blank, or a black page"


def _pdf_string(token: bytes) -> str:
    """A PDF string object's text: (literal, with escapes) or <hex>, PDFDoc or UTF-16BE."""
    if token.startswith(b"<"):
        raw = bytes.fromhex(token[1:-1].decode())
    else:
        escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}

        def unescape(m: re.Match[bytes]) -> bytes:
            e = m[1]
            return bytes([int(e, 8)]) if e[:1].isdigit() else escapes.get(e, e)

        raw = re.sub(rb"\\([0-7]{1,3}|.)", unescape, token[1:-1], flags=re.S)
    return raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1")


def test_pdf_figures_carry_their_text_alternatives(pdf):
    """Chromium prints a tagged PDF: each picture of the printed page is a Figure whose /Alt
    is the picture's alt text, for a screen reader reading the PDF."""
    printed = (REPO / "build" / "book" / "singlehtml" / "index.html").read_text(encoding="utf-8")
    article = printed[printed.index("<article") : printed.index("</article>")]
    wanted = sorted(alt or "" for _, alt in images(article))
    data = pdf.read_bytes()
    alts = sorted(
        _pdf_string(t) for t in re.findall(rb"/Alt\s*(\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f]*>)", data, re.S)
    )
    assert wanted, "the printed page has no picture"
    assert alts == wanted, f"the PDF's figures say {alts}; the printed page's pictures {wanted}"


def test_home_page_links_the_offline_copies_and_type_along(book_site):
    index = (book_site.root / "index.html").read_text(encoding="utf-8")
    hrefs = set(re.findall(r'href="([^"]+)"', index))
    for name in (EPUB_NAME, PDF_NAME):
        assert name in hrefs, f"the home page does not link to {name}"
    with zipfile.ZipFile(book_site.root / EPUB_NAME) as z:
        assert z.read("mimetype") == b"application/epub+zip"
    assert (book_site.root / PDF_NAME).read_bytes()[:5] == b"%PDF-"
    assert [p.name[:2] for p in TYPE_ALONG] == ["01", "02", "03", "04"], f"type-along copies: {TYPE_ALONG}"
    for copy in TYPE_ALONG:
        href = f"type-along/{copy.name}"
        assert href in hrefs, f"the home page does not offer {href} to download"
        served = book_site.root / href
        same = served.is_file() and served.read_bytes() == copy.read_bytes()
        assert same, f"the site's {href} is not {copy}"
        assert f"{COLAB}type-along/{copy.name}" in hrefs, f"the home page does not open {copy.name} in Colab"


def test_lesson_pages_offer_their_type_along_copy(book_site, context):
    watch = Watch(context, book_site)
    for copy in TYPE_ALONG:
        watch.open(f"{book_site.url}/notebooks/{copy.stem}.html")
        download = watch.page.locator(".dropdown-download-buttons a.btn-download-type-along-button")
        assert download.count() == 1, f"{copy.stem}: no type-along entry in the download menu"
        url = download.evaluate("a => a.href")
        response = watch.page.request.get(url)
        assert response.ok and response.body() == copy.read_bytes(), f"{copy.stem}: {url} is not {copy}"
        colab = watch.page.locator(".dropdown-launch-buttons a.btn-launch-type-along-colab-button")
        assert colab.count() == 1, f"{copy.stem}: no type-along entry in the launch menu"
        assert colab.get_attribute("href") == f"{COLAB}type-along/{copy.name}"
    assert not watch.problems, "\n".join(watch.problems)


def test_epub_contents_list_every_page_and_its_licence(epub):
    """The e-reader's table of contents (nav.xhtml and toc.ncx) lists every notebook, in
    series order, and every page of docs/; the metadata names the licences."""
    nav = epub.read("nav.xhtml").decode()
    listed = re.findall(r'<a href="([^"#]+)\.xhtml"', nav)
    series = [f"notebooks/{nb.stem}" for nb in NOTEBOOKS]
    assert [p for p in listed if p in series] == series, f"the EPUB's contents list {listed}"
    docs = [f"docs/{p.stem}" for p in sorted((REPO / "docs").glob("*.md"))]
    assert all(d in listed for d in docs), f"the EPUB's contents lack {[d for d in docs if d not in listed]}"
    ncx = epub.read("toc.ncx").decode()
    assert all(f'src="{p}.xhtml' in ncx for p in series), "toc.ncx does not list every notebook"
    opf = epub.read("content.opf").decode()
    rights = re.search(r"<dc:rights>([^<]*)</dc:rights>", opf)
    assert rights and "CC BY 4.0" in rights[1] and "MIT" in rights[1], f"the EPUB's rights: {rights}"
    assert "<dc:contributor>unknown</dc:contributor>" not in opf, "the EPUB names its contributor 'unknown'"


def test_epub_code_is_highlighted_boxed_and_wrapped(epub):
    """Code is coloured (a highlighting style with token colours), set in a box, and both
    code and output wrap their long lines; each page links the style sheets."""
    pygments = epub.read("_static/pygments.css").decode()
    assert re.search(r"\.highlight \.k \{[^}]*color", pygments), "the EPUB's code has no token colours"
    style = epub.read("_static/epub-book.css").decode()
    assert "pre-wrap" in style and "border" in style, "the EPUB's style sheet neither wraps nor boxes code"
    for nb in NOTEBOOKS:
        page = epub.read(f"notebooks/{nb.stem}.xhtml").decode()
        assert "epub-book.css" in page and "pygments.css" in page, (
            f"{nb.stem}: its style sheets are not linked"
        )
        assert '<span class="k">' in page or '<span class="kn">' in page, f"{nb.stem}: code without tokens"


def _stored_text_lines(ipynb: Path) -> list[str]:
    """Every line a notebook's stored outputs print as text (streams, and results shown as
    plain text), as the book shows them."""
    ansi = re.compile(r"\x1b\[[0-9;]*m")
    lines = []
    for cell in json.loads(ipynb.read_text(encoding="utf-8"))["cells"]:
        for out in cell.get("outputs", []):
            if out["output_type"] == "stream":
                text = "".join(out["text"])
            elif out["output_type"] in {"execute_result", "display_data"} and set(out["data"]) == {
                "text/plain"
            }:
                text = "".join(out["data"]["text/plain"])
            else:
                continue
            lines += [line for line in ansi.sub("", text).splitlines() if line.strip()]
    return lines


def test_pdf_prints_every_output_line_whole(pdf):
    """No printed line is cut at its box's edge: every line of every notebook's text
    output is in the PDF's text in full (where a long line wraps, it is joined again)."""
    pages = _pdf_pages(pdf)
    footer = re.compile(r"^\s*makemore-bigram · \d+ / \d+\s*$", re.M)
    printed = "".join("".join(footer.sub("", page).split()) for page in pages)
    missing = []
    for nb in NOTEBOOKS:
        for line in _stored_text_lines(nb):
            if "".join(line.split()) not in printed:
                missing.append(f"{nb.stem}: {line[:100]}")
    assert not missing, f"{len(missing)} output lines are not printed whole, e.g.:\n" + "\n".join(
        missing[:15]
    )


def test_pdf_contents_have_page_numbers_and_clean_bookmarks(pdf):
    """The printed contents give each notebook the page its title starts on, and every
    bookmark is titled once, with its spaces."""
    from pypdf import PdfReader

    pages = _pdf_pages(pdf)
    starts = {}
    for k, page in enumerate(pages):
        top = " ".join(page.split())
        starts.update({nb.name: k + 1 for nb in NOTEBOOKS if top.startswith(title(nb))})
    contents = " ".join(" ".join(pages[:3]).split())
    for nb in NOTEBOOKS:
        # The number ends the entry's first line, so a title that wraps has it mid-way.
        words = title(nb).split()
        entry = re.search(
            re.escape(words[0]) + "".join(rf"(?: (\d+))? {re.escape(w)}" for w in words[1:]) + r"(?: (\d+))?",
            contents,
        )
        numbers = [int(g) for g in (entry.groups() if entry else ()) if g]
        assert len(numbers) == 1, f"the contents give no page for {title(nb)!r}"
        assert numbers[0] == starts[nb.name], (
            f"the contents put {nb.name} on page {numbers[0]}; it starts on page {starts[nb.name]}"
        )
    reader = PdfReader(pdf)
    titles = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    assert [title(nb) for nb in NOTEBOOKS if title(nb) not in titles] == [], f"bookmarks: {titles}"
    doubled = [t for t in titles if len(t) % 2 == 0 and t[: len(t) // 2] == t[len(t) // 2 :]]
    assert not doubled, f"bookmarks that say their text twice: {doubled}"


def test_pdf_count_table_is_at_least_6_pt(pdf):
    """The heatmap's counts, printed as a table, are set at 6 pt or more: the size of each
    count's text as the PDF draws it (font size times the text and page matrices)."""
    from pypdf import PdfReader

    pages = _pdf_pages(pdf)
    number = next(k for k, p in enumerate(pages) if "row, first character" in p) + 1
    sizes: list[float] = []

    def visit(text, cm, tm, font, size) -> None:
        if re.fullmatch(r"\d+", text.strip()):
            sizes.append(size * abs(tm[3]) * abs(cm[3]))

    PdfReader(pdf).pages[number - 1].extract_text(visitor_text=visit)
    assert len(sizes) >= 27 * 27, f"page {number} shows {len(sizes)} numbers, not the 729 counts of the table"
    small = sorted(s for s in sizes if s < 5.995)
    assert not small, f"{len(small)} numbers on page {number} are under 6 pt: {small[:5]}"


def _png_size(data: str) -> tuple[int, int]:
    """Width and height of a stored PNG (base64): the IHDR fields after the signature."""
    import base64
    import struct

    head = base64.b64decode(data[:64])
    return struct.unpack(">II", head[16:24])


def test_pdf_draws_the_plots_as_vectors(pdf):
    """Each notebook figure is printed from its SVG drawing (lines, shapes, glyph outlines),
    not as its stored PNG: no picture in the PDF has the pixel size of a stored figure. (A
    heatmap's squares stay one pixel per value, shown unsmoothed: at most 27 x 27.)"""
    stored = {}
    for nb in NOTEBOOKS:
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                png = output.get("data", {}).get("image/png")
                if png:
                    stored[_png_size("".join(png))] = nb.name
    assert stored, "no notebook stores a figure"
    listing = _run([_tool("pdfimages"), "-list", str(pdf)], check=True).stdout.splitlines()[2:]
    # page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
    rows = [line.split() for line in listing]
    printed = {(int(r[3]), int(r[4])): r[0] for r in rows}
    as_pixels = {size: (page, stored[size]) for size, page in printed.items() if size in stored}
    assert not as_pixels, f"figures printed as their PNGs (size: page, notebook): {as_pixels}"
    data_images = [r for r in rows if int(r[3]) <= 27 and int(r[4]) <= 27]
    assert data_images, "no heatmap's squares among the PDF's pictures: is 02 printed?"
    assert all(r[9] == "no" for r in data_images), f"a heatmap's squares are smoothed: {data_images}"
