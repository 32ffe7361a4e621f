"""Judging a model: the likelihood it gives the data, and the loss built from it.

Lesson step 3: multiply the probabilities of every pair (the likelihood), or rather
add their logs (the log-likelihood); negate it (NLL) and divide by the number of
pairs (average NLL, the loss). Lower is better; uniform guessing over V characters
scores ``log(V)`` per pair. (``ngram.py`` scores longer contexts with :func:`score_rows`.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch

from .data import Vocab, pair_indices
from .sampling import check_probs

__all__ = ["Score", "score"]


@dataclass(frozen=True)
class Score:
    """How well a probability table explains some words.

    ``pairs[k]`` is the k-th pair as a two-character string (``".e"``), ``probs[k]``
    the probability the model gives it and ``log_probs[k]`` its log; all three have
    length ``n``, the number of pairs. ``log_likelihood`` is the sum of ``log_probs``,
    ``nll`` its negative and ``mean_nll = nll / n`` the loss. A pair of probability 0
    makes ``log_likelihood`` ``-inf`` and the loss ``inf``.
    """

    pairs: list[str]
    probs: list[float]
    log_probs: list[float]
    log_likelihood: float
    nll: float
    mean_nll: float
    n: int


def score(words: Sequence[str], P: torch.Tensor, vocab: Vocab) -> Score:
    """Score ``words`` under the bigram table ``P`` (float, shape (V, V)).

    Computed the way the lesson computes it, so its figures come out exactly: each
    pair's probability ``P[i, j]`` is a float32 scalar, its log is ``torch.log`` of that
    scalar, and the logs are added one by one as Python floats, in order. (Each
    distinct pair's log is computed once and reused, which gives the same floats.) A
    character outside the vocabulary is a ``ValueError`` naming the word and the
    character; an empty list of words is a ``ValueError`` too (there is nothing to
    average).
    """
    if len(words) == 0:
        raise ValueError("no words to score; pass at least one word")
    check_probs(P, vocab)
    xs, ys = pair_indices(words, vocab)
    itos = vocab.itos
    pairs = [itos[a] + itos[b] for a, b in zip(xs.tolist(), ys.tolist(), strict=True)]
    return score_rows(P, xs, ys, pairs)


def score_rows(P: torch.Tensor, rows: torch.Tensor, ys: torch.Tensor, labels: list[str]) -> Score:
    """The :class:`Score` of examples ``P[rows[k], ys[k]]`` named ``labels[k]``, summed the lesson's way."""
    flat = P.reshape(-1)
    distinct, inverse = torch.unique(rows * P.shape[1] + ys, return_inverse=True)
    prob_of = [flat[k] for k in distinct.tolist()]  # 0-dim tensors, like P[ix1, ix2]
    log_of = [torch.log(p).item() for p in prob_of]
    prob_of_f = [p.item() for p in prob_of]
    which = inverse.tolist()
    log_probs = [log_of[k] for k in which]
    log_likelihood = 0.0
    for lp in log_probs:  # plain left-to-right sum, as the lesson's loop does it
        log_likelihood += lp
    n = len(log_probs)
    nll = -log_likelihood
    return Score(
        pairs=labels,
        probs=[prob_of_f[k] for k in which],
        log_probs=log_probs,
        log_likelihood=log_likelihood,
        nll=nll,
        mean_nll=nll / n,
        n=n,
    )
