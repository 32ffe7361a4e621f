"""Checks for notebook 05's exercises: try first, then find out alone whether the answer is right.

One module per exercise, ``ex1`` to ``ex6``, each part reached as ``exN.part`` (``ex1.counts``):
``check(answer)`` prints one line and never raises, ``hint(n)`` and ``solution()`` print help,
``result(answer)`` returns the :class:`Result` the tests read. :mod:`.core` documents the part
contract and holds the one judge every part goes through.
"""

from __future__ import annotations

from . import ex1, ex2, ex3, ex4, ex5, ex6
from .core import (
    CORRECT,
    INCORRECT,
    MISTAKE,
    NOT_ATTEMPTED,
    SAYS,
    SEED,
    SPLIT_SEED,
    Part,
    Result,
    given_split,
    given_weights,
)
from .ex1 import NETWORK_TARGET, trigram_counts, trigram_loss, trigram_network, trigram_nn_loss, trigram_probs
from .ex2 import split_names
from .ex3 import SMOOTHINGS
from .ex5 import stable_nll
from .ex6 import train_to_optimum

__all__ = [
    "CORRECT",
    "INCORRECT",
    "MISTAKE",
    "NETWORK_TARGET",
    "NOT_ATTEMPTED",
    "SAYS",
    "SEED",
    "SMOOTHINGS",
    "SPLIT_SEED",
    "Part",
    "Result",
    "all_parts",
    "ex1",
    "ex2",
    "ex3",
    "ex4",
    "ex5",
    "ex6",
    "given_split",
    "given_weights",
    "split_names",
    "stable_nll",
    "train_to_optimum",
    "trigram_counts",
    "trigram_loss",
    "trigram_network",
    "trigram_nn_loss",
    "trigram_probs",
]


def all_parts() -> list[Part]:
    """Every part of every exercise, in order."""
    return [p for ex in (ex1, ex2, ex3, ex4, ex5, ex6) for p in ex.PARTS.values()]
