"""docs/questions.md and docs/differences.md: their numbers, their links, their questions.

The two pages answer learners in prose, so nothing runs them. This test does what a careful
reader would: it recomputes every number the pages quote (from names.txt and torch, in
plain code or through the lesson's helpers) and looks for it in the text; it checks that
every number with a decimal point or a thousands comma in the pages is one of those, or a
figure quoted from the lecture's notebook (listed below with where it comes from); that
every relative link points at a file that exists and, with an anchor, at a heading of that
file (slugs as GitHub and MyST make them); that every link to the video is a chapter's
start; and that every question of issue 26's list has its heading, in the learners' words.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from bigram_helpers import bigram_dataset, bigram_probs, neural_loss, neural_probs, train_neural
from bigram_helpers.fetch import DEFAULT_SOURCE
from bigram_helpers.ngram import ngram_dataset
from bigram_helpers.shared import LESSON_SEED

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = {"questions": DOCS / "questions.md", "differences": DOCS / "differences.md"}
VIDEO = "https://www.youtube.com/watch?v=PaCmpygFfXo"

# The lecture's chapters (its description, as ../shared/curriculum.md lists them): the
# start of each, in seconds. A link to the video's moment links one of these.
CHAPTER_STARTS = {
    0,
    183,
    384,
    564,
    765,
    1099,
    1254,
    1442,
    2177,
    3014,
    3650,
    3777,
    3926,
    4201,
    4433,
    4726,
    5177,
    5749,
    5916,
    6175,
    6469,
    6618,
    6871,
    6976,
}

# Figures the pages quote from the lecture's notebook (karpathy/nn-zero-to-hero,
# lectures/makemore/makemore_part1_bigrams.ipynb) or the video, which no code here can
# recompute: the stale outputs that differences.md describes, and the video's "about 2.47".
QUOTED_FROM_THE_LECTURE = {
    "-564,996.8125",  # its log-likelihood cell, from the network's table
    "2.4765",  # the same cell's average
    "2.4818",  # its one-step training loop
    "2.47",  # the video's "about 2.47" after smoothing
}
# The first 20 of the lecture notebook's 100 warm-up draws (its torch.multinomial cell).
LECTURE_FIRST_20_DRAWS = [1, 1, 2, 0, 0, 2, 1, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1]
# Its first letter and names (the first-letter cell and the sampling cell).
LECTURE_FIRST_LETTER = "m"
LECTURE_NAMES = ["mor", "axx", "minaymoryles", "kondlaisah", "anchshizarie"]

# Numbers in the pages that are settings or versions, not results: learning rates and
# strengths the lesson chooses, Python and PyTorch versions.
SETTINGS = {"0.1", "0.01", "2.0", "3.10", "3.11", "1.0"}  # 1.0 and 2.0: also code, `torch.tensor([1.0, 2.0])`

# Issue 26, item 5: every question learners ask, the heading that answers it, and words a
# learner would search for that its answer must use.
QUESTIONS = [
    (
        "why my sampled names differ from the video's with the same seed, and whether my set-up is broken",
        "My names differ from the video's with the same seed: is my set-up broken?",
        ["video", "PyTorch", "GPU", "CUDA", "MPS", "Apple silicon", "seed"],
    ),
    (
        "why P / P.sum(1) without keepdim is wrong and how I would notice",
        "Why is `P / P.sum(1)` without `keepdim` wrong, and how would I notice?",
        ["broadcasting", "row sums", "column"],
    ),
    (
        "why 27 characters and one . rather than <S> and <E> (28 x 28)",
        "Why 27 characters and one `.` instead of `<S>` and `<E>`?",
        ["<S>", "<E>", "token", "28 x 28"],
    ),
    (
        "why my total NLL differs from the video's in the last digits",
        "Why does my total NLL differ from the video's in the last digits?",
        ["float32", "-559,891.75", "-559,873.59", ".item()"],
    ),
    ("average over names or over pairs", "Average over names or over pairs?", ["228,146", "32,033"]),
    (
        "why .float() after F.one_hot, and the error an int32 index gives",
        "Why `.float()` after `F.one_hot`, and what does an int32 index do?",
        ["int64", "int32", "LongTensor", ".long()"],
    ),
    ("logits as log-counts and why exp", 'Why are logits "log-counts", and why `exp`?', ["softmax", "exp"]),
    ("W[xs] against one-hot times W", "`W[xs]` or one-hot times `W`?", ["row", "embedding"]),
    (
        "the trigram's example count, start padding and nelement() of a 2-D tensor",
        "The trigram: how many examples, what padding, and what does `nelement()` count?",
        ["..emma.", "228,146", "nelement()", "456,292"],
    ),
    (
        "the duplicates in names.txt and the split",
        "Why does names.txt repeat names, and what does that do to a split?",
        ["2,539", "girls", "boys", "18,030", "test"],
    ),
    (
        "W.data += -lr * W.grad against W -= lr * W.grad (the leaf-variable error) and torch.no_grad()",
        "Why `W.data += -lr * W.grad` and not `W -= lr * W.grad`?",
        ["leaf", "torch.no_grad()", "in-place"],
    ),
    ("why W.grad = None", "Why set `W.grad = None`?", ["adds", "backward"]),
    ("why a learning rate of 50 works", "Why does a learning rate of 50 work?", ["gradient", "share"]),
    (
        "why the network cannot beat about 2.45 and whether it is the counting model's minimum",
        "Why can't the network beat about 2.45? Is that the counting model's minimum?",
        ["likelihood", "2.4540"],
    ),
    (
        "the infinite loss and fake counts",
        "Why is the loss infinite, and how do fake counts fix it?",
        ["andrejq", "fake counts", "N + 1"],
    ),
    (
        '"minus infinity" in the video against the +inf loss',
        'The video says "minus infinity", my loss says `inf`: which is it?',
        ["log-likelihood", "-inf", "inf"],
    ),
    (
        "whether the penalty changes the printed loss",
        "Does the penalty change the printed loss?",
        ["penalty"],
    ),
    ("names.txt in Colab", "How do I get names.txt in Colab?", ["Colab", "wget", "names.txt"]),
    (
        "why 20 calls of multinomial(num_samples=1) differ from one call with 20",
        "Why do 20 calls of `multinomial(num_samples=1)` differ from one call with 20?",
        ["num_samples=1", "video"],
    ),
    (
        "the GPU (should I, and how)",
        "Should I use the GPU (CUDA, MPS), and how?",
        ["GPU", "CUDA", "MPS", "device"],
    ),
    (
        "torch.Generator against torch.manual_seed",
        "`torch.Generator` or `torch.manual_seed`?",
        ["manual_seed", "global", "generator=g"],
    ),
    ("float32 against float64 for P", "float32 or float64 for `P`?", ["float32", "float64", ".double()"]),
    (
        "likelihood and why logs (underflow)",
        "What is the likelihood, and why take logs?",
        ["underflow", "product"],
    ),
    ("the link to micrograd", "How does this connect to micrograd?", ["micrograd", "backward"]),
    ("where to ask", "Where can I ask?", ["Discussions", "issue"]),
    ("why the seed 2147483647", "Why the seed 2147483647?", ["2**31 - 1", "32-bit"]),
    (
        ".item() and tensor(...) in prints",
        "Why do prints show `tensor(...)`, and what does `.item()` do?",
        ["tensor(2.4541)", ".item()"],
    ),
    (
        "torch.tensor against torch.Tensor",
        "`torch.tensor` or `torch.Tensor`?",
        ["torch.tensor", "torch.Tensor"],
    ),
    (
        "why sample at random rather than take the likeliest character",
        "Why sample at random instead of taking the likeliest character?",
        ["likeliest"],
    ),
    (
        "perplexity and bits per character",
        "What are perplexity and bits per character?",
        ["perplexity", "bits"],
    ),
    (
        "why W starts random rather than at zeros",
        "Why does `W` start random rather than at zeros?",
        ["zeros"],
    ),
    (
        "which penalty matches k fake counts",
        "Which penalty matches k fake counts?",
        ["fake counts", "(N + k)"],
    ),
]

# Issue 26, item 6: every difference from the video, its heading in differences.md, and
# what its text must mention.
DIFFERENCES = [
    ("sampled names and first letters", "The sampled names and the first letter", ["`m`", "`j`", "`c`"]),
    (
        "the <S>/<E> stage and its 28 x 28 table",
        "One `.` from the start, without the `<S>` and `<E>` stage",
        ["28 x 28"],
    ),
    (
        "zip(chs, chs[1:]) against pairwise",
        "`itertools.pairwise` for `zip(chs, chs[1:])`",
        ["pairwise", "zip"],
    ),
    ("ctoi/itoc against stoi/itos", "`stoi` and `itos`", ["ctoi", "itoc", "stoi", "itos"]),
    ("minus against plus infinity", "Minus infinity and plus infinity", ["minus infinity", "plus infinity"]),
    (
        "the whole-data log-likelihood",
        "The whole-data log-likelihood: -559,891.75 and -559,873.59",
        ["float32", "running total"],
    ),
    (
        "the lecture notebook's stale outputs",
        "Stale outputs in the lecture's notebook",
        ["P.shape", "(27, 1)", "N[0]", "2.4765", "2.4818"],
    ),
    ('"about 2.47 after smoothing"', '"About 2.47" after smoothing', ["2.4546"]),
    ("the penalty in the training loop", "The penalty in the training loop", ["0.01*(W**2).mean()"]),
]


# ---------------------------------------------------------------- reading the pages


def page_text(name: str) -> str:
    return PAGES[name].read_text(encoding="utf-8")


def without_code_blocks(text: str) -> str:
    """The text with its fenced code blocks left out (their lines are code, not prose)."""
    return re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)


def headings(markdown: str) -> list[tuple[int, str]]:
    """(level, text) of every ATX heading outside fenced code blocks."""
    found = []
    for line in without_code_blocks(markdown).splitlines():
        m = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if m:
            found.append((len(m.group(1)), m.group(2)))
    return found


def slug(heading: str) -> str:
    """A heading's anchor as GitHub and MyST make it: lowercase, punctuation dropped (word
    characters, hyphens and spaces stay), each space a hyphen."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(markdown_sources: list[str]) -> set[str]:
    """Every heading anchor of a document, with GitHub's -1, -2 ... for repeated headings."""
    seen: dict[str, int] = {}
    out = set()
    for source in markdown_sources:
        for _, text in headings(source):
            base = slug(text)
            n = seen.get(base, 0)
            out.add(base if n == 0 else f"{base}-{n}")
            seen[base] = n + 1
    return out


