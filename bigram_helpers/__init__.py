"""Helpers for the makemore-bigram notebooks: the tested, reusable version of each lesson step.

The package has three rooms.

**The lesson**, one module per step, in lesson order (what the notebooks import):
``data`` (words and vocabulary), ``counting`` (pair counts and probabilities),
``plotting`` (the heatmap), ``sampling`` (making more words), ``evaluation``
(likelihood and loss: ``score``, ``mean_nll``), ``neural`` (the one-layer
network, its ``softmax``, and training from the count table), ``ngram`` (all of it for
longer contexts: the trigram and up). ``shared`` holds what they all use, without
torch: the argument guards, the table layout (``check_order``, ``context_rows``), a
count table's probabilities (``count_probs``), the loss of a table of examples
(``table_nll``) and the lesson's seed ``LESSON_SEED``.

**The command line**, ``bigram_helpers.cli`` (``makemore-bigram``, ``python -m
bigram_helpers``): parsing, the verbs as library calls, the streaming corpus and the
model file format; see its docstring.

**Course plumbing**, for the series rather than the model: ``notebook`` (every
notebook's set-up cell: ``start_notebook``) and ``fetch`` (download and verify
``names.txt``). The exercises of notebook 05 are ``bigram_helpers.exercises``.

Every name below is importable from the package itself (``from bigram_helpers import
sample_names``); each is loaded from its module on first use, so that importing the
package does not load NumPy or torch, nor the command line torch, until a name needs it.
"""

from __future__ import annotations

import importlib
from typing import Any

# name -> the module (relative to this package) that defines it
_WHERE = {
    "LESSON_SEED": "shared",
    "Vocab": "data",
    "build_vocab": "data",
    "load_words": "data",
    "bigram_counts": "counting",
    "bigram_probs": "counting",
    "count_bigrams": "counting",
    "plot_bigram_heatmap": "plotting",
    "SamplingWarning": "sampling",
    "sample_names": "sampling",
    "Score": "evaluation",
    "mean_nll": "evaluation",
    "score": "evaluation",
    "table_nll": "shared",
    "bigram_dataset": "neural",
    "init_weights": "neural",
    "neural_loss": "neural",
    "neural_probs": "neural",
    "softmax": "neural",
    "train_neural": "neural",
    "context_row": "ngram",
    "ngram_counts": "ngram",
    "ngram_dataset": "ngram",
    "ngram_init_weights": "ngram",
    "ngram_neural_loss": "ngram",
    "ngram_neural_probs": "ngram",
    "ngram_probs": "ngram",
    "ngram_sample": "ngram",
    "ngram_score": "ngram",
    "train_ngram_neural": "ngram",
    "train_ngram_neural_counts": "ngram",
    "check_order": "shared",
    "context_rows": "shared",
    "count_probs": "shared",
    "Model": "cli.model",
    "ModelFileError": "cli.model",
    "is_model_file": "cli.model",
    "load_model": "cli.model",
    "save_model": "cli.model",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'bigram_helpers' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
