"""The repository's layout as CONTRIBUTING.md and `make help` describe it, and the rule on private names."""

from __future__ import annotations

import re

from lesson_reference import ROOT

PACKAGE = ROOT / "bigram_helpers"


def test_contributing_names_every_module_of_the_package_once():
    mapped = re.findall(r"^\| `(bigram_helpers/[\w/]+\.py)` \|", (ROOT / "CONTRIBUTING.md").read_text(), re.M)
    modules = sorted(str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
    assert sorted(mapped) == modules


def test_make_help_lists_every_target():
    makefile = (ROOT / "Makefile").read_text()
    phony = re.search(r"^\.PHONY: (.*)$", makefile, re.M).group(1).split()
    helped = re.findall(r'^\t@echo "make ([\w-]+) ', makefile, re.M)
    assert sorted(helped) == sorted(phony)
    for target in phony:
        assert re.search(rf"^{re.escape(target)}:", makefile, re.M), target


def test_no_module_imports_another_modules_private_name():
    for path in PACKAGE.rglob("*.py"):
        for block in re.findall(r"^\s*from \.+[\w.]* import (?:\([^)]*\)|.*)$", path.read_text(), re.M):
            names = re.sub(r"^\s*from \S+ import |[()\s]", "", block).split(",")
            private = [name for name in names if name.startswith("_")]
            assert not private, f"{path.relative_to(ROOT)} imports {private}"


def test_every_public_module_says_what_it_exports():
    """The book's reference lists each module's ``__all__``: a module without one is missing there."""
    import importlib
    import pkgutil

    import bigram_helpers

    for info in pkgutil.walk_packages(bigram_helpers.__path__, "bigram_helpers."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        module = importlib.import_module(info.name)
        exported = getattr(module, "__all__", None)
        assert exported, f"{info.name} has no __all__"
        missing = [name for name in exported if not hasattr(module, name)]
        assert not missing, f"{info.name}.__all__ names what it does not define: {missing}"


def readme_sections() -> list[str]:
    return re.findall(r"^## (.+)$", (ROOT / "README.md").read_text(encoding="utf-8"), re.M)


def test_the_readme_is_for_learners():
    """What a learner needs, in the order they need it; maintainer detail lives elsewhere, linked."""
    sections = readme_sections()
    wanted = ["Quick start", "The series", "Where your work lives", "Something went wrong", "Where to ask"]
    assert [s for s in sections if s in wanted] == wanted, sections
    assert {"Acknowledgements", "Licence", "The data"} <= set(sections)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in ("CONTRIBUTING.md", "docs/command-line.md", "docs/helpers.md", "docs/questions.md"):
        assert f"]({page})" in readme, page
    assert "docs/differences.md" in readme
    for detail in ("float64", "safetensors", "pytest-xdist", "| module |"):
        assert detail not in readme, f"{detail!r} is maintainer detail: CONTRIBUTING.md or docs/"


def test_the_readme_says_where_work_lives_and_how_to_start_over():
    import importlib.util

    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Where your work lives", 1)[1].split("\n## ", 1)[0]
    assert f"`{dev.WORK.name}/`" in section and "Start a notebook over" in section
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "downloads from GitHub" in " ".join(quick.split()) and "--source" in quick
    switch = "`python dev.py setup --torch pypi`"
    assert switch in readme and switch in dev.PYPI_HINT


def test_every_relative_link_of_the_readme_and_docs_leads_somewhere():
    for page in [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            where = page.relative_to(ROOT)
            assert (page.parent / target).exists(), f"{where} links to {target}, which is missing"
