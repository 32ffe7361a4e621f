"""The bigram model generalised to n-grams: the next character from the ``order - 1`` before it.

``order=2`` is the lesson's bigram model (and gives exactly the same numbers as the
bigram helpers); ``order=3`` is the trigram model, which looks two characters back.

Every word is framed by ``order - 1`` markers at the start and one at the end, so with
``order=3`` the word ``emma`` becomes ``..emma.`` and gives the examples
``.. -> e``, ``.e -> m``, ``em -> m``, ``mm -> a``, ``ma -> .``: one per character plus
one for the end, ``len(word) + 1``, whatever the order.

The count table ``N`` is always two-dimensional, shape ``(V**(order-1), V)``: one row
per *context* (the ``order - 1`` characters before), one column per next character.
The context ``c1 c2`` (oldest first) is row ``c1 * V + c2`` (see :func:`context_row`);
row 0 is the all-marker context that starts a word. For ``order=2`` this is the lesson's
``(V, V)`` matrix. Probabilities, sampling and scoring all read rows of this table.

The neural version feeds the ``order - 1`` context characters in as one-hot vectors
laid side by side (``(order-1) * V`` inputs), through one weight matrix ``W`` of shape
``((order-1) * V, V)``, to ``V`` logits and a softmax; for ``order=2`` that is the
lesson's network.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import torch
import torch.nn.functional as F

from .counting import normalise_rows, tally
from .data import Vocab, pair_indices
from .evaluation import Score, score_rows
from .neural import (
    LossAndGrad,
    check_indices,
    check_reg,
    descend,
    forward_loss,
    neural_probs,
    table_loss_and_grad,
)
from .sampling import check_entries, check_sampling_args, walk
from .shared import check_int, check_order, context_rows

__all__ = [
    "context_row",
    "ngram_counts",
    "ngram_dataset",
    "ngram_init_weights",
    "ngram_neural_loss",
    "ngram_neural_probs",
    "ngram_probs",
    "ngram_sample",
    "ngram_score",
    "train_ngram_neural",
    "train_ngram_neural_counts",
]

OnStep = Callable[[int, float], None] | None  # called after each training step with (step, loss)


def _order_of_table(T: torch.Tensor, name: str) -> int:
    """The order of an n-gram table of shape (V**(order-1), V); a ``ValueError`` if it is not one."""
    if T.dim() != 2 or T.shape[1] == 0:
        raise ValueError(f"{name} must be a 2-D (V**(order-1), V) table, got shape {tuple(T.shape)}")
    v, rows = T.shape[1], T.shape[0]
    order, size = 2, v
    while size < rows and v > 1:
        size *= v
        order += 1
    if size != rows:
        raise ValueError(
            f"{name} has shape {tuple(T.shape)}; an n-gram table over V={v} characters needs "
            f"V**(order-1) rows ({v}, {v * v}, ...)"
        )
    return order


def context_row(context: str, vocab: Vocab) -> int:
    """The row of an n-gram table for ``context``, the ``order - 1`` characters before the next one.

    ``context_row("em", vocab)`` is ``stoi['e'] * V + stoi['m']`` (a trigram row);
    ``context_row("..", vocab)`` is 0, where every word starts. A one-character context
    is a bigram row. A character outside the vocabulary is a ``ValueError``.
    """
    if not isinstance(context, str) or context == "":
        raise ValueError(f"context must be a non-empty str of order-1 characters, got {context!r}")
    for ch in context:
        if ch not in vocab:
            raise ValueError(
                f"context {context!r} has character {ch!r}, which is not in the vocabulary "
                f"({len(vocab)} characters)"
            )
    return int(context_rows(torch.tensor([[vocab.stoi[ch] for ch in context]]), len(vocab))[0])


def ngram_dataset(words: Sequence[str], vocab: Vocab, order: int = 2) -> tuple[torch.Tensor, torch.Tensor]:
    """The training examples: ``(X, Y)``, int64, shapes (P, order-1) and (P,).

    ``X[k]`` holds the ``order - 1`` characters before example k, oldest first (so
    ``X[k, -1]`` is the character right before), with markers where the word has not
    started yet; ``Y[k]`` is the character that follows. P is ``sum(len(w) + 1)``, the
    same for every order. For ``order=3`` and ``emma``: X ``[[0, 0], [0, 5], [5, 13],
    [13, 13], [13, 1]]``, Y ``[5, 13, 13, 1, 0]``. For ``order=2``, ``X[:, 0]`` and ``Y``
    are :func:`bigram_dataset`'s ``xs`` and ``ys``. A character outside the vocabulary is
    a ``ValueError`` naming the word and the character.
    """
    check_order(order)
    xs, ys = pair_indices(words, vocab)
    m = order - 1
    if m == 1:
        return xs.unsqueeze(1), ys
    t = torch.arange(xs.shape[0])
    # xs == 0 exactly where a word starts (no word contains the marker), so the number of
    # the word's characters before each target is its distance to the last such start.
    start = torch.cummax(torch.where(xs == 0, t, 0), dim=0).values if xs.numel() else t
    pos = t - start
    cols = []
    for back in range(m, 0, -1):  # oldest first; `back` characters before the target
        if back == 1:
            cols.append(xs)
        else:
            earlier = xs[(t - (back - 1)).clamp(min=0)]
            cols.append(torch.where(pos >= back - 1, earlier, 0))
    return torch.stack(cols, dim=1), ys


def ngram_counts(words: Sequence[str], vocab: Vocab, order: int = 2) -> torch.Tensor:
    """The count table ``N``: int32, shape (V**(order-1), V).

    ``N[context_row(ctx), j]`` is how often ``itos[j]`` follows the context ``ctx``
    (``order - 1`` characters, oldest first). For ``order=2`` this is
    :func:`bigram_counts` exactly. All examples are tallied at once with
    ``torch.bincount``; ``N.view((V,) * order)`` gives the same counts indexed
    ``N[c1, c2, c3]``.
    """
    v = len(vocab)
    check_order(order, v)
    X, Y = ngram_dataset(words, vocab, order)
    return tally(context_rows(X, v), Y, v ** (order - 1), v).to(torch.int32)


def ngram_probs(N: torch.Tensor, smoothing: float = 0) -> torch.Tensor:
    """Row-normalised probabilities from an n-gram count table: float32, same shape as ``N``.

    ``smoothing`` fake counts are added to every cell first, as in :func:`bigram_probs`.
    A row with no counts at all (a context never seen, such as ``a.`` in a trigram
    table: nothing follows the end of a word) has no distribution: without smoothing it
    is all zeros, so any example with that context scores probability 0 (like an unseen
    pair), and sampling never reaches it from a seen context. Where every row has
    counts, ``order=2`` gives exactly :func:`bigram_probs` (which raises on an empty row
    instead). Negative, NaN or infinite counts or smoothing are a ``ValueError``.
    """
    _order_of_table(N, "N")
    return normalise_rows(N, smoothing)[0]


def _check_table(P: torch.Tensor, vocab: Vocab, order: int) -> None:
    """Raise a ``ValueError`` unless ``P`` is an order-``order`` table of probabilities over ``vocab``."""
    v = len(vocab)
    check_order(order, v)
    shape = (v ** (order - 1), v)
    if tuple(P.shape) != shape:
        raise ValueError(
            f"P must have shape {shape} for an order-{order} model over {v} characters, got {tuple(P.shape)}"
        )
    check_entries(P)


def ngram_sample(
    P: torch.Tensor,
    vocab: Vocab,
    n: int,
    generator: torch.Generator,
    order: int = 2,
    max_len: int = 100,
) -> list[str]:
    """Sample ``n`` words from the n-gram table ``P`` (shape (V**(order-1), V)), without markers.

    The walk starts at the all-marker context (row 0), draws the next index with
    ``torch.multinomial(P[row], 1, replacement=True, generator=generator)``, shifts it
    into the context, and stops when the marker comes out. For ``order=2`` it makes the
    same draws as :func:`sample_names`, so the same generator state gives the same
    words. A walk cut off at ``max_len`` characters gives a ``SamplingWarning``; a walk
    that reaches a context with no probabilities (an unsmoothed row never seen in
    training) is a ``ValueError``.
    """
    check_sampling_args(n, max_len, generator)
    _check_table(P, vocab, order)
    return walk(P, vocab, n, generator, max_len, order)


def ngram_score(words: Sequence[str], P: torch.Tensor, vocab: Vocab, order: int = 2) -> Score:
    """Score ``words`` under the n-gram table ``P``: a :class:`Score` with ``n`` examples.

    Computed as :func:`score` computes it (float32 probabilities, ``torch.log`` of each,
    logs added in order as Python floats), so ``order=2`` gives the same ``Score``.
    ``pairs[k]`` is the example as a string of ``order`` characters: context then next
    character (``".em"`` is ``.e -> m``). A probability of 0 makes the loss ``inf``. A
    character outside the vocabulary is a ``ValueError`` naming the word and the
    character; so is an empty list of words.
    """
    if len(words) == 0:
        raise ValueError("no words to score; pass at least one word")
    _check_table(P, vocab, order)
    X, Y = ngram_dataset(words, vocab, order)
    itos = vocab.itos
    columns = [[itos[i] for i in col] for col in X.T.tolist()]
    columns.append([itos[i] for i in Y.tolist()])
    labels = ["".join(chars) for chars in zip(*columns, strict=True)]
    return score_rows(P, context_rows(X, len(vocab)), Y, labels)


def ngram_init_weights(vocab_size: int, generator: torch.Generator, order: int = 2) -> torch.Tensor:
    """Random weights ``W``: float32, shape ((order-1) * V, V), standard normal, ``requires_grad=True``.

    Rows ``k*V .. k*V + V - 1`` are the weights of the k-th context character (oldest
    first). ``order=2`` draws exactly :func:`init_weights`' matrix from the same generator.
    """
    check_int(vocab_size, "vocab_size", 1)
    check_order(order, vocab_size)
    if not isinstance(generator, torch.Generator):
        raise TypeError("generator must be a torch.Generator (e.g. torch.Generator().manual_seed(42))")
    return torch.randn(((order - 1) * vocab_size, vocab_size), generator=generator, requires_grad=True)


def _check_examples(W: torch.Tensor, X: torch.Tensor, Y: torch.Tensor) -> tuple[int, int]:
    """Check a training set against ``W``; return ``(V, order - 1)``."""
    if W.dim() != 2 or W.shape[1] == 0:
        raise ValueError(f"W must be a 2-D ((order-1)*V, V) matrix, got shape {tuple(W.shape)}")
    if X.dim() != 2 or Y.dim() != 1 or X.shape[0] != Y.shape[0] or X.shape[1] == 0:
        raise ValueError(
            f"X must be 2-D (P, order-1) and Y 1-D (P,), got shapes {tuple(X.shape)} and {tuple(Y.shape)} "
            "(ngram_dataset makes them)"
        )
    v, m = W.shape[1], X.shape[1]
    if W.shape[0] != m * v:
        raise ValueError(
            f"W has shape {tuple(W.shape)}, but X holds {m} context character(s) over V={v}: "
            f"W needs shape ({m * v}, {v})"
        )
    check_indices(X, Y, v, ("X", "Y"), examples="examples", indexing="characters")
    return v, m


def ngram_neural_loss(W: torch.Tensor, X: torch.Tensor, Y: torch.Tensor, reg: float = 0.0) -> torch.Tensor:
    """The loss the lesson's way, for any order: a 0-dim tensor that can ``backward()``.

    ``xenc = one_hot(X).float().view(P, (order-1) * V)`` (the context's one-hot vectors
    side by side); ``logits = xenc @ W``; ``counts = logits.exp()``; ``probs = counts /
    counts.sum(1, keepdim=True)``; the loss is ``-probs[range(P), Y].log().mean() + reg *
    (W**2).mean()``. For ``order=2`` it is :func:`neural_loss` exactly.
    """
    v, m = _check_examples(W, X, Y)
    check_reg(reg)
    xenc = F.one_hot(X, num_classes=v).float().view(X.shape[0], m * v)
    return forward_loss(xenc, W, Y, reg)


def _context_logits(W: torch.Tensor, m: int, v: int) -> torch.Tensor:
    """Logits for every context, shape (V**m, V): the sum of one row of each of W's m blocks."""
    logits = W[:v] if m > 1 else W
    for k in range(1, m):
        block = W[k * v : (k + 1) * v]
        logits = (logits.unsqueeze(1) + block.unsqueeze(0)).reshape(-1, v)
    return logits