def document_anchors(path: Path) -> set[str]:
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return anchors(["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"])
    return anchors([path.read_text(encoding="utf-8")])


def link_targets(markdown: str) -> list[str]:
    return re.findall(r"\]\(([^)\s]+)\)", without_code_blocks(markdown))


def section(markdown: str, heading: str) -> str:
    """The text under `heading` up to the next heading of the same level or higher."""
    lines = markdown.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m and m.group(2).strip() == heading:
            level = len(m.group(1))
            body = []
            for rest in lines[i + 1 :]:
                n = re.match(r"^(#{1,6})\s", rest)
                if n and len(n.group(1)) <= level:
                    break
                body.append(rest)
            return "\n".join(body)
    raise AssertionError(f"no heading {heading!r}")


# A number a reader would check: a thousands-grouped integer, a decimal, or a power of ten;
# not part of a word or of a version such as 2.13.0.
NUMBER = re.compile(
    r"(?<![\w.,])-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+(?:e-\d+)?|\d+e-\d+)(?![\w]|[.,]\d)"
)


def prose_numbers(markdown: str) -> set[str]:
    """The numbers of the prose: code blocks and link targets left out."""
    text = re.sub(r"\]\([^)]*\)", "]", without_code_blocks(markdown))
    return set(NUMBER.findall(text))


