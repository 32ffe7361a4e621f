"""Exercise 1, a trigram model: ``counts``, ``probs``, ``loss``, ``network`` (inputs ``words``, ``vocab``)."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from ..evaluation import mean_nll
from ..ngram import (
    ngram_counts,
    ngram_dataset,
    ngram_init_weights,
    ngram_probs,
    train_ngram_neural,
)
from ..shared import context_rows
from .core import (
    LOSS,
    PROB,
    SEED,
    SLIP_CODES,
    Hint,
    Part,
    Tolerance,
    Verdict,
    call,
    close,
    close_tensors,
    differs,
    first_difference,
    judge_loss,
    mistake,
    names,
    ok,
    parts_of,
    read_number,
    read_tensor,
    refuse_losses,
    require_finite,
    table_loss,
)

TITLE = "Exercise 1: a trigram model"
NETWORK_TARGET = 2.40  # a trained trigram network's loss on all the names, at most
FEW_NAMES = 8  # the forward pass is checked on the first names, with two different W


@dataclass(frozen=True)
class _Trigram:
    N3: torch.Tensor  # (V*V, V) int64
    P3: torch.Tensor  # (V*V, V) float64, empty rows 0
    loss: float
    bigram_loss: float
    smoothed_loss: float  # add-one smoothing
    per_name_mean: float  # the mean over names of each name's mean NLL
    start_loss: float  # the seeded W3's loss


@functools.cache
def _trigram() -> _Trigram:
    words, vocab = names()
    N3 = ngram_counts(words, vocab, order=3).long()
    P3 = ngram_probs(N3)
    P2 = ngram_probs(ngram_counts(words, vocab, order=2))
    X, Y = ngram_dataset(words, vocab, 3)
    nll = -P3.double()[context_rows(X, len(vocab)), Y].log()
    per_name = torch.stack([part.mean() for part in nll.split([len(w) + 1 for w in words])]).mean().item()
    W0 = ngram_init_weights(len(vocab), torch.Generator().manual_seed(SEED), order=3).detach()
    return _Trigram(
        N3,
        P3.double(),
        nll.mean().item(),
        mean_nll(P2, *ngram_dataset(words, vocab, 2)),
        mean_nll(ngram_probs(N3, 1), *ngram_dataset(words, vocab, 3)),
        per_name,
        _network_loss(W0.double(), N3.double()),
    )


def _label(idx: tuple) -> str:
    """'row 148 (context 'em'), column 13 ('m')' for an index of a (V*V, V) table."""
    itos = names()[1].itos
    v = len(itos)
    row, col = idx[0], idx[1]
    return f"row {row} (context '{itos[row // v]}{itos[row % v]}'), column {col} ('{itos[col]}')"


def _table(answer: object, what: str) -> tuple[torch.Tensor, bool]:
    """An answer read as a (V*V, V) table; True if it came as (V, V, V)."""
    v = len(names()[1])
    t = read_tensor(answer, what)
    cube = tuple(t.shape) == (v, v, v)
    if cube:
        t = t.reshape(v * v, v)
    elif tuple(t.shape) == (v, v * v):
        raise Verdict(
            mistake(
                "transposed",
                f"shape {(v, v * v)}: one row per context, one column per next character, so ({v * v}, {v})",
            )
        )
    elif tuple(t.shape) == (v, v):
        raise Verdict(
            mistake(
                "bigram_table",
                f"a ({v}, {v}) table has one row per character: that is the bigram; a trigram "
                f"needs a row per pair of characters, ({v * v}, {v})",
            )
        )
    elif tuple(t.shape) != (v * v, v):
        raise Verdict(
            differs(
                "wrong_shape", f"expected shape ({v * v}, {v}) (or ({v}, {v}, {v})), got {tuple(t.shape)}"
            )
        )
    return t, cube


# --- part 1: the counts ---------------------------------------------------------------------


@functools.cache
def _distinct_counts() -> torch.Tensor:
    words, vocab = names()
    return ngram_counts(sorted(set(words)), vocab, order=3).double()


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


def _judge_counts(answer: object) -> object:
    ref = _trigram().N3.double()
    v = ref.shape[1]
    t, cube = _table(answer, "the trigram counts N3")
    total = t.sum().item()
    if torch.equal(t, ref):
        note = f" (a {v}x{v}x{v} table, read as {v * v} x {v})" if cube else ""
        return ok(f"{total:,.0f} trigrams in {int((ref.sum(1) > 0).sum())} contexts that occur{note}")
    shift = t - ref
    if bool(torch.isfinite(t).all()) and bool((shift == shift.flatten()[0]).all()) and shift.flatten()[0] > 0:
        return mistake(
            "smoothed_counts",
            f"every cell is {shift.flatten()[0].item():g} more than its count: fake counts belong in the "
            "probabilities of a later exercise; here count only what occurs",
        )
    if close_tensors(t, _trigram().P3):
        return mistake(
            "probs_not_counts", "these are probabilities (rows sum to 1); this part asks for the counts"
        )
    one_marker = ref.clone()
    one_marker[0] = 0  # with one '.' before a name, the context '..' never occurs
    if torch.equal(t, one_marker):
        return mistake(
            "one_start_marker",
            f"{total:,.0f} trigrams instead of {ref.sum().item():,.0f}: put two '.' before each "
            "name, so that its first letter has a context ('..')",
        )
    extra = t - ref
    if bool((extra >= 0).all()) and bool((extra[:, 1:] == 0).all()) and extra.sum() == len(names()[0]):
        return mistake(
            "two_end_markers",
            f"{int(extra.sum()):,} trigrams too many, all ending in '.': one '.' after each name marks "
            "its end; a second one counts a trigram after the end",
        )
    if torch.equal(t, _distinct_counts()):
        return mistake(
            "duplicates_dropped",
            f"these are the counts of the {len(set(names()[0])):,} distinct names: the lines that repeat "
            "an earlier name (set() drops them) count too, every line of names.txt",
        )
    no_end = ref.clone()
    no_end[:, 0] = 0  # without the '.' after a name, nothing ever ends
    if torch.equal(t, no_end):
        return mistake(
            "no_end_marker",
            f"column 0 ('.', the end of a name) is all zeros: {total:,.0f} trigrams instead of "
            f"{ref.sum().item():,.0f}; put a '.' after each name too",
        )
    cube_ref = ref.view(v, v, v)
    if torch.equal(t, cube_ref.transpose(0, 1).reshape(v * v, v)):
        return mistake(
            "context_reversed",
            "the context c1 c2 (older first) belongs in row c1 * 27 + c2; yours is c2 * 27 + c1",
        )
    for perm in ((2, 0, 1), (2, 1, 0), (0, 2, 1), (1, 2, 0)):
        if torch.equal(t, cube_ref.permute(*perm).reshape(v * v, v)):
            return mistake(
                "axes_order",
                "the three characters sit on the wrong axes: N3[c1, c2, c3] counts c3 after c1 c2 "
                "(c1 the older), so row c1 * 27 + c2 and column c3",
            )
    where = first_difference(t, ref, Tolerance(0.0, 0.0), _label)
    if not bool(torch.isfinite(t).all()):
        return differs("wrong_value", f"the table holds NaN or inf: {where}")
    if abs(total - ref.sum().item()) < 0.5:
        return differs("wrong_value", f"the total {total:,.0f} is right, but {where}")
    return differs(
        "wrong_value",
        f"expected {ref.sum().item():,.0f} trigrams in all (one per character plus one per name), "
        f"got {total:,.0f}; {where}",
    )


counts = Part(
    "ex1.counts",
    _judge_counts,
    trigram_counts,
    "N3 = trigram_counts(words, vocab)",
    [
        Hint("Frame each name with two '.' before it and one after: 'emma' gives '..emma.'."),
        Hint(
            "Slide a window of three characters along the framed name and count each (c1, c2, c3):",
            "chs = ['.', '.', *'emma', '.']; print(list(zip(chs, chs[1:], chs[2:])))",
        ),
        Hint(
            "Store the count of c1 c2 -> c3 at N3[stoi[c1] * 27 + stoi[c2], stoi[c3]] in a (729, 27) table:",
            "N3 = torch.zeros((729, 27), dtype=torch.int64)",
        ),
    ],
    {
        "one_start_marker": "one '.' before each name instead of two (196,113 trigrams)",
        "no_end_marker": "no '.' after each name: column 0 empty",
        "context_reversed": "the context's row built as c2 * 27 + c1",
        "axes_order": "the three characters on the wrong axes of a (27, 27, 27) table",
        "transposed": "next characters in the rows, contexts in the columns",
        "bigram_table": "a 27 x 27 table: the bigram counts",
        "smoothed_counts": "a fake count added to every cell",
        "two_end_markers": "two '.' after each name",
        "duplicates_dropped": "the repeated lines dropped, e.g. by set()",
        "probs_not_counts": "the probabilities instead of the counts",
    },
)


# --- part 2: the probabilities ----------------------------------------------------------------


def trigram_probs(N3):
    """Each row divided by its sum; a context that never occurs keeps a row of zeros (not 0/0)."""
    totals = N3.sum(1, keepdim=True)
    return N3 / totals.clamp(min=1)


def _judge_probs(answer: object) -> object:
    tri = _trigram()
    ref, N3 = tri.P3, tri.N3.double()
    v = ref.shape[1]
    t, cube = _table(answer, "the trigram probabilities P3")
    empty = N3.sum(1) == 0
    seen, seen_ref = t[~empty], ref[~empty]
    seen_ok = close_tensors(seen, seen_ref)
    if seen_ok and bool(torch.isnan(t[empty]).all()):
        return mistake(
            "nan_rows",
            f"the {int(empty.sum())} contexts that never occur have 0 / 0 = NaN rows; give "
            "them zeros (e.g. divide by the row sums clamped to at least 1)",
        )
    empty_rows = t[empty]
    if seen_ok and bool(((empty_rows == 0).all(1) | (empty_rows - 1 / v).abs().le(1e-6).all(1)).all()):
        return ok(
            f"each of the {int((~empty).sum())} contexts that occur has a row summing to "
            "1; row '.e' gives 'm' "
            f"{t[5, 13].item():.4f}"
        )
    no_keepdim = N3.view(v, v, v) / N3.view(v, v, v).sum(2)  # what broadcasting does without keepdim
    if cube and (
        close_tensors(t, no_keepdim.reshape(v * v, v))
        or close_tensors(  # the same with 0/0 and x/0 replaced by numbers (nan_to_num)
            t.nan_to_num(0.0, 1e30, -1e30).clamp(-1e30, 1e30),
            no_keepdim.nan_to_num(0.0, 1e30, -1e30).reshape(v * v, v),
        )
    ):
        return mistake(
            "no_keepdim",
            "without keepdim=True the row sums broadcast along the wrong axis; use N3.sum(2, keepdim=True)",
        )
    if close_tensors(t, N3):
        return mistake("counts_not_probs", "these are the counts; divide each row by its sum")
    if close_tensors(t, ref.log()):
        return mistake(
            "log_probs", "these are the logs of the probabilities (log P3); this part asks for P3 itself"
        )
    if torch.equal(t, torch.div(N3, N3.sum(1, keepdim=True).clamp(min=1), rounding_mode="floor")):
        return mistake(
            "integer_division",
            "the entries are whole numbers, 0 or 1: // (or an integer dtype) rounds each probability "
            "down; divide with / and keep floats",
        )
    if close_tensors(t, N3 / N3.sum()):
        return mistake(
            "normalised_by_total",
            "the whole table sums to 1, not each row: divide by the row sums, N3.sum(1, keepdim=True)",
        )
    finite = bool(torch.isfinite(t).all())
    rows = t.sum(1)
    bad_rows = ~empty & ~((rows - 1).abs() <= 1e-4)
    col = t.sum(0)
    if finite and bool(((col - 1).abs() < 1e-4).sum() > v // 2) and bool(bad_rows.any()):
        return mistake(
            "columns_normalised", "the columns sum to 1, not the rows: divide by N3.sum(1, keepdim=True)"
        )
    if finite and not bool(bad_rows.any()):
        for k in (1.0, 0.1, 0.01):
            if close_tensors(t[~empty], ngram_probs(tri.N3, k).double()[~empty], LOSS):
                return mistake(
                    "smoothed",
                    f"these rows have {k:g} fake count(s) added to every cell; this part asks for "
                    "the plain counts, normalised",
                )
    itos = names()[1].itos
    if bool(bad_rows.any()):
        first = int(bad_rows.nonzero()[0])
        return differs(
            "wrong_value",
            f"{int(bad_rows.sum())} of the {int((~empty).sum())} rows of contexts that occur do not sum "
            f"to 1; the first, row {first} (context '{itos[first // v]}{itos[first % v]}'), sums to "
            f"{rows[first].item():.6g}",
        )
    if not finite:
        return differs("wrong_value", "the table holds NaN or inf outside the rows that never occur")
    where = first_difference(t, ref, PROB, _label)
    return differs("wrong_value", f"every row sums to 1, but {where}")


probs = Part(
    "ex1.probs",
    _judge_probs,
    trigram_probs,
    "P3 = trigram_probs(N3)",
    [
        Hint(
            "As for the bigram: divide each row by its sum, with keepdim=True so that it broadcasts along "
            "the row."
        ),
        Hint(
            "Some contexts never occur (what follows 'a.'?): their sum is 0, and 0 / 0 is NaN. Count them:",
            "print((N3.sum(1) == 0).sum())",
        ),
        Hint(
            "Clamping the sums to at least 1 leaves those rows at 0:",
            "P3 = N3 / N3.sum(1, keepdim=True).clamp(min=1)",
        ),
    ],
    {
        "nan_rows": "rows of contexts that never occur are 0/0 = NaN",
        "log_probs": "log P3 instead of P3",
        "integer_division": "// instead of /",
        "normalised_by_total": "divided by the total of the table, not by each row's",
        "no_keepdim": "a (27, 27, 27) table divided by sums without keepdim",
        "counts_not_probs": "the counts, not normalised",
        "columns_normalised": "columns sum to 1 instead of rows",
        "smoothed": "fake counts added (not asked for here)",
        "transposed": "next characters in the rows",
        "bigram_table": "a 27 x 27 table",
    },
)


# --- part 3: the loss ---------------------------------------------------------------------------


def trigram_loss(P3, words, vocab):
    """Mean negative log-likelihood of words under the trigram table P3."""
    X, Y = ngram_dataset(words, vocab, order=3)
    rows = X[:, 0] * len(vocab) + X[:, 1]
    return -P3[rows, Y].log().mean().item()


def _judge_trigram_loss(answer: object) -> object:
    tri = _trigram()
    x = read_number(answer, "the trigram's loss")
    special = [
        (
            tri.bigram_loss,
            "bigram_loss",
            f"{x:.4f} is the bigram's loss; score the trigram table with two characters of context",
        ),
        (
            tri.smoothed_loss,
            "smoothed_loss",
            f"{x:.4f} is the loss of the table with one fake count per cell; this part scores the "
            "unsmoothed P3",
        ),
        (
            tri.per_name_mean,
            "mean_of_name_means",
            f"{x:.4f} is the mean over names of each name's mean loss; average over all the examples "
            "at once (long names have more of them)",
        ),
    ]
    n = int(tri.N3.sum())
    if math.isinf(x) and x > 0:
        return differs(
            "wrong_value",
            "the loss is inf: some example got probability 0, which the unsmoothed P3 never gives on the "
            "names it was counted on; check the row of each example, X[:, 0] * 27 + X[:, 1]",
        )
    return judge_loss(
        x, tri.loss, n, len(names()[0]), "the trigram counting model's loss on all the names", special
    )


loss = Part(
    "ex1.loss",
    _judge_trigram_loss,
    trigram_loss,
    "loss3 = trigram_loss(P3, words, vocab)",
    [
        Hint("The loss is the mean, over all 228,146 examples, of -log(probability of the next character)."),
        Hint(
            "ngram_dataset(words, vocab, order=3) gives X (the two context characters) and Y; the row is:",
            "X, Y = ngram_dataset(words, vocab, order=3); rows = X[:, 0] * 27 + X[:, 1]",
        ),
        Hint("Then pick, log, average, negate:", "loss3 = -P3[rows, Y].log().mean().item()"),
    ],
    {
        "bigram_loss": "the bigram's loss",
        "smoothed_loss": "the loss of the add-one smoothed table",
        "mean_of_name_means": "the mean of per-name means",
        **SLIP_CODES,
    },
)


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


def _network_loss(W: torch.Tensor, counts: torch.Tensor) -> float:
    """Mean NLL of a (2V, V) trigram network's ``W`` on the examples tallied in ``counts`` (V*V, V)."""
    v = W.shape[1]
    logits = (W[:v].unsqueeze(1) + W[v:].unsqueeze(0)).reshape(v * v, v)
    return table_loss(logits, counts)