def ngram_neural_probs(W: torch.Tensor, order: int = 2) -> torch.Tensor:
    """The network's n-gram table: shape (V**(order-1), V), the softmax of the logits of every context.

    Row ``context_row(ctx)`` is what the network predicts after ``ctx``, so the table
    can be sampled and scored like the counting model's. ``order=2`` is
    :func:`neural_probs` exactly.
    """
    check_order(order)
    if W.dim() != 2 or W.shape[1] == 0 or W.shape[0] != (order - 1) * W.shape[1]:
        raise ValueError(
            f"W must have shape ((order-1)*V, V) = ({order - 1}*V, V) for order {order}, got {tuple(W.shape)}"
        )
    v = W.shape[1]
    check_order(order, v)
    with torch.no_grad():
        return neural_probs(_context_logits(W, order - 1, v))


def train_ngram_neural(
    W: torch.Tensor,
    X: torch.Tensor,
    Y: torch.Tensor,
    steps: int,
    lr: float,
    reg: float = 0.0,
    *,
    on_step: Callable[[int, float], None] | None = None,
) -> list[float]:
    """Full-batch gradient descent on ``W`` in place, for any order; return the loss before each step.

    Gives the losses of the lesson's loop (:func:`ngram_neural_loss`, ``backward``,
    ``W.data += -lr * W.grad``) within float rounding, and for ``order=2`` exactly what
    :func:`train_neural` gives: it trains from the count table ``C`` (V**(order-1), V)
    of the examples, as :mod:`bigram_helpers.neural` derives, and only contexts that
    occur enter the sums, so a step costs at most V**order work, not P*(order-1)*V.
    ``W`` keeps its dtype, and after each step ``W.grad`` holds the gradient just used,
    as after ``backward()``.

    ``on_step(step, loss)`` is called after each step (for a progress bar). A non-finite
    loss or weight stops training with a ``FloatingPointError`` naming the step.
    """
    v, m = _check_examples(W, X, Y)
    counts = tally(context_rows(X, v), Y, v**m, v)
    return train_ngram_neural_counts(W, counts, steps, lr, reg, on_step=on_step)