# ---------------------------------------------------------------- the figures


def walk(P: torch.Tensor, itos, draw, n: int) -> list[str]:
    """n names, each a walk from the marker (index 0) back to it, one draw at a time."""
    g = torch.Generator().manual_seed(LESSON_SEED)
    names = []
    for _ in range(n):
        out, ix = [], 0
        while True:
            ix = draw(P[ix], g)
            if ix == 0:
                break
            out.append(itos[ix])
        names.append("".join(out))
    return names


def today(p: torch.Tensor, g: torch.Generator) -> int:
    return torch.multinomial(p, num_samples=1, replacement=True, generator=g).item()


def error_text(action) -> str:
    try:
        action()
    except (RuntimeError, IndexError) as error:
        return str(error).splitlines()[0]
    raise AssertionError("no error")


@pytest.fixture(scope="module")
def data(words, vocab, N):
    """What the figures are computed from: the tables and the pairs of all the names."""
    P = bigram_probs(N)
    X, Y = bigram_dataset(words, vocab)
    seen = N > 0

    def data_loss(table):
        return -(N[seen].double() * torch.log(table[seen]).double()).sum().item() / X.shape[0]

    return {"P": P, "X": X, "Y": Y, "data_loss": data_loss}


@pytest.fixture(scope="module")
def figures(words, vocab, N, data) -> dict[str, str]:
    """Every figure the pages quote, computed here, as the pages write it."""
    P, X, Y, data_loss = data["P"], data["X"], data["Y"], data["data_loss"]
    stoi, itos = vocab.stoi, vocab.itos
    n = X.shape[0]
    f: dict[str, str] = {}

    # counts
    f["names"] = f"{len(words):,}"
    f["pairs"] = f"{n:,}"
    f["start a"] = f"{N[0, stoi['a']].item():,}"
    f["end a"] = f"{N[stoi['a'], 0].item():,}"
    f["N[0] starts"] = ", ".join(str(v) for v in N[0, :3].tolist())
    f["never-seen cells"] = str((N == 0).sum().item())

    # the <S>/<E> stage
    chars = sorted(set("".join(words)))
    tokens = ["<S>", *chars, "<E>"]
    index = {t: i for i, t in enumerate(tokens)}
    pairs28: dict[tuple[str, str], int] = {}
    for w in words:
        chs = ["<S>", *w, "<E>"]
        for a, b in itertools.pairwise(chs):
            pairs28[a, b] = pairs28.get((a, b), 0) + 1
    N28 = torch.zeros((len(tokens), len(tokens)), dtype=torch.int64)
    for (a, b), count in pairs28.items():
        N28[index[a], index[b]] = count
    dead = torch.zeros_like(N28, dtype=torch.bool)
    dead[index["<E>"], :] = True
    dead[:, index["<S>"]] = True
    assert (N28[dead] == 0).all()
    f["28 x 28"] = f"{len(tokens)} x {len(tokens)}"
    f["28 cells"] = str(N28.numel())
    f["dead cells"] = str(dead.sum().item())
    f["distinct pairs <S>"] = str(len(pairs28))
    f["pairs <S>"] = f"{sum(pairs28.values()):,}"

    # names.txt: two lists
    boys_from = next(i for i in range(len(words)) if words[i : i + 3] == ["liam", "noah", "william"])
    girls, boys = words[:boys_from], words[boys_from:]
    assert boys[:3] == ["liam", "noah", "william"] and words[:3] == ["emma", "olivia", "ava"]
    assert len(set(girls)) == len(girls) and len(set(boys)) == len(boys)
    assert len(set(girls) & set(boys)) == len(words) - len(set(words))
    assert int(0.9 * len(words)) >= boys_from  # the file's last tenth is boys' names only
    f["girls end"] = f"{boys_from:,}"
    f["boys start"] = f"{boys_from + 1:,}"
    f["repeats"] = f"{len(words) - len(set(words)):,}"
    f["distinct"] = f"{len(set(words)):,}"
    emma = [i + 1 for i, w in enumerate(words) if w == "emma"]
    assert emma[0] == 1 and len(emma) == 2
    f["emma again"] = f"{emma[1]:,}"

    # sampling
    g = torch.Generator().manual_seed(LESSON_SEED)
    q = torch.rand(3, generator=g)
    q = q / q.sum()
    f["warm-up"] = "[" + ", ".join(f"{v:.4f}" for v in q.tolist()) + "]"
    one_call = torch.multinomial(q, num_samples=20, replacement=True, generator=g).tolist()
    assert one_call == LECTURE_FIRST_20_DRAWS
    g = torch.Generator().manual_seed(LESSON_SEED)
    torch.rand(3, generator=g)
    singles = [torch.multinomial(q, num_samples=1, replacement=True, generator=g).item() for _ in range(20)]
    assert singles != one_call
    f["one call"] = str(one_call)
    f["twenty calls"] = str(singles)
    f["P[0, 1]"] = f"{P[0, 1].item():.4f}"
    f["first letter"] = f"`{itos[today(P[0], torch.Generator().manual_seed(LESSON_SEED))]}`"
    f["today's names"] = ", ".join(f"`{name}`" for name in walk(P, itos, today, 5))
    f["lecture's names"] = ", ".join(f"`{name}`" for name in LECTURE_NAMES)
    f["seed"] = str(LESSON_SEED)
    assert LESSON_SEED == 2**31 - 1 == torch.iinfo(torch.int32).max
    greedy, ix = "", 0
    for _ in range(20):
        ix = int(P[ix].argmax())
        if ix == 0:
            break
        greedy += itos[ix]
    f["greedy"] = f"`{greedy}`"

    # the loss
    logs = torch.log(P[X, Y])
    running = np.add.accumulate(logs.numpy(), dtype=np.float32)[-1]  # the video's float32 total
    exact = math.fsum(logs.double().tolist())
    f["float32 total"] = f"{float(running):,.2f}"
    f["exact total"] = f"{exact:,.2f}"
    f["float32 step"] = str(abs(float(np.spacing(np.float32(running)))))
    f["drift"] = str(round(exact - float(running)))
    f["about 560,000"] = f"{round(-float(running), -4):,.0f}"
    video_average = torch.tensor(-float(running)) / n  # a float32 tensor, as in the video
    f["float32 average"] = f"{video_average.item():.4f}"
    f["float32 total printed"] = str(torch.tensor(float(running)))
    f["float32 average printed"] = str(video_average)
    assert f"{video_average}" == repr(video_average.item())
    f["float32 average item"] = repr(video_average.item())
    f["loss"] = f"{data_loss(P):.4f}"
    f["about 2.45"] = f"{data_loss(P):.2f}"
    f["per name"] = f"{-exact / len(words):.4f}"
    f["log 27"] = f"{math.log(27):.4f}"
    f["perplexity"] = f"{math.exp(data_loss(P)):.2f}"
    f["perplexity, about"] = f"{math.exp(data_loss(P)):.1f}"
    f["bits"] = f"{data_loss(P) / math.log(2):.2f}"
    f["bits uniform"] = f"{math.log2(27):.2f}"
    P_smooth = bigram_probs(N, smoothing=1)
    f["smoothed"] = f"{data_loss(P_smooth):.4f}"
    smooth_running = np.add.accumulate(torch.log(P_smooth[X, Y]).numpy(), dtype=np.float32)[-1]
    f["smoothed float32"] = f"{-float(smooth_running) / n:.4f}"
    probs = P[X, Y].numpy()
    f["16 pairs"] = f"{math.prod(probs[:16].astype(np.float64).tolist()):.1e}"
    with np.errstate(under="ignore"):
        f["zero in float32"] = str(int(np.argmax(np.multiply.accumulate(probs) == 0)) + 1)
        f["zero in float64"] = str(int(np.argmax(np.multiply.accumulate(probs.astype(np.float64)) == 0)) + 1)
    row_error = (P.sum(1) - 1).abs().max().item()
    assert row_error <= 1.2e-07
    f["row sums"] = "1.2e-07"
    wrong = N.float() / N.sum(1)
    assert torch.allclose(wrong.sum(0), torch.ones(27))
    f["wrong row"] = f"{wrong[0].sum().item():.4f}"
    f["N[1, 14]"] = repr(N[stoi["a"], stoi["n"]])

    # the network
    gap = (neural_probs(torch.log(N.float())) - P).abs().max().item()
    assert gap < 1e-6
    f["log N gap"] = "1e-6"
    share = N.sum(1) / n
    for ch in ".aq":
        f[f"share {ch}"] = f"{share[stoi[ch]].item():.4f}"
    zeros = torch.zeros((27, 27), requires_grad=True)
    f["zero start"] = f"{train_neural(zeros, X, Y, steps=100, lr=50)[0]:.4f}"
    f["zero after 100"] = f"{data_loss(neural_probs(zeros)):.4f}"
    W = torch.randn((27, 27), generator=torch.Generator().manual_seed(LESSON_SEED), requires_grad=True)
    f["random start"] = f"{neural_loss(W, X, Y).item():.4f}"
    f["random start, penalty"] = f"{neural_loss(W, X, Y, reg=0.01).item():.4f}"
    f["penalty at start"] = f"{0.01 * (W.detach() ** 2).mean().item():.4f}"
    train_neural(W, X, Y, steps=100, lr=50)
    f["random after 100"] = f"{data_loss(neural_probs(W)):.4f}"
    longer = W.detach().clone().requires_grad_(True)
    train_neural(longer, X, Y, steps=2_900, lr=50)
    f["after 3,000"] = f"{data_loss(neural_probs(longer)):.4f}"
    f["3,000"] = "3,000"
    assert data_loss(P) < data_loss(neural_probs(longer)) < data_loss(neural_probs(W))
    penalised = torch.randn(
        (27, 27), generator=torch.Generator().manual_seed(LESSON_SEED), requires_grad=True
    )
    train_neural(penalised, X, Y, steps=100, lr=50, reg=0.01)
    f["penalty after 100"] = f"{data_loss(neural_probs(penalised)):.4f}"

    # the trigram
    X3, _ = ngram_dataset(words, vocab, order=3)
    assert X3.shape == (sum(len(w) + 1 for w in words), 2)
    f["trigram examples"] = f"{X3.shape[0]:,}"
    f["trigram shape"] = f"({X3.shape[0]}, {X3.shape[1]})"
    f["trigram nelement"] = f"{X3.nelement():,}"
    f["one dot"] = f"{sum(len(w) for w in words):,}"  # `.emma.`: no example for the first letter
    return f


