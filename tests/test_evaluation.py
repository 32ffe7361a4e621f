"""Scoring: likelihood, NLL and average NLL against the lesson's figures."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from lesson_reference import FLOAT32_LOGS, exact_nll, lesson_log_likelihood

from bigram_helpers import bigram_probs, build_vocab, ngram_score, score

# The curriculum's figures were made on an older torch. torch 2.13.0 computes one
# float32 log of the first three names one rounding step (ulp, 4.8e-7 at |log p| ~ 4.4)
# differently, so the documented doubles are checked to 1e-6, while the helper is
# checked bit for bit against the lesson's loop run here.
DOC_TOL = 1e-6


@pytest.fixture(scope="module")
def P(N):
    return bigram_probs(N)


@pytest.fixture(scope="module")
def P1(N):
    return bigram_probs(N, smoothing=1)


def test_first_three_names_pair_by_pair(words, P, vocab):
    s = score(words[:3], P, vocab)
    assert s.n == 16
    assert s.pairs[:6] == [".e", "em", "mm", "ma", "a.", ".o"]
    assert [round(p, 4) for p in s.probs[:6]] == [0.0478, 0.0377, 0.0253, 0.3899, 0.1960, 0.0123]
    # each log is a float32 log of a float32 probability: within float32 rounding of math.log
    assert all(abs(a - math.log(p)) < 1e-6 for a, p in zip(s.log_probs, s.probs, strict=True))


def test_first_three_names_exactly_as_the_lesson_computes(words, P, vocab, lesson_stoi):
    s = score(words[:3], P, vocab)
    ll, n = lesson_log_likelihood(words[:3], P, lesson_stoi)
    assert s.log_likelihood == ll  # bit for bit
    assert s.nll == -ll
    assert s.mean_nll == -ll / n


def test_first_three_names_documented_figures(words, P, vocab):
    s = score(words[:3], P, vocab)
    assert s.log_likelihood == pytest.approx(-38.785636603832245, abs=DOC_TOL)
    assert s.nll == pytest.approx(38.785636603832245, abs=DOC_TOL)
    assert s.mean_nll == pytest.approx(2.4241022877395153, abs=DOC_TOL / 16)
    assert round(s.mean_nll, 4) == 2.4241


def test_whole_data_set(words, P, vocab, lesson_stoi):
    s = score(words, P, vocab)
    assert s.n == 228146
    ll, n = lesson_log_likelihood(words, P, lesson_stoi)
    assert (s.log_likelihood, s.n) == (ll, n)
    assert round(s.mean_nll, 4) == 2.4540


def test_unseen_pair_scores_zero(P, vocab):
    s = score(["christosqj"], P, vocab)
    assert s.probs[s.pairs.index("qj")] == 0.0
    assert s.log_likelihood == -math.inf
    assert s.mean_nll == math.inf


def test_smoothing_christosqj(P1, vocab, lesson_stoi):
    s = score(["christosqj"], P1, vocab)
    assert s.n == 11
    assert s.log_likelihood == lesson_log_likelihood(["christosqj"], P1, lesson_stoi)[0]
    assert s.log_likelihood == pytest.approx(-37.32549834251404, abs=DOC_TOL)
    assert s.mean_nll == pytest.approx(3.393227122046731, abs=DOC_TOL / 11)
    assert round(s.probs[s.pairs.index("sq")], 4) == 0.0002
    assert round(s.probs[s.pairs.index("qj")], 4) == 0.0033


def test_uniform_guessing_scores_log_v():
    v = build_vocab(["abc", "cab"])
    P = torch.full((4, 4), 0.25)
    s = score(["abc", "cab"], P, v)
    assert all(p == 0.25 for p in s.probs)
    assert s.mean_nll == pytest.approx(math.log(4), rel=1e-7)
    assert round(1 / 27, 4) == 0.0370


def test_better_model_scores_lower(words, P, vocab):
    uniform = torch.full((27, 27), 1 / 27)
    assert score(words[:100], P, vocab).mean_nll < score(words[:100], uniform, vocab).mean_nll


def test_unknown_character_names_word_and_character(P, vocab):
    with pytest.raises(ValueError, match=r"word 'zoë' has character 'ë'"):
        score(["emma", "zoë"], P, vocab)


def test_no_words(P, vocab):
    with pytest.raises(ValueError, match="no words"):
        score([], P, vocab)


def test_mean_nll_and_table_nll_give_scores_loss(words, vocab, P1):
    """The lesson adds float32 logs; mean_nll and table_nll add float64 ones: equal to a float32 step."""
    from bigram_helpers import bigram_dataset, mean_nll, ngram_counts, ngram_dataset, ngram_probs, table_nll

    lesson = score(words, P1, vocab).mean_nll
    assert mean_nll(P1, *bigram_dataset(words, vocab)) == pytest.approx(lesson, rel=FLOAT32_LOGS)
    assert mean_nll(P1, *ngram_dataset(words, vocab, 2)) == pytest.approx(lesson, rel=FLOAT32_LOGS)
    P3 = ngram_probs(ngram_counts(words, vocab, 3), 1)
    X, Y = ngram_dataset(words[:50], vocab, 3)
    by_hand = -math.fsum(
        math.log(P3[a * 27 + b, y].item()) for (a, b), y in zip(X.tolist(), Y.tolist(), strict=True)
    )
    assert mean_nll(P3, X, Y) == pytest.approx(by_hand / len(Y), rel=1e-14)
    nll, n, zero = table_nll(ngram_counts(words, vocab, 3), P3)
    assert (n, zero) == (228146, 0) and nll / n == pytest.approx(
        mean_nll(P3, *ngram_dataset(words, vocab, 3)), rel=1e-15
    )


@pytest.mark.parametrize(("order", "smoothing"), [(2, 1), (2, 0.1), (3, 1), (3, 0.1)])
def test_table_nll_is_the_loss_to_float64_precision(words, vocab, order, smoothing):
    """Against Python's own logs of each example, added exactly: closer than float32 logs get."""
    from bigram_helpers import mean_nll, ngram_counts, ngram_dataset, ngram_probs, table_nll

    P = ngram_probs(ngram_counts(words, vocab, order), smoothing)
    exact, n = exact_nll(words, P, vocab.stoi, order)
    nll, m, zero = table_nll(ngram_counts(words, vocab, order), P)
    assert (m, zero) == (n, 0)
    assert nll == pytest.approx(exact, rel=1e-14)
    assert mean_nll(P, *ngram_dataset(words, vocab, order)) == pytest.approx(exact / n, rel=1e-14)
    lesson = ngram_score(words, P, vocab, order).nll  # float32 logs: about 1e-9 away on names.txt
    assert lesson != pytest.approx(exact, rel=1e-12) and lesson == pytest.approx(exact, rel=FLOAT32_LOGS)


