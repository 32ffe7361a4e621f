"""Helpers for the makemore-bigram notebooks: the tested, reusable version of each lesson step.

Modules, in lesson order: ``data`` (words and vocabulary), ``counting`` (pair counts and
probabilities), ``plotting`` (the heatmap), ``sampling`` (making more words),
``evaluation`` (likelihood and loss), ``neural`` (the one-layer network).
``bigram_helpers.fetch`` gets ``names.txt``.
"""

from .counting import bigram_counts, bigram_probs, count_bigrams
from .data import Vocab, build_vocab, load_words
from .evaluation import Score, score
from .model import Model, ModelFileError, is_model_file, load_model, save_model
from .neural import bigram_dataset, init_weights, neural_loss, neural_probs, train_neural
from .ngram import (
    context_row,
    ngram_counts,
    ngram_dataset,
    ngram_init_weights,
    ngram_neural_loss,
    ngram_neural_probs,
    ngram_probs,
    ngram_sample,
    ngram_score,
    train_ngram_neural,
    train_ngram_neural_counts,
)
from .plotting import plot_bigram_heatmap
from .sampling import SamplingWarning, sample_names

__all__ = [
    "Model",
    "ModelFileError",
    "SamplingWarning",
    "Score",
    "Vocab",
    "bigram_counts",
    "bigram_dataset",
    "bigram_probs",
    "build_vocab",
    "context_row",
    "count_bigrams",
    "init_weights",
    "is_model_file",
    "load_model",
    "load_words",
    "neural_loss",
    "neural_probs",
    "ngram_counts",
    "ngram_dataset",
    "ngram_init_weights",
    "ngram_neural_loss",
    "ngram_neural_probs",
    "ngram_probs",
    "ngram_sample",
    "ngram_score",
    "plot_bigram_heatmap",
    "sample_names",
    "save_model",
    "score",
    "train_neural",
    "train_ngram_neural",
    "train_ngram_neural_counts",
]