def train_ngram_neural_counts(
    W: torch.Tensor, counts: torch.Tensor, steps: int, lr: float, reg: float = 0.0, *, on_step: OnStep = None
) -> list[float]:
    """:func:`train_ngram_neural` from the count table of the examples instead of the examples.

    ``counts`` is the (V**(order-1), V) table :func:`ngram_counts` makes of the training
    words, any integer dtype; ``W`` has shape ((order-1)*V, V). The result is exactly
    what :func:`train_ngram_neural` gives on those words' ``(X, Y)``: the loss and its
    gradient only ever read the counts (derived in :mod:`bigram_helpers.neural`), so a
    step costs the same for ten words or ten million.
    """
    if W.dim() != 2 or W.shape[1] == 0 or W.shape[0] % W.shape[1]:
        raise ValueError(f"W must be a 2-D ((order-1)*V, V) matrix, got shape {tuple(W.shape)}")
    v, m = W.shape[1], W.shape[0] // W.shape[1]
    check_order(m + 1, v)
    if tuple(counts.shape) != (v**m, v) or counts.is_floating_point():
        raise ValueError(
            f"counts must be an integer ({v**m}, {v}) table for W of shape {tuple(W.shape)}, "
            f"got {counts.dtype} {tuple(counts.shape)}"
        )
    n = int(counts.sum())
    if n == 0 or bool((counts < 0).any()):
        raise ValueError("counts must be >= 0 and count at least one example")
    counts = counts.double()
    loss_and_grad = table_loss_and_grad(counts, n) if m == 1 else _ngram_loss_and_grad(counts, n, m, v)
    return descend(W, loss_and_grad, steps, lr, reg, on_step=on_step)


