"""Figures that describe themselves: each text alternative is true of the data it describes,
and every picture stored in a notebook carries one.

The checks read the numbers back out of a description and test them against the data
directly (the counts, the curve, the bars), never against the describing function.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
import torch

from bigram_helpers import build_vocab
from bigram_helpers.notebook import figure_bundle
from bigram_helpers.plotting import describe_bars, describe_count_heatmap, describe_lines, describe_one_hot

REPO = Path(__file__).resolve().parents[1]
NUMBER = r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e-?\d+)?|infinity"


def number(text: str) -> float:
    return math.inf if text == "infinity" else float(text.replace(",", ""))


def check_heatmap_claims(text: str, N: torch.Tensor, itos: tuple[str, ...]) -> None:
    """Every number the heatmap's description states, recomputed from N."""
    stoi = {ch: i for i, ch in enumerate(itos)}
    v = len(itos)
    assert f"{v} rows by {v} columns" in text
    darkest = re.search(r"The darkest squares are (.*?)\. Row", text)[1]
    claims = re.findall(rf"'(.)(.)' \(({NUMBER})\)", darkest)
    assert claims, text
    for a, b, count in claims:
        assert N[stoi[a], stoi[b]].item() == number(count), (a + b, count)
    # They are the darkest: no square outside them is larger than the least of them.
    named = {(stoi[a], stoi[b]) for a, b, _ in claims}
    least = min(number(c) for *_, c in claims)
    assert all(N[i, j].item() <= least for i in range(v) for j in range(v) if (i, j) not in named)
    starts = re.search(r"\(how words start\) is largest at (.*?); column", text)[1]
    ends = re.search(r"\(how words end\) at (.*?)\. \d", text)[1]
    for part, cell in ((starts, lambda ch: N[0, stoi[ch]]), (ends, lambda ch: N[stoi[ch], 0])):
        stated = re.findall(rf"(\S) \(({NUMBER})\)", part)
        assert stated, part
        for ch, count in stated:
            assert cell(ch).item() == number(count), (ch, count)
    zeros = re.search(rf"({NUMBER}) of the ({NUMBER}) squares are 0", text)
    assert number(zeros[1]) == (N == 0).sum().item() and number(zeros[2]) == v * v


def test_heatmap_description_is_true_of_the_counts(N, vocab):
    text = describe_count_heatmap(N, vocab)
    check_heatmap_claims(text, N, vocab.itos)
    assert "labelled" not in text
    assert "every square is labelled with its pair and its count" in describe_count_heatmap(
        N, vocab, labelled=True
    )
    # The lesson's figures, as a reader should hear them.
    assert "'n.' (6,763), 'a.' (6,640) and 'an' (5,438)" in text
    assert "at a (4,410)" in text


def test_heatmap_description_of_a_small_table():
    v = build_vocab(["ab"])  # . a b
    N = torch.tensor([[0, 3, 0], [0, 0, 3], [1, 0, 0]])
    text = describe_count_heatmap(N, v, top=2)
    check_heatmap_claims(text, N, v.itos)
    assert "'.a' (3) and 'ab' (3)" in text  # a tie: the first in reading order first
    assert "6 of the 9 squares are 0" in text
    text = describe_count_heatmap(torch.zeros(3, 3, dtype=torch.long), v)
    assert "The darkest squares are nowhere" in text and "9 of the 9" in text
    with pytest.raises(ValueError, match=r"shape \(3, 3\)"):
        describe_count_heatmap(torch.zeros(2, 2), v)


