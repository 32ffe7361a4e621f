"""Exercise 1, a trigram model: ``counts``, ``probs``, ``loss``, ``network`` (inputs ``words``, ``vocab``).

``ex1.network.check(W3, trigram_nn_loss)`` runs the learner's forward pass, then judges the weights.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import math
import re
from collections import Counter
from typing import ClassVar

import torch
import torch.nn.functional as F

from ..counting import bigram_probs
from ..ngram import (
    ngram_dataset,
    ngram_init_weights,
    ngram_neural_probs,
    ngram_probs,
    train_ngram_neural,
)
from .core import (
    SEED,
    NumberPart,
    Part,
    Result,
    Several,
    Tolerance,
    call,
    close,
    close_tensors,
    constant_name,
    counted,
    examples,
    name_means,
    names,
    nll,
    quiet,
    read_number,
    rounded_entries,
    slips,
)
from .tables import TablePart, WeightsPart

NETWORK_TARGET = 2.40  # a trained trigram network's loss on all the names, at most
V = 27


def _context_label(idx: tuple) -> str:
    itos, row = names()[1].itos, idx[0]
    col = f", column {idx[1]} ('{itos[idx[1]]}')" if len(idx) > 1 and idx[1] < V else ""
    return f"row {row} (context '{itos[row // V]}{itos[row % V]}'){col}"


@functools.cache
def framed_counts(starts: int = 2, ends: int = 1, newer_first: bool = False, distinct: bool = False):
    """Trigram counts (float64) of the names framed by ``starts`` dots before and ``ends`` after."""
    words, vocab = names()
    tally: Counter = Counter()
    for w in sorted(set(words)) if distinct else words:
        chs = [0] * starts + [vocab.stoi[c] for c in w] + [0] * ends
        tally.update(zip(chs, chs[1:], chs[2:], strict=False))
    N3 = torch.zeros((V * V, V), dtype=torch.float64)
    for (a, b, c), n in tally.items():
        N3[(b * V + a) if newer_first else (a * V + b), c] = n
    return N3


@functools.cache
def counts3() -> torch.Tensor:
    """The reference trigram counts, ``ngram_counts(words, vocab, 3)``, as float64."""
    return counted(3).double()


def probs3(smoothing: float = 0) -> torch.Tensor:
    return ngram_probs(counts3(), smoothing).double()


_FLOATS = (torch.float64, torch.float32)


def _axes_swapped() -> Several:
    """N3 with the three characters on other axes of the (27, 27, 27) cube, as (729, 27)."""
    cube = counts3().reshape(V, V, V)
    return Several(*(cube.permute(*p).reshape(V * V, V) for p in ((2, 0, 1), (2, 1, 0), (1, 2, 0))))


def _dot_last(table: torch.Tensor) -> torch.Tensor:
    """``table`` with the characters numbered as ``'a'`` 0 to ``'z'`` 25 and ``'.'`` 26, not '.' first."""
    old = [*range(1, V), 0]  # the lesson's index of the character numbered i here
    return table.reshape(V, V, V)[old][:, old][:, :, old].reshape(V * V, V)


_DOT_LAST = "your characters are numbered otherwise, '.' last (26) after 'a' to 'z' (0 to 25): use the "


def _no_keepdim() -> Several:
    """The cube divided by its sums without keepdim: as is, NaN and inf as 0, and nan_to_num()."""
    forms = []
    for dtype in _FLOATS:
        cube = counts3().reshape(V, V, V).to(dtype)
        out = cube / cube.sum(2)
        forms += [out, out.nan_to_num(0.0, 0.0, 0.0), out.nan_to_num()]
    return Several(*(f.reshape(V * V, V) for f in forms))


def _moved_rows(t: torch.Tensor, ref: torch.Tensor) -> str:
    """Rows of ``t`` that differ from ``ref``'s row there but equal another of its rows, and the stride."""
    moved, differ = [], 0
    for r in range(len(t)):
        if not bool(((t[r] - ref[r]).abs() <= 1e-6 + 1e-5 * ref[r].abs()).all()):
            differ += 1
            hits = ((ref - t[r]).abs() <= 1e-6 + 1e-5 * ref.abs()).all(1).nonzero()[:, 0].tolist()
            moved += [(r, hits[0])] if len(hits) == 1 and bool(t[r].any()) else []
    if not moved or len(moved) * 2 < differ:  # a few rows may match others by chance (one count, say)
        return ""
    r, j = moved[0]
    strides = [(r - j % V) / (j // V) for r, j in moved if j // V]
    stride = strides[0] if len(strides) >= 3 and len(set(strides)) == 1 and strides[0] >= 1 else V
    at = f", as if its row were c1 * {stride:g} + c2" if stride != V and stride == int(stride) else ""
    return (
        f"{len(moved)} rows hold what other rows of the reference hold: {_context_label((r,))} holds the "
        f"reference's {_context_label((j,))}{at}; the context c1 c2 has row c1 * 27 + c2. "
    )


def trigram_counts(words, vocab):
    """N3, (V*V, V): row c1*V + c2 counts what follows the context c1 c2 (older first)."""
    from collections import Counter  # tallies in plain Python, then one write per trigram

    counts = Counter()
    for w in words:
        chs = [".", ".", *w, "."]  # two markers: the first letter has the context '..'
        counts.update(zip(chs, chs[1:], chs[2:], strict=False))
    V, stoi = len(vocab), vocab.stoi
    N3 = torch.zeros((V * V, V), dtype=torch.int64)
    for (c1, c2, c3), n in counts.items():
        N3[stoi[c1] * V + stoi[c2], stoi[c3]] = n
    return N3


class Counts(TablePart):
    name, what, cube, tol = "ex1.counts", "the trigram counts N3", (V, V, V), Tolerance(0, 0)
    solutions, answer_line = (trigram_counts,), "N3 = trigram_counts(words, vocab)"
    # fmt: off
    hints = (
        ("Frame each name with two '.' before it and one after: 'emma' gives '..emma.'."),
        ("Slide a window of three characters along the framed name and count each (c1, c2, c3):",
         "chs = ['.', '.', *'emma', '.']; print(list(zip(chs, chs[1:], chs[2:])))"),
        ("Store the count of c1 c2 -> c3 at N3[stoi[c1] * 27 + stoi[c2], stoi[c3]] in a (729, 27) table:",
         "N3 = torch.zeros((729, 27), dtype=torch.int64)"),
    )
    mistakes = (
        ("one_start_marker", lambda: framed_counts(starts=1),
         "one '.' before each name: put two, so that its first letter has a context ('..')"),
        ("no_end_marker", lambda: framed_counts(ends=0),
         "no '.' after each name: column 0 (the end) is empty; put one '.' after each name"),
        ("two_end_markers", lambda: framed_counts(ends=2),
         "two '.' after each name: one marks the end; the second counts a trigram after the end"),
        ("context_reversed", lambda: framed_counts(newer_first=True),
         "the context's row is c2 * 27 + c1; the older character c1 comes first: row c1 * 27 + c2"),
        ("axes_order", _axes_swapped,
         "the three characters sit on the wrong axes: N3[c1, c2, c3] counts c3 after c1 c2"),
        ("transposed", lambda: counts3().T,
         "N3 transposed (N3.T): next characters in the rows; one row per context, (729, 27)"),
        ("bigram_table", lambda: counted(2),
         "the bigram counts, a row per character: a trigram needs a row per pair of characters"),
        ("smoothed_counts", lambda: counts3() + 1,
         "one fake count added to every cell: count only what occurs (smoothing is exercise 3's)"),
        ("probs_not_counts", probs3, "these are the probabilities (rows sum to 1); count instead"),
        ("duplicates_dropped", lambda: framed_counts(distinct=True), "the counts of the 29,494 "
         "distinct names: the lines that repeat a name (set() drops them) count too"),
        ("dot_last", lambda: _dot_last(counts3()), _DOT_LAST + "lesson's vocab.stoi, '.' 0, 'a' 1"),
        ("counted_once", lambda: (counts3() > 0).double(), "each trigram that occurs has count 1, however "
         "often it occurs: a count set (= 1, or index_put_ without accumulate=True) is not added to; add "
         "(+= 1, or index_put_(..., accumulate=True))"),
        ("wrapped", lambda: Several(counts3() % 256, (counts3() + 128) % 256 - 128), "each count is the "
         "true count modulo 256, as a uint8 or int8 table keeps it (past 255, or 127, it wraps around): "
         "count in int64, torch.zeros((729, 27), dtype=torch.int64)"),
    )
    # fmt: on

    reference, label = staticmethod(counts3), staticmethod(_context_label)

    def accept(self, t):
        if torch.equal(t, counts3()):
            return f"{t.sum().item():,.0f} trigrams in {int((t.sum(1) > 0).sum())} contexts that occur"
        return None

    def symptoms(self, t):
        total, want = t.sum().item(), counts3().sum().item()
        note = f"{total:,.0f} trigrams in all where the names give {want:,.0f} (a character or end each); "
        if t.shape != counts3().shape:
            return super().symptoms(t)
        return (note if abs(total - want) >= 0.5 else "") + _moved_rows(t, counts3()) + super().symptoms(t)


counts = Counts()


def trigram_probs(N3):
    """Each row divided by its sum; a context that never occurs keeps a row of zeros (not 0/0)."""
    totals = N3.sum(1, keepdim=True)
    return N3 / totals.clamp(min=1)


class Probs(TablePart):
    name, what, cube = "ex1.probs", "the trigram probabilities P3", (V, V, V)
    solutions, answer_line = (trigram_probs,), "P3 = trigram_probs(N3)"
    # fmt: off
    hints = (
        ("As for the bigram: divide each row by its sum, with keepdim=True so that it broadcasts."),
        ("Some contexts never occur (what follows 'a.'?): their sum is 0, and 0 / 0 is NaN. Count them:",
         "print((N3.sum(1) == 0).sum())"),
        ("Clamping the sums to at least 1 leaves those rows at 0:",
         "P3 = N3 / N3.sum(1, keepdim=True).clamp(min=1)"),
    )
    mistakes = (
        ("nan_rows", lambda: counts3() / counts3().sum(1, keepdim=True),
         "the contexts that never occur have 0 / 0 = NaN rows; give them zeros (divide by the row "
         "sums clamped to at least 1)"),
        ("no_keepdim", _no_keepdim,
         "the row sums broadcast along the wrong axis without keepdim=True: N3.sum(2, keepdim=True)"),
        ("counts_not_probs", counts3, "these are the counts; divide each row by its sum"),
        ("log_probs", lambda: Several(probs3().log(), (counts3() / counts3().sum(1, keepdim=True)).log()),
         "these are log P3; this part asks for P3 itself"),
        ("softmax_of_counts", lambda: Several(*(torch.softmax(counts3().to(d), 1) for d in _FLOATS)),
         "this is softmax(N3), the exponentials of the counts normalised; divide the counts themselves "
         "by their row sums"),
        ("integer_division", lambda: counts3() // counts3().sum(1, keepdim=True).clamp(min=1),
         "whole numbers: // (or an integer dtype) rounds each probability down; divide with /"),
        ("normalised_by_total", lambda: counts3() / counts3().sum(),
         "the whole table sums to 1, not each row: divide by the row sums, N3.sum(1, keepdim=True)"),
        ("columns_normalised", lambda: counts3() / counts3().sum(0, keepdim=True),
         "the columns sum to 1, not the rows: divide by N3.sum(1, keepdim=True)"),
        ("smoothed", lambda: Several(probs3(1), probs3(0.1)),
         "fake counts added to every cell (smoothing): this part normalises the plain counts"),
        ("transposed", lambda: probs3().T,
         "P3 transposed (P3.T): next characters in the rows; one row per context, (729, 27)"),
        ("bigram_table", lambda: bigram_probs(counted(2)), "the bigram's "
         "probabilities, a row per character: a trigram needs a row per pair of characters"),
        ("duplicates_dropped", lambda: ngram_probs(framed_counts(distinct=True)), "the probabilities "
         "of the 29,494 distinct names: the lines that repeat a name (set() drops them) count too"),
        ("dot_last", lambda: _dot_last(probs3()), _DOT_LAST + "lesson's vocab.stoi, '.' 0, 'a' 1"),
    )
    # fmt: on

    reference, label = staticmethod(probs3), staticmethod(_context_label)

    def accept(self, t):
        empty = counts3().sum(1) == 0
        if t.shape != counts3().shape or not self.same(t[~empty], probs3()[~empty]):
            return None
        unseen = t[empty]  # each row all 0 or all 1/27, within the rounding a probability may carry
        if not bool(((unseen.abs() <= self.tol.atol).all(1) | ((unseen - 1 / V).abs() <= 1e-6).all(1)).all()):
            return None
        n, m = int((~empty).sum()), t[5, 13].item()
        return f"each of the {n} contexts that occur has a row summing to 1; row '.e' gives 'm' {m:.4f}"

    def symptoms(self, t):
        if t.shape != counts3().shape:
            return super().symptoms(t)
        seen = counts3().sum(1) > 0
        if k := _fake_count(t):
            return (
                f"every row that occurs is the counts plus {k:.3g} in each cell, normalised: a fake count "
                "(smoothing) that gives what never follows a context a probability; normalise the plain "
                "counts"
            )
        if rounded := rounded_entries(t, probs3()):
            return rounded
        if moved := _moved_rows(t, probs3()):
            return moved + super().symptoms(t)
        if bool(torch.isfinite(t[seen]).all()):
            sums, rows = t[seen].sum(1), seen.nonzero()[:, 0]
            off = ((sums - 1).abs() > 1e-4).nonzero()[:, 0]
            if len(off):
                first = _context_label((int(rows[off[0]]),))
                return (
                    f"{len(off)} of the {len(rows)} rows of contexts that occur do not sum to 1; the first, "
                    f"{first}, sums to {sums[off[0]].item():.6g}"
                )
        return super().symptoms(t)


def _fake_count(t: torch.Tensor) -> float | None:
    """The k > 0 for which the rows of contexts that occur are ``(N3 + k)`` normalised, if any."""
    seen, N3 = counts3().sum(1) > 0, counts3()
    unseen = (N3 == 0) & seen.unsqueeze(1)  # N3 has such cells: no context is followed by all 27
    r, c = (int(i) for i in unseen.nonzero()[0])
    p, total = t[r, c].item(), N3[r].sum().item()
    k = p * total / (1 - V * p) if 0 < p < 1 / V else 0.0
    fits = k > 0 and close_tensors(t[seen], ngram_probs(N3, k).double()[seen], Tolerance(1e-4, 1e-7))
    return k if fits else None


probs = Probs()


def trigram_loss(P3, words, vocab):
    """Mean negative log-likelihood of words under the trigram table P3."""
    X, Y = ngram_dataset(words, vocab, order=3)
    rows = X[:, 0] * len(vocab) + X[:, 1]
    return -P3[rows, Y].log().mean().item()


@functools.cache
def loss3() -> float:
    return nll(probs3(), 3)


def _picked(loss) -> float:
    """``loss(P3, rows, Y)`` over all the trigram examples, as a float."""
    X, Y = examples(3)
    return float(loss(probs3(), X[:, 0] * V + X[:, 1], Y))


class Loss(NumberPart):
    name, what = "ex1.loss", "the trigram's loss"
    solutions, answer_line = (trigram_loss,), "loss3 = trigram_loss(P3, words, vocab)"
    # fmt: off
    hints = (
        ("The loss is the mean, over all 228,146 examples, of -log(probability of the next character)."),
        ("ngram_dataset(words, vocab, order=3) gives X (the two context characters) and Y; the row is:",
         "X, Y = ngram_dataset(words, vocab, order=3); rows = X[:, 0] * 27 + X[:, 1]"),
        ("Then pick, log, average, negate:", "loss3 = -P3[rows, Y].log().mean().item()"),
    )
    mistakes = (
        ("bigram_loss", lambda: nll(bigram_probs(counted(2)), 2),
         "the bigram's loss; score the trigram table, with two characters of context"),
        ("smoothed_loss", lambda: nll(probs3(1), 3),
         "the loss of the table with one fake count per cell; this part scores the unsmoothed P3"),
        ("mean_of_name_means", lambda: name_means(probs3(), 3),
         "the mean over names of each name's mean loss; average over all the examples at once"),
        ("probs_as_logits", lambda: _picked(lambda P, rows, Y: F.cross_entropy(P[rows], Y)),
         "F.cross_entropy of P3's rows: it takes them for logits and applies a softmax again; the loss "
         "is the mean of -log P3 at each example's row and column"),
        ("no_end", lambda: _picked(lambda P, rows, Y: -P[rows[Y > 0], Y[Y > 0]].log().mean()),
         "the mean over the examples whose next character is a letter: the end of each name, '.' "
         "(Y == 0), is an example too"),
        ("no_log", lambda: _picked(lambda P, rows, Y: -P[rows, Y].mean()), "minus the mean probability, "
         "with no log (F.nll_loss takes log-probabilities and only picks and negates them): the loss is "
         "the mean of -log P"),
        ("log_of_mean", lambda: _picked(lambda P, rows, Y: -P[rows, Y].mean().log()),
         "minus the log of the mean probability; the loss is the mean of each example's minus "
         "log-probability: take the log first, then the mean"),
        *slips(lambda f: f(loss3()), 228_146, 32_033),
    )
    # fmt: on
    says: ClassVar[dict[str, str]] = {
        "inf_loss": "the loss is inf: an example got probability 0, yet in P3 every example of the names has "
        "a probability above 0 at its context row, X[:, 0] * 27 + X[:, 1], and its column, Y"
    }
    reference, right = staticmethod(loss3), "the trigram counting model's loss on all the names is {:.4f}"

    def symptoms(self, x):
        return self.say("inf_loss") if x == math.inf else super().symptoms(x)


loss = Loss()


def trigram_nn_loss(W, X, Y):
    """Notebook 04's forward pass with two one-hot vectors side by side: 54 inputs, W (54, 27)."""
    xenc = F.one_hot(X, num_classes=27).float().view(-1, 54)  # (examples, 54)
    logits = xenc @ W
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdim=True)
    return -probs[torch.arange(len(Y)), Y].log().mean()


def trigram_network(W3, X3, Y3):
    """A few steps of the lesson's loop with the forward pass above, then the fast helper."""
    for _ in range(3):
        loss = trigram_nn_loss(W3, X3, Y3)
        W3.grad = None
        loss.backward()
        W3.data += -30 * W3.grad
    train_ngram_neural(W3, X3, Y3, steps=300, lr=30)  # the same steps, computed from the counts
    return W3


def _start3() -> torch.Tensor:
    return ngram_init_weights(V, torch.Generator().manual_seed(SEED), order=3).detach()


@functools.cache
def _trained3() -> torch.Tensor:
    return trigram_network(_start3().requires_grad_(), *examples(3)).detach().double()


@functools.cache
def _probe() -> tuple[torch.Tensor, torch.Tensor, tuple[torch.Tensor, ...]]:
    """The first eight names' examples, and three weight matrices to run a forward pass with."""
    X, Y = ngram_dataset(names()[0][:8], names()[1], 3)
    other = [ngram_init_weights(V, torch.Generator().manual_seed(s), order=3).detach() for s in (1, 2)]
    return X, Y, (_start3(), other[0], 4 * other[1])  # the last one's tiny probabilities test a clamp


def _forward(logits, dim: int = 1, scale: float = 1.0):
    """A forward pass built from ``logits(W, X)``: the mean NLL of a softmax over ``dim``, times ``scale``."""
    return lambda W, X, Y: -scale * torch.log_softmax(logits(W, X), dim=dim)[torch.arange(len(Y)), Y].mean()


def _both(W, X):
    return W[X[:, 0]] + W[V + X[:, 1]]


def _reaches(out: object, W: torch.Tensor) -> bool:
    """Whether a gradient flows from the tensor ``out`` back to ``W`` (what backward() needs)."""
    try:
        return torch.autograd.grad(out.sum(), W, allow_unused=True)[0] is not None
    except (AttributeError, RuntimeError):  # not a tensor, or one that does not require grad
        return False


def _pairs_of_examples(W, X):
    """The logits of one_hot(X.T) laid out as 54 inputs: each row, one character place of two examples."""
    return F.one_hot(X.T, V).to(W.dtype).reshape(-1, 2 * V) @ W


def _penalised(reg: float):
    return lambda W, X, Y: trigram_nn_loss(W, X, Y) + reg * (W**2).mean()


class Forward(Part):
    """The learner's forward pass, run on the first names with three different W (part of ``ex1.network``)."""

    name, what = "ex1.network", "your forward pass"
    says: ClassVar[dict[str, str]] = {
        "forward_shape": "{}: F.one_hot(X, num_classes=27) of the (examples, 2) X is (examples, 2, 27); lay "
        "each example's two one-hot rows side by side with .view(-1, 54) before the @ W",
        "forward_classes": "your function raised {}: the {:,} numbers it reshaped are {} for each of the "
        "{} characters of the {} examples; a one-hot vector has 27, F.one_hot(X, num_classes=27)",
        "forward_width": "your function raised {}: its {} inputs per example are {} for each of the two "
        "characters; a one-hot vector has 27 (without num_classes, F.one_hot makes one more than the "
        "largest index in X): F.one_hot(X, num_classes=27)",
        "ignores_inputs": "your forward pass gives {:.4f} whatever X and Y it is given (it was run on two "
        "sets of names): compute from its arguments X and Y, not from variables outside it",
        "argument_order": "your function takes its arguments in another order: called as f(W, X, Y) it "
        "raised, called as f({}) it gives the network's loss; define it as "
        "trigram_nn_loss(W, X, Y)",
    }
    # fmt: off
    mistakes = (
        ("forward_detached", lambda: lambda W, X, Y: trigram_nn_loss(W, X, Y).item(),
         "your forward pass gives the right loss, but as a number backward() cannot reach W through: "
         "keep W in the graph, with no .item(), .detach() or torch.no_grad() on the way"),
        ("forward_last_char_only", lambda: _forward(lambda W, X: W[V + X[:, 1]]),
         "your forward pass uses only the newer character (rows 27 to 53); feed both, 54 inputs"),
        ("forward_older_only", lambda: _forward(lambda W, X: W[X[:, 0]]),
         "your forward pass uses only the older character (rows 0 to 26); feed both, 54 inputs"),
        ("forward_no_offset", lambda: _forward(lambda W, X: W[X[:, 0]] + W[X[:, 1]]),
         "your forward pass feeds both characters to rows 0 to 26 of W: the newer one's one-hot vector "
         "comes second, inputs 27 to 53 (W[27 + X[:, 1]])"),
        ("forward_pairs_of_examples", lambda: _forward(_pairs_of_examples),
         "your forward pass lays out the one-hot vectors of X.T (transposed): each input row then holds "
         "one character of two neighbouring examples, not both characters of one example; "
         "F.one_hot(X, num_classes=27).view(-1, 54)"),
        ("forward_blocks_swapped", lambda: _forward(lambda W, X: W[V + X[:, 0]] + W[X[:, 1]]),
         "your forward pass puts the older character in rows 27 to 53: X[:, 0] belongs in rows 0 "
         "to 26"),
        ("forward_sum", lambda: lambda W, X, Y: trigram_nn_loss(W, X, Y) * len(Y),
         "your forward pass returns the sum over the examples; take the mean"),
        ("forward_no_minus", lambda: _forward(_both, scale=-1.0),
         "your forward pass returns the mean log-probability; the loss is its negative"),
        ("forward_interleaved", lambda: _forward(lambda W, X: W[2 * X[:, 0]] + W[2 * X[:, 1] + 1]),
         "your forward pass interleaves the two one-hot vectors (input 2c is the older character c, "
         "2c + 1 the newer: a transpose before the reshape); lay them side by side, .view(-1, 54)"),
        ("forward_penalty", lambda: Several(*(_penalised(reg) for reg in (0.1, 0.01, 0.001))),
         "your forward pass adds a penalty on W (reg * (W**2).mean(), notebook 04's regularisation): "
         "this network's loss is the mean NLL alone"),
        ("forward_all_targets", lambda: lambda W, X, Y: -torch.log_softmax(_both(W, X), 1)[:, Y].mean(),
         "your forward pass averages every example's log-probability of every example's target "
         "(probs[:, Y] is an examples x examples block): pick one per example, "
         "probs[torch.arange(len(Y)), Y]"),
        ("forward_softmax_dim0", lambda: _forward(_both, dim=0),
         "your forward pass normalises over the examples (dim=0); each softmax runs over a row, "
         "dim=1"),
    )
    # fmt: on

    def read(self, fn):
        if not callable(fn):
            got = type(fn).__name__
            return self.say("wrong_type", f"the second answer is your forward pass, a function; got {got}")
        X, Y, Ws = _probe()
        losses, tensors = [], True
        for given in Ws:
            W = given.clone().requires_grad_()
            out = call(fn, W, X, Y)
            if isinstance(out, Result) and (verdict := self.raised(fn, out.message, X, Y)):
                return verdict
            x = out if isinstance(out, Result) else read_number(out, "the loss your forward pass returns")
            if isinstance(x, Result):
                return x
            losses.append(x)
            tensors &= _reaches(out, W)
        X2, Y2 = ngram_dataset(names()[0][8:16], names()[1], 3)  # other names: its loss must move
        other = read_number(call(fn, Ws[0].clone().requires_grad_(), X2, Y2), "")
        if isinstance(other, float) and close(other, losses[0]):
            return self.say("ignores_inputs", other)
        return tuple(losses), tensors

    def raised(self, fn, message: str, X, Y) -> Result | None:
        """What the forward pass's error shows: one-hot rows not side by side, their size, the order."""
        width = re.search(r"cannot be multiplied \(\d+x(\d+) and 54x27\)", message)
        if width and int(width[1]) == V:
            return self.say("forward_shape", message[9:])
        if width and int(width[1]) % 2 == 0:
            error = message.removeprefix("Not yet: your function raised ")
            return self.say("forward_width", error, int(width[1]), int(width[1]) // 2)
        size = re.search(r"invalid for input of size (\d+)", message)
        if size and int(size[1]) % X.numel() == 0:
            n, error = int(size[1]), message.removeprefix("Not yet: your function raised ")
            return self.say("forward_classes", error, n, n // X.numel(), 2, len(X))
        args = {"W": _start3().requires_grad_(), "X": X.clone(), "Y": Y.clone()}
        want = trigram_nn_loss(*args.values()).item()
        for order in itertools.permutations("WXY"):
            with contextlib.suppress(Exception), quiet():
                out = torch.as_tensor(fn(*(args[a] for a in order))).detach()
                if order != ("W", "X", "Y") and close(out.item(), want):
                    return self.say("argument_order", ", ".join(order))
        return None

    def same(self, value, built):
        return all(close(a, b) for a, b in zip(value[0], built[0], strict=True))

    def accept(self, value):
        return "forward" if self.same(value, self.prepare(trigram_nn_loss)) and value[1] else None

    def symptoms(self, value):
        want = self.prepare(trigram_nn_loss)[0]
        if all(close(x, value[0][0]) for x in value[0]):
            return (
                f"your forward pass gives {value[0][0]:.4f} for each of the three W it was run with (W3 as "
                "given, another W of its size, and four times that): compute the logits from its argument W"
            )
        ratios = [a / b for a, b in zip(value[0], want, strict=True)]
        k, i = ratios[0], next((i for i, r in enumerate(ratios) if abs(r - 1) > 1e-4), 0)
        scaled = abs(k - 1) > 1e-3 and all(abs(r - k) <= 1e-4 * abs(k) for r in ratios)
        every = f" (k times it for every W it was run with, k = {constant_name(k)})" if scaled else ""
        which = ("W3 as given", "another W of the same size", "a W four times larger")[i]
        return (
            f"on the first 8 names ({len(_probe()[1])} examples) your forward pass gives {value[0][i]:.4f} "
            f"for {which}, where the 54-input network gives {want[i]:.4f}{every}"
        )


_FORWARD = Forward()


_OTHER_SHAPES = {(V, V): "bigram_shape", (V * V, V): "pair_inputs"}  # W3 in the shape of another model
_TAKES = "the trigram network takes both characters' one-hot vectors, 54 inputs, (54, 27)"


def _swap(W):
    return torch.cat([W[V:], W[:V]])


class Network(WeightsPart):
    name, what, shape = "ex1.network", "W3", (2 * V, V)
    lr, steps, goal_text = 30.0, 100, f"below {NETWORK_TARGET:.2f}"
    solutions, answer_line = (trigram_nn_loss, trigram_network), "W3 = trigram_network(W3, X3, Y3)"
    # fmt: off
    hints = (
        ("The input is the two one-hot vectors side by side: 54 numbers, so W3 is (54, 27)."),
        ("Only the first matrix multiply changes; .view(-1, 54) lays the two one-hot rows side by side:",
         "xenc = F.one_hot(X3[:5], num_classes=27).float().view(-1, 54); "
         "print(xenc.shape, (xenc @ W3).shape)"),
        ("Once trigram_nn_loss agrees with ngram_neural_loss, the helper runs the lesson's steps "
         "quickly:",
         "train_ngram_neural(W3, X3, Y3, steps=300, lr=30)"),
    )
    mistakes = (
        ("untrained", _start3, "W3 is as the given cell made it: not trained yet (the trainers "
         "change W3 in place; call them on a line of their own)"),
        ("context_reversed", lambda: _swap(_trained3()),
         "the halves of W3 are swapped: rows 0 to 26 hold the weights of the newer character, X[:, 1]; "
         "the older one, X[:, 0], takes the first 27 inputs, in the forward pass and in what W3 is "
         "trained on", _swap),
    )
    says: ClassVar[dict[str, str]] = {
        **WeightsPart.says,
        "no_forward": "W3 reaches the goal; pass your forward pass too, so that the check can run it: "
        "ex1.network.check(W3, trigram_nn_loss)",
        "bigram_shape": f"W3 has shape {{}}: one input per character, the bigram network; {_TAKES}",
        "pair_inputs": f"W3 has shape {{}}: the counting table again; {_TAKES}",
    }
    # fmt: on

    @property
    def codes(self):
        return {**_FORWARD.codes, **super().codes}

    start, goal = staticmethod(_start3), staticmethod(lambda: NETWORK_TARGET)

    def counts(self):
        return counts3().long()

    def logits(self, W):
        return (W[:V].unsqueeze(1) + W[V:].unsqueeze(0)).reshape(V * V, V)

    def read(self, W3, forward=None):
        if forward is not None and not (verdict := _FORWARD.result(forward)).correct:
            return verdict
        shape = tuple(W3.shape) if hasattr(W3, "shape") else None
        if shape in _OTHER_SHAPES:
            return self.say(_OTHER_SHAPES[shape], shape)
        t = super().read(W3.reshape(2 * V, V) if shape == (2, V, V) else W3)
        if forward is None and not isinstance(t, Result) and self.accept(t):
            return self.say("no_forward")
        return t

    def accept(self, W):
        ok = super().accept(W)
        return f"your forward pass agrees, and W3's {ok.replace('loss', 'loss is', 1)}" if ok else None

    def disagreement(self, W):
        """The context, of those that occur, where W's probabilities differ most from the trained ones."""
        P = ngram_neural_probs(W.float(), 3).double()
        gap = (P - ngram_neural_probs(_trained3().float(), 3).double()).abs().sum(1)
        row = int(gap.masked_fill(counts3().sum(1) == 0, -1).argmax())  # the others have no examples
        return f"its probabilities differ most from the trained network's in {_context_label((row,))}"


network = Network()
PARTS = {"counts": counts, "probs": probs, "loss": loss, "network": network}
__all__ = ["NETWORK_TARGET", "PARTS", "counts", "loss", "network", "probs"]