@functools.cache
def _few() -> tuple[torch.Tensor, torch.Tensor, tuple[torch.Tensor, ...]]:
    words, vocab = names()
    X, Y = ngram_dataset(words[:FEW_NAMES], vocab, 3)
    v = len(vocab)
    Ws = tuple(ngram_init_weights(v, torch.Generator().manual_seed(s), order=3).detach() for s in (SEED, 1))
    return X, Y, Ws


def _reference_forward(W: torch.Tensor, X: torch.Tensor, Y: torch.Tensor, blocks: str = "both") -> float:
    v = W.shape[1]
    W = W.double()
    if blocks == "newer":
        logits = W[v + X[:, 1]]
    elif blocks == "older_in_newer":
        logits = W[v + X[:, 0]] + W[X[:, 1]]
    else:
        logits = W[X[:, 0]] + W[v + X[:, 1]]
    return -torch.log_softmax(logits, dim=1)[torch.arange(len(Y)), Y].mean().item()


def _judge_forward(fn: object) -> None:
    """A verdict unless the learner's forward pass gives the reference loss on the first few names."""
    if not callable(fn):
        raise Verdict(
            differs(
                "wrong_type",
                "the second answer is your forward pass, a function trigram_nn_loss(W, X, Y); got "
                f"{type(fn).__name__}",
            )
        )
    X, Y, Ws = _few()
    for W in Ws:
        W = W.clone().requires_grad_()
        out = call(fn, W, X, Y)
        got = read_number(out, "the loss your forward pass returns")
        want = _reference_forward(W.detach(), X, Y)
        if close(got, want):
            if not (isinstance(out, torch.Tensor) and out.requires_grad):
                raise Verdict(
                    mistake(
                        "forward_detached",
                        f"your forward pass gives the right loss, {got:.4f}, but as a "
                        f"{type(out).__name__} that backward() cannot reach W through; return the "
                        "tensor itself (no .item(), float() or torch.no_grad())",
                    )
                )
            continue
        what = f"on the first {FEW_NAMES} names ({len(Y)} examples) your forward pass gives {got:.4f}"
        if close(got, _reference_forward(W.detach(), X, Y, "newer")):
            raise Verdict(
                mistake(
                    "forward_last_char_only",
                    f"{what}: the loss of the newer character alone; feed both, 54 inputs",
                )
            )
        if close(got, _reference_forward(W.detach(), X, Y, "older_in_newer")):
            raise Verdict(
                mistake(
                    "forward_blocks_swapped",
                    f"{what}: the older character (X[:, 0]) belongs in rows 0 to 26 of W, the newer in 27 "
                    "to 53",
                )
            )
        if close(got, want * len(Y)):
            raise Verdict(
                mistake("forward_sum", f"{what}, the sum over the {len(Y)} examples; take the mean")
            )
        if close(got, -want):
            raise Verdict(
                mistake("forward_no_minus", f"{what}, the mean log-probability; the loss is its negative")
            )
        raise Verdict(differs("forward_wrong", f"{what}; the 54-input network gives {want:.4f}"))


