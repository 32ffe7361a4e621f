"""Exercise 1, a trigram model: ``counts``, ``probs``, ``loss``, ``network`` (inputs ``words``, ``vocab``)."""

from __future__ import annotations

import functools
from collections import Counter

import torch
import torch.nn.functional as F

from ..counting import bigram_counts, bigram_probs
from ..evaluation import mean_nll
from ..ngram import (
    ngram_counts,
    ngram_dataset,
    ngram_init_weights,
    ngram_neural_probs,
    ngram_probs,
    train_ngram_neural,
)
from .core import (
    SEED,
    Hint,
    Mistake,
    NumberPart,
    Part,
    Result,
    Several,
    call,
    close,
    measured,
    named,
    names,
    read_number,
    slips,
)
from .tables import TablePart, WeightsPart

TITLE = "Exercise 1: a trigram model"
NETWORK_TARGET = 2.40  # a trained trigram network's loss on all the names, at most
V = 27


def _itos(i: int) -> str:
    return names()[1].itos[i]


def _context_label(idx: tuple) -> str:
    row = idx[0]
    col = f", column {idx[1]} ('{_itos(idx[1])}')" if len(idx) > 1 and idx[1] < V else ""
    return f"row {row} (context '{_itos(row // V)}{_itos(row % V)}'){col}"


@functools.cache
def framed_counts(
    starts: int = 2, ends: int = 1, newer_first: bool = False, distinct: bool = False
) -> torch.Tensor:
    """Trigram counts of the names framed by ``starts`` dots before and ``ends`` after (plain Python)."""
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
def reference_counts() -> torch.Tensor:
    words, vocab = names()
    return ngram_counts(words, vocab, order=3)


# --- part 1: the counts ---------------------------------------------------------------------


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


def _cube(T: torch.Tensor, *perm: int) -> torch.Tensor:
    return T.reshape(V, V, V).permute(*perm).reshape(V * V, V)


class Counts(TablePart):
    name, what, cube = "ex1.counts", "the trigram counts N3", (V, V, V)
    solutions, answer_line = (trigram_counts,), "N3 = trigram_counts(words, vocab)"
    hints = (
        Hint("Frame each name with two '.' before it and one after: 'emma' gives '..emma.'."),
        Hint(
            "Slide a window of three characters along the framed name and count each (c1, c2, c3):",
            "chs = ['.', '.', *'emma', '.']; print(list(zip(chs, chs[1:], chs[2:])))",
        ),
        Hint(
            "Store the count of c1 c2 -> c3 at N3[stoi[c1] * 27 + stoi[c2], stoi[c3]] in a (729, 27) table:",
            "N3 = torch.zeros((729, 27), dtype=torch.int64)",
        ),
    )

    def reference(self):
        return reference_counts().double()

    def label(self, idx):
        return _context_label(idx)

    def accept(self, t):
        if not torch.equal(t, self.reference()):
            return None
        return f"{t.sum().item():,.0f} trigrams in {int((t.sum(1) > 0).sum())} contexts that occur"

    def symptoms(self, t):
        total, want = t.sum().item(), self.reference().sum().item()
        counted = f"{total:,.0f} trigrams in all where the names give {want:,.0f} (one per character and one per end); "
        return (counted if t.shape == self.reference().shape and total != want else "") + super().symptoms(t)

    def mistakes(self):
        ref = self.reference
        return (
            Mistake(
                "one_start_marker",
                "one '.' before each name: put two, so that its first letter has a context ('..')",
                lambda: framed_counts(starts=1),
            ),
            Mistake(
                "no_end_marker",
                "no '.' after each name: column 0 (the end) is empty; put one '.' after each name",
                lambda: framed_counts(ends=0),
            ),
            Mistake(
                "two_end_markers",
                "two '.' after each name: one marks the end; the second counts a trigram after the end",
                lambda: framed_counts(ends=2),
            ),
            Mistake(
                "context_reversed",
                "the context's row is c2 * 27 + c1; the older character c1 comes first: row c1 * 27 + c2",
                lambda: framed_counts(newer_first=True),
            ),
            Mistake(
                "axes_order",
                "the three characters sit on the wrong axes: N3[c1, c2, c3] counts c3 "
                "after c1 c2, so row c1 * 27 + c2 and column c3",
                lambda: Several(*(_cube(ref(), *p) for p in ((2, 0, 1), (2, 1, 0), (0, 2, 1), (1, 2, 0)))),
            ),
            Mistake(
                "transposed",
                "next characters in the rows and contexts in the columns: one row per context, (729, 27)",
                lambda: ref().T,
            ),
            Mistake(
                "bigram_table",
                "the bigram counts, one row per character: a trigram needs a row per "
                "pair of characters, (729, 27)",
                lambda: bigram_counts(*names()),
            ),
            Mistake(
                "smoothed_counts",
                "one fake count added to every cell: count only what occurs here "
                "(smoothing comes in exercise 3)",
                lambda: ref() + 1,
            ),
            Mistake(
                "probs_not_counts",
                "these are the probabilities (rows sum to 1); this part asks for the counts",
                lambda: ngram_probs(reference_counts()),
            ),
            Mistake(
                "duplicates_dropped",
                "the counts of the 29,494 distinct names: the lines that repeat "
                "a name (set() drops them) count too",
                lambda: framed_counts(distinct=True),
            ),
        )


