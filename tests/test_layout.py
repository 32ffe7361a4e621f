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
