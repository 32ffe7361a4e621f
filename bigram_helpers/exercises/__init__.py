"""Checks for notebook 05's exercises: try first, then find out alone whether the answer is right.

One module per exercise, ``ex1`` to ``ex6``, each holding its references, judges, hints,
solutions and mistake codes together; each part is a :class:`~.core.Part` reached as
``exN.part`` (``from bigram_helpers.exercises import ex1``), and :mod:`.core` holds the
machinery they share (``Part``, ``Result``, the answer readers and the tolerances):

- ``ex1.counts.check(N3)`` prints one line: correct (with the number that shows it),
  not attempted yet (the answer is still the placeholder ``...``), a specific message
  for a mistake the answer shows, or a "not yet" that says concretely what differs.
  It never raises.
- ``ex1.counts.hint()`` prints the first hint, ``hint(2)`` the second, and so on; a
  hint's code runs where the answer cell is.
- ``ex1.counts.solution()`` prints the reference code, ready to paste into the answer
  cell: the source of the functions the tests run and check, and the line that uses them.
- ``ex1.counts.result(N3)`` returns a :class:`Result` (``status``, ``code``, ``message``)
  without printing; the tests read it.

The exercises, their parts and the inputs the notebook gives:

1. a trigram model (``words``, ``vocab``): ``counts``, ``probs``, ``loss``, ``network``
   (``ex1.network.check(W3, trigram_nn_loss)``: the forward pass, then the weights);
2. train/dev/test (``words``): ``split``, a function ``split_names(words, seed)``;
3. choosing smoothing (the split of :func:`given_split`): ``sweep``, ``smoothing``, ``test_loss``;
4. ``W[xs]`` (the seeded ``W`` of :func:`given_weights`): ``logits``, ``grad``;
5. ``F.cross_entropy`` (those logits): ``loss``, ``stable``, a function ``stable_nll(logits, ys)``;
6. training all the way (the same ``W``): ``weights``.
"""

from __future__ import annotations

from . import ex1, ex2, ex3, ex4, ex5, ex6
from .core import CORRECT, GENERIC_CODES, INCORRECT, MISTAKE, NOT_ATTEMPTED, SEED, Part, Result, given_weights
from .ex1 import NETWORK_TARGET, trigram_counts, trigram_loss, trigram_network, trigram_nn_loss, trigram_probs
from .ex2 import SPLIT_SEED, given_split, split_names
from .ex3 import SMOOTHINGS
from .ex5 import stable_nll
from .ex6 import train_to_optimum

__all__ = [
    "CORRECT",
    "GENERIC_CODES",
    "INCORRECT",
    "MISTAKE",
    "NETWORK_TARGET",
    "NOT_ATTEMPTED",
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

EXERCISES = (ex1, ex2, ex3, ex4, ex5, ex6)


def all_parts() -> list[Part]:
    """Every part of every exercise, in order."""
    return [p for ex in EXERCISES for p in ex.PARTS.values()]
