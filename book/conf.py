"""Sphinx configuration of the book. `make book` (book/build.py) stages the sources and
builds with ``-c book``; see build.py for what is staged and why."""

from __future__ import annotations

import importlib.metadata
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

extensions = ["myst_nb", "sphinx.ext.autodoc"]
# The stored outputs are the book's outputs: the ones nbval checks. Nothing is re-run.
nb_execution_mode = "off"
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

html_theme = "sphinx_book_theme"
templates_path = [str(HERE / "_templates")]
html_static_path = [str(HERE / "_static"), str(STATIC)]
html_css_files = ["book.css"]
html_last_updated_fmt = None
html_show_sphinx = False
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
    """The theme's Colab launch button shows the project's own badge picture."""
    for button in context.get("header_buttons", []):
        for item in button.get("buttons", []):
            if "colab" in str(item.get("url", "")):
                item["icon"] = f"_static/{BADGE}"
                item["text"] = "Open in Colab"


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
epub_copyright = author  # (copyright itself would add a line to every page of the site)
epub_identifier = BOOK_URL
epub_scheme = "URL"
epub_description = (
    "A character-level bigram language model built from scratch, counted and then trained, "
    "in Jupyter notebooks."
)
# Sphinx keeps the old build info beside a rebuilt EPUB when the configuration changes.
epub_exclude_files = [".buildinfo.bak"]
epub_show_urls = "no"  # the links stay links; no address printed after each one


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
                    "text": "type-along .ipynb",
                    "tooltip": "Download this notebook without its outputs, to run cell by cell",
                    "icon": "fas fa-keyboard",
                    "label": "download-type-along-button",
                },
            )
        if button.get("label") == "launch-buttons":
            button["buttons"].append(
                {
                    "type": "link",
                    "url": f"{COLAB_NOTEBOOKS}{TYPE_ALONG}/{name}",
                    "text": "Type along in Colab",
                    "tooltip": "Open this notebook without its outputs in Colab",
                    "icon": f"_static/{BADGE}",
                    "label": "launch-type-along-colab-button",
                },
            )


def setup(app):
    app.connect("autodoc-process-docstring", _plain_text_blocks)
    # After the book theme has added its launch buttons (its handler runs at priority 501).
    app.connect("html-page-context", _local_colab_icon, priority=900)
    app.connect("html-page-context", _type_along_buttons, priority=901)


# Each notebook figure's alt text from its stored output, and a link to it full size.
extensions.append("figures")  # book/figures.py