counts = Counts()


# --- part 2: the probabilities ----------------------------------------------------------------


def trigram_probs(N3):
    """Each row divided by its sum; a context that never occurs keeps a row of zeros (not 0/0)."""
    totals = N3.sum(1, keepdim=True)
    return N3 / totals.clamp(min=1)


class Probs(TablePart):
    name, what, cube = "ex1.probs", "the trigram probabilities P3", (V, V, V)
    solutions, answer_line = (trigram_probs,), "P3 = trigram_probs(N3)"
    hints = (
        Hint("As for the bigram: divide each row by its sum, with keepdim=True so that it broadcasts."),
        Hint(
            "Some contexts never occur (what follows 'a.'?): their sum is 0, and 0 / 0 is NaN. Count them:",
            "print((N3.sum(1) == 0).sum())",
        ),
        Hint(
            "Clamping the sums to at least 1 leaves those rows at 0:",
            "P3 = N3 / N3.sum(1, keepdim=True).clamp(min=1)",
        ),
    )

    def reference(self):
        return ngram_probs(reference_counts()).double()

    def label(self, idx):
        return _context_label(idx)

    def accept(self, t):
        empty = reference_counts().sum(1) == 0
        if t.shape != self.reference().shape or not self.same(t[~empty], self.reference()[~empty]):
            return None
        rows = t[empty]
        if not bool(((rows == 0).all(1) | ((rows - 1 / V).abs() <= 1e-6).all(1)).all()):
            return None
        return (
            f"each of the {int((~empty).sum())} contexts that occur has a row summing to 1; row '.e' gives "
            f"'m' {t[5, 13].item():.4f}"
        )

    def mistakes(self):
        N = reference_counts().double()
        cube = N.reshape(V, V, V)
        return (
            Mistake(
                "nan_rows",
                "the contexts that never occur have 0 / 0 = NaN rows; give them zeros "
                "(divide by the row sums clamped to at least 1)",
                lambda: N / N.sum(1, keepdim=True),
            ),
            Mistake(
                "no_keepdim",
                "the row sums broadcast along the wrong axis without keepdim=True: N3.sum(2, keepdim=True)",
                lambda: Several(
                    *((c / c.sum(2)).reshape(V * V, V) for c in (cube, cube.float())),
                    *(
                        (c / c.sum(2)).nan_to_num(0.0, 0.0, 0.0).reshape(V * V, V)
                        for c in (cube, cube.float())
                    ),
                    (cube.float() / cube.float().sum(2)).nan_to_num().reshape(V * V, V),
                ),
            ),
            Mistake("counts_not_probs", "these are the counts; divide each row by its sum", lambda: N),
            Mistake(
                "log_probs", "these are log P3; this part asks for P3 itself", lambda: self.reference().log()
            ),
            Mistake(
                "integer_division",
                "the entries are whole numbers: // (or an integer dtype) rounds each "
                "probability down; divide with / and keep floats",
                lambda: torch.div(N, N.sum(1, keepdim=True).clamp(min=1), rounding_mode="floor"),
            ),
            Mistake(
                "normalised_by_total",
                "the whole table sums to 1, not each row: divide by the row sums, N3.sum(1, keepdim=True)",
                lambda: N / N.sum(),
            ),
            Mistake(
                "columns_normalised",
                "the columns sum to 1, not the rows: divide by N3.sum(1, keepdim=True)",
                lambda: N / N.sum(0, keepdim=True),
            ),
            Mistake(
                "smoothed",
                "fake counts added to every cell (smoothing): this part asks for the plain "
                "counts, normalised",
                lambda: Several(
                    ngram_probs(reference_counts(), 1).double(),
                    ngram_probs(reference_counts(), 0.1).double(),
                ),
            ),
            Mistake(
                "transposed",
                "next characters in the rows: one row per context, (729, 27)",
                lambda: self.reference().T,
            ),
            Mistake(
                "bigram_table",
                "the bigram's probabilities, one row per character: a trigram needs "
                "a row per pair of characters, (729, 27)",
                lambda: bigram_probs(bigram_counts(*names())),
            ),
        )

    def symptoms(self, t):
        empty = reference_counts().sum(1) == 0
        if t.shape == self.reference().shape and bool(torch.isfinite(t[~empty]).all()):
            sums = t[~empty].sum(1)
            off = ((sums - 1).abs() > 1e-4).nonzero()
            if len(off):
                row = int((~empty).nonzero()[int(off[0])])
                return (
                    f"{len(off)} of the {int((~empty).sum())} rows of contexts that occur do not sum to 1; "
                    f"the first, {_context_label((row,))}, sums to {sums[int(off[0])].item():.6g}"
                )
        return super().symptoms(t)


