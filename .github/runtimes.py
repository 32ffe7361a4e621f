"""For the weekly runtime check (``.github/workflows/runtimes.yml``): Colab's versions, and
which notebook outputs the torch build decides.

``python .github/runtimes.py colab-requirements FREEZE --out DIR`` reads Colab's public
package list (``pip-freeze.txt`` of googlecolab/backend-info) and writes two requirement
files into DIR: ``torch.txt`` (the CPU build of Colab's torch, from PyTorch's CPU index:
the same release computes the same on the CPU, without Colab's CUDA libraries) and
``requirements.txt`` (Colab's versions of the other packages the notebooks use).

``python .github/runtimes.py mark-unstable NOTEBOOK...`` tags, in place, the cells whose
output the series says depends on the torch build (the cells that draw with
``torch.multinomial``, directly or through a sampling helper), so that nbval skips
comparing those outputs and compares every other one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.parse
from pathlib import Path

CPU_INDEX = "https://download.pytorch.org/whl/cpu"
# What the notebooks import, and IPython, whose version Colab holds back.
COLAB_PACKAGES = ("torch", "numpy", "matplotlib", "ipython", "tqdm", "safetensors")
SAMPLES = re.compile(r"\b(torch\.multinomial|sample_names|ngram_sample)\b")
IGNORE_TAG = "nbval-ignore-output"


def normalise(name: str) -> str:
    """A package name as pip compares it (PEP 503): lowercase, runs of ``-_.`` as ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def public_version(version: str) -> str:
    """``2.11.0+cu126`` -> ``2.11.0``: the release, without the build's local label."""
    return version.split("+", 1)[0]


def freeze_versions(freeze: str) -> dict[str, str]:
    """Package -> public version from ``pip freeze`` text: ``name==1.2`` lines, and
    ``name @ URL`` lines whose URL ends in a wheel (version read from the file name)."""
    versions = {}
    for line in freeze.splitlines():
        line = line.strip()
        if m := re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", line):
            versions[normalise(m[1])] = public_version(m[2])
        elif m := re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*) @ (\S+)", line):
            wheel = urllib.parse.unquote(urllib.parse.urlparse(m[2]).path.rsplit("/", 1)[-1])
            if wheel.endswith(".whl"):
                versions[normalise(m[1])] = public_version(wheel.split("-")[1])
    return versions


def colab_requirements(freeze: str, packages: tuple[str, ...] = COLAB_PACKAGES) -> dict[str, str]:
    """The two requirement files' text (``torch.txt``, ``requirements.txt``) for Colab's versions.

    Raises ValueError naming every package the list does not pin, since a check against
    a guessed version would say nothing about Colab.
    """
    versions = freeze_versions(freeze)
    missing = [p for p in packages if normalise(p) not in versions]
    if missing:
        raise ValueError(f"Colab's package list names no version of {', '.join(missing)}")
    pins = {p: versions[normalise(p)] for p in packages}
    torch = f"--index-url {CPU_INDEX}\ntorch=={pins.pop('torch')}+cpu\n" if "torch" in pins else ""
    rest = "".join(f"{p}=={v}\n" for p, v in pins.items())
    return {"torch.txt": torch, "requirements.txt": rest}


def mark_unstable(notebook: dict) -> list[int]:
    """Tag the code cells that sample (their outputs depend on the torch build); return their indices."""
    marked = []
    for i, cell in enumerate(notebook["cells"]):
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code" and SAMPLES.search(source):
            tags = cell.setdefault("metadata", {}).setdefault("tags", [])
            if IGNORE_TAG not in tags:
                tags.append(IGNORE_TAG)
            marked.append(i)
    return marked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python .github/runtimes.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    colab = sub.add_parser("colab-requirements", help="requirement files for Colab's versions")
    colab.add_argument("freeze", type=Path, help="Colab's pip-freeze.txt")
    colab.add_argument("--out", type=Path, required=True, help="folder for torch.txt and requirements.txt")
    mark = sub.add_parser("mark-unstable", help="tag the sampling cells' outputs as not compared")
    mark.add_argument("notebooks", type=Path, nargs="+")
    args = parser.parse_args(argv)
    try:
        if args.command == "colab-requirements":
            files = colab_requirements(args.freeze.read_text(encoding="utf-8"))
            args.out.mkdir(parents=True, exist_ok=True)
            for name, text in files.items():
                (args.out / name).write_text(text, encoding="utf-8")
                print(f"{args.out / name}:\n{text}")
        else:
            for path in args.notebooks:
                nb = json.loads(path.read_text(encoding="utf-8"))
                marked = mark_unstable(nb)
                path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
                print(f"{path}: outputs of cells {marked} not compared (they sample)")
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