def test_table_nll_reads_numpy_and_torch_and_counts_the_impossible():
    from bigram_helpers import table_nll

    C = np.array([[2, 0, 1], [0, 0, 0], [1, 3, 0]])
    P = np.array([[0.5, 0.5, 0.0], [1 / 3, 1 / 3, 1 / 3], [0.25, 0.75, 0.0]], dtype=np.float32)
    nll, n, zero = table_nll(C, P)
    assert (nll, n, zero) == (math.inf, 7, 1)
    P[0] = [0.5, 0.25, 0.25]
    nll, n, zero = table_nll(torch.from_numpy(C), torch.from_numpy(P).requires_grad_())
    expected = -(2 * math.log(0.5) + math.log(0.25) + math.log(0.25) + 3 * math.log(np.float32(0.75)))
    assert (n, zero) == (7, 0) and nll == pytest.approx(expected, rel=1e-15)
    with pytest.raises(ValueError, match="integer count table shaped like P"):
        table_nll(C[:2], P)


def test_mean_nll_of_an_impossible_example_is_inf_and_bad_input_is_an_error(vocab):
    from bigram_helpers import bigram_counts, bigram_probs, mean_nll, ngram_dataset, table_nll

    N = bigram_counts(["ab"], build_vocab(["ab"]))
    P = bigram_probs(N + (N.sum(1, keepdim=True) == 0))  # every row has mass; most pairs 0
    X, Y = ngram_dataset(["ba"], build_vocab(["ab"]), 2)
    assert mean_nll(P, X, Y) == math.inf
    assert table_nll(N, P)[2] == 0
    with pytest.raises(ValueError, match="X must be"):
        mean_nll(P, X, Y[:1])
    with pytest.raises(ValueError, match=r"P must be a \(V\*\*2, V\) table"):
        mean_nll(P, torch.zeros((3, 2), dtype=torch.int64), Y)
    with pytest.raises(ValueError, match="Y must hold character indices"):
        mean_nll(P, X, Y + 5)
    with pytest.raises(ValueError, match="integer count table"):
        table_nll(P, P)