probs = Probs()


# --- part 3: the loss ---------------------------------------------------------------------------


def trigram_loss(P3, words, vocab):
    """Mean negative log-likelihood of words under the trigram table P3."""
    X, Y = ngram_dataset(words, vocab, order=3)
    rows = X[:, 0] * len(vocab) + X[:, 1]
    return -P3[rows, Y].log().mean().item()


def _loss_of_table(P: torch.Tensor, order: int = 3) -> float:
    return mean_nll(P, *ngram_dataset(*names(), order))


def _mean_of_name_means() -> float:
    words, vocab = names()
    X, Y = ngram_dataset(words, vocab, 3)
    nll = -ngram_probs(reference_counts()).double()[X[:, 0] * V + X[:, 1], Y].log()
    return torch.stack([p.mean() for p in nll.split([len(w) + 1 for w in words])]).mean().item()


class Loss(NumberPart):
    name, what = "ex1.loss", "the trigram's loss"
    solutions, answer_line = (trigram_loss,), "loss3 = trigram_loss(P3, words, vocab)"
    hints = (
        Hint("The loss is the mean, over all 228,146 examples, of -log(probability of the next character)."),
        Hint(
            "ngram_dataset(words, vocab, order=3) gives X (the two context characters) and Y; the row is:",
            "X, Y = ngram_dataset(words, vocab, order=3); rows = X[:, 0] * 27 + X[:, 1]",
        ),
        Hint("Then pick, log, average, negate:", "loss3 = -P3[rows, Y].log().mean().item()"),
    )

    @functools.cache  # noqa: B019 (one part object lives for the whole process)
    def reference(self):
        return _loss_of_table(ngram_probs(reference_counts()))

    def accept(self, x):
        return (
            f"the trigram counting model's loss on all the names is {x:.4f}"
            if close(x, self.reference())
            else None
        )

    def mistakes(self):
        return (
            Mistake(
                "bigram_loss",
                "the bigram's loss; score the trigram table, two characters of context",
                lambda: _loss_of_table(bigram_probs(bigram_counts(*names())), 2),
            ),
            Mistake(
                "smoothed_loss",
                "the loss of the table with one fake count per cell; this part scores the unsmoothed P3",
                lambda: _loss_of_table(ngram_probs(reference_counts(), 1)),
            ),
            Mistake(
                "mean_of_name_means",
                "the mean over names of each name's mean loss; average over all "
                "the examples at once (long names have more of them)",
                _mean_of_name_means,
            ),
            *slips(lambda f: f(self.reference()), 228_146, len(names()[0])),
        )


