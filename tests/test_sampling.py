"""Sampling: the seeded multinomial demo and the walk that makes more names."""

from __future__ import annotations

import warnings

import pytest
import torch
from lesson_reference import SEED, lesson_sample

from bigram_helpers import SamplingWarning, bigram_probs, build_vocab, sample_names


def test_seeded_multinomial_demo():
    g = torch.Generator().manual_seed(SEED)
    p = torch.rand(3, generator=g)
    p = p / p.sum()
    assert [round(x, 4) for x in p.tolist()] == [0.6064, 0.3033, 0.0903]
    draws = torch.multinomial(p, num_samples=100, replacement=True, generator=g)
    assert torch.bincount(draws, minlength=3).tolist() == [61, 33, 6]


def test_more_draws_come_closer():
    g = torch.Generator().manual_seed(SEED)
    p = torch.rand(3, generator=g)
    p = p / p.sum()
    errors = []
    for n in (100, 10_000, 1_000_000):
        draws = torch.multinomial(p, num_samples=n, replacement=True, generator=g)
        errors.append(float((torch.bincount(draws, minlength=3) / n - p).abs().max()))
    assert errors[2] < errors[1] < errors[0]
    assert errors[2] < 2e-3


def test_same_names_as_the_lessons_loop(N, vocab):
    P = bigram_probs(N)
    expected = lesson_sample(P, vocab.itos, 20, torch.Generator().manual_seed(SEED))
    got = sample_names(P, vocab, 20, torch.Generator().manual_seed(SEED))
    assert got == expected
    assert len(got) == 20


def test_generator_state_carries_on(N, vocab):
    P = bigram_probs(N, smoothing=1)
    g = torch.Generator().manual_seed(SEED)
    first, second = sample_names(P, vocab, 5, g), sample_names(P, vocab, 5, g)
    assert first + second == sample_names(P, vocab, 10, torch.Generator().manual_seed(SEED))


def test_names_use_only_vocabulary_characters(N, vocab):
    names = sample_names(bigram_probs(N, smoothing=1), vocab, 200, torch.Generator().manual_seed(1))
    for name in names:
        assert "." not in name
        assert set(name) <= set(vocab.itos[1:])


def test_max_len_stops_a_walk_that_never_ends():
    v = build_vocab(["ab"])
    # '.' -> 'a' -> 'b' -> 'a' -> ... the marker never comes back
    P = torch.tensor([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    cut = r"2 of 2 sampled words reached max_len=7 without the end marker and were cut off"
    with pytest.warns(SamplingWarning, match=cut):
        names = sample_names(P, v, 2, torch.Generator().manual_seed(0), max_len=7)
    assert names == ["abababa", "abababa"]
    with pytest.warns(SamplingWarning, match=r"^1 of 1 sampled word reached max_len=7 .* and was cut off"):
        sample_names(P, v, 1, torch.Generator().manual_seed(0), max_len=7)


def test_no_warning_when_walks_end(N, vocab):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sample_names(bigram_probs(N), vocab, 50, torch.Generator().manual_seed(0))


@pytest.mark.parametrize("n", [0, -3, 2.5, True])
def test_bad_n(N, vocab, n):
    with pytest.raises(ValueError, match=r"n .*positive int"):
        sample_names(bigram_probs(N), vocab, n, torch.Generator())


def test_bad_generator_and_table(N, vocab):
    P = bigram_probs(N)
    with pytest.raises(TypeError, match=r"torch\.Generator"):
        sample_names(P, vocab, 1, 42)
    with pytest.raises(ValueError, match=r"shape \(27, 27\)"):
        sample_names(P[:5], vocab, 1, torch.Generator())
    bad = P.clone()
    bad[3, 3] = float("nan")
    with pytest.raises(ValueError, match="NaN"):
        sample_names(bad, vocab, 1, torch.Generator())
    dead = P.clone()
    dead[5] = 0
    with pytest.raises(ValueError, match=r"\['e'\] sum to 0"):
        sample_names(dead, vocab, 1, torch.Generator())
    with pytest.raises(ValueError, match="float"):
        sample_names(N, vocab, 1, torch.Generator())