def _ngram_loss_and_grad(counts: torch.Tensor, n: int, m: int, v: int) -> LossAndGrad:
    """Order 3 and up: the same sums over the contexts that occur (the others weigh nothing).

    Laid out transposed, (V, S) for S contexts, so that each softmax sums down a column.
    ``onehot`` (S, m*V) marks each context's characters in W's blocks; ``onehot.T`` adds a
    per-context gradient into the blocks, and ``counts.T @ onehot`` is how often each
    block row meets each next character (the data term of the loss, ``sum(C * logits)``).
    """
    totals = counts.sum(1)
    contexts = (totals > 0).nonzero().flatten()
    counts_t = counts[contexts].T.contiguous() / n  # (V, S)
    totals_t = totals[contexts].unsqueeze(0) / n  # (1, S)
    cols, rest = [], contexts
    for k in reversed(range(m)):  # the context's characters, as rows of W (columns of W.T)
        cols.append(rest % v + k * v)
        rest = rest // v
    onehot = sum(F.one_hot(c, m * v).double() for c in cols)  # (S, m*V)
    data = counts_t @ onehot  # (V, m*V)

    def loss_and_grad(w: torch.Tensor) -> tuple[float, torch.Tensor]:
        logits = w.index_select(0, cols[0])  # (S, V): gather rows, then lay them out as (V, S)
        for c in cols[1:]:
            logits += w.index_select(0, c)
        logits = logits.T.contiguous()
        top = logits.amax(0, keepdim=True)
        e = logits.sub_(top).exp_()
        z = e.sum(0, keepdim=True)
        loss_value = ((totals_t * (top + z.log())).sum() - (data * w.T).sum()).item()
        grad_logits = e.mul_(totals_t / z).sub_(counts_t)  # (V, S): softmax * total - counts, / n
        return loss_value, (grad_logits @ onehot).T

    return loss_and_grad