# Which figures each page quotes (the rest of the figures are for the other page).
QUOTES = {
    "questions": [
        "names", "pairs", "start a", "end a", "never-seen cells", "28 x 28", "28 cells", "dead cells",
        "girls end", "boys start", "repeats", "distinct", "emma again", "warm-up", "one call",
        "twenty calls", "P[0, 1]", "first letter", "today's names", "lecture's names", "seed", "greedy",
        "float32 total", "exact total", "float32 step", "about 560,000", "drift", "float32 average",
        "float32 total printed", "float32 average printed", "float32 average item", "loss", "about 2.45",
        "per name", "log 27",
        "perplexity", "perplexity, about", "bits", "bits uniform", "smoothed", "16 pairs",
        "zero in float32", "zero in float64", "row sums", "wrong row", "N[1, 14]", "log N gap",
        "share .", "share a", "share q", "zero start", "zero after 100", "random start",
        "random start, penalty", "penalty at start", "random after 100", "after 3,000", "3,000",
        "penalty after 100", "trigram examples", "trigram shape", "trigram nelement", "one dot",
    ],
    "differences": [
        "first letter", "today's names", "lecture's names", "seed", "28 x 28", "dead cells",
        "distinct pairs <S>", "pairs <S>", "float32 total", "exact total", "float32 average", "loss",
        "float32 step", "about 560,000", "smoothed", "smoothed float32", "N[0] starts",
        "random start, penalty", "random start", "random after 100", "penalty after 100",
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("page", "label"), [(page, label) for page, labels in QUOTES.items() for label in labels]
)
def test_the_page_quotes_the_figure_as_computed(figures, page, label):
    assert figures[label] in " ".join(page_text(page).split()), (
        f"docs/{page}.md should quote {label!r} as {figures[label]!r} (computed on this set-up), and does not"
    )


@pytest.mark.parametrize("page", PAGES)
def test_every_number_in_the_page_is_checked(figures, page):
    checked = {token for value in figures.values() for token in NUMBER.findall(value)}
    checked |= QUOTED_FROM_THE_LECTURE | SETTINGS
    unchecked = sorted(prose_numbers(page_text(page)) - checked)
    assert not unchecked, (
        f"docs/{page}.md quotes numbers that no figure in this test computes: {unchecked} "
        "(compute them in `figures`, or list a quote from the lecture in QUOTED_FROM_THE_LECTURE)"
    )


def test_the_old_way_of_drawing_gives_the_lectures_letter_and_names(vocab, N, data):
    """The page's code, run as it stands, gives what the page says it gives."""
    code = re.search(r"```python\n(.*?)```", page_text("questions"), flags=re.S).group(1)
    for P in (data["P"], bigram_probs(N, smoothing=1)):
        scope = {"torch": torch, "P": P, "itos": vocab.itos, "print": lambda *args: None}
        exec(code, scope)  # the page's own example
        assert scope["names"] == LECTURE_NAMES
        assert f"# {LECTURE_NAMES!r}" in code
        g = torch.Generator().manual_seed(LESSON_SEED)
        assert vocab.itos[scope["draw_the_old_way"](P[0], g)] == LECTURE_FIRST_LETTER
    # ... and many draws at once on today's torch are still drawn that way
    g = torch.Generator().manual_seed(LESSON_SEED)
    q = torch.rand(3, generator=g)
    q = q / q.sum()
    old = [scope["draw_the_old_way"](q, g) for _ in range(20)]
    assert old == LECTURE_FIRST_20_DRAWS


def test_the_claims_the_pages_make_in_words(words, vocab, N, data):
    """Claims without a number: each is checked as the page states it."""
    X, Y = data["X"], data["Y"]
    # the same numbers from the global seed and from a generator
    with torch.random.fork_rng():
        torch.manual_seed(LESSON_SEED)
        assert torch.equal(torch.rand(3), torch.rand(3, generator=torch.Generator().manual_seed(LESSON_SEED)))
    # torch.tensor and torch.Tensor
    assert torch.tensor([1, 2]).dtype == torch.int64 and torch.tensor([1.0, 2.0]).dtype == torch.float32
    assert torch.Tensor([1, 2]).dtype == torch.float32 and torch.Tensor(3).shape == (3,)
    # pairwise and zip give the same pairs
    for w in words:
        chs = "." + w + "."
        assert list(itertools.pairwise(chs)) == list(zip(chs, chs[1:], strict=False))  # noqa: RUF007 (the video's way)
    # W[xs] and the one-hot product: equal logits and loss
    W = torch.randn((27, 27), generator=torch.Generator().manual_seed(LESSON_SEED))
    assert torch.equal(F.one_hot(X, num_classes=27).float() @ W, W[X])
    # the update both ways, and the doubled gradient
    W = torch.randn((27, 27), generator=torch.Generator().manual_seed(LESSON_SEED), requires_grad=True)
    neural_loss(W, X[:5], Y[:5]).backward()
    first = W.grad.clone()
    neural_loss(W, X[:5], Y[:5]).backward()
    assert torch.equal(W.grad, 2 * first)
    W.grad = first
    other = W.detach().clone().requires_grad_(True)
    with torch.no_grad():
        other -= 0.1 * first
    W.data += -0.1 * W.grad
    assert torch.equal(W, other)
    # andrejq has a never-seen pair
    assert N[vocab.stoi["j"], vocab.stoi["q"]] == 0
    # the learning rates notebook 04 tries: 50 gets furthest, 100 overshoots, 500 ends worse than the start
    after = {}
    start = neural_loss(
        torch.randn((27, 27), generator=torch.Generator().manual_seed(LESSON_SEED)), X, Y
    ).item()
    for lr in (0.1, 1, 10, 50, 100, 500):
        W = torch.randn((27, 27), generator=torch.Generator().manual_seed(LESSON_SEED), requires_grad=True)
        train_neural(W, X, Y, steps=100, lr=lr)
        after[lr] = data["data_loss"](neural_probs(W))
    assert min(after, key=after.get) == 50 and after[100] > after[50] and after[500] > start


def test_fake_counts_as_a_penalty(N):
    """k fake counts are the penalty k/n * sum(-log S): its minimum is (N + k) normalised; no
    strength of the squared-weight penalty has that table as its minimum."""
    n = N.sum().item()
    for k in (1, 5):
        W = torch.log((N + k).double()).requires_grad_(True)
        S = torch.softmax(W, dim=1)
        loss = -(N.double() * torch.log(S)).sum() / n + k / n * (-torch.log(S)).sum()
        loss.backward()
        assert W.grad.abs().max().item() < 1e-12
        # Squared-weight penalty r * mean(W**2): at its minimum, for every cell,
        # (n_i S - N) / n + 2 r / 729 * W = 0, with W = log S + c_i for some row constants.
        # Fit r and the c_i to the add-k table by least squares: the fit leaves a large residual.
        T = (N + k).double() / (N + k).double().sum(1, keepdim=True)
        target = ((N.double() - N.sum(1, keepdim=True).double() * T) / n).flatten()
        columns = [torch.log(T).flatten()] + [
            torch.eye(27, dtype=torch.float64)[i].repeat_interleave(27) for i in range(27)
        ]
        A = torch.stack(columns, dim=1)
        solution = torch.linalg.lstsq(A, target[:, None]).solution
        residual = (A @ solution).flatten() - target
        assert residual.norm() > 0.1 * target.norm()


def test_the_error_messages_quoted_are_the_pinned_torchs():
    text = page_text("questions")
    W = torch.randn((27, 27), requires_grad=True)
    long_index, int_index = torch.tensor([0, 5]), torch.tensor([0, 5], dtype=torch.int32)
    messages = [
        error_text(lambda: F.one_hot(long_index, num_classes=27) @ W),
        error_text(lambda: F.one_hot(int_index, num_classes=27)),
        error_text(lambda: W[torch.tensor([0.0, 5.0])]),
    ]
    assert W.detach()[int_index].shape == (2, 27)  # int32 indexing works
    leaf = W.detach().clone().requires_grad_(True)
    leaf.grad = torch.ones_like(leaf)

    def update():
        nonlocal leaf
        leaf -= 0.1 * leaf.grad

    messages.append(error_text(update))
    for message in messages:
        assert f'"{message}' in " ".join(text.split()), f"the page does not quote {message!r}"


@pytest.mark.parametrize("page", PAGES)
def test_every_relative_link_reaches_a_file_and_a_heading(page):
    bad = []
    for target in link_targets(page_text(page)):
        if re.match(r"^[a-z]+:", target):
            continue
        path_part, _, anchor = target.partition("#")
        path = (PAGES[page].parent / path_part).resolve() if path_part else PAGES[page]
        if not path.is_file():
            bad.append(f"{target}: no file {path}")
        elif anchor and anchor not in document_anchors(path):
            bad.append(f"{target}: no heading with that anchor in {path.name}")
    assert not bad, f"docs/{page}.md has broken links:\n" + "\n".join(bad)


@pytest.mark.parametrize("page", PAGES)
def test_every_video_link_is_a_chapter_start_and_says_its_time(page):
    text = page_text(page)
    links = re.findall(r"\[(?:from|at)\s+(\d+(?::\d\d)+)\]\(" + re.escape(VIDEO) + r"&t=(\d+)\)", text)
    assert len(links) == text.count(VIDEO + "&t="), "a link to the video's moment without its time as text"
    for shown, seconds in links:
        parts = [int(p) for p in shown.split(":")]
        assert sum(p * 60**i for i, p in enumerate(reversed(parts))) == int(seconds), shown
        assert int(seconds) in CHAPTER_STARTS, f"{shown} is not the start of a chapter"


def test_every_question_of_the_issue_has_its_heading_in_the_learners_words():
    text = page_text("questions")
    level3 = [h for level, h in headings(text) if level == 3]
    assert len(level3) == len(set(level3))
    missing = [asked for asked, heading, _ in QUESTIONS if heading not in level3]
    assert not missing, f"no heading in docs/questions.md answers: {missing}"
    assert sorted(h for _, h, _ in QUESTIONS) == sorted(level3), "a heading not in the table of QUESTIONS"
    for _, heading, words in QUESTIONS:
        body = " ".join(section(text, heading).split())
        absent = [w for w in words if w not in body]
        assert not absent, f"the answer to {heading!r} never says {absent}"
        assert re.search(r"\]\((\.\./|#)", section(text, heading)), f"{heading!r} links no section"


def test_the_question_list_at_the_top_links_every_question():
    text = page_text("questions")
    top = text.split("\n## ", 1)[0]
    linked = set(re.findall(r"\]\(#([^)]+)\)", top))
    assert linked == {slug(h) for level, h in headings(text) if level == 3}


def test_every_difference_of_the_issue_has_its_heading():
    text = page_text("differences")
    level2 = [h for level, h in headings(text) if level == 2]
    for asked, heading, words in DIFFERENCES:
        assert heading in level2, f"no heading in docs/differences.md for {asked!r}"
        body = " ".join(section(text, heading).split())
        absent = [w for w in words if w not in body]
        assert not absent, f"the section {heading!r} never says {absent}"
    top = text.split("\n## ", 1)[0]
    assert set(re.findall(r"\]\(#([^)]+)\)", top)) == {slug(h) for h in level2}


def test_where_to_ask_and_the_data_source_are_the_readmes_and_the_helpers():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    discussions = re.search(r"\((https://github\.com/[^)]+/discussions)\)", readme).group(1)
    issues = re.search(r"\((https://github\.com/[^)]+/issues/new/choose)\)", readme).group(1)
    text = page_text("questions")
    assert f"]({discussions})" in text and f"]({issues})" in text
    assert f"!wget {DEFAULT_SOURCE}" in text
