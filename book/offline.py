"""The book to read offline: an EPUB and a PDF of the whole series, made by ``make book``.

Both come from the sources that build.py stages for the site (``build/book/src``), after
the site itself is built, and land beside it in ``build/book/html`` so that the home page
can link to them:

- the EPUB is Sphinx's own ``epub`` builder. E-readers run no JavaScript, so MathJax
  cannot typeset the math there: instead each formula is turned into MathML once, here
  (MathJax in Node, the copy the site serves), and the package lists the pages that hold
  MathML, as EPUB 3 asks;
- the PDF is Sphinx's ``singlehtml`` page (the whole book on one page, in the site's
  look) printed by headless Chromium, after MathJax has typeset it, each part of the book
  starting on a new page.

``tests/browser/test_offline_copies.py`` checks both (epubcheck, pdftotext, pdftoppm).
"""

from __future__ import annotations

import html
import json
import logging
import os
import posixpath
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
EPUB_NAME = "makemore-bigram.epub"
PDF_NAME = "makemore-bigram.pdf"
CHROMIUM = os.environ.get("BIGRAM_CHROMIUM", "/usr/bin/chromium")
# Debian's chromium stalls on a closed network without these (the browser tests launch it
# the same way: tests/browser/conftest.py). Playwright refuses a --user-data-dir here.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PRINT_TIMEOUT_MS = 120_000
EPUB_PYGMENTS = "a11y-high-contrast-light"  # accessible-pygments, as the site's light mode

# Sphinx writes a formula as \( \) in a span (inline) or \[ \] in a div (displayed).
MATH = re.compile(
    r'<(span|div) class="math notranslate nohighlight">\s*(?:\\\((.*?)\\\)|\\\[(.*?)\\\])\s*</\1>', re.S
)
MYSTNB_CSS = re.compile(r"_static/mystnb\.[0-9a-f]+\.css")
# myst-nb's fold outside the site: a summary holding two paragraphs (show, hide), which
# EPUB's XHTML does not allow; the EPUB keeps the first as the summary's text.
FOLD_SUMMARY = re.compile(
    r'<summary[^>]*>\s*<p class="collapsed[^"]*">(.*?)</p>\s*<p class="expanded[^"]*">.*?</p>\s*</summary>',
    re.S,
)
MYSTNB_LINK = re.compile(r'\s*<link rel="stylesheet"[^>]*href="[^"]*mystnb\.[0-9a-f]+\.css"[^>]*>')
# TeX to MathML with the MathJax the site serves; one Node process for every formula.
TEX2MML_JS = """
const formulas = JSON.parse(require('fs').readFileSync(0, 'utf8'));
require('mathjax').init({loader: {load: ['input/tex']}}).then((MathJax) => {
  const out = formulas.map(([tex, display]) => MathJax.tex2mml(tex, {display}));
  process.stdout.write(JSON.stringify(out));
}).catch((err) => { console.error(err.message || err); process.exit(1); });
"""
# The PDF: each document of the single page (singlehtml marks each with a span) on a new page.
PRINT_CSS = """
span[id^="document-"] + section { break-before: page; }
.cell_output img { break-inside: avoid; }
"""
MATH_DONE_JS = """
async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  return document.querySelectorAll('mjx-container').length;
}
"""


def tex_to_mathml(formulas: list[tuple[str, bool]]) -> list[str]:
    """MathML for each ``(tex, displayed)`` formula, from MathJax's TeX input in Node."""
    if not formulas:
        return []
    env = dict(os.environ, NODE_PATH=str(NODE_MODULES))
    result = subprocess.run(
        ["node", "-e", TEX2MML_JS], input=json.dumps(formulas), capture_output=True, text=True, env=env
    )
    if result.returncode != 0:
        raise SystemExit(f"MathJax could not turn the book's TeX into MathML: {result.stderr.strip()}")
    mathml = json.loads(result.stdout)
    # MathJax's own data-mjx-* attributes are not MathML; the TeX stays as the text alternative.
    plain = [re.sub(r'\sdata-mjx-[a-z-]+="[^"]*"', "", m) for m in mathml]
    return [
        m.replace("<math ", f'<math alttext="{html.escape(tex)}" ', 1)
        for m, (tex, _) in zip(plain, formulas, strict=True)
    ]


