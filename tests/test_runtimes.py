"""``.github/runtimes.py``: what the weekly runtime check installs for Colab, and which
notebook outputs it does not compare.

The package list below is made up in the two shapes Colab's ``pip-freeze.txt`` uses
(``name==version``, and ``name @ URL`` for wheels installed from a URL, torch's CUDA
build among them); the notebooks are the series' own.
"""

from __future__ import annotations

import importlib.util
import json

import pytest
from lesson_reference import ROOT

spec = importlib.util.spec_from_file_location("runtimes", ROOT / ".github" / "runtimes.py")
runtimes = importlib.util.module_from_spec(spec)
spec.loader.exec_module(runtimes)

FREEZE = """\
# Do not modify this file directly
absl-py==1.4.0
IPython==7.34.0
matplotlib==3.10.0
numpy==2.1.3
safetensors==0.5.3
torch @ https://download.pytorch.org/whl/cu126/torch-2.11.0%2Bcu126-cp313-cp313-linux_x86_64.whl#sha256=ab12
torchvision @ https://download.pytorch.org/whl/cu126/torchvision-0.26.0%2Bcu126-cp313-cp313-linux_x86_64.whl
tqdm==4.67.1
google-colab @ file:///colabtools/dist/google_colab-1.0.0.tar.gz
"""


def test_colabs_torch_becomes_the_cpu_build_of_the_same_release():
    files = runtimes.colab_requirements(FREEZE)
    assert files["torch.txt"].splitlines() == [
        "--index-url https://download.pytorch.org/whl/cpu",
        "torch==2.11.0+cpu",
    ]


def test_the_other_packages_get_colabs_versions():
    files = runtimes.colab_requirements(FREEZE)
    assert files["requirements.txt"].splitlines() == [
        "numpy==2.1.3",
        "matplotlib==3.10.0",
        "ipython==7.34.0",
        "tqdm==4.67.1",
        "safetensors==0.5.3",
    ]


def test_a_package_colab_does_not_list_is_an_error_not_a_guess():
    freeze = FREEZE.replace("numpy==2.1.3\n", "").replace("tqdm==4.67.1\n", "")
    with pytest.raises(ValueError, match="no version of numpy, tqdm"):
        runtimes.colab_requirements(freeze)


def notebook(name: str) -> dict:
    return json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))


def printed(cell: dict) -> str:
    """What a stored code cell printed."""
    return "".join("".join(o.get("text", "")) for o in cell.get("outputs", []))


def test_the_sampling_cells_and_only_those_are_not_compared():
    nb = notebook("03_sampling_and_loss.ipynb")
    marked = runtimes.mark_unstable(nb)
    for i in marked:
        assert runtimes.IGNORE_TAG in nb["cells"][i]["metadata"]["tags"]
    texts = {i: printed(nb["cells"][i]) for i in marked}
    assert any("cexze" in t for t in texts.values()), "the sampled names' cell is compared"
    assert any("fractions:" in t for t in texts.values()), "the multinomial draws' cell is compared"
    unmarked = [c for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and i not in marked]
    outputs = "".join(printed(c) for c in unmarked)
    assert "0.0478" in outputs, "the probabilities of emma's pairs are stable and must be compared"


@pytest.mark.parametrize(
    ("name", "sample"),
    [("04_neural_bigram.ipynb", "network:  ["), ("05_exercises_solutions.ipynb", "trigram:")],
)
def test_every_stored_sample_is_in_a_marked_cell(name, sample):
    nb = notebook(name)
    marked = set(runtimes.mark_unstable(nb))
    holding = {i for i, c in enumerate(nb["cells"]) if sample in printed(c)}
    assert holding and holding <= marked


def test_marking_twice_adds_the_tag_once():
    nb = notebook("03_sampling_and_loss.ipynb")
    runtimes.mark_unstable(nb)
    marked = runtimes.mark_unstable(nb)
    assert all(nb["cells"][i]["metadata"]["tags"].count(runtimes.IGNORE_TAG) == 1 for i in marked)
