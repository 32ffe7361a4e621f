"""The EPUB packs only the pictures its pages show (book/offline.py), even when an earlier
build left other figures in Sphinx's output folder. The browser tests check the built
EPUB itself (tests/browser/test_offline_copies.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book"))
import offline


def test_pictures_no_page_shows_are_left_out():
    pages = {
        "index.xhtml": '<p><img alt="Open In Colab" src="_images/colab-badge.svg" /></p>',
        "notebooks/02_heatmap.xhtml": '<img alt="heatmap" src="../_images/new.svg" />',
    }
    names = [
        "mimetype",
        "index.xhtml",
        "notebooks/02_heatmap.xhtml",
        "_images/colab-badge.svg",
        "_images/new.svg",
        "_images/old.svg",  # the heatmap as a build before this one drew it
        "_images/old.png",
        "_static/favicon.svg",
    ]
    assert offline.unused_pictures(pages, names) == {"_images/old.svg", "_images/old.png"}