def typeset_pages(pages: dict[str, str]) -> dict[str, str]:
    """The EPUB's XHTML pages (by name) with every formula as MathML: only those that change."""
    found = {name: list(MATH.finditer(text)) for name, text in pages.items()}
    formulas = [
        (html.unescape(m[2] if m[2] is not None else m[3]).strip(), m[1] == "div")
        for matches in found.values()
        for m in matches
    ]
    mathml = iter(tex_to_mathml(formulas))
    changed = {}
    for name, matches in found.items():
        if matches:
            changed[name] = MATH.sub(lambda m: f'<{m[1]} class="math">{next(mathml)}</{m[1]}>', pages[name])
    return changed


def _declare_mathml(opf: str, pages: set[str]) -> str:
    """content.opf with ``properties="mathml"`` on the manifest items of ``pages``."""

    def item(m: re.Match[str]) -> str:
        tag = m[0]
        href = re.search(r'href="([^"]+)"', tag)[1]
        return tag.replace(" href=", ' properties="mathml" href=', 1) if href in pages else tag

    return re.sub(r"<item [^>]*>", item, opf)


def _same_identifier(ncx: str, opf: str) -> str:
    """toc.ncx naming the book as content.opf does (Sphinx writes epub_uid, the id of the
    identifier, where the identifier itself belongs)."""
    identifier = re.search(r"<dc:identifier[^>]*>([^<]+)</dc:identifier>", opf)[1]
    return re.sub(r'(<meta name="dtb:uid" content=")[^"]*', lambda m: m[1] + identifier, ncx, count=1)


IMG_SRC = re.compile(r'<img [^>]*src="([^"]+)"')


def unused_pictures(pages: dict[str, str], names: list[str]) -> set[str]:
    """The pictures under ``_images/`` in ``names`` (an EPUB's files) that no page of
    ``pages`` (path -> XHTML) shows: left in the output folder by an earlier build, when a
    figure has changed since."""
    shown = {
        posixpath.normpath(posixpath.join(posixpath.dirname(page), src))
        for page, text in pages.items()
        for src in IMG_SRC.findall(text)
    }
    return {n for n in names if n.startswith("_images/") and n not in shown}


def finish_epub(outdir: Path) -> Path:
    """Typeset the math of Sphinx's EPUB in ``outdir`` and package it again, without the
    pictures no page shows (:func:`unused_pictures`).

    Also drops the links to myst-nb's style sheet, which Sphinx does not pack (myst-nb
    copies it at the very end of the build) and which EPUB's CSS rules do not allow (it
    nests rules): the EPUB has Sphinx's own styles."""
    epub = outdir / EPUB_NAME
    with zipfile.ZipFile(epub) as z:
        # On a rebuild Sphinx finds the sheet from the last build and packs it: not kept.
        names = [n for n in z.namelist() if not MYSTNB_CSS.fullmatch(n)]
        data = {n: z.read(n) for n in names}
    pages = {
        n: FOLD_SUMMARY.sub(r"<summary>\1</summary>", MYSTNB_LINK.sub("", data[n].decode()))
        for n in names
        if n.endswith(".xhtml")
    }
    typeset = typeset_pages(pages)
    opf = _declare_mathml(data["content.opf"].decode(), set(typeset))
    opf = re.sub(r'\s*<item [^>]*href="_static/mystnb\.[0-9a-f]+\.css"[^>]*>', "", opf)
    for unused in unused_pictures(pages, names):  # an earlier build's figures: not packed
        names.remove(unused)
        opf = re.sub(rf'\s*<item [^>]*href="{re.escape(unused)}"[^>]*>', "", opf)
    data.update({n: t.encode() for n, t in {**pages, **typeset}.items()})
    data["content.opf"] = opf.encode()
    data["toc.ncx"] = _same_identifier(data["toc.ncx"].decode(), opf).encode()
    tmp = epub.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w") as z:
        # The EPUB rule: "mimetype" first and stored, not compressed.
        z.writestr(zipfile.ZipInfo("mimetype"), data["mimetype"], zipfile.ZIP_STORED)
        for name in names:
            if name != "mimetype":
                z.writestr(name, data[name], zipfile.ZIP_DEFLATED)
    tmp.replace(epub)
    return epub


