"""A blind table of learner answers to notebook 05's exercises, for `test_exercises_blind.py`.

Each row is the code one learner types into one answer cell of `notebooks/05_exercises.py`
(in the notebook's namespace: `words`, `vocab`, `V`, `stoi`, `itos`, `torch`, `F` and
what the given cells define), the verdict a referee gives it, and for a wrong answer the
mistake in one line and `points_at`: case-insensitive patterns about the mistake's
concept, any one of which a message that names it, or states a measured symptom that
shows where it is, would contain. `before` holds answers typed into earlier cells that
the row depends on (run, with the given cells between, before the row's own cell), and
`runs` says how many times the learner ran the answer cell.

Written from notebooks 01-05 and the lesson modules alone; the check code and the
project's other answer tables were not read.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Row:
    id: str
    part: str
    code: str
    verdict: str  # "right" or "wrong"
    mistake: str = ""
    points_at: tuple[str, ...] = ()
    before: dict[str, str] = field(default_factory=dict)
    runs: int = 1
    misleads: tuple[str, ...] = ()  # a diagnosis of a mistake this answer does not make


ROWS: list[Row] = []


def right(id: str, part: str, code: str, *, before: dict[str, str] | None = None, runs: int = 1) -> None:
    ROWS.append(Row(id, part, textwrap.dedent(code), "right", before=before or {}, runs=runs))


def wrong(
    id: str,
    part: str,
    code: str,
    mistake: str,
    points_at: str,
    *,
    before: dict[str, str] | None = None,
    runs: int = 1,
    misleads: str = "",
) -> None:
    patterns = tuple(p.strip() for p in points_at.split(" || "))
    wrongly = (misleads,) if misleads else ()
    ROWS.append(Row(id, part, textwrap.dedent(code), "wrong", mistake, patterns, before or {}, runs, wrongly))


# Patterns shared by many rows (joined into one regex each; " || " separates patterns).
SUM_NOT_MEAN = r"\bsum|summed|total|ratio|times|factor|scale|reduction"
SIGN = r"sign|minus|negative|-1\b|opposite"
LOG_BASE = r"log|base|ln ?\(?2|0\.69|1\.44|bits|ratio"
TRANSPOSE = r"transpos|\.T\b|swap|column|shape|axis|dim"
NOT_TRAINED = (
    r"train on|keep training|train(ing)? (longer|more|further)|step|longer|more|continu|goal|above"
    r"|not yet below|learning rate"
)

# ---------------------------------------------------------------- Exercise 1, part 1: N3
C = "ex1.counts"
right(
    "counts-helper",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3)
    """,
)
right(
    "counts-loop-int32",
    C,
    """
    N3 = torch.zeros((729, 27), dtype=torch.int32)
    for w in words:
        chs = ['.', '.'] + list(w) + ['.']
        for c1, c2, c3 in zip(chs, chs[1:], chs[2:]):
            N3[27 * stoi[c1] + stoi[c2], stoi[c3]] += 1
    """,
)
right(
    "counts-3d-int64",
    C,
    """
    counts = [[[0] * 27 for _ in range(27)] for _ in range(27)]
    for w in words:
        chs = '..' + w + '.'
        for i in range(2, len(chs)):
            counts[stoi[chs[i - 2]]][stoi[chs[i - 1]]][stoi[chs[i]]] += 1
    N3 = torch.tensor(counts, dtype=torch.int64)
    """,
)
right(
    "counts-numpy-bincount",
    C,
    """
    import numpy as np
    X, Y = ngram_dataset(words, vocab, order=3)
    flat = (X[:, 0] * 27 + X[:, 1]).numpy() * 27 + Y.numpy()
    N3 = np.bincount(flat, minlength=729 * 27).reshape(729, 27)
    """,
)
right(
    "counts-float-index-put",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    N3 = torch.zeros(729, 27)
    N3.index_put_((X[:, 0] * V + X[:, 1], Y), torch.ones(len(Y)), accumulate=True)
    """,
)
wrong(
    "counts-one-start-marker",
    C,
    """
    counts = [[0] * 27 for _ in range(729)]
    for w in words:
        chs = ['.'] + list(w) + ['.']
        for c1, c2, c3 in zip(chs, chs[1:], chs[2:]):
            counts[27 * stoi[c1] + stoi[c2]][stoi[c3]] += 1
    N3 = torch.tensor(counts)
    """,
    "one '.' before each name (the bigram's framing), so the first letter is never counted",
    r"marker|'\.\.'|two '\.'|first letter|196,?113|fewer|missing|start of",
)
wrong(
    "counts-two-end-markers",
    C,
    """
    counts = [[0] * 27 for _ in range(729)]
    for w in words:
        chs = ['.', '.'] + list(w) + ['.', '.']
        for c1, c2, c3 in zip(chs, chs[1:], chs[2:]):
            counts[27 * stoi[c1] + stoi[c2]][stoi[c3]] += 1
    N3 = torch.tensor(counts)
    """,
    "two '.' after each name as well as before, one extra example per name",
    r"marker|end|'\.'|228,?146|260,?179|total|more|extra|a\.",
)
wrong(
    "counts-context-transposed",
    C,
    """
    counts = [[0] * 27 for _ in range(729)]
    for w in words:
        chs = ['.', '.'] + list(w) + ['.']
        for c1, c2, c3 in zip(chs, chs[1:], chs[2:]):
            counts[27 * stoi[c2] + stoi[c1]][stoi[c3]] += 1
    N3 = torch.tensor(counts)
    """,
    "the context row is 27*c2 + c1, newer character first",
    r"transpos|order|older|newer|c1|c2|permut|swap",
)
wrong(
    "counts-no-end-marker",
    C,
    """
    counts = [[0] * 27 for _ in range(729)]
    for w in words:
        chs = ['.', '.'] + list(w)
        for c1, c2, c3 in zip(chs, chs[1:], chs[2:]):
            counts[27 * stoi[c1] + stoi[c2]][stoi[c3]] += 1
    N3 = torch.tensor(counts)
    """,
    "no '.' after the name, so the end of a name is never counted",
    r"end|column 0|'\.'|marker|fewer|total|228,?146|196,?113|missing",
)
wrong(
    "counts-skips-first-example",
    C,
    """
    counts = [[0] * 27 for _ in range(729)]
    for w in words:
        chs = ['.', '.'] + list(w) + ['.']
        for c1, c2, c3 in zip(chs[1:], chs[2:], chs[3:]):
            counts[27 * stoi[c1] + stoi[c2]][stoi[c3]] += 1
    N3 = torch.tensor(counts)
    """,
    "off by one: the window starts one character late and skips '..' -> first letter",
    r"'\.\.'|first letter|fewer|missing|total|196,?113|off.by.one|skip|late",
)
wrong(
    "counts-bigram-table",
    C,
    """
    N3 = bigram_counts(words, vocab)
    """,
    "the bigram count table (27, 27) handed in",
    r"27, 27|bigram|order|one row per character",
)
wrong(
    "counts-first-1000-names",
    C,
    """
    counts = [[0] * 27 for _ in range(729)]
    for w in words[:1000]:
        chs = ['.', '.'] + list(w) + ['.']
        for c1, c2, c3 in zip(chs, chs[1:], chs[2:]):
            counts[27 * stoi[c1] + stoi[c2]][stoi[c3]] += 1
    N3 = torch.tensor(counts)
    """,
    "counted only the first 1,000 names (left from a quick test)",
    r"fewer|total|7,?000|words|\ball\b|missing|subset|sum",
)
wrong(
    "counts-3d-next-first",
    C,
    """
    counts = [[[0] * 27 for _ in range(27)] for _ in range(27)]
    for w in words:
        chs = '..' + w + '.'
        for i in range(2, len(chs)):
            counts[stoi[chs[i]]][stoi[chs[i - 2]]][stoi[chs[i - 1]]] += 1
    N3 = torch.tensor(counts, dtype=torch.int64)
    """,
    "3-D table indexed [c3, c1, c2]: the next character on the first axis",
    r"transpos|axis|axes|dim|order|permut|next character|swap",
)
wrong(
    "counts-dict",
    C,
    """
    N3 = {}
    for w in words:
        chs = ['.', '.'] + list(w) + ['.']
        for trigram in zip(chs, chs[1:], chs[2:]):
            N3[trigram] = N3.get(trigram, 0) + 1
    """,
    "a dict of trigram counts, as notebook 01 started, not the table",
    r"dict|type|tensor",
)
wrong(
    "counts-normalised",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3).float()
    N3 = N3 / N3.sum(1, keepdim=True).clamp(min=1)
    """,
    "already turned into probabilities: counts were asked",
    r"prob|sum to 1|rows? sum|normal|integer|whole",
)
wrong(
    "counts-plus-one",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3) + 1
    """,
    "a fake count of 1 added to every cell (notebook 03's smoothing) already",
    r"smooth|fake|\+ ?1|one more|offset|zero|every cell|constant|never|total",
)

# ---------------------------------------------------------------- Exercise 1, part 2: P3
C = "ex1.probs"
N3_GIVEN = "N3 = ngram_counts(words, vocab, order=3)\n"
right(
    "probs-helper",
    C,
    N3_GIVEN + "P3 = ngram_probs(N3)\n",
)
right(
    "probs-clamp",
    C,
    N3_GIVEN
    + """
    totals = N3.sum(1, keepdim=True)
    P3 = N3.float() / totals.clamp(min=1)
    """.replace("\n    ", "\n"),
)
right(
    "probs-nan-to-num-3d",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3).view(27, 27, 27).double()
    P3 = torch.nan_to_num(N3 / N3.sum(2, keepdim=True), nan=0.0)
    """,
)
right(
    "probs-numpy-where",
    C,
    """
    import numpy as np
    counts = ngram_counts(words, vocab, order=3).numpy().astype(np.float64)
    row_sums = counts.sum(axis=1, keepdims=True)
    P3 = np.divide(counts, row_sums, out=np.zeros_like(counts), where=row_sums > 0)
    """,
)
wrong(
    "probs-nan-rows",
    C,
    N3_GIVEN + "P3 = N3.float() / N3.sum(1, keepdim=True)\n",
    "contexts that never occur divide 0 by 0 and give NaN rows",
    r"nan|0 ?/ ?0|zero|empty|never|unseen|occur",
)
right(  # the text allows it (issue 25's notebook: "rows of 1/27 where a context never occurs pass too")
    "probs-uniform-unseen",
    C,
    N3_GIVEN
    + "empty = N3.sum(1, keepdim=True) == 0\n"
    + "P3 = (N3.float() + empty) / (N3.sum(1, keepdim=True) + 27 * empty)\n",
)
wrong(
    "probs-columns",
    C,
    N3_GIVEN + "P3 = N3.float() / N3.sum(0, keepdim=True).clamp(min=1)\n",
    "normalised over dim 0: the columns sum to 1",
    r"columns? (sum|add|normal)|dim ?=? ?0|axis ?=? ?0|over (the )?columns|not the rows",
)
wrong(
    "probs-3d-no-keepdim",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3).view(27, 27, 27).float()
    P3 = torch.nan_to_num(N3 / N3.sum(2))
    """,
    "3-D table divided by its sums without keepdim: broadcasting lines the sums up with the wrong axes",
    r"keepdim|broadcast|dim|axis|sum to 1",
)
wrong(
    "probs-smoothed",
    C,
    N3_GIVEN + "P3 = (N3 + 1).float() / (N3 + 1).sum(1, keepdim=True)\n",
    "add-one smoothing, where the text asks for none",
    r"smooth|fake|zero|unseen|never|\+ ?1|uniform|1/27",
)
wrong(
    "probs-integer-division",
    C,
    N3_GIVEN + "P3 = N3 // N3.sum(1, keepdim=True).clamp(min=1)\n",
    "integer floor division: almost every probability becomes 0",
    r"integer|int|dtype|float|divis|floor|zero|sum",
)
wrong(
    "probs-global-normalise",
    C,
    N3_GIVEN + "P3 = N3.float() / N3.sum()\n",
    "divided by the total count, not each row's",
    r"whole|total|scale|ratio|constant|sums? to 1",
)
wrong(
    "probs-log",
    C,
    N3_GIVEN + "P3 = torch.log(N3.float() / N3.sum(1, keepdim=True).clamp(min=1))\n",
    "the log-probabilities, not the probabilities",
    r"\blog\b|negative|inf|\bexp\b|below 0",
)
wrong(
    "probs-transposed",
    C,
    N3_GIVEN + "P3 = (N3.float() / N3.sum(1, keepdim=True).clamp(min=1)).T\n",
    "the table transposed to (27, 729)",
    r"transpos|\.T\b|swap|shape|axis|dim|27, 729",
)

# ---------------------------------------------------------------- Exercise 1, part 3: the loss
C = "ex1.loss"
P3_GIVEN = (
    "P3 = ngram_probs(ngram_counts(words, vocab, order=3))\nX, Y = ngram_dataset(words, vocab, order=3)\n"
)
right(
    "loss-vectorised",
    C,
    P3_GIVEN + "loss3 = -P3[X[:, 0] * 27 + X[:, 1], Y].log().mean().item()\n",
)
right(
    "loss-score",
    C,
    "P3 = ngram_probs(ngram_counts(words, vocab, order=3))\n"
    + "loss3 = ngram_score(words, P3, vocab, order=3).mean_nll\n",
)
right(
    "loss-loop-math",
    C,
    """
    import math
    P3 = ngram_probs(ngram_counts(words, vocab, order=3)).tolist()
    total, n = 0.0, 0
    for w in words:
        chs = ['.', '.'] + list(w) + ['.']
        for a, b, c in zip(chs, chs[1:], chs[2:]):
            total += -math.log(P3[27 * stoi[a] + stoi[b]][stoi[c]])
            n += 1
    loss3 = total / n
    """,
)
right(
    "loss-tensor-float64",
    C,
    P3_GIVEN + "loss3 = -torch.log(P3.double()[X[:, 0] * V + X[:, 1], Y]).mean()\n",
)
right(
    "loss-3d-numpy",
    C,
    """
    import numpy as np
    P = ngram_probs(ngram_counts(words, vocab, order=3)).view(27, 27, 27).numpy()
    X, Y = ngram_dataset(words, vocab, order=3)
    loss3 = -np.log(P[X[:, 0].numpy(), X[:, 1].numpy(), Y.numpy()].astype(np.float64)).mean()
    """,
)
right(
    "loss-rounded-4",
    C,
    P3_GIVEN + "loss3 = round(-P3[X[:, 0] * 27 + X[:, 1], Y].log().mean().item(), 4)\n",
)
wrong(
    "loss-sum",
    C,
    P3_GIVEN + "loss3 = -P3[X[:, 0] * 27 + X[:, 1], Y].log().sum().item()\n",
    "the sum of the negative log-likelihoods, not their average",
    SUM_NOT_MEAN,
)
wrong(
    "loss-log2",
    C,
    P3_GIVEN + "loss3 = -P3[X[:, 0] * 27 + X[:, 1], Y].log2().mean().item()\n",
    "log base 2 (bits), not the natural log",
    LOG_BASE,
)
wrong(
    "loss-log10",
    C,
    P3_GIVEN + "loss3 = -P3[X[:, 0] * 27 + X[:, 1], Y].log10().mean().item()\n",
    "log base 10, not the natural log",
    r"log|base|ln ?\(?10|2\.30|0\.43|ratio",
)
wrong(
    "loss-log-likelihood",
    C,
    P3_GIVEN + "loss3 = P3[X[:, 0] * 27 + X[:, 1], Y].log().mean().item()\n",
    "the average log-likelihood, without the minus",
    SIGN,
)
wrong(
    "loss-bigram",
    C,
    "loss3 = bigram_loss\n",
    "the bigram's loss 2.4540 from the given cell",
    r"bigram|2\.454|context|order\b",
)
wrong(
    "loss-mean-per-name",
    C,
    P3_GIVEN
    + """
    nll = -P3[X[:, 0] * 27 + X[:, 1], Y].log()
    per_name = [chunk.mean() for chunk in nll.split([len(w) + 1 for w in words])]
    loss3 = (sum(per_name) / len(per_name)).item()
    """.replace("\n    ", "\n"),
    "the average over names of each name's average: short names weigh as much as long ones",
    r"per name|each name|name's|weigh|long names|short names|over (the )?names",
)
wrong(
    "loss-smoothed",
    C,
    """
    P3 = ngram_probs(ngram_counts(words, vocab, order=3), 1)
    loss3 = ngram_score(words, P3, vocab, order=3).mean_nll
    """,
    "the loss of the add-one smoothed table, not the plain counting model",
    r"smooth|fake|\+ ?1|add.one",
)
wrong(
    "loss-context-transposed",
    C,
    P3_GIVEN + "loss3 = -P3[X[:, 1] * 27 + X[:, 0], Y].log().mean().item()\n",
    "rows looked up as 27*newer + older: some examples get probability 0",
    r"inf|context|order|transpos|older|newer|probability 0|zero",
)
wrong(
    "loss-not-averaged",
    C,
    P3_GIVEN + "loss3 = -P3[X[:, 0] * 27 + X[:, 1], Y].log()\n",
    "one loss per example (228146,), never averaged",
    r"shape|one number|scalar|single|228,?146 (of them|numbers|values)|\.mean\(\)|average|float",
)
wrong(
    "loss-perplexity",
    C,
    P3_GIVEN + "loss3 = (-P3[X[:, 0] * 27 + X[:, 1], Y].log().mean()).exp().item()\n",
    "exp of the loss (the perplexity)",
    r"\bexp\b|perplex|e\^|e \*\*",
)
wrong(
    "loss-log-of-mean",
    C,
    P3_GIVEN + "loss3 = -P3[X[:, 0] * 27 + X[:, 1], Y].mean().log().item()\n",
    "minus the log of the average probability, not the average of the logs",
    r"log of (the )?mean|mean of (the )?log|average of|order|jensen",
)
wrong(
    "loss-string",
    C,
    P3_GIVEN + "loss3 = f'{-P3[X[:, 0] * 27 + X[:, 1], Y].log().mean().item():.4f}'\n",
    "the loss as a formatted string",
    r"str|string|text|type|number|float",
)

# ---------------------------------------------------------------- Exercise 1, part 4: the network
C = "ex1.network"
FWD = """
def trigram_nn_loss(W, X, Y):
    xenc = F.one_hot(X, num_classes=27).float().view(-1, 54)
    logits = xenc @ W
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdim=True)
    return -probs[torch.arange(len(Y)), Y].log().mean()
