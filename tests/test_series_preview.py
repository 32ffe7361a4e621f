"""The names that notebook 01 shows up front are the ones notebook 03 really samples.

Notebook 01 opens by showing what the series will build: the first ten names that
notebook 03's counting model makes from its seed. They are quoted in 01's prose, not
computed there (01 has not built the model yet), so nothing but this test ties them to
03's output. When 03's samples change (another pinned torch, another seed, a change to
the sampling loop), this fails until 01 quotes the new ones.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
PREVIEW_HEADING = "## What we are building"


def cells(name: str) -> list[dict]:
    return json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))["cells"]


def text(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


def quoted_preview() -> list[str]:
    """The names in the fenced block of 01's "What we are building" section."""
    sources = [text(c["source"]) for c in cells("01_counting.ipynb")]
    (section,) = [source for source in sources if PREVIEW_HEADING in source]
    block = re.search(r"```\n(.*?)\n```", section.split(PREVIEW_HEADING, 1)[1], re.DOTALL)
    assert block, f"01's {PREVIEW_HEADING!r} section has no fenced block of names"
    return block.group(1).split()


def sampled_in_03() -> list[str]:
    """The list that 03's hand-written sampling loop prints (its cell appends to `names`)."""
    code = [c for c in cells("03_sampling_and_loss.ipynb") if c["cell_type"] == "code"]
    (cell,) = [c for c in code if "names.append" in text(c["source"])]
    stdout = "".join(text(o["text"]) for o in cell["outputs"] if o.get("name") == "stdout")
    return ast.literal_eval(stdout.strip())


def test_the_preview_quotes_03s_first_ten_names() -> None:
    preview, sampled = quoted_preview(), sampled_in_03()
    assert len(sampled) == 10
    assert preview == sampled, (
        f"01 shows {preview} as the names notebook 03 makes, but 03's stored output is {sampled}: "
        "quote 03's names in 01 (they change with the torch build)"
    )