# The printed contents (the book theme's #jb-print-toc): each entry links to its section
# (singlehtml writes "#document-NAME#anchor", which names no element) and has a place for
# its page number; the list's captions are no headings (they would be bookmarks).
PRINT_TOC_JS = """
() => {
  const toc = document.querySelector('#jb-print-toc');
  if (!toc) return [];
  toc.querySelectorAll('[role=heading]').forEach(e => {
    e.removeAttribute('role');
    e.removeAttribute('aria-level');
  });
  const links = [...toc.querySelectorAll('nav a')];
  links.forEach((a, k) => {
    const [doc, anchor] = a.getAttribute('href').slice(1).split('#');
    let target = document.getElementById(doc);
    if (target && anchor) {
      const part = target.nextElementSibling;
      target = part && (part.id === anchor ? part : part.querySelector('[id="' + CSS.escape(anchor) + '"]'));
    }
    if (target) {
      if (!target.id || document.querySelectorAll('[id="' + CSS.escape(target.id) + '"]').length > 1) {
        target.id = 'print-toc-' + k;
      }
      a.setAttribute('href', '#' + target.id);
    }
    const number = document.createElement('span');
    number.className = 'toc-page';
    a.append(number);
  });
  return links.map(a => a.firstChild ? a.textContent.trim() : '');
}
"""
PAGE_NUMBERS_JS = """
(numbers) => document.querySelectorAll('#jb-print-toc nav a .toc-page')
  .forEach((e, k) => { e.textContent = numbers[k] || ''; })
"""
# Every heading's text, without its "#" permalink.
HEADINGS_JS = """
() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => {
  const copy = h.cloneNode(true);
  copy.querySelectorAll('.headerlink').forEach(e => e.remove());
  return copy.textContent;
})
"""
PRINT_TOC_CSS = """
#jb-print-toc nav a { display: flex; gap: 1em; text-decoration: none; }
#jb-print-toc nav a .toc-page { margin-left: auto; flex: none; width: 3em; text-align: right;
  white-space: nowrap; font-variant-numeric: tabular-nums; }
"""
MAX_PRINTS = 3  # numbering the contents could move a page break: print again, at most this often


# pypdf reads Chromium's PDF with a note on its trailer's object count: not a problem here.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def _key(title: str) -> str:
    """A title without its spaces (Chromium drops the one where a heading wraps) and once
    over (it writes some twice: "The dataThe data")."""
    text = "".join(title.split())
    half = len(text) // 2
    return text[:half] if len(text) % 2 == 0 and text[:half] == text[half:] else text


