"""Counting bigrams: how often each character follows each other character.

Lesson step 1 counts pairs twice: first in a plain dict (easy to read), then in a
V x V integer tensor ``N`` whose row is the first character and column the second.
Step 3 turns the rows of ``N`` into probability distributions. (``ngram.py`` counts
and normalises longer contexts with :func:`tally` and :func:`normalise_rows`.)
"""

from __future__ import annotations

from collections.abc import Sequence

import torch

from .data import Vocab, framed, pair_indices
from .shared import count_probs

__all__ = ["bigram_counts", "bigram_probs", "count_bigrams"]


def count_bigrams(words: Sequence[str], marker: str = ".") -> dict[tuple[str, str], int]:
    """Count character pairs in a plain dict: ``{(ch1, ch2): count}``.

    Each word is framed by ``marker`` first, so ``emma`` contributes ``.e em mm ma a.``:
    the pairs that start and end a word are examples too. Keys appear in the order they
    were first seen; sort by value for the most common pairs.
    """
    counts: dict[tuple[str, str], int] = {}
    for pair in framed(words, marker):
        counts[pair] = counts.get(pair, 0) + 1
    return counts


def bigram_counts(words: Sequence[str], vocab: Vocab) -> torch.Tensor:
    """The count matrix ``N``: int32, shape (V, V), ``N[i, j]`` = times ``itos[j]`` follows ``itos[i]``.

    Row 0 counts how each word starts, column 0 how each word ends. All pairs are
    turned into flat indices ``i * V + j`` at once and tallied with ``torch.bincount``,
    so there is no Python-level tensor write per pair (the lesson's loop does one).
    """
    xs, ys = pair_indices(words, vocab)
    v = len(vocab)
    return tally(xs, ys, v, v).to(torch.int32)


def tally(rows: torch.Tensor, ys: torch.Tensor, n_rows: int, v: int) -> torch.Tensor:
    """Tally examples (row ``rows[k]``, next character ``ys[k]``) into an int64 (n_rows, v) table at once."""
    return torch.bincount(rows * v + ys, minlength=n_rows * v).view(n_rows, v)


def bigram_probs(N: torch.Tensor, smoothing: float = 0) -> torch.Tensor:
    """Row-normalised probabilities from counts: float32, shape (V, V), each row sums to 1.

    ``smoothing`` fake counts are added to every cell first (``smoothing=1`` is the
    lesson's ``N + 1``), so that no pair has probability zero. ``P[i]`` is the
    distribution of the character after ``itos[i]``. A negative or non-finite
    smoothing is a ``ValueError``; so is a row with no counts and no smoothing (it has
    no distribution to normalise to, and would silently be NaN).
    """
    if N.dim() != 2 or N.shape[0] != N.shape[1]:
        raise ValueError(f"N must be a square (V, V) matrix of counts, got shape {tuple(N.shape)}")
    P, no_counts = normalise_rows(N, smoothing)
    empty = no_counts.nonzero().flatten().tolist()
    if empty:
        raise ValueError(
            f"row(s) {empty} of N have no counts, so they have no probabilities; "
            "pass smoothing > 0, or build N from data in which those characters occur "
            "before another character"
        )
    return P


def normalise_rows(N: torch.Tensor, smoothing: float) -> tuple[torch.Tensor, torch.Tensor]:
    """Float32 ``(N + smoothing) / row sums`` and a mask of the empty rows, as torch tensors.

    The arithmetic is :func:`~bigram_helpers.shared.count_probs`' (in NumPy, so the command
    line shares it without loading torch).
    """
    P, empty = count_probs(N, smoothing)
    return torch.from_numpy(P), torch.from_numpy(empty)