"""
TRAIN = "\ntrain_ngram_neural(W3, X3, Y3, steps=300, lr=30)\n"
right("network-solution", C, FWD + TRAIN)
right(
    "network-indexing-cross-entropy",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        logits = W[X[:, 0]] + W[27 + X[:, 1]]
        return F.cross_entropy(logits, Y)


    train_ngram_neural(W3, X3, Y3, steps=500, lr=30)
    """,
)
right(
    "network-cat-log-softmax",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        older = F.one_hot(X[:, 0], num_classes=V)
        newer = F.one_hot(X[:, 1], num_classes=V)
        xenc = torch.cat([older, newer], dim=1).double()
        logp = torch.log_softmax(xenc @ W.double(), dim=1)
        return -logp.gather(1, Y.unsqueeze(1)).mean()


    losses = train_ngram_neural(W3, X3, Y3, steps=1000, lr=20)
    """,
)
right("network-run-twice", C, FWD + TRAIN, runs=2)
right(
    "network-copy-then-assign",
    C,
    FWD
    + """
W_new = W3.detach().clone().requires_grad_()
train_ngram_neural(W_new, X3, Y3, steps=400, lr=30)
W3 = W_new
""",
)
wrong(
    "network-trainer-returns-losses",
    C,
    FWD + "\nW3 = train_ngram_neural(W3, X3, Y3, steps=300, lr=30)\n",
    "W3 = train_ngram_neural(...): the list of losses, not the weights",
    r"list|losses|in place|return|type|tensor|shape",
)
wrong(
    "network-too-few-steps",
    C,
    FWD + "\ntrain_ngram_neural(W3, X3, Y3, steps=20, lr=30)\n",
    "only 20 steps: the loss is still far above 2.40",
    NOT_TRAINED,
)
wrong(
    "network-no-view",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        xenc = F.one_hot(X, num_classes=27).float()
        logits = xenc @ W
        counts = logits.exp()
        probs = counts / counts.sum(1, keepdim=True)
        return -probs[torch.arange(len(Y)), Y].log().mean()


    train_ngram_neural(W3, X3, Y3, steps=300, lr=30)
    """,
    "the one-hot rows of the two characters not laid side by side: (n, 2, 27) @ (54, 27) fails",
    r"view|reshape|\b54\b|side by side|flatten|concat|\bcat\b|2, 27",
)
wrong(
    "network-softmax-dim0",
    C,
    FWD.replace("counts.sum(1, keepdim=True)", "counts.sum(0, keepdim=True)") + TRAIN,
    "the forward pass normalises over dim 0, the examples, not over the 27 next characters",
    r"dim ?=? ?0|axis|columns? (sum|normal)|over (the )?(examples|columns)|sum to 1|normal",
)
wrong(
    "network-newer-first",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        xenc = torch.cat([F.one_hot(X[:, 1], 27), F.one_hot(X[:, 0], 27)], dim=1).float()
        probs = torch.softmax(xenc @ W, dim=1)
        return -probs[torch.arange(len(Y)), Y].log().mean()


    train_ngram_neural(W3, X3, Y3, steps=300, lr=30)
    """,
    "the forward pass puts the newer character in rows 0-26 and the older in 27-53",
    r"order|older|newer|swap|half|first 27|rows? 0 to 26|rows? 27|flip",
)
wrong(
    "network-interleaved",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        xenc = torch.stack([F.one_hot(X[:, 0], 27), F.one_hot(X[:, 1], 27)], dim=2).float().view(-1, 54)
        probs = torch.softmax(xenc @ W, dim=1)
        return -probs[torch.arange(len(Y)), Y].log().mean()


    train_ngram_neural(W3, X3, Y3, steps=300, lr=30)
    """,
    "the two one-hot vectors interleaved (stacked on dim 2), not laid side by side",
    r"interleav|side by side|order|layout|stack|view|permut",
)
wrong(
    "network-forward-item",
    C,
    FWD.replace("log().mean()", "log().mean().item()") + TRAIN,
    "the forward pass returns a Python float (.item()), so backward() cannot run",
    r"tensor|backward|float|grad|number|item",
)
wrong(
    "network-forward-ignores-W",
    C,
    FWD.replace("xenc @ W", "xenc @ W3") + TRAIN,
    "the forward pass uses the global W3, not its argument W",
    r"ignor|depend|argument|global|parameter|same (result|value|loss)|chang",
)
wrong(
    "network-forward-ignores-XY",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        xenc = F.one_hot(X3, num_classes=27).float().view(-1, 54)
        probs = torch.softmax(xenc @ W, dim=1)
        return -probs[torch.arange(len(Y3)), Y3].log().mean()


    train_ngram_neural(W3, X3, Y3, steps=300, lr=30)
    """,
    "the forward pass reads the global X3, Y3, not its arguments",
    r"ignor|depend|argument|global|parameter|same (result|value|loss)|chang",
)
wrong(
    "network-forward-sum",
    C,
    FWD.replace("log().mean()", "log().sum()") + TRAIN,
    "the forward pass sums the negative log-likelihoods instead of averaging",
    SUM_NOT_MEAN,
)
wrong(
    "network-forward-no-minus",
    C,
    FWD.replace("return -probs", "return probs") + TRAIN,
    "the forward pass returns the mean log-likelihood, without the minus",
    SIGN,
)
wrong(
    "network-lr-too-small",
    C,
    FWD + "\ntrain_ngram_neural(W3, X3, Y3, steps=300, lr=0.1)\n",
    "learning rate 0.1: after 300 steps W3 has hardly moved",
    NOT_TRAINED,
)
wrong(
    "network-lr-too-large",
    C,
    FWD + "\ntrain_ngram_neural(W3, X3, Y3, steps=300, lr=100)\n",
    "learning rate 100: the loss bounces and ends above the goal",
    r"learning rate|bounc|rose|rise|oscill|diverg|unstable|overshoot|went up|increas",
)
wrong(
    "network-older-only",
    C,
    FWD
    + """
from bigram_helpers import train_neural

W_older = W3[:V].detach().clone().requires_grad_()
train_neural(W_older, X3[:, 0], Y3, steps=300, lr=50)  # from the older character alone
with torch.no_grad():
    W3[:V] = W_older
""",
    "only rows 0-26 trained, as a bigram from the older character; rows 27-53 still the seed's",
    r"rows? 27|27 to 53|53|newer|second|half|unchanged|seed|init",
)
wrong(
    "network-reversed-halves",
    C,
    FWD + "\ntrain_ngram_neural(W3, X3.flip(1), Y3, steps=300, lr=30)\n",
    "trained on X3 with its columns flipped: the older character's rows learned the newer one",
    r"order|older|newer|swap|flip|half|revers|permut",
)
wrong(
    "network-gradient-as-weights",
    C,
    FWD + TRAIN + "W3 = W3.grad\n",
    "W3.grad handed in instead of W3",
    r"grad|gradient|W3\.grad|weights|small|near (zero|0)",
)
wrong(
    "network-trained-copy-lost",
    C,
    FWD
    + """
W = W3.clone().detach()
train_ngram_neural(W, X3, Y3, steps=300, lr=30)
""",
    "trained a copy and handed in the untouched W3",
    r"not trained|untrained|unchanged|seed|start|4\.23|init|same as",
)

# ---------------------------------------------------------------- Exercise 2: the split
C = "ex2.split"
right(
    "split-randperm",
    C,
    """
    def split_names(words, seed):
        g = torch.Generator().manual_seed(seed)
        order = torch.randperm(len(words), generator=g).tolist()
        shuffled = [words[i] for i in order]
        n1, n2 = int(0.8 * len(words)), int(0.9 * len(words))
        return shuffled[:n1], shuffled[n1:n2], shuffled[n2:]
    """,
)
right(
    "split-random-instance",
    C,
    """
    import random


    def split_names(words, seed):
        shuffled = list(words)
        random.Random(seed).shuffle(shuffled)
        n = len(shuffled)
        train = shuffled[: int(n * 0.8)]
        dev = shuffled[int(n * 0.8) : int(n * 0.9)]
        test = shuffled[int(n * 0.9) :]
        return train, dev, test
    """,
)
right(
    "split-numpy-rng",
    C,
    """
    import numpy as np


    def split_names(words, seed):
        idx = np.random.default_rng(seed).permutation(len(words))
        names = [words[i] for i in idx]
        a, b = round(0.8 * len(names)), round(0.9 * len(names))
        return names[:a], names[a:b], names[b:]
    """,
)
right(
    "split-global-manual-seed",
    C,
    """
    def split_names(words, seed):
        torch.manual_seed(seed)
        perm = torch.randperm(len(words))
        n_train = int(0.8 * len(words))
        n_dev = int(0.1 * len(words))
        train = [words[i] for i in perm[:n_train]]
        dev = [words[i] for i in perm[n_train : n_train + n_dev]]
        test = [words[i] for i in perm[n_train + n_dev :]]
        return train, dev, test
    """,
)
right(
    "split-random-seed-sample",
    C,
    """
    import random


    def split_names(words, seed):
        random.seed(seed)
        shuffled = random.sample(words, len(words))
        cut1 = len(shuffled) * 8 // 10
        cut2 = len(shuffled) * 9 // 10
        return shuffled[:cut1], shuffled[cut1:cut2], shuffled[cut2:]
    """,
)
SPLIT_TAIL = """
        n1, n2 = int(0.8 * len(shuffled)), int(0.9 * len(shuffled))
        return shuffled[:n1], shuffled[n1:n2], shuffled[n2:]
"""
SEED_POINTS = r"seed|reproduc|same split|random|each call|every call|twice|again"
wrong(
    "split-unseeded",
    C,
    """
    import random


    def split_names(words, seed):
        shuffled = list(words)
        random.shuffle(shuffled)
    """
    + SPLIT_TAIL,
    "shuffled without using the seed at all: a new split on every call",
    r"seeded|unseeded|the seed|same seed|seed argument|reproduc|same split"
    r"|random|each call|every call|twice|again|different splits?",
)
wrong(
    "split-seed-ignored",
    C,
    """
    import random


    def split_names(words, seed):
        shuffled = list(words)
        random.Random(42).shuffle(shuffled)
    """
    + SPLIT_TAIL,
    "a fixed seed 42 inside: the split does not depend on the seed argument",
    r"seeds? \d|different seeds?|seed argument|the seed|argument"
    r"|ignor|depend|same (split )?for (every|all|different|any)",
)
wrong(
    "split-hash-order",
    C,
    """
    def split_names(words, seed):
        shuffled = sorted(words, key=lambda w: hash((w, seed)))
    """
    + SPLIT_TAIL,
    "ordered by Python's hash(), which changes with every new interpreter (PYTHONHASHSEED)",
    r"hash|interpreter|process|PYTHONHASHSEED|reproduc|session|restart|new python",
)
wrong(
    "split-set-iteration-order",
    C,
    """
    import random


    def split_names(words, seed):
        rng = random.Random(seed)
        key = {w: rng.random() for w in set(words)}
        shuffled = sorted(words, key=key.get)
    """
    + SPLIT_TAIL,
    "random keys handed out in set order, which depends on the interpreter's hash seed",
    r"hash|interpreter|process|PYTHONHASHSEED|reproduc|session|restart|new python|\bset\b",
)
wrong(
    "split-roll",
    C,
    """
    import numpy as np


    def split_names(words, seed):
        shuffled = np.roll(words, seed).tolist()
    """
    + SPLIT_TAIL,
    "np.roll rotates the list by `seed` places: the file's order, not a shuffle",
    r"rotat|roll|shuffl|order|adjacent|neighbou?r|sorted|file|consecutive|contiguous|popular",
)
wrong(
    "split-file-order",
    C,
    """
    def split_names(words, seed):
        shuffled = list(words)
    """
    + SPLIT_TAIL,
    "no shuffle at all: cut in the file's order (sorted by popularity)",
    r"shuffl|order|file|sorted|popular|same for (every|all|different)|depend",
)
wrong(
    "split-sorted",
    C,
    """
    def split_names(words, seed):
        shuffled = sorted(words)
    """
    + SPLIT_TAIL,
    "sorted alphabetically, not shuffled: the test set is the end of the alphabet",
    r"shuffl|order|sort|alphabet|same for (every|all|different)|depend",
)
wrong(
    "split-shuffle-returns-none",
    C,
    """
    import random


    def split_names(words, seed):
        shuffled = random.Random(seed).shuffle(list(words))
    """
    + SPLIT_TAIL,
    "random.shuffle works in place and returns None; the function then fails on len(None)",
    r"None|in place|shuffle|TypeError",
)
wrong(
    "split-dev-from-fractions",
    C,
    """
    import random


    def split_names(words, seed):
        shuffled = list(words)
        random.Random(seed).shuffle(shuffled)
        n1, n2 = int(0.8 * len(shuffled)), int(0.1 * len(shuffled))
        return shuffled[:n1], shuffled[n1:n2], shuffled[n2:]
    """,
    "the second cut at 10% instead of 90%: dev is empty and test overlaps train",
    r"overlap|empty|exactly one|twice|partition|both|0 names|more than once",
)
wrong(
    "split-off-by-one-overlap",
    C,
    """
    import random


    def split_names(words, seed):
        shuffled = list(words)
        random.Random(seed).shuffle(shuffled)
        n1, n2 = int(0.8 * len(shuffled)), int(0.9 * len(shuffled))
        return shuffled[:n1], shuffled[n1 : n2 + 1], shuffled[n2:]
    """,
    "dev ends one name late: one line is in dev and in test",
    r"overlap|exactly one|twice|both|duplicat|partition|once|more than one|32,?034|extra",
)
wrong(
    "split-loses-tail",
    C,
    """
    import random


    def split_names(words, seed):
        shuffled = list(words)
        random.Random(seed).shuffle(shuffled)
        n = len(shuffled)
        n_train, n_dev = int(0.8 * n), int(0.1 * n)
        train = shuffled[:n_train]
        dev = shuffled[n_train : n_train + n_dev]
        test = shuffled[n_train + n_dev : n_train + 2 * n_dev]
        return train, dev, test
    """,
    "test cut to int(0.1 * n) names: the last line of the shuffle is in no split",
    r"lose|lost|missing|left out|exactly one|every line|total|32,?03[23]|partition|no split|none of",
)
wrong(
    "split-dedup-set",
    C,
    """
    import random


    def split_names(words, seed):
        shuffled = sorted(set(words))
        random.Random(seed).shuffle(shuffled)
    """
    + SPLIT_TAIL,
    "set(words) drops the 2,539 repeated lines",
    r"set|duplicat|distinct|repeat|29,?494|2,?539|every line|lost|missing|total|fewer",
)
wrong(
    "split-sizes-swapped",
    C,
    """
    import random


    def split_names(words, seed):
        shuffled = list(words)
        random.Random(seed).shuffle(shuffled)
        n1, n2 = int(0.1 * len(shuffled)), int(0.2 * len(shuffled))
        return shuffled[:n1], shuffled[n1:n2], shuffled[n2:]
    """,
    "10% / 10% / 80%: the test set got the training set's share",
    r"10 ?%|ratio|proportion|25,?626|3,?203|share|fraction",
)
wrong(
    "split-returns-dict",
    C,
    """
    import random


    def split_names(words, seed):
        shuffled = list(words)
        random.Random(seed).shuffle(shuffled)
        n1, n2 = int(0.8 * len(shuffled)), int(0.9 * len(shuffled))
        return {'train': shuffled[:n1], 'dev': shuffled[n1:n2], 'test': shuffled[n2:]}
    """,
    "returns a dict of the three lists, not the three lists",
    r"dict|tuple|type|return|unpack",
)
wrong(
    "split-numpy-arrays",
    C,
    """
    import numpy as np


    def split_names(words, seed):
        shuffled = np.random.default_rng(seed).permutation(np.array(words))
        n1, n2 = int(0.8 * len(shuffled)), int(0.9 * len(shuffled))
        return shuffled[:n1], shuffled[n1:n2], shuffled[n2:]
    """,
    "returns NumPy arrays of numpy.str_, where the text asks for lists",
    r"array|numpy|ndarray|type|str_",
)
wrong(
    "split-returns-indices",
    C,
    """
    def split_names(words, seed):
        perm = torch.randperm(len(words), generator=torch.Generator().manual_seed(seed)).tolist()
        n1, n2 = int(0.8 * len(perm)), int(0.9 * len(perm))
        return perm[:n1], perm[n1:n2], perm[n2:]
    """,
    "returns the shuffled indices, not the names",
    r"ind(ex|ices)|\bint|strings?|type|numbers",
)
wrong(
    "split-shuffles-input-in-place",
    C,
    """
    import random


    def split_names(words, seed):
        random.Random(seed).shuffle(words)
        n1, n2 = int(0.8 * len(words)), int(0.9 * len(words))
        return words[:n1], words[n1:n2], words[n2:]
    """,
    "shuffles the caller's list in place: calling it again on the same list gives another split",
    r"in place|mutat|modif|chang|argument|side effect|reproduc|same split|again|second|copy",
)

# ---------------------------------------------------------------- Exercise 3, part 1: the sweep
C = "ex3.sweep"
SWEEP = """
N_train = ngram_counts(train_words, vocab, order=3)
dev_losses = {}
for s in SMOOTHINGS:
    P_s = ngram_probs(N_train, s)
    dev_losses[s] = ngram_score(dev_words, P_s, vocab, order=3).mean_nll
"""
right("sweep-loop", C, SWEEP)
right(
    "sweep-vectorised-float64",
    C,
    """
    counts = ngram_counts(train_words, vocab, order=3).double()
    Xd, Yd = ngram_dataset(dev_words, vocab, order=3)
    rows = Xd[:, 0] * V + Xd[:, 1]
    dev_losses = {}
    for k in SMOOTHINGS:
        table = (counts + k) / (counts + k).sum(1, keepdim=True)
        dev_losses[k] = -table[rows, Yd].log().mean().item()
    """,
)
right(
    "sweep-add-then-normalise",
    C,
    """
    N_train = ngram_counts(train_words, vocab, order=3)
    dev_losses = {
        s: ngram_score(dev_words, ngram_probs(N_train.float() + s), vocab, order=3).mean_nll
        for s in SMOOTHINGS
    }
    """,
)
right(
    "sweep-numpy-values",
    C,
    """
    import numpy as np
    N_train = ngram_counts(train_words, vocab, order=3).numpy().astype(np.float64)
    Xd, Yd = ngram_dataset(dev_words, vocab, order=3)
    r, y = (Xd[:, 0] * 27 + Xd[:, 1]).numpy(), Yd.numpy()
    dev_losses = {}
    for s in SMOOTHINGS:
        P_np = (N_train + s) / (N_train + s).sum(axis=1, keepdims=True)
        dev_losses[s] = -np.mean(np.log(P_np[r, y]))
    """,
)
wrong(
    "sweep-on-train",
    C,
    SWEEP.replace("ngram_score(dev_words", "ngram_score(train_words"),
    "scored on the training names, not the dev names",
    r"training loss|train loss|scored on (the )?train|judged on (the )?train",
)
wrong(
    "sweep-counted-on-all",
    C,
    SWEEP.replace("ngram_counts(train_words", "ngram_counts(words"),
    "counted on all the names, dev included",
    r"leak|include|\ball\b (the )?names|whole|counted on (all|every)",
)
wrong(
    "sweep-on-test",
    C,
    SWEEP.replace("ngram_score(dev_words", "ngram_score(test_words"),
    "scored on the test names",
    r"\btest\b",
)
wrong(
    "sweep-list",
    C,
    SWEEP + "dev_losses = list(dev_losses.values())\n",
    "a list of the dev losses, where the text asks for a dict",
    r"list|type|key",
)
wrong(
    "sweep-few-values",
    C,
    SWEEP + "dev_losses = {s: dev_losses[s] for s in (0.01, 0.1, 1.0)}\n",
    "only three of the nine smoothings",
    r"missing|SMOOTHINGS|\b9\b|nine|keys|\ball\b|\b3 values",
)
wrong(
    "sweep-total-nll",
    C,
    SWEEP.replace(".mean_nll", ".nll"),
    "the total negative log-likelihood of the dev names, not the average",
    SUM_NOT_MEAN + r"|22,?760",
)
wrong(
    "sweep-bigram",
    C,
    SWEEP.replace("order=3", "order=2"),
    "the bigram model swept, not the trigram",
    r"bigram|order|2\.46",
)
wrong(
    "sweep-not-renormalised",
    C,
    """
    N_train = ngram_counts(train_words, vocab, order=3).float()
    totals = N_train.sum(1, keepdim=True)
    Xd, Yd = ngram_dataset(dev_words, vocab, order=3)
    dev_losses = {}
    for s in SMOOTHINGS:
        P_s = (N_train + s) / totals.clamp(min=1)
        dev_losses[s] = -P_s[Xd[:, 0] * 27 + Xd[:, 1], Yd].log().mean().item()
    """,
    "fake counts added but the rows divided by the old totals: they no longer sum to 1",
    r"normal|sum|total|lower|too low",
)
wrong(
    "sweep-inverted",
    C,
    SWEEP + "dev_losses = {loss: s for s, loss in dev_losses.items()}\n",
    "the dict turned round: {dev loss: smoothing}",
    r"key|value|swap|invert|turn|round",
)

# ---------------------------------------------------------------- Exercise 3, part 2: the choice
C = "ex3.smoothing"
AFTER_SWEEP = {"ex3.sweep": SWEEP}
right("smoothing-literal", C, "best_smoothing = 0.1\n")
right("smoothing-min-key", C, "best_smoothing = min(dev_losses, key=dev_losses.get)\n", before=AFTER_SWEEP)
right(
    "smoothing-argmin-numpy",
    C,
    """
    import numpy as np
    values = np.array([dev_losses[s] for s in SMOOTHINGS])
    best_smoothing = SMOOTHINGS[int(np.argmin(values))]
    """,
    before=AFTER_SWEEP,
)
SMOOTH_POINTS = r"dev|lowest|min|best|2\.2338|higher|0\.1\b"
wrong(
    "smoothing-smallest",
    C,
    "best_smoothing = 0.001\n",
    "the smallest value tried, as if less smoothing were always better",
    SMOOTH_POINTS,
)
wrong(
    "smoothing-add-one",
    C,
    "best_smoothing = 1.0\n",
    "add-one, notebook 03's habit, without looking at the sweep",
    SMOOTH_POINTS,
)
wrong(
    "smoothing-max",
    C,
    "best_smoothing = max(dev_losses, key=dev_losses.get)\n",
    "max instead of min: the worst smoothing",
    SMOOTH_POINTS + r"|max|highest|worst",
    before=AFTER_SWEEP,
)
wrong(
    "smoothing-index",
    C,
    """
    losses = [dev_losses[s] for s in SMOOTHINGS]
    best_smoothing = losses.index(min(losses))
    """,
    "the position of the best smoothing in SMOOTHINGS (4), not the smoothing",
    r"index|position|value|SMOOTHINGS|\b4\b",
    before=AFTER_SWEEP,
)
wrong(
    "smoothing-loss-value",
    C,
    "best_smoothing = min(dev_losses.values())\n",
    "the lowest dev loss, not the smoothing that gives it",
    r"loss|value|key|2\.2338|not one of|SMOOTHINGS",
    before=AFTER_SWEEP,
)
wrong(
    "smoothing-string",
    C,
    "best_smoothing = '0.1'\n",
    "the smoothing as a string",
    r"str|string|text|type|number|float",
)
wrong(
    "smoothing-on-train-loss",
    C,
    """
    N_train = ngram_counts(train_words, vocab, order=3)
    train_losses = {}
    for s in SMOOTHINGS:
        train_losses[s] = ngram_score(train_words, ngram_probs(N_train, s), vocab, order=3).mean_nll
    best_smoothing = min(train_losses, key=train_losses.get)
    """,
    "chosen on the training loss, which always prefers the least smoothing",
    SMOOTH_POINTS + r"|train",
)

# ---------------------------------------------------------------- Exercise 3, part 3: the test loss
C = "ex3.test_loss"
right(
    "test-score",
    C,
    """
    P_best = ngram_probs(ngram_counts(train_words, vocab, order=3), 0.1)
    test_loss = ngram_score(test_words, P_best, vocab, order=3).mean_nll
    """,
)
right(
    "test-from-choice",
    C,
    """
    P_best = ngram_probs(ngram_counts(train_words, vocab, order=3), best_smoothing)
    Xt, Yt = ngram_dataset(test_words, vocab, order=3)
    test_loss = -P_best[Xt[:, 0] * V + Xt[:, 1], Yt].log().mean()
    """,
    before={"ex3.sweep": SWEEP, "ex3.smoothing": "best_smoothing = min(dev_losses, key=dev_losses.get)\n"},
)
right(
    "test-float64-manual",
    C,
    """
    counts = ngram_counts(train_words, vocab, order=3).double() + 0.1
    table = counts / counts.sum(1, keepdim=True)
    Xt, Yt = ngram_dataset(test_words, vocab, order=3)
    test_loss = float(-table[Xt[:, 0] * 27 + Xt[:, 1], Yt].log().mean())
    """,
)
TEST = "P_best = ngram_probs(ngram_counts({counted}, vocab, order={order}), {s})\n" + (
    "test_loss = ngram_score({scored}, P_best, vocab, order={order}).mean_nll\n"
)
wrong(
    "test-dev-loss",
    C,
    TEST.format(counted="train_words", order=3, s=0.1, scored="dev_words"),
    "the dev loss of the chosen model, not its test loss",
    r"dev loss|\bdev\b|2\.2338|split",
)
wrong(
    "test-add-one",
    C,
    TEST.format(counted="train_words", order=3, s=1.0, scored="test_words"),
    "the test loss with add-one smoothing, not the smoothing chosen on dev",
    r"smooth|0\.1|choice|1\.0|add.one",
)
wrong(
    "test-counted-on-all",
    C,
    TEST.format(counted="words", order=3, s=0.1, scored="test_words"),
    "counted on all the names, the test names included",
    r"\ball\b|leak|include|themselves",
)
wrong(
    "test-unsmoothed",
    C,
    TEST.format(counted="train_words", order=3, s=0, scored="test_words"),
    "no smoothing: unseen test trigrams make the loss infinite",
    r"inf|smooth|zero|unseen|never|0\.1",
)
wrong(
    "test-bigram",
    C,
    TEST.format(counted="train_words", order=2, s=0.1, scored="test_words"),
    "the bigram model's test loss",
    r"bigram|order|trigram|2\.45",
)
wrong(
    "test-train-plus-dev",
    C,
    TEST.format(counted="train_words + dev_words", order=3, s=0.1, scored="test_words"),
    "counted on train and dev together, where the text says the training names",
    r"\bdev\b|more|include|leak",
)
wrong(
    "test-log2",
    C,
    "P_best = ngram_probs(ngram_counts(train_words, vocab, order=3), 0.1)\n"
    + "Xt, Yt = ngram_dataset(test_words, vocab, order=3)\n"
    + "test_loss = -P_best[Xt[:, 0] * 27 + Xt[:, 1], Yt].log2().mean().item()\n",
    "log base 2",
    LOG_BASE,
)

# ---------------------------------------------------------------- Exercise 4, part 1: the logits
C = "ex4.logits"
right("logits-index", C, "logits = W[xs]\n")
right("logits-index-select", C, "logits = torch.index_select(W, 0, xs)\n")
right("logits-embedding", C, "logits = F.embedding(xs, W)\n")
right("logits-detached-float64", C, "logits = W.detach().double()[xs]\n")
wrong(
    "logits-columns",
    C,
    "logits = W[:, xs]\n",
    "W[:, xs] picks columns: (27, 228146)",
    r"W\[:, ?xs\]|picks? columns|columns of W|transpos|\.T\b|27, 228",
)
wrong(
    "logits-transposed",
    C,
    "logits = W[xs].T\n",
    "the right logits, transposed to (27, 228146)",
    r"transpos|\.T\b|swap|27, 228",
    misleads=r"W\[:, ?xs\] picks|picks columns",
)
wrong(
    "logits-ys",
    C,
    "logits = W[ys]\n",
    "indexed by the labels ys, not the inputs xs",
    r"\bys\b|\bxs\b|label|next|target",
)
wrong(
    "logits-off-by-one",
    C,
    "logits = W[xs - 1]\n",
    "xs - 1, as if 'a' were row 0: every row is the previous character's",
    r"off.by.one|shift|index|-1|1 row|previous|roll",
)
wrong(
    "logits-softmax",
    C,
    "logits = torch.softmax(W[xs], dim=1)\n",
    "the probabilities, not the logits",
    r"softmax|prob|\bexp\b|sum to 1|normal",
)
wrong(
    "logits-exp",
    C,
    "logits = W[xs].exp()\n",
    "the 'counts' exp(logits), one step too far",
    r"\bexp\b|\bcounts?\b|\blog\b|positive",
)
wrong(
    "logits-W-T",
    C,
    "logits = W.T[xs]\n",
    "rows of W.T (columns of W)",
    r"transpos|\.T\b|columns of W|W\[:, ?xs\]|W\.T",
)
wrong(
    "logits-first-1000",
    C,
    "logits = W[xs[:1000]]\n",
    "only the first 1,000 pairs",
    r"1,?000|length|too few|fewer",
)

# ---------------------------------------------------------------- Exercise 4, part 2: the gradient
C = "ex4.grad"
GRAD = """
W.grad = None
logits = W[xs]
counts = logits.exp()
probs = counts / counts.sum(1, keepdim=True)
loss = -probs[torch.arange(len(ys)), ys].log().mean()
loss.backward()
grad = W.grad
"""
right("grad-solution", C, GRAD)
right("grad-solution-run-twice", C, GRAD, runs=2)
right(
    "grad-cross-entropy-clone",
    C,
    """
    W.grad = None
    F.cross_entropy(W[xs], ys).backward()
    grad = W.grad.clone()
    """,
)
right(
    "grad-one-hot",
    C,
    """
    W.grad = None
    xenc = F.one_hot(xs, num_classes=27).float()
    probs = torch.softmax(xenc @ W, dim=1)
    loss = -probs[torch.arange(xs.nelement()), ys].log().mean()
    loss.backward()
    grad = W.grad
    """,
)
right(
    "grad-zero-in-place",
    C,
    """
    if W.grad is not None:
        W.grad.zero_()
    loss = -torch.log_softmax(W[xs], dim=1)[torch.arange(len(ys)), ys].mean()
    loss.backward()
    grad = W.grad
    """,
    runs=2,
)
wrong(
    "grad-accumulated",
    C,
    GRAD.replace("W.grad = None\n", ""),
    "W.grad never reset: the second run adds a second backward pass (twice the gradient)",
    r"twice|doubl|2x|factor (of )?2|accumul|zero|None|ratio 2|2 times|times 2|two (backward )?passes",
    runs=2,
)
wrong(
    "grad-sum-loss",
    C,
    GRAD.replace(".log().mean()", ".log().sum()"),
    "the loss summed, not averaged: the gradient is 228,146 times too big",
    SUM_NOT_MEAN,
)
wrong(
    "grad-no-minus",
    C,
    GRAD.replace("loss = -probs", "loss = probs"),
    "the gradient of the log-likelihood, without the minus",
    SIGN,
)
wrong(
    "grad-with-penalty",
    C,
    GRAD.replace(".log().mean()", ".log().mean() + 0.01 * (W**2).mean()"),
    "notebook 04's penalty 0.01 * mean(W**2) added to the loss",
    r"reg|penalty|W ?\*\*2|extra|decay|proportional to W|multiple of W|offset",
)
wrong(
    "grad-weights",
    C,
    GRAD + "grad = W\n",
    "W itself handed in, not W.grad",
    r"weights|itself|same as",
)
wrong(
    "grad-backward-return",
    C,
    GRAD.replace("loss.backward()\ngrad = W.grad", "grad = loss.backward()"),
    "grad = loss.backward(), which returns None",
    r"None|return",
)
wrong(
    "grad-softmax-dim0",
    C,
    GRAD.replace("counts.sum(1, keepdim=True)", "counts.sum(0, keepdim=True)"),
    "softmax over dim 0 in the loss",
    r"dim ?=? ?0|axis|columns? (sum|normal)|over (each |the )?columns|softmax",
)
wrong(
    "grad-of-logits",
    C,
    """
    W.grad = None
    logits = W[xs]
    logits.retain_grad()
    loss = F.cross_entropy(logits, ys)
    loss.backward()
    grad = logits.grad
    """,
    "the gradient of the logits (228146, 27), not of W",
    r"logits|228,?146",
)

# ---------------------------------------------------------------- Exercise 5, part 1: F.cross_entropy
C = "ex5.loss"
right("ce-plain", C, "loss = F.cross_entropy(logits, ys)\n")
right("ce-item-float64", C, "loss = F.cross_entropy(logits.double(), ys).item()\n")
right("ce-nll-log-softmax", C, "loss = F.nll_loss(F.log_softmax(logits, dim=1), ys)\n")
right(
    "ce-after-a-step-in-ex4",
    C,
    "loss = F.cross_entropy(logits, ys)\n",
    before={"ex4.grad": GRAD + "W.data += -50 * W.grad\n"},
)
wrong(
    "ce-sum",
    C,
    "loss = F.cross_entropy(logits, ys, reduction='sum')\n",
    "reduction='sum': the total, not the average",
    SUM_NOT_MEAN + r"|reduction",
)
wrong(
    "ce-probs",
    C,
    "loss = F.cross_entropy(torch.softmax(logits, dim=1), ys)\n",
    "probabilities passed where F.cross_entropy wants logits: softmax applied twice",
    r"softmax|prob|twice|raw|normal",
)
wrong(
    "ce-nll-loss-on-logits",
    C,
    "loss = F.nll_loss(logits, ys)\n",
    "F.nll_loss on raw logits (it expects log-probabilities)",
    r"log.?softmax|nll_loss|sign|negative|log.?prob",
)
wrong(
    "ce-target-xs",
    C,
    "loss = F.cross_entropy(logits, xs)\n",
    "the inputs xs as targets, not ys",
    r"\bxs\b|target|label",
)
wrong(
    "ce-reduction-none",
    C,
    "loss = F.cross_entropy(logits, ys, reduction='none')\n",
    "reduction='none': one loss per pair, never averaged",
    r"shape|reduction|one number|scalar|single|228,?146 (of them|numbers|values)|\.mean\(\)",
)
right("ce-classes-on-dim-1", C, "loss = F.cross_entropy(logits.T[None], ys[None])\n")

# ---------------------------------------------------------------- Exercise 5, part 2: a stable loss
C = "ex5.stable"
right(
    "stable-solution-style",
    C,
    """
    def stable_nll(logits, ys):
        m = logits.max(dim=1, keepdim=True).values
        shifted = logits - m
        log_probs = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
        return -log_probs[torch.arange(len(ys)), ys].mean()
    """,
)
right(
    "stable-logsumexp",
    C,
    """
    def stable_nll(logits, ys):
        picked = logits.gather(1, ys.view(-1, 1)).squeeze(1)
        return (torch.logsumexp(logits, dim=1) - picked).mean()
    """,
)
right(
    "stable-log-softmax",
    C,
    """
    def stable_nll(logits, ys):
        return -torch.log_softmax(logits, dim=1)[torch.arange(logits.shape[0]), ys].mean()
    """,
)
right(
    "stable-amax-float64",
    C,
    """
    def stable_nll(logits, ys):
        z = logits.double()
        z = z - z.amax(1, keepdim=True)
        nll = torch.log(torch.exp(z).sum(1)) - z[torch.arange(len(ys)), ys]
        return nll.mean().to(logits.dtype)
    """,
)
right(
    "stable-cross-entropy",
    C,
    """
    def stable_nll(logits, ys):
        return F.cross_entropy(logits, ys)
    """,
)
wrong(
    "stable-no-shift",
    C,
    """
    def stable_nll(logits, ys):
        counts = logits.exp()
        probs = counts / counts.sum(1, keepdim=True)
        return -probs[torch.arange(len(ys)), ys].log().mean()
    """,
    "notebook 04's softmax unchanged: exp overflows on large logits",
    r"overflow|inf|nan|\bexp\b|large|shift|max|101|1000",
)
wrong(
    "stable-shift-max-zero",
    C,
    """
    def stable_nll(logits, ys):
        m = logits.max(1, keepdim=True).values.clamp(min=0)
        z = logits - m
        log_probs = z - z.exp().sum(1, keepdim=True).log()
        return -log_probs[torch.arange(len(ys)), ys].mean()
    """,
    "shifted by max(0, row max): a row of only very negative logits is not shifted and underflows",
    r"negative|underflow|max\(0|clamp|-1000|-200|all.negative|log ?\(?0|zero|inf",
)
wrong(
    "stable-global-max",
    C,
    """
    def stable_nll(logits, ys):
        z = logits - logits.max()
        log_probs = z - z.exp().sum(1, keepdim=True).log()
        return -log_probs[torch.arange(len(ys)), ys].mean()
    """,
    "shifted by the largest logit of the whole batch, not each row's: rows far below it underflow",
    r"global|whole|every row|per row|each row|row's|underflow|-1000|keepdim|zero|inf",
)
wrong(
    "stable-mean-shift",
    C,
    """
    def stable_nll(logits, ys):
        z = logits - logits.mean(1, keepdim=True)
        log_probs = z - z.exp().sum(1, keepdim=True).log()
        return -log_probs[torch.arange(len(ys)), ys].mean()
    """,
    "shifted by the row mean: a row with a big spread still overflows",
    r"mean|max|overflow|shift|spread|inf|nan|large",
    misleads=r"smallest logit",
)
wrong(
    "stable-min-shift",
    C,
    """
    def stable_nll(logits, ys):
        z = logits - logits.min(1, keepdim=True).values
        log_probs = z - z.exp().sum(1, keepdim=True).log()
        return -log_probs[torch.arange(len(ys)), ys].mean()
    """,
    "shifted by the row minimum: exp of the largest shifted logit overflows",
    r"\bmin|max|overflow|shift|inf|nan|large|200",
    misleads=r"rounds? to 0|e\^-200",
)
wrong(
    "stable-log-of-probs",
    C,
    """
    def stable_nll(logits, ys):
        z = logits - logits.max(1, keepdim=True).values
        probs = z.exp() / z.exp().sum(1, keepdim=True)
        return -probs[torch.arange(len(ys)), ys].log().mean()
    """,
    "shifted, but the probability is formed and then logged: e^-200 underflows to 0",
    r"underflow|\blog\b|-200|-1000|inf|zero|round|small",
)
wrong(
    "stable-column-max",
    C,
    """
    def stable_nll(logits, ys):
        z = logits - logits.max(0, keepdim=True).values
        log_probs = z - z.exp().sum(1, keepdim=True).log()
        return -log_probs[torch.arange(len(ys)), ys].mean()
    """,
    "shifted by each column's max (dim 0), not each row's",
    r"columns?'?s? (max|largest)|dim ?=? ?0|axis|each column|underflow|inf",
)
wrong(
    "stable-max-no-keepdim",
    C,
    """
    def stable_nll(logits, ys):
        m = logits.max(1).values
        z = logits - m
        log_probs = z - z.exp().sum(1, keepdim=True).log()
        return -log_probs[torch.arange(len(ys)), ys].mean()
    """,
    "max without keepdim: (n, 27) - (n,) broadcasts along the wrong axis, or fails",
    r"keepdim|broadcast|shape|dim",
)
wrong(
    "stable-sum",
    C,
    """
    def stable_nll(logits, ys):
        return (torch.logsumexp(logits, 1) - logits[torch.arange(len(ys)), ys]).sum()
    """,
    "summed over the examples, not averaged",
    SUM_NOT_MEAN,
)
wrong(
    "stable-forgets-max",
    C,
    """
    def stable_nll(logits, ys):
        m = logits.max(1, keepdim=True).values
        log_sum = (logits - m).exp().sum(1).log()
        return (log_sum - logits[torch.arange(len(ys)), ys]).mean()
    """,
    "the max subtracted inside the log-sum but never added back: off by the row max",
    r"max|shift|add(ed)? back|offset|constant|differ by|\bm\b",
)
wrong(
    "stable-float64-no-shift",
    C,
    """
    def stable_nll(logits, ys):
        z = logits.double()
        probs = z.exp() / z.exp().sum(1, keepdim=True)
        return -probs[torch.arange(len(ys)), ys].log().mean()
    """,
    "float64 instead of a shift: still overflows at 1000",
    r"overflow|inf|nan|float64|double|1000|shift|max",
)
wrong(
    "stable-clamp",
    C,
    """
    def stable_nll(logits, ys):
        z = logits.clamp(-80, 80)
        probs = z.exp() / z.exp().sum(1, keepdim=True)
        return -probs[torch.arange(len(ys)), ys].log().mean()
    """,
    "logits clamped to [-80, 80]: no overflow, but [101, 102, 103] all become 80 (ln 3, not 2.4076)",
    r"clamp|clip|large|101|1000|shift|max|1\.0986|ln ?3",
    misleads=r"inf ?/ ?inf|overflows? to inf|is NaN",
)

# ---------------------------------------------------------------- Exercise 6: all the way
C = "ex6.weights"
TO_OPTIMUM = """
def train_rows(W, N, P, tolerance=1e-4):
    W = W.detach().clone()
    seen = N > 0
    n = N.sum().item()
    best = -(N[seen] * P[seen].double().log()).sum().item() / n
    def full_loss(W):
        return -(N[seen] * torch.log_softmax(W.double(), dim=1)[seen]).sum().item() / n
    while full_loss(W) - best >= tolerance:
        for _ in range(100):
            W -= 4.0 * (torch.softmax(W, dim=1) - P)
    return W


W_trained = train_rows(W, N, P)
"""
right("weights-per-row", C, TO_OPTIMUM)
right("weights-plain-long", C, "train_neural(W, xs, ys, steps=12_000, lr=70)\nW_trained = W\n")
right("weights-run-twice", C, "train_neural(W, xs, ys, steps=6_000, lr=70)\nW_trained = W\n", runs=2)
right(
    "weights-float64-lr60",
    C,
    """
    W64 = W.detach().double().requires_grad_()
    train_neural(W64, xs, ys, steps=15_000, lr=60)
    W_trained = W64
    """,
)
right(
    "weights-own-loop-check-every-50",
    C,
    """
    target = score(words, P, vocab).mean_nll
    Wt = W.detach().clone()
    n_i = N.sum(1, keepdim=True).float()
    counts_loss = lambda Wx: -(N * torch.log_softmax(Wx.double(), 1)).sum().item() / N.sum().item()
    while counts_loss(Wt) - target > 0.00005:
        for _ in range(50):
            Wt = Wt - 3.0 * (torch.softmax(Wt, 1) - N / n_i)
    W_trained = Wt
    """,
)
wrong(
    "weights-100-steps",
    C,
    "train_neural(W, xs, ys, steps=100, lr=50)\nW_trained = W\n",
    "notebook 04's 100 steps: 2.4727, far from the goal",
    NOT_TRAINED + r"|2\.4727",
)
wrong(
    "weights-almost",
    C,
    "train_neural(W, xs, ys, steps=8_000, lr=70)\nW_trained = W\n",
    "8,000 steps at 70: 0.00012 above the optimum, just short of the goal",
    NOT_TRAINED + r"|0\.00012|just (short|above)",
)
wrong(
    "weights-trainer-returns-losses",
    C,
    "W_trained = train_neural(W, xs, ys, steps=10_000, lr=70)\n",
    "W_trained = train_neural(...): the list of losses, not the weights",
    r"list|losses|in place|return|type|tensor|shape",
)
wrong(
    "weights-reversed",
    C,
    "train_neural(W, ys, xs, steps=10_000, lr=70)\nW_trained = W\n",
    "xs and ys swapped: the network learned which character comes before",
    r"revers|swap|\bxs\b|\bys\b|transpos|target|direction|before|previous",
)
wrong(
    "weights-train-split",
    C,
    """
    x_train, y_train = bigram_dataset(train_words, vocab)
    train_neural(W, x_train, y_train, steps=12_000, lr=70)
    W_trained = W
    """,
    "trained to the optimum of the training split only, not of all the names",
    r"train(ing)? (names|split|set)|split|all (the )?names|subset|data|counts",
)
wrong(
    "weights-probabilities",
    C,
    TO_OPTIMUM + "W_trained = torch.softmax(W_trained, dim=1)\n",
    "the network's probabilities softmax(W), not its weights",
    r"prob|softmax|sum to 1|logit|log|rows? sum",
)
wrong(
    "weights-transposed",
    C,
    TO_OPTIMUM + "W_trained = W_trained.T\n",
    "the trained weights transposed",
    r"transpos|\.T\b|swap|axis|dim|columns? (normal|sum)|revers",
)
wrong(
    "weights-lr-too-high",
    C,
    "train_neural(W, xs, ys, steps=1_000, lr=100)\nW_trained = W\n",
    "learning rate 100: the common characters' rows overshoot and the loss bounces",
    r"learning rate|bounc|rose|rise|oscill|diverg|unstable|overshoot|went up|increas",
)
wrong(
    "weights-penalty",
    C,
    "train_neural(W, xs, ys, steps=10_000, lr=70, reg=0.01)\nW_trained = W\n",
    "trained with notebook 04's penalty reg=0.01, which keeps it above the goal",
    r"reg|penalty|smooth|regular|W ?\*\*2|decay|rose|shrink",
)
wrong(
    "weights-from-04-plus-900",
    C,
    "train_neural(W_04, xs, ys, steps=900, lr=50)\nW_trained = W_04\n",
    "1,000 steps in all (notebook 04's W_04 trained on): 0.001 above the goal",
    NOT_TRAINED,
)
wrong(
    "weights-counts",
    C,
    "W_trained = N\n",
    "the count table N handed in",
    r"\bcounts?\b|\bN\b|\blog\b|prob|integer|\bint|dtype|type",
)
wrong(
    "weights-per-row-P-transposed",
    C,
    TO_OPTIMUM.replace("- P)", "- P.T)").replace(
        "while full_loss(W) - best >= tolerance:", "for _round in range(30):"
    ),
    "per-row steps towards P.T: 3,000 steps towards the wrong table",
    r"transpos|columns? (of )?P|\.T\b|rose",
)

# ------------------------------------------- More answers, written after the first baseline
right(
    "loss-one-element-tensor",
    "ex1.loss",
    P3_GIVEN + "loss3 = -P3[X[:, 0] * 27 + X[:, 1], Y].log().mean().reshape(1)\n",
)
right(
    "grad-numpy",
    "ex4.grad",
    GRAD + "grad = W.grad.numpy()\n",
)
right(
    "weights-numpy",
    "ex6.weights",
    TO_OPTIMUM + "W_trained = W_trained.numpy()\n",
)
wrong(
    "counts-uint8",
    "ex1.counts",
    """
    N3 = torch.zeros((729, 27), dtype=torch.uint8)
    X, Y = ngram_dataset(words, vocab, order=3)
    N3.index_put_((X[:, 0] * 27 + X[:, 1], Y), torch.ones(len(Y), dtype=torch.uint8), accumulate=True)
    """,
    "counted in uint8: every count above 255 wraps around",
    r"dtype|uint8|overflow|wrap|256|255|modulo|integer type",
)
wrong(
    "split-choices-with-replacement",
    "ex2.split",
    """
    import random


    def split_names(words, seed):
        shuffled = random.Random(seed).choices(words, k=len(words))
        n1, n2 = int(0.8 * len(shuffled)), int(0.9 * len(shuffled))
        return shuffled[:n1], shuffled[n1:n2], shuffled[n2:]
    """,
    "random.choices draws with replacement: some lines twice, others never",
    r"replacement|duplicat|missing|exactly one|every line|twice|more than once|lost|never",
)
wrong(
    "stable-uses-global-ys",
    "ex5.stable",
    """
    def stable_nll(logits, targets):
        m = logits.max(1, keepdim=True).values
        log_probs = logits - m - (logits - m).exp().sum(1, keepdim=True).log()
        return -log_probs[torch.arange(len(ys)), ys].mean()
    """,
    "the parameter is called targets but the body reads the notebook's global ys",
    r"ignor|argument|depend|global|targets?\b|index|228,?146",
)
wrong(
    "weights-per-row-sign",
    "ex6.weights",
    TO_OPTIMUM.replace("W -= 4.0", "W += 4.0").replace(
        "while full_loss(W) - best >= tolerance:", "for _round in range(10):"
    ),
    "the per-row step added instead of subtracted: 1,000 steps uphill",
    r"sign|uphill|rose|went up|increas|opposite|away",
)

# Messages that name no mistake: the task said again, and the plain fallbacks ("expected X, got Y",
# "entries differ", "your function raised"). No wrong row's `points_at` may match one of them,
# so that a pattern can only be met by a message that says something about that mistake.
TASKS = {
    "ex1.counts": "the trigram counts N3, a (729, 27) table (or 27 x 27 x 27) of the names",
    "ex1.probs": "P3, each row of N3 normalised to a probability distribution",
    "ex1.loss": "the trigram counting model's loss on all the names, the mean over 228,146 examples",
    "ex1.network": "W3 trained below 2.40 on all the names, and a forward pass "
    "trigram_nn_loss(W, X, Y) that agrees",
    "ex2.split": "three lists train, dev, test from split_names(words, seed), 80/10/10",
    "ex3.sweep": "a dict of the dev loss at each smoothing, trigram counts of the training names "
    "scored on dev",
    "ex3.smoothing": "the chosen smoothing",
    "ex3.test_loss": "the test loss of the chosen model, counted on the training names",
    "ex4.logits": "the logits, one-hot @ W, shape (228146, 27)",
    "ex4.grad": "W.grad after the backward pass of the mean loss, shape (27, 27)",
    "ex5.loss": "the mean loss of these logits on ys with F.cross_entropy, 3.7590",
    "ex5.stable": "stable_nll(logits, ys) to give the loss F.cross_entropy gives, on any logits",
    "ex6.weights": "the trained (27, 27) weights W, within 0.0001 of the counting model's loss 2.4540",
}
NEUTRAL_FORMS = (
    "{part}: Not yet: expected {task}, got something else",
    "{part}: Not yet: expected {task}: 6,063 of the 19,683 entries differ; the first, at row 0, column 1, "
    "is 171 where 4410 is expected",
    "{part}: Not yet: expected 1.2345, got 1.5432 (+0.3087)",
    "{part}: Not yet: your function raised RuntimeError: something went wrong in your code",
    "{part}: Not attempted yet: replace the ... with your answer, then run",
)


def neutral_messages(part: str) -> list[str]:
    return [form.format(part=part, task=TASKS[part]) for form in NEUTRAL_FORMS]


right(
    "grad-formula-from-counts",
    "ex4.grad",
    """
    N = bigram_counts(words, vocab)
    S = torch.softmax(W.detach(), dim=1)
    grad = (N.sum(1, keepdim=True) * S - N) / len(xs)  # notebook 04's formula
    """,
)
wrong(
    "split-given-split",
    "ex2.split",
    """
    def split_names(words, seed):
        return given_split(words)
    """,
    "hands back the notebook's given_split, which takes no seed: every seed gives the same split",
    r"seeds? \d|different seeds?|seed argument|the seed|argument|ignor|depend"
    r"|same (split )?for (every|all|different|any)",
)
wrong(
    "stable-constant",
    "ex5.stable",
    """
    def stable_nll(logits, ys):
        return torch.tensor(3.7590)
    """,
    "returns the number the check printed for W[xs], whatever the logits",
    r"ignor|argument|depend|constant|same (value|result|number)|every (input|logits)|chang",
)
wrong(
    "ce-divided-again",
    "ex5.loss",
    "loss = F.cross_entropy(logits, ys) / len(ys)\n",
    "the mean divided by the number of pairs a second time",
    r"\bsum|summed|ratio|times|factor|scale|228,?146|divid|twice",
)
wrong(
    "network-fed-older-only",
    "ex1.network",
    """
    from bigram_helpers import train_neural


    def trigram_nn_loss(W, X, Y):
        xenc = F.one_hot(X[:, 0], num_classes=27).float()
        probs = torch.softmax(xenc @ W[:27], dim=1)
        return -probs[torch.arange(len(Y)), Y].log().mean()


    W_older = W3[:V].detach().clone().requires_grad_()
    train_neural(W_older, X3[:, 0], Y3, steps=300, lr=50)
    with torch.no_grad():
        W3[:V] = W_older
    """,
    "fed only the older character: the forward pass never reads X[:, 1]; rows 27-53 as seeded",
    r"older|newer|X\[:, ?1\]|second character|half|rows? 27|27 to 53|one character|only",
)
