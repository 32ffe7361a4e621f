"""The book's figures: each notebook picture gets its stored text alternative and a link to itself.

A local Sphinx extension (conf.py loads it). myst-nb writes every picture of a stored
output to a file named by the SHA-256 of its bytes, but reads only ``width`` and
``height`` from the output's metadata, so without this the page's ``<img alt>`` would be
the file's path. Here:

- when a notebook page is read, each image node whose file is a picture of the
  notebook's outputs gets that output's ``alt`` metadata (written by
  ``bigram_helpers.notebook.show_figure``) as its ``alt``, in every builder;
- in the HTML pages each such picture is also a link to the picture file itself, so
  that a tap on a phone opens it full size, to zoom and scroll.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.util.osutil import relative_uri

FIGURE_CLASS = "notebook-figure"  # on every picture from a notebook output


def output_alts(notebook: dict) -> dict[str, str]:
    """The SHA-256 (hex) of each picture a notebook's outputs hold, mapped to its ``alt`` metadata.

    Only pictures with a non-empty ``alt`` are in the map. The bytes hashed are those
    myst-nb hashes: ``image/png`` and ``image/jpeg`` decoded from base64, an
    ``image/svg+xml`` drawing (book/vectors.py) as UTF-8 text with ``os.linesep`` line ends.
    """
    alts = {}
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            for mime, content in output.get("data", {}).items():
                if mime not in {"image/png", "image/jpeg", "image/svg+xml"}:
                    continue
                alt = output.get("metadata", {}).get(mime, {}).get("alt", "")
                if not alt.strip():
                    continue
                text = "".join(content) if isinstance(content, list) else content
                if mime == "image/svg+xml":
                    raw = os.linesep.join(text.splitlines()).encode("utf-8")
                else:
                    raw = base64.b64decode(text)
                alts[hashlib.sha256(raw).hexdigest()] = alt
    return alts


def _add_alt(app, doctree: nodes.document) -> None:
    source = Path(app.env.doc2path(app.env.docname))
    if source.suffix != ".ipynb":
        return
    alts = output_alts(json.loads(source.read_text(encoding="utf-8")))
    for image in doctree.findall(nodes.image):
        digest = posixpath.splitext(posixpath.basename(image["uri"]))[0]
        if digest in alts:
            image["alt"] = alts[digest]
            image["classes"].append(FIGURE_CLASS)


def _link_full_size(app, doctree: nodes.document, docname: str) -> None:
    if app.builder.name not in {"html", "dirhtml"}:
        return  # an EPUB's pages link to documents, not to pictures
    for image in list(doctree.findall(nodes.image)):
        if FIGURE_CLASS not in image["classes"] or isinstance(image.parent, nodes.reference):
            continue
        # Sphinx copies the picture to _images/ under its own name (myst-nb's hash).
        picture = "_images/" + posixpath.basename(image["uri"])
        target = relative_uri(app.builder.get_target_uri(docname), picture)
        link = nodes.reference("", "", refuri=target, internal=True, classes=["figure-full-size"])
        link["reftitle"] = "Open the figure full size"
        image.replace_self(link)
        link.append(image)


def setup(app):
    app.connect("doctree-read", _add_alt)
    app.connect("doctree-resolved", _link_full_size)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
