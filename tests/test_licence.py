"""Terms, credit and where to ask: what a teacher, a translator or a learner looks for first.

The licence files and the README must say the same terms; CITATION.cff and the issue
forms must be valid (checked offline with check-jsonschema's copies of the Citation File
Format and GitHub issue-form schemas); and every notebook must credit, at its top, the
lecture it teaches, that lecture's notebook and the makemore repository.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from lesson_reference import ROOT

LECTURE = "https://www.youtube.com/watch?v=PaCmpygFfXo"
LECTURE_NOTEBOOK = (
    "https://github.com/karpathy/nn-zero-to-hero/blob/master/lectures/makemore/makemore_part1_bigrams.ipynb"
)
MAKEMORE = "https://github.com/karpathy/makemore"
DISCUSSIONS = "https://github.com/makemore-bigram/makemore-bigram/discussions"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
TEMPLATES = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail("check-jsonschema is missing: run `python dev.py setup --maintainer`")
    return subprocess.run([exe, "--builtin-schema", schema, str(path)], capture_output=True, text=True)


def test_code_is_mit_and_prose_is_cc_by_4():
    assert (ROOT / "LICENSE").read_text().startswith("MIT License\n")
    docs = (ROOT / "LICENSE-docs.md").read_text()
    assert "CC BY 4.0" in docs and "https://creativecommons.org/licenses/by/4.0/legalcode" in docs
    licence = readme().split("## Licence", 1)[1].split("\n## ", 1)[0]
    assert "[MIT licence](LICENSE)" in licence and "CC BY 4.0" in licence and "LICENSE-docs.md" in licence


@pytest.mark.maintainer  # check-jsonschema is the maintainer's (requirements-dev.txt)
def test_citation_cff_is_valid_and_says_the_same_terms():
    r = check_jsonschema("vendor.citation-file-format", ROOT / "CITATION.cff")
    assert r.returncode == 0, r.stdout + r.stderr
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0"
    assert cff["license"] == ["MIT", "CC-BY-4.0"]
    assert cff["repository-code"] == "https://github.com/makemore-bigram/makemore-bigram"
    urls = [ref.get("url") or ref.get("repository-code") for ref in cff["references"]]
    assert urls[0] == LECTURE, "the lecture comes first"
    assert MAKEMORE in urls


def test_readme_credits_the_lecture_its_notebook_and_makemore():
    section = readme().split("## Acknowledgements", 1)[1].split("\n## ", 1)[0]
    for url in (LECTURE, LECTURE_NOTEBOOK, MAKEMORE):
        assert f"]({url})" in section, url
    assert "Andrej Karpathy" in section and "What the series adds" in section


@pytest.mark.parametrize("ipynb", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_notebook_credits_the_lecture_at_its_top(ipynb):
    nb = json.loads(ipynb.read_text(encoding="utf-8"))
    first = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    text = "".join(first["source"])
    for url in (LECTURE, LECTURE_NOTEBOOK, MAKEMORE):
        assert f"]({url})" in text, f"{ipynb.name}'s first cell does not link {url}"
    assert "Andrej Karpathy" in text and "What the series adds" in text
    assert "](../README.md#acknowledgements)" in text


@pytest.mark.parametrize("ipynb", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_notebook_names_its_kernel(ipynb):
    meta = json.loads(ipynb.read_text(encoding="utf-8"))["metadata"]
    assert meta.get("kernelspec", {}).get("name") == "python3", f"{ipynb.name} has no python3 kernelspec"


def test_the_data_section_states_where_names_txt_comes_from_and_its_terms():
    section = readme().split("## The data", 1)[1].split("\n## ", 1)[0]
    assert MAKEMORE in section and "MIT licence" in section
    from bigram_helpers import fetch

    assert "karpathy/makemore" in fetch.DEFAULT_SOURCE and "MIT" in fetch.ORIGIN
    assert "MIT licence" in fetch.__doc__


@pytest.mark.maintainer  # check-jsonschema is the maintainer's (requirements-dev.txt)
@pytest.mark.parametrize("form", [p for p in TEMPLATES if p.name != "config.yml"], ids=lambda p: p.name)
def test_issue_forms_are_valid(form):
    r = check_jsonschema("vendor.github-issue-forms", form)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.maintainer  # check-jsonschema is the maintainer's (requirements-dev.txt)
def test_new_issue_offers_discussions_for_questions():
    config = ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml"
    r = check_jsonschema("vendor.github-issue-config", config)
    assert r.returncode == 0, r.stdout + r.stderr
    links = yaml.safe_load(config.read_text())["contact_links"]
    assert [link["url"] for link in links] == [DISCUSSIONS]
    assert re.search(rf"\]\({re.escape(DISCUSSIONS)}\)", readme().split("## The series", 1)[0])
