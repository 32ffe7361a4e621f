"""Shared fixtures: the real names.txt and the objects every lesson step builds from it."""

from __future__ import annotations

import pytest
import torch
from lesson_reference import NAMES

from bigram_helpers import bigram_counts, build_vocab, load_words

# One torch thread, as the notebooks run under nbval. On two cores shared with other work,
# a second thread that waits for a busy core makes small tensor operations several times
# slower (the lesson's one-hot loop here: 34 ms a step with one thread, 208 ms with two).
torch.set_num_threads(1)


@pytest.fixture(scope="session")
def words() -> list[str]:
    if not NAMES.is_file():
        pytest.fail(f"{NAMES} is missing: run `python dev.py data` (the tests check the figures on it)")
    return load_words(NAMES)


@pytest.fixture(scope="session")
def vocab(words):
    return build_vocab(words)


@pytest.fixture(scope="session")
def N(words, vocab) -> torch.Tensor:
    return bigram_counts(words, vocab)


@pytest.fixture(scope="session")
def lesson_stoi() -> dict[str, int]:
    """The lesson's mapping, written out independently of build_vocab."""
    stoi = {chr(ord("a") + i): i + 1 for i in range(26)}
    stoi["."] = 0
    return stoi
