"""Sampling: making more words by walking the probability table.

Lesson step 3: start at the marker, draw the next character from that character's
row of ``P``, and keep going until the marker comes out again. (:func:`walk` takes an
``order`` so that ``ngram.py`` can reuse the same loop with rows for longer contexts.)
"""

from __future__ import annotations

import warnings

import torch

from .data import Vocab
from .shared import check_int

__all__ = ["SamplingWarning", "check_probs", "sample_names"]


class SamplingWarning(UserWarning):
    """A sampled walk was cut off at ``max_len`` before it reached the end marker."""


def check_probs(P: torch.Tensor, vocab: Vocab) -> None:
    """Raise a ``ValueError`` unless ``P`` is a (V, V) table of finite, non-negative rows with mass."""
    v = len(vocab)
    if P.dim() != 2 or tuple(P.shape) != (v, v):
        raise ValueError(f"P must have shape ({v}, {v}) to match the vocabulary, got {tuple(P.shape)}")
    check_entries(P)
    dead = (P.sum(1) <= 0).nonzero().flatten().tolist()
    if dead:
        names = [vocab.itos[i] for i in dead]
        raise ValueError(f"row(s) of P for {names} sum to 0; every row needs some probability")


def check_entries(P: torch.Tensor) -> None:
    """Raise a ``ValueError`` unless ``P`` is a float tensor of finite, non-negative entries."""
    if not P.is_floating_point():
        raise ValueError(f"P must hold probabilities (a float tensor), got dtype {P.dtype}")
    if not bool(torch.isfinite(P).all()) or bool((P < 0).any()):
        raise ValueError("P holds NaN, infinite or negative entries; it must hold probabilities")


def sample_names(
    P: torch.Tensor,
    vocab: Vocab,
    n: int,
    generator: torch.Generator,
    max_len: int = 100,
) -> list[str]:
    """Sample ``n`` words from the bigram table ``P`` (shape (V, V)), without the end marker.

    Each walk starts at index 0 (the marker) and draws the next index with
    ``torch.multinomial(P[ix], 1, replacement=True, generator=generator)``, one draw a
    step, exactly as the lesson's loop does, so the same generator state gives the same
    words. A walk that has produced ``max_len`` characters without reaching the marker
    is cut off there and a ``SamplingWarning`` says so: a table whose rows never lead
    back to the marker cannot make the loop hang.
    """
    check_sampling_args(n, max_len, generator)
    check_probs(P, vocab)
    return walk(P, vocab, n, generator, max_len)


def walk(
    P: torch.Tensor, vocab: Vocab, n: int, generator: torch.Generator, max_len: int, order: int = 2
) -> list[str]:
    """The sampling loop: ``n`` walks through the rows of ``P``, a row per ``order - 1`` last characters."""
    v = len(vocab)
    contexts = v ** (order - 1)  # rows of P; for the bigram (order 2) a row is just the last character
    alive = (P.sum(1) > 0).tolist()
    names: list[str] = []
    cut = 0
    for _ in range(n):
        out: list[str] = []
        row = 0  # the marker (for longer contexts: all markers), where every word starts
        while True:
            if not alive[row]:  # only an n-gram table can get here: check_probs rejects empty rows
                context = (vocab.marker * (order - 1) + "".join(out))[-(order - 1) :]
                raise ValueError(
                    f"the walk reached the context {context!r}, whose row of P "
                    "has no probabilities (it was never seen in training); smooth the counts "
                    "(smoothing > 0) to sample from such a model"
                )
            ix = torch.multinomial(P[row], num_samples=1, replacement=True, generator=generator).item()
            if ix == 0:
                break
            out.append(vocab.itos[ix])
            if len(out) >= max_len:
                cut += 1
                break
            # drop the oldest character, add the new one: context_rows' layout, one step at a time
            row = (row * v + ix) % contexts
        names.append("".join(out))
    if cut:
        words, were = ("word", "was") if cut == 1 else ("words", "were")
        warnings.warn(
            f"{cut} of {n} sampled {words} reached max_len={max_len} without the end marker "
            f"and {were} cut off; the table may never lead back to the marker",
            SamplingWarning,
            stacklevel=3,  # the caller of sample_names or ngram_sample
        )
    return names


def check_sampling_args(n: int, max_len: int, generator: torch.Generator) -> None:
    """Raise unless ``n`` and ``max_len`` are positive ints and ``generator`` is a ``torch.Generator``."""
    check_int(n, "n (how many words to sample)", 1)
    check_int(max_len, "max_len", 1)
    if not isinstance(generator, torch.Generator):
        raise TypeError("generator must be a torch.Generator (e.g. torch.Generator().manual_seed(42))")
