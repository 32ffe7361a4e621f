"""Sphinx configuration of the book. `make book` (book/build.py) stages the sources and
builds with ``-c book``; see build.py for what is staged and why."""

from __future__ import annotations

import importlib.metadata
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build import BADGE, BOOK_URL, COLAB_NOTEBOOKS, REPO_URL, STATIC, TYPE_ALONG, notebooks  # noqa: E402

project = "makemore-bigram"
author = "the makemore-bigram contributors"
html_title = "makemore-bigram"
html_baseurl = BOOK_URL
language = "en"

extensions = ["myst_nb", "sphinx.ext.autodoc", "sphinx_copybutton"]
# The stored outputs are the book's outputs: the ones nbval checks. Nothing is re-run.
nb_execution_mode = "off"
# A cell's stdout (and its stderr) in one box, not a box per print call.
nb_merge_streams = True
# The only cell the book folds away is each notebook's set-up cell (build.py tags it).
nb_code_prompt_show = "Show the set-up cell's code"
nb_code_prompt_hide = "Hide the set-up cell's code"
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3  # the README's and CONTRIBUTING's #section links
# The notebooks' headings come as they are written (a notebook may skip a level).
suppress_warnings = ["myst.header"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]

autodoc_default_options = {"members": True, "undoc-members": True}  # members: the module's __all__
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True

# MathJax 3 from the site itself (build.py copies it from node_modules), not from a CDN.
mathjax_path = "mathjax/tex-chtml.js"
# A formula is read aloud from its hidden MathML and keeps its right-click menu, but is no
# Tab stop: on a page of 60 formulas the Tab key would reach little else.
mathjax3_config = {"options": {"menuOptions": {"settings": {"inTabOrder": False}}}}

# Copy buttons (sphinx-copybutton) on code cells and outputs; a prompt such as `$ ` in a
# shell example is left out of what is copied (only the command is, not what it prints).
copybutton_prompt_text = r"\$ "
copybutton_prompt_is_regexp = True

html_theme = "sphinx_book_theme"
templates_path = [str(HERE / "_templates")]
html_static_path = [str(HERE / "_static"), str(STATIC)]
html_css_files = ["book.css"]
html_js_files = ["math-scroll.js"]  # a formula too wide for its column takes the focus
html_last_updated_fmt = None
html_show_sphinx = False
html_favicon = str(HERE / "_static" / "favicon.svg")
# Light or dark as the reader's system says (the theme switch keeps a reader's choice).
html_context = {"default_mode": "auto"}
# The header has the search field: the sidebar does without a second one.
html_sidebars = {"**": ["navbar-logo.html", "sbt-sidebar-nav.html"]}
html_theme_options = {
    "repository_url": REPO_URL,
    "repository_branch": "main",
    "path_to_docs": "",  # the staged tree mirrors the repository's: notebooks/NN_topic.ipynb
    "use_repository_button": True,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "launch_buttons": {"colab_url": "https://colab.research.google.com"},
    "home_page_in_toc": True,
    "show_toc_level": 2,
    # Every page, not only a notebook's, leads to Colab and to the repository.
    "extra_footer": (
        f'<a href="https://colab.research.google.com/github/makemore-bigram/makemore-bigram/blob/main/'
        f'notebooks/{notebooks()[0].name}">Run the series in Colab</a>, from its first notebook. '
        f'The source: <a href="{REPO_URL}">{REPO_URL.removeprefix("https://")}</a>.'
    ),
    "navigation_with_keys": False,
}


def _local_colab_icon(app, pagename, templatename, context, doctree) -> None:
    """The theme's Colab launch button shows the project's own badge picture and says, in
    visible text, which copy it opens (the type-along one is the launch menu's other entry)."""
    for button in context.get("header_buttons", []):
        for item in button.get("buttons", []):
            if "colab" in str(item.get("url", "")):
                item["icon"] = f"_static/{BADGE}"
                item["text"] = "Open in Colab, with its outputs"


WHERE_IT_RUNS = "runs in Colab, or in a clone of the repository (its helpers come from there)"


def _repository_notebook(app, pagename, templatename, context, doctree) -> None:
    """The download menu's .ipynb is the repository's own notebook (build.py copies it
    beside the page), not the book's staged copy, and the menu says where it runs."""
    name = pagename.removeprefix("notebooks/") + ".ipynb"
    if app.builder.name != "html" or not (HERE.parent / "notebooks" / name).is_file():
        return
    for button in context.get("header_buttons", []):
        for item in button.get("buttons", []):
            if item.get("label") == "download-source-button":
                item["url"] = context["pathto"](f"notebooks/{name}", 1)
                item["text"] = ".ipynb, with its outputs: runs in Colab or a clone of the repository"
                item["tooltip"] = f"Download this notebook as the repository has it: it {WHERE_IT_RUNS}"


