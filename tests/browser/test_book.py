"""What a reader of the book sees: the built site (`make book`) in headless Chromium.

The site is served from 127.0.0.1 (conftest.py's ``book_site``). Every request to another
host is blocked and counted as a failure: the book must work with no network. Opt-in, as
the JupyterLab test is: see conftest.py (`make test-browser`).
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.stem for p in (REPO / "notebooks").glob("*.ipynb"))
# The pages of docs/ (book/build.py stages each docs/*.md after the series).
DOCS = sorted(f"docs/{p.stem}" for p in (REPO / "docs").glob("*.md"))
# Where next/previous lead after the series: the pages book/build.py puts in its second toctree.
AFTER_SERIES = ["reference/helpers", "reference/cli", "CONTRIBUTING"]
MATH_PAGES = ["notebooks/03_sampling_and_loss", "notebooks/04_neural_bigram"]
SEARCH_TERM, SEARCH_FINDS = "multinomial", ["notebooks/03_sampling_and_loss", "notebooks/04_neural_bigram"]
REPO_URL = "https://github.com/makemore-bigram/makemore-bigram"
COLAB_NOTEBOOKS = (
    "https://colab.research.google.com/github/makemore-bigram/makemore-bigram/blob/main/notebooks/"
)
COLAB_URL = COLAB_NOTEBOOKS + "{}.ipynb"
AXE = REPO / "book" / "node_modules" / "axe-core" / "axe.min.js"
LINKCHECKER_RC = REPO / "book" / "linkcheckerrc"
README_SCREENSHOT = REPO / "docs" / "book-math.png"  # notebook 03's page
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
UI_TIMEOUT_MS = 30_000

# After load: MathJax (on pages with math) has finished typesetting.
MATH_DONE_JS = """
async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  return document.querySelectorAll('mjx-container').length;
}
"""
# The article's text outside code: where raw TeX would show if MathJax had not run.
PROSE_JS = """
() => {
  const article = document.querySelector('article.bd-article').cloneNode(true);
  article.querySelectorAll('pre, code, .cell_output, mjx-container').forEach(e => e.remove());
  return article.textContent;
}
"""
# Every picture, each scrolled into view first (so a lazy one has had its chance to load).
IMAGES_JS = """
async () => {
  const out = [];
  for (const img of document.querySelectorAll('img')) {
    img.scrollIntoView();
    if (!img.complete) await new Promise(r => { img.onload = img.onerror = r; setTimeout(r, 10000); });
    out.push({src: img.currentSrc || img.src, ok: img.complete && img.naturalWidth > 0,
              visible: img.getClientRects().length > 0});
  }
  window.scrollTo(0, 0);
  return out;
}
"""


def pages(site) -> list[str]:
    """Every HTML page of the built site, as a path without .html ('index', 'notebooks/01_counting')."""
    found = (p.relative_to(site.root) for p in site.root.rglob("*.html"))
    # _static/ holds the themes' template fragments (webpack-macros.html), not pages.
    return sorted(p.with_suffix("").as_posix() for p in found if p.parts[0] != "_static")


class Watch:
    """A browser page that records what goes wrong: console errors, failed or refused requests."""

    def __init__(self, context, site) -> None:
        self.host = urlparse(site.url).netloc
        self.problems: list[str] = []
        self.page = context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", self._failed)
        self.page.on(
            "response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}")
        )

    def _route(self, route) -> None:
        url = route.request.url
        if urlparse(url).netloc == self.host or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            self.problems.append(f"request to another host: {url}")
            route.abort()

    def _failed(self, request) -> None:
        # Chromium fetches a page's favicon after the page loads; following a link at once
        # aborts that fetch, which is no fault of the site (a missing favicon is an HTTP 404).
        if request.url.endswith("/favicon.svg") and "ERR_ABORTED" in str(request.failure):
            return
        if urlparse(request.url).netloc == self.host:
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def open(self, url: str) -> None:
        self.page.goto(url, wait_until="load", timeout=UI_TIMEOUT_MS)
        self.page.evaluate(MATH_DONE_JS)
        self.page.wait_for_load_state("networkidle", timeout=UI_TIMEOUT_MS)


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport=DESKTOP, device_scale_factor=1, color_scheme="light")
    context.set_default_timeout(UI_TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()


def test_every_page_loads_from_this_site_alone(book_site, context):
    all_pages = pages(book_site)
    expected = {"index", "search", "genindex", *AFTER_SERIES, *DOCS, *(f"notebooks/{nb}" for nb in NOTEBOOKS)}
    assert expected <= set(all_pages), f"the book lacks pages: {sorted(expected - set(all_pages))}"
    watch = Watch(context, book_site)
    report = []
    for name in all_pages:
        watch.problems.clear()
        watch.open(f"{book_site.url}/{name}.html")
        images = watch.page.evaluate(IMAGES_JS)
        broken = [i["src"] for i in images if i["visible"] and not i["ok"]]
        problems = watch.problems + [f"image did not load: {src}" for src in broken]
        hrefs = watch.page.evaluate("() => [...document.querySelectorAll('a')].map(a => a.href)")
        if not any(h.startswith(COLAB_NOTEBOOKS) for h in hrefs):
            problems.append("no link to Colab")
        if REPO_URL not in hrefs:
            problems.append(f"no link to the repository {REPO_URL}")
        if problems:
            report.append(f"{name}.html:\n  " + "\n  ".join(problems))
        print(f"{name}: {len(images)} images, {len(problems)} problems")
    assert not report, "pages with problems:\n" + "\n".join(report)


@pytest.mark.parametrize("name", MATH_PAGES)
def test_math_is_typeset(book_site, context, artifacts_dir, name):
    watch = Watch(context, book_site)
    watch.open(f"{book_site.url}/{name}.html")
    typeset = watch.page.evaluate(MATH_DONE_JS)
    prose = watch.page.evaluate(PROSE_JS)
    raw = [d for d in ("\\(", "\\)", "\\[", "\\]", "$$") if d in prose]
    assert typeset >= 5, f"{name}: only {typeset} formulas typeset by MathJax"
    assert not raw, f"{name}: raw TeX left in the text ({raw}); MathJax did not typeset it"
    assert not watch.problems, f"{name}: " + "\n".join(watch.problems)
    # The screenshot: the first displayed formula (else the first inline one) mid-screen.
    display = watch.page.locator("mjx-container[display='true']")
    (display if display.count() else watch.page.locator("mjx-container")).first.evaluate(
        "e => e.scrollIntoView({block: 'center'})"
    )
    shot = artifacts_dir / f"book-{Path(name).name}.png"
    watch.page.screenshot(path=shot)
    if name == MATH_PAGES[0] and os.environ.get("BIGRAM_README_SCREENSHOT") == "1":
        shutil.copy2(shot, README_SCREENSHOT)


def _walk(watch, url: str, selector: str) -> list[str]:
    """Follow the link `selector` (next or previous) from url until there is none; the pages seen."""
    seen = []
    watch.page.goto(url, timeout=UI_TIMEOUT_MS)
    while True:
        path = urlparse(watch.page.url).path.strip("/").removesuffix(".html")
        seen.append(path)
        link = watch.page.locator(selector)
        if not link.count() or len(seen) > 50:
            return seen
        link.first.click()
        watch.page.wait_for_load_state("load")


def test_next_and_previous_walk_the_series_in_order(book_site, context):
    order = ["index", *(f"notebooks/{nb}" for nb in NOTEBOOKS), *DOCS, *AFTER_SERIES]
    watch = Watch(context, book_site)
    forward = _walk(watch, f"{book_site.url}/index.html", "a.right-next")
    assert forward == order, f"'next' leads through {forward}, expected {order}"
    backward = _walk(watch, f"{book_site.url}/{order[-1]}.html", "a.left-prev")
    assert backward == order[::-1], f"'previous' leads through {backward}, expected {order[::-1]}"
    # The sidebar lists the series in the same order.
    sidebar = watch.page.evaluate(
        "() => [...document.querySelectorAll('.bd-sidebar-primary nav a.reference.internal')]"
        ".map(a => a.href)"
    )
    sidebar_pages = [urlparse(h).path.strip("/").removesuffix(".html") for h in sidebar]
    assert sidebar_pages == order, f"the sidebar lists {sidebar_pages}, expected {order}"
    assert not watch.problems, "\n".join(watch.problems)


def test_search_finds_the_pages(book_site, context):
    watch = Watch(context, book_site)
    watch.open(f"{book_site.url}/search.html?q={SEARCH_TERM}")
    results = watch.page.locator("#search-results ul.search li a")
    watch.page.wait_for_function(
        "() => { const s = document.querySelector('#search-results p.search-summary');"
        " return s && !/preparing|searching/i.test(s.innerText); }",
        timeout=UI_TIMEOUT_MS,
    )
    found = {
        urlparse(h).path.strip("/").removesuffix(".html")
        for h in results.evaluate_all("a => a.map(x => x.href)")
    }
    missing = [p for p in SEARCH_FINDS if p not in found]
    assert not missing, f"searching {SEARCH_TERM!r} does not find {missing}; it finds {sorted(found)}"
    assert not watch.problems, "\n".join(watch.problems)


def test_every_notebook_page_has_colab_download_and_contents(book_site, context):
    watch = Watch(context, book_site)
    for nb in NOTEBOOKS:
        watch.open(f"{book_site.url}/notebooks/{nb}.html")
        page = watch.page
        hrefs = page.evaluate("() => [...document.querySelectorAll('a')].map(a => a.href)")
        assert COLAB_URL.format(nb) in hrefs, f"{nb}: no 'Open in Colab' link to {COLAB_URL.format(nb)}"
        assert REPO_URL in hrefs, f"{nb}: no link to the repository {REPO_URL}"
        badge = page.locator(f"a[href='{COLAB_URL.format(nb)}'] img").first
        assert badge.get_attribute("src").endswith("colab-badge.svg"), f"{nb}: the Colab button has no badge"
        download = page.locator("a[href$='.ipynb'].btn, a.btn[href$='.ipynb'], .dropdown-download-buttons a")
        ipynb = [
            h
            for h in download.evaluate_all("a => a.map(x => x.href)")
            if h.startswith(book_site.url) and h.endswith(f"{nb}.ipynb")
        ]
        assert ipynb, f"{nb}: no 'download .ipynb' button"
        body = page.request.get(ipynb[0]).body()
        # The repository's own notebook (its Colab badge a link to Colab's picture), not
        # the book's staged copy, and the menu says where it runs.
        original = (REPO / "notebooks" / f"{nb}.ipynb").read_bytes()
        assert body == original, f"{nb}: 'download .ipynb' gives {ipynb[0]}, not notebooks/{nb}.ipynb"
        entry = page.locator(".dropdown-download-buttons a.btn-download-source-button")
        said = entry.evaluate("a => a.textContent")  # in words a phone shows, not a tooltip
        assert "Colab" in said, f"{nb}: the download entry does not say where the notebook runs"
        # Its headings are the page's contents (the secondary sidebar, "Contents").
        headings = page.evaluate(
            "() => [...document.querySelectorAll('article h2')]"
            ".map(h => h.textContent.replace('#', '').trim())"
        )
        toc = page.evaluate(
            "() => [...document.querySelectorAll('#pst-page-toc-nav a')].map(a => a.textContent.trim())"
        )
        assert headings, f"{nb}: the page has no section headings"
        assert [h for h in headings if h not in toc] == [], f"{nb}: contents {toc} lack headings {headings}"
    assert not watch.problems, "\n".join(watch.problems)


def test_reference_covers_every_public_function(book_site, context):
    import importlib
    import inspect

    sys.path.insert(0, str(REPO / "book"))
    from build import helper_modules, subcommands

    watch = Watch(context, book_site)
    watch.open(f"{book_site.url}/reference/helpers.html")
    documented = set(watch.page.evaluate("() => [...document.querySelectorAll('dt.sig')].map(d => d.id)"))
    wanted = set()
    for module in map(importlib.import_module, helper_modules()):
        for name in module.__all__:
            if inspect.isfunction(getattr(module, name)) or inspect.isclass(getattr(module, name)):
                wanted.add(f"{module.__name__}.{name}")
    assert wanted - documented == set(), f"the reference lacks {sorted(wanted - documented)}"
    signature = watch.page.locator("dt.sig[id='bigram_helpers.counting.bigram_probs']").inner_text()
    assert "smoothing" in signature, f"bigram_probs is shown without its signature: {signature!r}"
    watch.open(f"{book_site.url}/reference/cli.html")
    text = watch.page.locator("article").inner_text()
    for sub in subcommands():
        # The real command, in a new Python: what a reader of the page would run.
        cmd = [sys.executable, "-m", "bigram_helpers", sub, "--help"]
        env = dict(os.environ, COLUMNS="90")
        help_text = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stdout
        for line in help_text.splitlines():
            assert line.strip() in text, f"the CLI page differs from `{sub} --help` at: {line!r}"
    assert not watch.problems, "\n".join(watch.problems)


def test_phone_and_dark_mode(book_site, browser, artifacts_dir):
    heatmap = f"{book_site.url}/notebooks/{next(nb for nb in NOTEBOOKS if 'heatmap' in nb)}.html"
    for scheme, viewport in (("light", PHONE), ("dark", PHONE), ("dark", DESKTOP)):
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        try:
            watch = Watch(context, book_site)
            watch.open(heatmap)
            page = watch.page
            label = f"{scheme}, {viewport['width']} px"
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{label}: the page is {width} px wide, wider than the screen"
            theme = page.evaluate("() => document.documentElement.dataset.theme")
            assert theme == scheme, f"{label}: the page shows the {theme} theme"
            # The figures: as wide as they may be, on white, at full strength (no dimming filter).
            figures = page.evaluate(
                "() => [...document.querySelectorAll('.cell_output img')].map(i => {"
                " const s = getComputedStyle(i); const r = i.getBoundingClientRect();"
                " return {filter: s.filter, bg: s.backgroundColor, right: r.right}; })"
            )
            assert figures, f"{label}: no figure on the heatmap page"
            for f in figures:
                assert f["filter"] == "none", f"{label}: a figure is drawn through the filter {f['filter']}"
                assert f["right"] <= viewport["width"], f"{label}: a figure runs off the screen"
                if scheme == "dark":
                    assert f["bg"] == "rgb(255, 255, 255)", f"{label}: a figure is on {f['bg']}, not white"
            if viewport is PHONE:  # too small to read there: a tap opens each figure full size
                _tap_opens_every_figure_full_size(page, label)
            page.locator(".cell_output img").last.evaluate("e => e.scrollIntoView({block: 'center'})")
            page.screenshot(path=artifacts_dir / f"book-heatmap-{scheme}-{viewport['width']}.png")
            assert not watch.problems, f"{label}: " + "\n".join(watch.problems)
        finally:
            context.close()


# The labels of the opened heatmap (matplotlib's SVG draws each text as a group text_N of
# glyph outlines): the height of the tallest, in CSS pixels, and how many there are.
LABELS_JS = """() => {
  const labels = [...document.querySelectorAll('g[id^="text_"]')];
  return [labels.length, Math.max(...labels.map(g => g.getBoundingClientRect().height))];
}"""
LABEL_MIN_PX = 9  # a label's pair or count, letters and digits, readable without zooming


def _tap_opens_every_figure_full_size(page, label: str) -> None:
    """On every notebook page, each figure is a vector drawing (SVG, sharp at any zoom) and a
    link to its own file, and a tap on the labelled heatmap (the largest figure, specks at
    390 px) opens it full size, its labels large enough to read."""
    base = page.url
    other = page.context.new_page()  # the other pages, on a page of their own (not watched)
    try:
        for name in NOTEBOOKS:
            other.goto(base.rsplit("/", 1)[0] + f"/{name}.html", wait_until="load")
            links = other.evaluate(
                "() => [...document.querySelectorAll('.cell_output img')].map(i => "
                "({src: i.src, href: i.closest('a')?.href}))"
            )
            for link in links:
                assert link["href"] == link["src"], (
                    f"{label}, {name}: a figure does not open full size: {link}"
                )
                assert link["src"].endswith(".svg"), f"{label}, {name}: a figure is no vector drawing: {link}"
    finally:
        other.close()
    page.goto(base, wait_until="load")
    heatmap = page.locator(".cell_output img").last
    src = heatmap.evaluate("i => i.src")
    assert heatmap.evaluate("i => i.naturalWidth > 1.3 * i.clientWidth"), (
        f"{label}: the heatmap is not shrunk"
    )
    heatmap.click()  # a tap, as a phone without touch emulation sends it
    page.wait_for_url(src)
    width = page.evaluate("() => [document.documentElement.getBoundingClientRect().width, window.innerWidth]")
    assert width[0] > width[1], f"{label}: the heatmap opened {width[0]} px wide, not full size"
    count, tallest = page.evaluate(LABELS_JS)
    print(f"{label}: the heatmap opened full size, {width[0]:.0f} px wide, labels {tallest:.1f} px tall")
    assert count >= 2 * 27 * 27, f"{label}: the opened heatmap has {count} labels, not the 1,458 of 02"
    assert tallest >= LABEL_MIN_PX, f"{label}: the opened heatmap's labels are {tallest:.1f} px tall"
    page.goto(base, wait_until="load")
    page.evaluate(MATH_DONE_JS)


def test_screenshots(book_site, context, artifacts_dir):
    """The home page and the 02 heatmap page as a reader first sees them."""
    watch = Watch(context, book_site)
    watch.open(f"{book_site.url}/index.html")
    watch.page.screenshot(path=artifacts_dir / "book-home.png")
    heatmap = next(nb for nb in NOTEBOOKS if "heatmap" in nb)
    watch.open(f"{book_site.url}/notebooks/{heatmap}.html")
    watch.page.locator(".cell_output img").last.evaluate("e => e.scrollIntoView({block: 'start'})")
    watch.page.screenshot(path=artifacts_dir / "book-heatmap.png")
    assert not watch.problems, "\n".join(watch.problems)


# Every picture's text alternative, and whether it is content (in the article) or chrome.
ALT_JS = """
() => [...document.querySelectorAll('img')].map(i => ({
  src: i.getAttribute('src'), alt: i.getAttribute('alt'),
  content: !!i.closest('article.bd-article'), figure: !!i.closest('.cell_output'),
  decorative: i.getAttribute('role') === 'presentation' || i.getAttribute('aria-hidden') === 'true',
}))
"""
# What a text alternative must not be: a file name or path (Sphinx's fallback), a hash.
FILE_NAME_ALT = r"(^|/)[^\s/]+\.(png|jpe?g|svg|gif|webp)$|^[0-9a-f]{16,}|/_images/"


def stored_figure_alts(name: str) -> list[str]:
    """The alt text of each picture in a notebook's stored outputs, in order."""
    nb = json.loads((REPO / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    return [
        output["metadata"][mime]["alt"]
        for cell in nb["cells"]
        for output in cell.get("outputs", [])
        for mime in output.get("data", {})
        if mime.startswith("image/")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(book_site, browser, scheme):
    """axe-core on every page, in light and in dark mode, and our own check of every picture's alt."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci --prefix book` (make book does)")
    context = browser.new_context(viewport=DESKTOP, device_scale_factor=1, color_scheme=scheme)
    context.set_default_timeout(UI_TIMEOUT_MS)
    try:
        watch = Watch(context, book_site)
        report = []
        for name in pages(book_site):
            watch.open(f"{book_site.url}/{name}.html")
            theme = watch.page.evaluate("() => document.documentElement.dataset.theme")
            assert theme == scheme, f"{name}.html shows the {theme} theme, not {scheme}"
            watch.page.add_script_tag(path=str(AXE))
            violations = watch.page.evaluate(
                "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
                " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')), count: v.nodes.length}))"
            )
            for v in violations:
                report.append(
                    f"{name}.html: {v['impact']} {v['id']} ({v['help']}), "
                    f"{v['count']} nodes, e.g. {v['nodes']}"
                )
            images = watch.page.evaluate(ALT_JS)
            for img in images:
                alt = img["alt"]
                if alt is None:
                    report.append(f"{name}.html: a picture without alt: {img['src']}")
                elif re.search(FILE_NAME_ALT, alt.strip(), re.IGNORECASE):
                    report.append(f"{name}.html: a picture's alt is a file name: {alt!r}")
                elif img["content"] and not img["decorative"] and not alt.strip():
                    report.append(f"{name}.html: a content picture with an empty alt: {img['src']}")
            if name.startswith("notebooks/"):  # the figures' alt: the text stored with the output
                shown = [i["alt"] for i in images if i["figure"]]
                if shown != stored_figure_alts(name.split("/")[1]):
                    report.append(f"{name}.html: the figures' alt texts are not the stored ones: {shown}")
        assert not report, f"{scheme} mode: axe-core or the alt check finds:\n" + "\n".join(report)
        assert not watch.problems, "\n".join(watch.problems)
    finally:
        context.close()


# The focused element: what it is, whether it is on screen, and whether its focus shows.
FOCUS_JS = """
() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return {tag: e.tagName, text: (e.innerText || '').trim(), href: e.getAttribute('href'),
          cls: e.className, onScreen: r.width > 1 && r.height > 1 && r.bottom > 0 && r.top < innerHeight,
          ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'};
}
"""


def test_keyboard_only_reading(book_site, context):
    """A reader with only a keyboard: the first Tab shows a skip link, which leads to the article;
    every element Tab reaches shows that it has the focus, down to the first figure's link."""
    heatmap = next(nb for nb in NOTEBOOKS if "heatmap" in nb)
    watch = Watch(context, book_site)
    watch.open(f"{book_site.url}/notebooks/{heatmap}.html")
    page = watch.page
    page.keyboard.press("Tab")
    with contextlib.suppress(PlaywrightTimeout):  # the theme slides the skip link in (0.15 s)
        page.wait_for_function("() => document.activeElement.getBoundingClientRect().top >= 0", timeout=2000)
    first = page.evaluate(FOCUS_JS)
    assert "skip" in first["text"].lower() and first["onScreen"], f"the first Tab reaches {first}"
    assert first["ring"], f"the skip link does not show its focus: {first}"
    page.keyboard.press("Enter")
    # The next Tab starts from the skip link's target: the first focusable element of the article.
    target = first["href"].lstrip("#")
    page.keyboard.press("Tab")
    inside = page.evaluate(f"() => !!document.getElementById({target!r})?.contains(document.activeElement)")
    assert inside, f"after the skip link, Tab reaches {page.evaluate(FOCUS_JS)}, outside #{target}"
    unseen = []
    for _ in range(400):  # Tab on, through the article, to the first figure
        page.keyboard.press("Tab")
        now = page.evaluate(FOCUS_JS)
        if not now["ring"]:
            unseen.append(now)
        if "figure-full-size" in str(now["cls"]):
            break
    else:
        pytest.fail("Tab never reaches a figure's full-size link")
    assert not unseen, f"elements that take the focus without showing it: {unseen[:5]}"
    page.keyboard.press("Enter")  # the figure opens full size from the keyboard too
    page.wait_for_url("**/_images/*")
    assert not watch.problems, "\n".join(watch.problems)


def test_linkchecker_finds_no_broken_link_or_anchor(book_site):
    """Every link and anchor of the site, followed offline (no other host is checked)."""
    linkchecker = Path(sys.executable).with_name("linkchecker")
    result = subprocess.run(
        [str(linkchecker), "--config", str(LINKCHECKER_RC), "--no-status", f"{book_site.url}/index.html"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    summary = [line for line in result.stdout.splitlines() if "links in" in line or "errors found" in line]
    print("\n".join(summary))
    assert result.returncode == 0, f"linkchecker finds broken links or anchors:\n{result.stdout[-8000:]}"
    checked = [line for line in summary if "links in" in line]
    assert checked, f"linkchecker printed no summary:\n{result.stdout[-3000:]}"


def _phone(browser, scheme: str = "light"):
    """A phone: 390 px wide, taps rather than clicks."""
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, color_scheme=scheme, has_touch=True, is_mobile=True
    )
    context.set_default_timeout(UI_TIMEOUT_MS)
    return context


# Every element the Tab key reaches, in document order (no positive tabindex is used).
TAB_STOPS_JS = """
() => [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
  .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0
               && getComputedStyle(e).visibility !== 'hidden')
  .map(e => ({tag: e.tagName.toLowerCase(), math: !!e.closest('mjx-container'),
               wide: e.scrollWidth > e.clientWidth + 1}))
"""


def test_phone_menus_open_on_every_page(book_site, browser, artifacts_dir):
    """At 390 px, on every page: the page is no wider than the screen, a tap on the menu
    (three bars) opens the list of chapters, and a tap on Contents opens the page's
    sections wherever the page has them."""
    context = _phone(browser)
    try:
        watch = Watch(context, book_site)
        problems = []
        for name in pages(book_site):
            if name in {"search", "genindex", "py-modindex"}:
                continue
            watch.open(f"{book_site.url}/{name}.html")
            page = watch.page
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                problems.append(f"{name}: the page is {width} px wide at {PHONE['width']} px")
            menu = page.locator(".bd-header-article button.primary-toggle")
            if not menu.is_visible():
                problems.append(f"{name}: no menu button to tap")
                continue
            menu.tap()
            dialog = page.locator("#pst-primary-sidebar-modal")
            try:
                dialog.locator("nav a.reference").first.wait_for(state="visible", timeout=5000)
            except PlaywrightTimeout:
                problems.append(f"{name}: tapping the menu shows no list of chapters")
                continue
            chapters = dialog.locator("nav a.reference").evaluate_all("a => a.map(x => x.textContent.trim())")
            if len(chapters) < len(NOTEBOOKS) + 1:
                problems.append(f"{name}: the menu lists only {chapters}")
            if name == "notebooks/" + NOTEBOOKS[1]:
                page.screenshot(path=artifacts_dir / "book-phone-menu.png")
            page.keyboard.press("Escape")
            dialog.wait_for(state="hidden", timeout=5000)
            contents = page.locator(".bd-header-article button.secondary-toggle")
            has_sections = page.locator("#pst-page-toc-nav a").count() > 0
            if has_sections:
                if not contents.is_visible():
                    problems.append(f"{name}: the page has sections but no Contents button")
                    continue
                contents.tap()
                toc = page.locator("#pst-secondary-sidebar-modal #pst-page-toc-nav a").first
                try:
                    toc.wait_for(state="visible", timeout=5000)
                except PlaywrightTimeout:
                    problems.append(f"{name}: tapping Contents shows no list of sections")
                    continue
                if name == "notebooks/" + NOTEBOOKS[1]:
                    page.screenshot(path=artifacts_dir / "book-phone-contents.png")
                page.keyboard.press("Escape")
        assert not problems, "\n".join(problems)
        assert not watch.problems, "\n".join(watch.problems)
    finally:
        context.close()


def test_phone_reading_code_and_outputs(book_site, browser, artifacts_dir):
    """At 390 px on every notebook page: outputs wrap (none is wider than its box); each
    printed output is one box per cell; code and output are named regions; a copy button
    copies a cell's code; the set-up cell is folded away; badges are large enough to tap;
    no formula is a Tab stop."""
    context = _phone(browser)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        watch = Watch(context, book_site)
        problems = []
        for nb in NOTEBOOKS:
            watch.open(f"{book_site.url}/notebooks/{nb}.html")
            page = watch.page
            wide = page.evaluate(
                "() => [...document.querySelectorAll('.cell_output pre')]"
                ".filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.textContent.slice(0, 60))"
            )
            if wide:
                problems.append(f"{nb}: outputs that do not wrap at 390 px: {wide[:3]}")
            split = page.evaluate(
                "() => [...document.querySelectorAll('.cell_output')]"
                ".filter(o => o.querySelectorAll(':scope > .output.stream').length > 1).length"
            )
            if split:
                problems.append(f"{nb}: {split} cells print their output in more than one box")
            regions = page.evaluate(
                "() => [...document.querySelectorAll('.cell_input, .cell_output')]"
                ".map(e => [e.getAttribute('role'), e.getAttribute('aria-label')])"
            )
            labels = [label for role, label in regions if role == "region" and label]
            if len(labels) != len(regions) or len(set(labels)) != len(labels):
                problems.append(f"{nb}: code and output are not regions with distinct names: {regions[:4]}")
            inputs = page.locator(".cell_input")
            if inputs.first.is_visible() or inputs.nth(1).is_visible() is False:
                problems.append(f"{nb}: the set-up cell is not folded away (or the next cell is hidden)")
            if page.locator(".cell_input button.copybtn").count() != inputs.count():
                problems.append(f"{nb}: not every code cell has a copy button")
            stops = page.evaluate(TAB_STOPS_JS)
            # Only a displayed formula too wide for the screen, which must scroll, takes the focus.
            maths = sum(1 for s in stops if s["math"] and not s["wide"])
            if maths:
                problems.append(f"{nb}: {maths} of {len(stops)} Tab stops are formulas that fit the screen")
            badges = page.evaluate(
                "() => [...document.querySelectorAll('article a img[src$=\"colab-badge.svg\"]')]"
                ".map(i => { const r = i.getBoundingClientRect(); return [r.width, r.height]; })"
            )
            small = [b for b in badges if b[1] < 24]
            if small:
                problems.append(f"{nb}: Colab badges too small to tap: {small}")
        # A copy button copies its cell's code: the second cell (the first after set-up).
        cell = page.locator(".cell_input").nth(1)
        cell.scroll_into_view_if_needed()
        cell.locator("button.copybtn").tap()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        code = cell.locator("pre").inner_text()
        if copied.strip() != code.strip():
            problems.append(f"the copy button copied {copied[:80]!r}, the cell holds {code[:80]!r}")
        home = page.context.new_page()
        home.goto(f"{book_site.url}/index.html", wait_until="load")
        small = home.evaluate(
            "() => [...document.querySelectorAll('article a img[src$=\"colab-badge.svg\"]')]"
            ".map(i => i.getBoundingClientRect().height).filter(h => h < 24)"
        )
        if small:
            problems.append(f"home page: {len(small)} Colab badges under 24 px tall: {small[:3]}")
        home.screenshot(path=artifacts_dir / "book-phone-home.png", full_page=False)
        home.close()
        assert not problems, "\n".join(problems)
        assert not watch.problems, "\n".join(watch.problems)
    finally:
        context.close()


def test_launch_menu_labels_are_visible_and_distinct(book_site, context):
    """The launch menu's two Colab entries say in visible text which copy each opens."""
    watch = Watch(context, book_site)
    watch.open(f"{book_site.url}/notebooks/{NOTEBOOKS[0]}.html")
    page = watch.page
    page.locator(".dropdown-launch-buttons button").first.click()
    entries = page.locator(".dropdown-launch-buttons .dropdown-menu a")
    entries.first.wait_for(state="visible")
    texts = [t.strip() for t in entries.evaluate_all("a => a.map(x => x.innerText)")]
    assert len(texts) == 2 and all(texts) and len(set(texts)) == 2, f"the launch menu reads {texts}"
    assert "outputs cleared" in texts[1].lower(), f"the type-along entry reads {texts[1]!r}"
    assert not watch.problems, "\n".join(watch.problems)


def test_heatmap_counts_as_a_table(book_site, browser, artifacts_dir):
    """Beside the labelled heatmap, every count as text: the counts of names.txt (counted
    here the lesson's way), readable at 390 px, in a box of its own that scrolls."""
    sys.path.insert(0, str(REPO / "tests"))
    from lesson_reference import lesson_pairs

    words = (REPO / "names.txt").read_text().split()
    chars = [".", *sorted(set("".join(words)))]
    pairs = Counter(lesson_pairs(words))
    wanted = [[str(pairs[a, b]) for b in chars] for a in chars]
    context = _phone(browser)
    try:
        watch = Watch(context, book_site)
        watch.open(f"{book_site.url}/notebooks/{next(nb for nb in NOTEBOOKS if 'heatmap' in nb)}.html")
        page = watch.page
        table = page.locator(".count-table table")
        assert table.count() == 1, "notebook 02's page has no count table"
        rows = table.evaluate(
            "t => [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.textContent.trim()))"
        )
        heads = table.evaluate("t => [...t.tHead.rows[0].cells].slice(1).map(c => c.textContent.trim())")
        assert heads == chars and [r[0] for r in rows] == chars, f"the table's headers: {heads}"
        assert [r[1:] for r in rows] == wanted, "the table's counts are not names.txt's pair counts"
        # The table follows the heatmap, not some other picture.
        before = table.evaluate(
            "t => [...document.querySelectorAll('.cell_output img')]"
            ".filter(i => i.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING).pop()?.alt"
        )
        assert before and "labelled with its pair" in before, (
            f"the table does not follow the labelled heatmap, but the picture {before!r}"
        )
        size = table.evaluate("t => parseFloat(getComputedStyle(t.querySelector('td')).fontSize)")
        assert size >= 12, f"the table's counts are {size} px at 390 px"
        box = page.locator(".count-table")
        assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "the table does not scroll in its box"
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the page is {width} px wide"
        box.scroll_into_view_if_needed()
        page.screenshot(path=artifacts_dir / "book-phone-count-table.png")
        assert not watch.problems, "\n".join(watch.problems)
    finally:
        context.close()


def test_lecture_links_and_favicon(book_site):
    """Every link to the lecture in a notebook's text is a link on its page; every page has
    a favicon that the site serves."""
    problems = []
    for nb in NOTEBOOKS:
        cells = json.loads((REPO / "notebooks" / f"{nb}.ipynb").read_text(encoding="utf-8"))["cells"]
        text = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        lectures = set(re.findall(r"https://(?:www\.)?youtube\.com/watch\?[^)\s\"'>]+", text))
        built = (book_site.root / "notebooks" / f"{nb}.html").read_text(encoding="utf-8")
        hrefs = {html.unescape(h) for h in re.findall(r'<a [^>]*href="([^"]+)"', built)}
        problems += [f"{nb}: the lecture link {url} is not a link in the book" for url in lectures - hrefs]
    index = (book_site.root / "index.html").read_text(encoding="utf-8")
    icon = re.search(r'<link rel="icon" href="([^"]+)"', index)
    assert icon, "the home page names no favicon"
    assert (book_site.root / icon[1].split("?")[0]).is_file(), f"the favicon {icon[1]} is not served"
    assert not problems, "\n".join(problems)
