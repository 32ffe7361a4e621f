"""Sampling: making more words by walking the probability table.

Lesson step 3: start at the marker, draw the next character from that character's
row of ``P``, and keep going until the marker comes out again.
"""

from __future__ import annotations

import warnings

import torch

from .data import Vocab

__all__ = ["SamplingWarning", "check_probs", "sample_names"]


class SamplingWarning(UserWarning):
    """A sampled walk was cut off at ``max_len`` before it reached the end marker."""


def check_probs(P: torch.Tensor, vocab: Vocab) -> None:
    """Raise a ``ValueError`` unless ``P`` is a (V, V) table of finite, non-negative rows with mass."""
    v = len(vocab)
    if P.dim() != 2 or tuple(P.shape) != (v, v):
        raise ValueError(f"P must have shape ({v}, {v}) to match the vocabulary, got {tuple(P.shape)}")
    if not P.is_floating_point():
        raise ValueError(f"P must hold probabilities (a float tensor), got dtype {P.dtype}")
    if not bool(torch.isfinite(P).all()) or bool((P < 0).any()):
        raise ValueError("P holds NaN, infinite or negative entries; it must hold probabilities")
    dead = (P.sum(1) <= 0).nonzero().flatten().tolist()
    if dead:
        names = [vocab.itos[i] for i in dead]
        raise ValueError(f"row(s) of P for {names} sum to 0; every row needs some probability")


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
    if isinstance(n, bool) or not isinstance(n, int) or n <= 0:
        raise ValueError(f"n (how many words to sample) must be a positive int, got {n!r}")
    if isinstance(max_len, bool) or not isinstance(max_len, int) or max_len <= 0:
        raise ValueError(f"max_len must be a positive int, got {max_len!r}")
    if not isinstance(generator, torch.Generator):
        raise TypeError("generator must be a torch.Generator (e.g. torch.Generator().manual_seed(42))")
    check_probs(P, vocab)
    names: list[str] = []
    cut = 0
    for _ in range(n):
        out: list[str] = []
        ix = 0
        while True:
            ix = torch.multinomial(P[ix], num_samples=1, replacement=True, generator=generator).item()
            if ix == 0:
                break
            out.append(vocab.itos[ix])
            if len(out) >= max_len:
                cut += 1
                break
        names.append("".join(out))
    if cut:
        warnings.warn(
            f"{cut} of {n} sampled word(s) reached max_len={max_len} without the end marker "
            "and were cut off; the table may never lead back to the marker",
            SamplingWarning,
            stacklevel=2,
        )
    return names