def _plain_text_blocks(app, what, name, obj, options, lines: list[str]) -> None:
    """An indented block in a docstring is an example written as plain text (a command
    line, say): show it as a literal block, as reST would with a ``::`` before it."""
    out: list[str] = []
    for k, line in enumerate(lines):
        starts_block = line.startswith(" ") and k > 1 and lines[k - 1] == ""
        if starts_block and not lines[k - 2].startswith(" ") and not lines[k - 2].rstrip().endswith("::"):
            out.extend(["::", ""])
        out.append(line)
    lines[:] = out


# The EPUB (book/offline.py builds it after the site): who, what, and which edition.
version = release = importlib.metadata.version("bigram-helpers")
# dc:rights: the licences (LICENSE, LICENSE-docs.md). Only the EPUB states it here: a
# `copyright` would add a line to every page of the site.
epub_copyright = (
    "© 2026 the makemore-bigram authors. The prose and the figures: CC BY 4.0 "
    "(https://creativecommons.org/licenses/by/4.0/); the code: the MIT licence. "
    "https://github.com/makemore-bigram/makemore-bigram"
)
epub_author = epub_publisher = epub_contributor = author
epub_identifier = BOOK_URL
epub_scheme = "URL"
epub_description = (
    "A character-level bigram language model built from scratch, counted and then trained, "
    "in Jupyter notebooks."
)
# Sphinx keeps the old build info beside a rebuilt EPUB when the configuration changes.
epub_exclude_files = [".buildinfo.bak"]
epub_show_urls = "no"  # the links stay links; no address printed after each one
epub_css_files = ["epub-book.css"]  # code and output told apart, and wrapped (book/_static)
epub_tocdepth = 2  # the reader's contents: every page and its sections


def _type_along_buttons(app, pagename, templatename, context, doctree) -> None:
    """A lesson page whose notebook has a type-along copy offers it: to download (the
    download menu) and to open in Colab (the launch menu)."""
    name = pagename.removeprefix("notebooks/") + ".ipynb"
    if app.builder.name != "html" or not (HERE.parent / "notebooks" / TYPE_ALONG / name).is_file():
        return
    for button in context.get("header_buttons", []):
        if button.get("label") == "download-buttons":
            button["buttons"].insert(
                1,
                {
                    "type": "link",
                    "url": context["pathto"](f"{TYPE_ALONG}/{name}", 1),
                    "text": "type-along .ipynb, outputs cleared: runs in Colab or a clone of the repository",
                    "tooltip": (
                        f"Download this notebook without its outputs, to run cell by cell: it {WHERE_IT_RUNS}"
                    ),
                    "icon": "fas fa-keyboard",
                    "label": "download-type-along-button",
                },
            )
        if button.get("label") == "launch-buttons":
            button["buttons"].append(
                {
                    "type": "link",
                    "url": f"{COLAB_NOTEBOOKS}{TYPE_ALONG}/{name}",
                    "text": "Type along in Colab, outputs cleared",
                    "tooltip": "Open this notebook without its outputs in Colab",
                    "icon": "fas fa-keyboard",
                    "label": "launch-type-along-colab-button",
                },
            )


CELL_DIV = re.compile(r'<div class="cell_(input|output) docutils container">')


def _labelled_cells(app, pagename, templatename, context, doctree) -> None:
    """Each code cell and its output as a region with a name, so that a screen reader
    announces where code starts and where its output starts ("Code cell 3", "Output of
    cell 3") rather than reading both as one run of text."""
    body = context.get("body")
    if not body or "cell_input" not in body:
        return
    count = 0

    def label(m: re.Match[str]) -> str:
        nonlocal count
        if m[1] == "input":
            count += 1
            name = f"Code cell {count}"
        else:
            name = f"Output of cell {count}"
        return m[0][:-1] + f' role="region" aria-label="{name}">'

    # myst-nb names a folded cell's button "Toggle hidden content", which is not the text
    # it shows ("Show the set-up cell's code"): its name is its visible text instead.
    context["body"] = CELL_DIV.sub(label, body).replace(
        '<summary aria-label="Toggle hidden content">', "<summary>"
    )


def _epub_contents(app, docname: str, source: list[str]) -> None:
    """An e-reader's table of contents lists what the home page's toctrees list, but
    Sphinx leaves hidden toctrees out of it: for the EPUB they are shown."""
    if docname == app.config.root_doc and app.builder.name == "epub":
        source[0] = source[0].replace("\n:hidden:\n", "\n")


def setup(app):
    app.connect("autodoc-process-docstring", _plain_text_blocks)
    # After the book theme has added its launch buttons (its handler runs at priority 501).
    app.connect("html-page-context", _local_colab_icon, priority=900)
    app.connect("html-page-context", _repository_notebook, priority=901)
    app.connect("html-page-context", _type_along_buttons, priority=902)
    app.connect("html-page-context", _labelled_cells, priority=903)
    app.connect("source-read", _epub_contents)


# Each notebook figure's alt text from its stored output, and a link to it full size.
extensions.append("figures")  # book/figures.py