def test_heatmap_description_of_probabilities():
    v = build_vocab(["ab"])
    P = torch.tensor([[0.0, 0.75, 0.25], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
    text = describe_count_heatmap(P, v, top=1)
    assert "(0.7500)" in text and "(1)" in text


def line_claims(text: str, x_label: str) -> list[tuple[float, float]]:
    """Every '(y) at (x_label) (x)' the description states."""
    found = re.findall(rf"({NUMBER}) at {re.escape(x_label)} ({NUMBER})", text)
    return [(number(x), number(y)) for y, x in found]


def test_line_description_states_true_points():
    xs = [0, 1, 2, 3, 4]
    ys = [3.0, 2.5, 2.25, 2.2, 2.3]
    text = describe_lines(
        {"loss": (xs, ys)}, x_label="step", y_label="loss", title="Training", lines={"floor": 2.125}
    )
    assert text.startswith("Training: a line chart of loss against step.")
    assert "Loss falls from" in text and "A horizontal line marks floor at 2.1250." in text
    claims = line_claims(text, "step")
    assert claims == [(0, 3.0), (4, 2.3), (3, 2.2)]  # start, end, and the lowest point between
    for x, y in claims:
        assert ys[xs.index(x)] == pytest.approx(y, abs=5e-5)
    assert "highest" not in text  # the highest point is the start


def test_line_description_of_the_log_curve():
    x = torch.linspace(0.0001, 1, 2000)
    text = describe_lines(
        {"log x": (x.tolist(), torch.log(x).tolist())},
        x_label="probability x",
        y_label="log x",
        points={"uniform": (1 / 27, math.log(1 / 27))},
    )
    claims = line_claims(text, "probability x")
    assert len(claims) == 2 and "rises" in text
    for px, y in claims:
        assert y == pytest.approx(math.log(px), abs=5e-5 / px + 5e-5)
    mark = re.search(rf"Marked: uniform, at probability x ({NUMBER}), log x ({NUMBER})\.", text)
    assert number(mark[1]) == pytest.approx(1 / 27, abs=5e-5)
    assert number(mark[2]) == pytest.approx(math.log(1 / 27), abs=5e-5)


def test_line_description_several_curves_log_axis_and_bad_input():
    text = describe_lines(
        {"a": ([1, 10, 100], [2.0, 1.0, 3.0]), "b": ([1, 10], [5.0, 5.0])},
        x_label="k",
        y_label="loss",
        x_log=True,
    )
    assert "(a logarithmic axis)" in text
    assert "A rises from 2 at k 1 to 3 at k 100, lowest 1 at k 10." in text
    assert "B goes from 5 at k 1 to 5 at k 10." in text
    assert "infinity" in describe_lines({"c": ([0, 1], [math.inf, 1.0])}, x_label="k", y_label="y")
    with pytest.raises(ValueError, match="series 'a'"):
        describe_lines({"a": ([1, 2], [1.0])}, x_label="k", y_label="y")


def test_bar_description_names_the_tallest_bars_truly():
    cats = (".", "a", "b", "c")
    first, second = [0.1, 0.6, 0.0, 0.3], [0.1, 0.3, 0.0, 0.3]
    text = describe_bars({"counting": first, "network": second}, cats, title="After q", y_label="probability")
    tallest = re.search(r"The tallest counting bars: (.*?)\. The two", text)[1]
    stated = re.findall(rf"(\S) \(counting ({NUMBER}); network ({NUMBER})\)", tallest)
    assert [ch for ch, *_ in stated] == ["a", "c", "."]
    for ch, p, q in stated:
        k = cats.index(ch)
        assert (number(p), number(q)) == pytest.approx((first[k], second[k]), abs=5e-5)
    gap = re.search(r"differ most at (\S) ", text)[1]
    assert gap == "a", text
    with pytest.raises(ValueError, match="one value per category"):
        describe_bars({"x": [1.0]}, cats, title="t", y_label="p")


def test_one_hot_description():
    itos = (".", "a", "b")
    rows = torch.tensor([[1.0, 0, 0], [0, 0, 1.0]])
    text = describe_one_hot(rows, ["'.'", "'b'"], itos, title="One-hot")
    assert "2 rows (one per input) by 3 columns" in text
    for label, column in re.findall(r"('.') in column (\S)", text):
        assert rows[["'.'", "'b'"].index(label), itos.index(column)] == 1
    with pytest.raises(ValueError, match="not one-hot"):
        describe_one_hot(torch.tensor([[1.0, 1.0, 0]]), ["x"], itos, title="t")


def test_a_stored_picture_carries_its_alt_text():
    from IPython.core.formatters import DisplayFormatter
    from matplotlib_inline.backend_inline import select_figure_formats

    class Shell:  # what select_figure_formats needs of IPython's shell
        display_formatter = DisplayFormatter()

    shell = Shell()
    select_figure_formats(shell, {"png"})
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot([0, 1], [1, 0])
    try:
        data, metadata = figure_bundle(fig, "A line falling from 1 to 0.", shell.display_formatter)
        assert data["image/png"] and data["text/plain"] == "A line falling from 1 to 0."
        assert metadata["image/png"]["alt"] == "A line falling from 1 to 0."
        with pytest.raises(ValueError, match="alt must say"):
            figure_bundle(fig, "  ", shell.display_formatter)
    finally:
        plt.close(fig)


# A text alternative that is a file name (what Sphinx falls back to) is no description.
FILE_NAME = re.compile(r"^\S*\.(png|jpe?g|svg|gif)$|^[0-9a-f]{32,}", re.IGNORECASE)


def stored_pictures():
    for path in sorted(REPO.glob("**/*.ipynb")):
        # my-notebooks/: a learner's own copies (`python dev.py lab`), their work, not the project's
        if {".venv", ".ipynb_checkpoints", "build", "my-notebooks"} & set(path.relative_to(REPO).parts):
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        for k, cell in enumerate(nb["cells"]):
            for output in cell.get("outputs", []):
                for mime in output.get("data", {}):
                    if mime.startswith("image/"):
                        yield f"{path.relative_to(REPO)} cell {k}", output, mime


def test_every_stored_picture_has_a_text_alternative():
    found = list(stored_pictures())
    assert len(found) >= 7, "the notebooks' figures are missing"
    for where, output, mime in found:
        alt = output.get("metadata", {}).get(mime, {}).get("alt", "")
        assert alt.strip(), f"{where}: a {mime} output without alt text (show it with show_figure)"
        assert not FILE_NAME.match(alt.strip()), f"{where}: the alt text is a file name: {alt!r}"
        assert len(alt) >= 40, f"{where}: an alt text too short to say what the figure shows: {alt!r}"
        assert "".join(output["data"].get("text/plain", "")) == alt, f"{where}: text/plain is not the alt"


def stored_alts(name: str) -> list[str]:
    nb = json.loads((REPO / "notebooks" / name).read_text(encoding="utf-8"))
    return [
        output["metadata"]["image/png"]["alt"]
        for cell in nb["cells"]
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    ]


def test_the_stored_heatmap_descriptions_are_true(N, vocab):
    alts = stored_alts("02_heatmap.ipynb")
    assert len(alts) == 2
    for alt in alts:
        check_heatmap_claims(alt, N, vocab.itos)
    assert "labelled" not in alts[0] and "labelled" in alts[1]  # the bare picture, then the labelled one


def test_the_stored_log_curve_description_is_true(N, vocab):
    (alt,) = stored_alts("03_sampling_and_loss.ipynb")
    claims = line_claims(alt, "probability x")
    marks = re.findall(rf"Marked: (.*?), at probability x ({NUMBER}), log x ({NUMBER})\.", alt)
    assert len(claims) == 2 and len(marks) == 3
    for x, y in claims + [(number(x), number(y)) for _, x, y in marks]:
        # x and y are rounded to 4 decimals: log moves by up to 0.00005 / x when x does
        assert y == pytest.approx(math.log(x), abs=5e-5 / x + 5e-5), (x, y)
    ma = next(x for name, x, _ in marks if name == "ma")
    P = N.float() / N.sum(1, keepdim=True)  # 03's table at the figure: the plain counts
    assert number(ma) == pytest.approx(P[vocab.stoi["m"], vocab.stoi["a"]].item(), abs=5e-5)


def test_the_stored_one_hot_description_is_true(vocab):
    alt = next(a for a in stored_alts("04_neural_bigram.ipynb") if "One-hot" in a)
    stated = re.findall(r"'(.)' in column (.)", alt)
    # emma's inputs: the first character of each of its pairs, and the column of its 1
    assert stated == [(ch, ch) for ch in ".emma"]


SHOW_INLINE = """
import json
import matplotlib
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output
from matplotlib_inline.backend_inline import select_figure_formats

shell = InteractiveShell.instance()
matplotlib.use("module://matplotlib_inline.backend_inline")  # what %matplotlib inline selects
select_figure_formats(shell, {"png"})
import matplotlib.pyplot as plt
from bigram_helpers.notebook import show_figure

with capture_output() as cap:
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    show_figure(fig, "A line rising from 1 to 2.")
    shell.events.trigger("post_execute")  # where the inline backend shows figures left open
print(json.dumps({"outputs": [[sorted(o.data), o.metadata, o.data["text/plain"]] for o in cap.outputs],
                  "open": plt.get_fignums()}))
"""


def test_show_figure_in_a_notebook_stores_one_described_picture():
    """In an IPython shell with the inline backend (Colab's mode and the test runs')."""
    run = subprocess.run([sys.executable, "-c", SHOW_INLINE], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    shown = json.loads(run.stdout.strip().splitlines()[-1])
    alt = "A line rising from 1 to 2."
    # One output (the figure is closed, so the backend does not show it a second time).
    assert shown["outputs"] == [[["image/png", "text/plain"], {"image/png": {"alt": alt}}, alt]]
    assert shown["open"] == []


def test_softmax_picture_and_its_description_are_true():
    from bigram_helpers.plotting import ALT_ATTRIBUTE, plot_softmax_row

    logits = torch.tensor([0.0, math.log(3.0), -1.0, 1.0])
    labels = [".", "a", "b", "c"]
    fig = plot_softmax_row(logits, labels, title="Softmax of a row")
    try:
        alt = getattr(fig, ALT_ATTRIBUTE)
        counts = [1.0, 3.0, math.exp(-1.0), math.exp(1.0)]
        total = sum(counts)
        stated_total = re.search(rf"they add up to ({NUMBER})", alt)[1]
        assert number(stated_total) == pytest.approx(total, abs=5e-5)
        top_prob = re.search(rf"probabilities, which add up to 1; largest a ({NUMBER})", alt)[1]
        assert number(top_prob) == pytest.approx(3.0 / total, abs=5e-5)
        assert re.search(rf"from ({NUMBER}) to ({NUMBER})", alt).groups() == ("-1", "1.0986")
        top, middle, bottom = fig.axes
        # the bars are the logits, their exps and the probabilities, in that order
        assert [b.get_height() for b in top.patches] == pytest.approx(logits.tolist())
        assert [b.get_height() for b in middle.patches] == pytest.approx(counts)
        assert [b.get_height() for b in bottom.patches] == pytest.approx([c / total for c in counts])
        assert f"{3.0 / total:.3f}" in [t.get_text() for t in bottom.texts]  # each bar shows its number
    finally:
        plt.close(fig)
    with pytest.raises(ValueError, match=r"shape \(4,\)"):
        plot_softmax_row(torch.zeros(3), labels, title="t")


def test_loss_curve_shows_the_final_gap():
    from bigram_helpers.plotting import ALT_ATTRIBUTE, plot_loss_curve

    losses = [3.0 - 0.05 * k for k in range(10)] + [2.5] * 10
    fig = plot_loss_curve(losses, final_loss=2.4727, target=2.4540, target_name="counting", title="T")
    try:
        _, end = fig.axes
        low, high = end.get_ylim()
        # the zoom shows both ends of the gap well inside its edges
        margin = 0.05 * (high - low)
        assert low + margin < 2.4540 < 2.4727 < high - margin
        assert (high - low) < 0.2  # zoomed in: the gap of 0.0187 takes a visible share of the panel
        assert any(t.get_text() == "gap 0.0187" for t in end.texts)
        alt = getattr(fig, ALT_ATTRIBUTE)
        assert "stays 0.0187 above counting, 2.4540" in alt and "to 2.4727 at step 20" in alt
    finally:
        plt.close(fig)


def test_show_figure_needs_alt_unless_a_helper_drew_the_figure():
    from bigram_helpers.notebook import show_figure

    fig, _ = plt.subplots()
    try:
        with pytest.raises(ValueError, match="needs alt"):
            show_figure(fig)
    finally:
        plt.close(fig)


def test_the_stored_softmax_description_is_true(vocab):
    alt = next(a for a in stored_alts("04_neural_bigram.ipynb") if "softmax of row" in a.lower())
    g = torch.Generator().manual_seed(2147483647)
    row = torch.randn((27, 27), generator=g)[0].double()  # 04's W, drawn from the seed; input '.'
    counts = row.exp()
    stated_total = number(re.search(rf"they add up to ({NUMBER})", alt)[1])
    assert stated_total == pytest.approx(counts.sum().item(), abs=5e-4)
    probs = re.search(r"which add up to 1; largest (.*)\.$", alt)[1]
    for ch, p in re.findall(rf"(\S) ({NUMBER})", probs):
        assert number(p) == pytest.approx((counts / counts.sum())[vocab.stoi[ch]].item(), abs=5e-5), ch


def test_the_stored_loss_curve_shows_the_gap_it_states(N):
    alt = next(a for a in stored_alts("04_neural_bigram.ipynb") if "gradient descent" in a)
    final, gap, target = re.search(
        rf"the final loss, ({NUMBER}), stays ({NUMBER}) above the counting model, ({NUMBER})\.", alt
    ).groups()
    counting = -(N[N > 0].double() * torch.log((N.double() / N.sum(1, keepdim=True))[N > 0])).sum() / N.sum()
    assert number(target) == pytest.approx(counting.item(), abs=5e-5)
    assert number(final) - number(target) == pytest.approx(number(gap), abs=1.5e-4)
    assert number(gap) > 0.01  # the network has not reached the counting model after 100 steps