loss = Loss()


# --- part 4: the network -------------------------------------------------------------------------


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
def _probe() -> tuple[torch.Tensor, torch.Tensor, tuple[torch.Tensor, ...]]:
    """The first eight names' examples, and two weight matrices to run a forward pass with."""
    X, Y = ngram_dataset(names()[0][:8], names()[1], 3)
    return X, Y, (_start3(), ngram_init_weights(V, torch.Generator().manual_seed(1), order=3).detach())


def _nll(logits: torch.Tensor, Y: torch.Tensor, dim: int = 1) -> torch.Tensor:
    return -torch.log_softmax(logits, dim=dim)[torch.arange(len(Y)), Y].mean()


_SHAPE_HELP = (
    ": F.one_hot(X, num_classes=27) of the (examples, 2) X is (examples, 2, 27); lay each example's two "
    "one-hot rows side by side with .view(-1, 54) before the @ W"
)


class Forward(Part):
    """The learner's forward pass, run on the first names with two different W."""

    name, what = "ex1.network", "your forward pass"

    def read(self, fn):
        if not callable(fn):
            return measured(
                f"the second answer is your forward pass, a function; got {type(fn).__name__}", "wrong_type"
            )
        X, Y, Ws = _probe()
        losses, tensors = [], True
        for W in Ws:
            out = call(fn, W.clone().requires_grad_(), X, Y)
            if isinstance(out, Result):
                shape_error = "54x27" in out.message and "shapes cannot be multiplied" in out.message
                return measured(out.message[9:] + _SHAPE_HELP, "forward_shape") if shape_error else out
            x = read_number(out, "the loss your forward pass returns")
            if isinstance(x, Result):
                return x
            losses.append(x)
            tensors &= isinstance(out, torch.Tensor) and out.requires_grad
        return tuple(losses), tensors

    def same(self, value, built):
        return all(close(a, b) for a, b in zip(value[0], built[0], strict=True))

    def accept(self, value):
        return "forward" if self.same(value, self.prepare(trigram_nn_loss)) and value[1] else None

    def mistakes(self):
        def fwd(logits, dim=1, scale=1.0):
            return lambda W, X, Y: scale * _nll(logits(W, X), Y, dim)

        return (
            Mistake(
                "forward_detached",
                "your forward pass gives the right loss, but as a number that "
                "backward() cannot reach W through; return the tensor (no .item(), no torch.no_grad())",
                lambda: lambda W, X, Y: trigram_nn_loss(W, X, Y).item(),
            ),
            Mistake(
                "forward_last_char_only",
                "your forward pass uses only the newer character (rows 27 to 53 of W); feed both, 54 inputs",
                lambda: fwd(lambda W, X: W[V + X[:, 1]]),
            ),
            Mistake(
                "forward_older_only",
                "your forward pass uses only the older character (rows 0 to 26); feed both, 54 inputs",
                lambda: fwd(lambda W, X: W[X[:, 0]]),
            ),
            Mistake(
                "forward_blocks_swapped",
                "your forward pass puts the older character in rows 27 to 53: "
                "X[:, 0] belongs in rows 0 to 26",
                lambda: fwd(lambda W, X: W[V + X[:, 0]] + W[X[:, 1]]),
            ),
            Mistake(
                "forward_sum",
                "your forward pass returns the sum over the examples; take the mean",
                lambda: lambda W, X, Y: trigram_nn_loss(W, X, Y) * len(Y),
            ),
            Mistake(
                "forward_no_minus",
                "your forward pass returns the mean log-probability; the loss is its negative",
                lambda: fwd(lambda W, X: W[X[:, 0]] + W[V + X[:, 1]], scale=-1.0),
            ),
            Mistake(
                "forward_softmax_dim0",
                "your forward pass normalises over the examples (dim=0); each "
                "row's softmax runs over the 27 next characters, dim=1",
                lambda: fwd(lambda W, X: W[X[:, 0]] + W[V + X[:, 1]], dim=0),
            ),
        )

    def symptoms(self, value):
        X, Y, _ = _probe()
        want = self.prepare(trigram_nn_loss)[0]
        return (
            f"on the first 8 names ({len(Y)} examples) your forward pass gives {value[0][0]:.4f} for W3 as "
            f"given, where the 54-input network gives {want[0]:.4f}"
        )