def _judge_network(answer: object, forward: object = None) -> object:
    """The forward pass first (on a few names), then the weights; without the forward pass, never correct."""
    if forward is None:
        verdict = _judge_weights3(answer)
        if not verdict.correct:
            return verdict
        return differs(
            "no_forward",
            "W3 reaches the goal; now pass your forward pass too, so that the check can see it: "
            "ex1.network.check(W3, trigram_nn_loss)",
        )
    _judge_forward(forward)
    return _judge_weights3(answer)


def _judge_weights3(answer: object) -> object:
    tri = _trigram()
    v = tri.N3.shape[1]
    refuse_losses(answer, "train_ngram_neural", "W3")
    t = read_tensor(answer, "the trained weights W3")
    if tuple(t.shape) == (v, v):
        return mistake(
            "last_char_only",
            f"a ({v}, {v}) W sees one character: that is the bigram network (loss about "
            f"{tri.bigram_loss:.2f}); "
            f"feed both context characters, {2 * v} inputs",
        )
    if tuple(t.shape) == (v * v, v):
        return mistake(
            "pair_inputs",
            f"a ({v * v}, {v}) W gives every pair of characters a row of its own: the counting table "
            f"again, as a network; this part asks for {2 * v} inputs, one one-hot vector per character",
        )
    if tuple(t.shape) == (2, v, v):
        t = t.reshape(2 * v, v)
    if tuple(t.shape) != (2 * v, v):
        return differs("wrong_shape", f"expected W3 of shape ({2 * v}, {v}), got {tuple(t.shape)}")
    require_finite(t, "nan_weights", "training blew up (a learning rate too high?), or a log of 0 went in")
    counts_ = tri.N3.double()
    loss_ = _network_loss(t, counts_)
    if loss_ <= NETWORK_TARGET:
        return ok(
            f"your forward pass agrees, and W3's loss is {loss_:.4f} on all the names, below "
            f"{NETWORK_TARGET:.2f}"
        )
    last_only = _network_loss(torch.cat([torch.zeros_like(t[:v]), t[v:]]), counts_)
    if last_only <= tri.bigram_loss + 0.05:
        return mistake(
            "last_char_only",
            f"only the newer character's weights learned (loss {loss_:.4f}): the older character's "
            f"one-hot goes in the first {v} inputs",
        )
    if _network_loss(torch.cat([t[v:], t[:v]]), counts_) <= NETWORK_TARGET:
        return mistake(
            "context_reversed",
            f"the blocks are swapped: the older character (X[:, 0]) goes in the first {v} inputs, the newer "
            f"in the last {v}",
        )
    start = tri.start_loss
    if loss_ >= start - 1e-4:
        return mistake(
            "loss_went_up" if loss_ > start + 1e-4 else "untrained",
            f"loss {loss_:.4f}, {'above' if loss_ > start + 1e-4 else 'where'} the {start:.4f} W3 starts from"
            + (
                ": the steps went uphill; check the sign (W.data += -lr * W.grad) and the learning rate"
                if loss_ > start + 1e-4
                else ": W3 was not trained (each step changes W3.data in place)"
            ),
        )
    return mistake(
        "undertrained",
        f"loss {loss_:.4f}, down from {start:.4f} but not below {NETWORK_TARGET:.2f} yet: train on "
        "(the solution takes 300 steps at lr 30)",
    )