def outline(pdf: Path) -> list[tuple[str, int]]:
    """The PDF's bookmarks in order, flattened: (title, page number from 1)."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    found: list[tuple[str, int]] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((_key(item.title), reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return found


def contents_pages(titles: list[str], marks: list[tuple[str, int]]) -> list[str]:
    """The page of each contents entry: the next bookmark, in order, with its title."""
    numbers, at = [], 0
    for title in titles:
        k = next((k for k in range(at, len(marks)) if marks[k][0] == _key(title)), None)
        numbers.append("" if k is None else str(marks[k][1]))
        at = at if k is None else k + 1
    return numbers


def tidy_bookmarks(pdf: Path, headings: list[str]) -> None:
    """Each bookmark titled as its heading (``headings``: every heading's text) reads:
    Chromium writes some twice over ("The dataThe data") and drops the space where a
    heading wraps ("honestevaluation")."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=pdf)
    texts = {_key(h): " ".join(h.split()) for h in headings}

    def walk(item) -> None:  # an outline item, its children (/First), then its siblings (/Next)
        while item is not None:
            item = item.get_object()
            title = str(item.get("/Title", ""))
            if texts.get(_key(title), title) != title:
                item[NameObject("/Title")] = TextStringObject(texts[_key(title)])
            walk(item.get("/First"))
            item = item.get("/Next")

    walk(writer.root_object["/Outlines"].get_object().get("/First"))
    tmp = pdf.with_suffix(".tmp")
    with tmp.open("wb") as out:
        writer.write(out)
    tmp.replace(pdf)


def print_pdf(page: Path, pdf: Path) -> None:
    """Print the single-page book ``page`` to ``pdf`` in headless Chromium, its contents
    numbered with the pages their bookmarks lead to (printed again until they agree).

    Each print is made in a freshly loaded tab: a tab printed once lays the next print out
    differently (a heading near a page break moved between two pages on every other print).
    """
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: `apt-get install chromium` (make book does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            numbers: list[str] = []
            for _ in range(MAX_PRINTS):
                tab, titles, headings = _print_tab(browser, page)
                tab.evaluate(PAGE_NUMBERS_JS, numbers)
                _print(tab, pdf)
                tab.close()
                found = contents_pages(titles, outline(pdf))
                if found == numbers:
                    break
                numbers = found
            else:
                raise SystemExit(f"{pdf}: the contents' page numbers did not settle in {MAX_PRINTS} prints")
        finally:
            browser.close()
    tidy_bookmarks(pdf, headings)


def _print_tab(browser, page: Path) -> tuple[object, list[str], list[str]]:
    """A new tab with ``page`` loaded, typeset and styled for print; the contents' titles
    and every heading's text."""
    tab = browser.new_page()
    tab.goto(page.as_uri(), wait_until="load", timeout=PRINT_TIMEOUT_MS)
    if tab.evaluate(MATH_DONE_JS) == 0:
        raise SystemExit(f"{page}: MathJax typeset no formula; the PDF would show raw TeX")
    tab.add_style_tag(content=PRINT_CSS + PRINT_TOC_CSS)
    return tab, tab.evaluate(PRINT_TOC_JS), tab.evaluate(HEADINGS_JS)


def _print(tab, pdf: Path) -> None:
    tab.pdf(
        path=str(pdf),
        format="A4",
        margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
        print_background=True,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=(
            '<div style="font-size:8px;width:100%;text-align:center;color:#555">makemore-bigram · '
            '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
        ),
        outline=True,
        tagged=True,
    )


def build(
    build_main: Callable[[list[str]], int],
    conf_dir: Path,
    src: Path,
    out: Path,
    html_dir: Path,
    *,
    fresh: bool = False,
) -> int:
    """The EPUB and the PDF from the staged sources ``src``, copied into the site ``html_dir``
    (``fresh``: a page came or went, so every page is read and written again)."""
    epub_dir, single_dir = out / "epub", out / "singlehtml"
    common = ["-c", str(conf_dir), "-W", "--keep-going", "-q", *(["-E"] if fresh else [])]
    # The EPUB takes the hand-written static files only: MathJax is for browsers.
    epub_args = ["-b", "epub", *common, "-d", str(out / "doctrees-epub")]
    epub_args += ["-D", f"html_static_path={HERE / '_static'}"]
    # The EPUB theme highlights nothing by default: the book theme's light style instead.
    epub_args += ["-D", f"pygments_style={EPUB_PYGMENTS}"]
    if build_main([*epub_args, str(src), str(epub_dir)]) != 0:
        return 1
    epub = finish_epub(epub_dir)
    single_args = ["-b", "singlehtml", *common, "-d", str(out / "doctrees-singlehtml")]
    if build_main([*single_args, str(src), str(single_dir)]) != 0:
        return 1
    pdf = out / PDF_NAME
    print_pdf(single_dir / "index.html", pdf)
    for made in (epub, pdf):
        shutil.copy2(made, html_dir / made.name)
        print(f"book: {html_dir / made.name} ({made.stat().st_size / 1e6:.1f} MB)")
    return 0