_FORWARD = Forward()


class Network(WeightsPart):
    name, what, shape = "ex1.network", "W3", (2 * V, V)
    lr, steps, goal_text = 30.0, 100, f"below {NETWORK_TARGET:.2f}"
    solutions, answer_line = (trigram_nn_loss, trigram_network), "W3 = trigram_network(W3, X3, Y3)"
    hints = (
        Hint("The input is the two one-hot vectors side by side: 54 numbers, so W3 is (54, 27)."),
        Hint(
            "Only the first matrix multiply changes; .view(-1, 54) lays the two one-hot rows side by side:",
            "xenc = F.one_hot(X3[:5], num_classes=27).float().view(-1, 54); print(xenc.shape, (xenc @ "
            "W3).shape)",
        ),
        Hint(
            "Once trigram_nn_loss agrees with ngram_neural_loss, the helper runs the lesson's steps quickly:",
            "train_ngram_neural(W3, X3, Y3, steps=300, lr=30)",
        ),
    )
    extra_codes = {
        "no_forward": "the forward pass not passed to the check",
        "list_of_losses": "the list of losses instead of W3",
        "forward_shape": "the forward pass multiplies (examples, 27) by (54, 27)",
        "bigram_shape": "a (27, 27) W: the bigram network",
        "pair_inputs": "one input per pair of characters (729), not per character",
    }

    @property
    def codes(self):
        return {**_FORWARD.codes, **super().codes}

    def counts(self):
        return reference_counts()

    def start(self):
        return _start3()

    def goal(self):
        return NETWORK_TARGET

    def logits(self, W):
        return (W[:V].unsqueeze(1) + W[V:].unsqueeze(0)).reshape(V * V, V)

    def read(self, W3, forward=None):
        if forward is not None:
            verdict = _FORWARD.result(forward)
            if not verdict.correct:
                return verdict
        if hasattr(W3, "shape") and tuple(W3.shape) in ((V, V), (V * V, V)):
            bigram = tuple(W3.shape) == (V, V)
            return named(
                "bigram_shape" if bigram else "pair_inputs",
                f"W3 has shape {tuple(W3.shape)}: "
                + (
                    "one input per character, the bigram network"
                    if bigram
                    else "one input per pair, the counting table again"
                )
                + "; the trigram network takes both characters' one-hot vectors, 54 inputs, (54, 27)",
            )
        t = self.read_weights(
            W3.reshape(2 * V, V) if hasattr(W3, "shape") and tuple(W3.shape) == (2, V, V) else W3
        )
        if forward is None and not isinstance(t, Result) and self.accept(t):
            return measured(
                "W3 reaches the goal; pass your forward pass too, so that the check can run it: "
                "ex1.network.check(W3, trigram_nn_loss)",
                "no_forward",
            )
        return t

    def accept(self, W):
        ok = super().accept(W)
        return f"your forward pass agrees, and W3's {ok}" if ok else None

    def mistakes(self):
        return (
            Mistake(
                "untrained",
                "W3 is as the given cell made it: not trained yet (training changes "
                "W3 in place; run it on its own line)",
                _start3,
            ),
            Mistake(
                "context_reversed",
                "the two halves of W3 are swapped: rows 0 to 26 hold the newer "
                "character's weights; the older character (X[:, 0]) goes in the first 27 inputs",
                lambda: _swap(_trained3()),
                undo=_swap,
            ),
        )

    def disagreement(self, W):
        P = ngram_neural_probs(W.float(), 3).double()
        ref = ngram_neural_probs(_trained3().float(), 3).double()
        row = int((P - ref).abs().sum(1).argmax())
        return f"its probabilities differ most from the trained network's in {_context_label((row,))}"


def _swap(W):
    return torch.cat([W[V:], W[:V]])


@functools.cache
def _trained3() -> torch.Tensor:
    return trigram_network(_start3().requires_grad_(), *ngram_dataset(*names(), 3)).detach().double()


network = Network()
PARTS = {"counts": counts, "probs": probs, "loss": loss, "network": network}
__all__ = ["NETWORK_TARGET", "PARTS", "TITLE", "counts", "loss", "network", "probs"]