network = Part(
    "ex1.network",
    _judge_network,
    (trigram_nn_loss, trigram_network),
    "W3 = trigram_network(W3, X3, Y3)",
    [
        Hint("The input is the two one-hot vectors side by side: 54 numbers, so W3 is (54, 27)."),
        Hint(
            "Only the first matrix multiply changes; the rest is notebook 04's:",
            "xenc = F.one_hot(X3[:5], num_classes=27).float().view(-1, 54); print(xenc.shape, (xenc @ "
            "W3).shape)",
        ),
        Hint(
            "Once trigram_nn_loss agrees with ngram_neural_loss, the helper runs the lesson's steps quickly:",
            "train_ngram_neural(W3, X3, Y3, steps=300, lr=30)",
        ),
    ],
    {
        "no_forward": "the forward pass not passed to the check",
        "forward_last_char_only": "the forward pass uses only the newer character",
        "forward_blocks_swapped": "the forward pass puts the older character in the newer block",
        "forward_detached": "the forward pass returns its loss with no graph back to W",
        "forward_sum": "the forward pass sums instead of averaging",
        "forward_no_minus": "the forward pass returns the log-likelihood",
        "forward_wrong": "the forward pass gives another loss",
        "last_char_only": "a network that sees only the last character",
        "context_reversed": "the two context characters in swapped blocks of W",
        "nan_weights": "training blew up",
        "loss_went_up": "the loss rose above where training started",
        "untrained": "W3 as it started",
        "undertrained": "not trained far enough",
        "list_of_losses": "the list of losses instead of W3",
        "pair_inputs": "one input per pair of characters (729), not per character",
    },
)

PARTS = parts_of(globals())

__all__ = ["NETWORK_TARGET", "PARTS", "TITLE", "counts", "loss", "network", "probs"]
