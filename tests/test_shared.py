"""The guards and table layout every module shares (bigram_helpers.shared)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import torch

from bigram_helpers import LESSON_SEED, context_row, ngram_dataset
from bigram_helpers.shared import (
    MAX_TABLE_CELLS,
    check_int,
    check_order,
    check_real,
    context_rows,
    count_probs,
    int_in_range,
    real_in_range,
)


def test_lesson_seed_is_the_lessons():
    # the first draw of torch.Generator().manual_seed(2147483647) in the lesson's init
    W = torch.randn((27, 27), generator=torch.Generator().manual_seed(LESSON_SEED))
    assert LESSON_SEED == 2**31 - 1
    assert W[0, 0].item() == pytest.approx(1.5674, abs=1e-4)


@pytest.mark.parametrize("value", [0, -1, 1.0, True, "3", None, 2.5])
def test_check_int_refuses_what_is_not_a_positive_int(value):
    with pytest.raises(ValueError, match=r"^n must be a positive int, got "):
        check_int(value, "n", 1)


def test_check_int_limits_and_note():
    check_int(0, "steps", 0)
    with pytest.raises(ValueError, match=r"^steps must be an int >= 0, got -1$"):
        check_int(-1, "steps", 0)
    with pytest.raises(ValueError, match=r"order must be an int >= 2 \(2 = bigram, 3 = trigram\), got 1"):
        check_order(1)
    assert int_in_range(5, 2, 5) and not int_in_range(6, 2, 5) and not int_in_range(None, 0)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -0.5, True, "1", None, object()])
def test_check_real_refuses(value):
    with pytest.raises(ValueError, match=r"^reg must be a finite number >= 0, got "):
        check_real(value, "reg", 0)


def test_check_real_accepts_numbers_and_knows_above():
    for value in (0, 0.0, 3, 1e300, np.float32(2.5), torch.tensor(0.5)):
        check_real(value, "smoothing", 0)
    check_real(-7.0, "lr")  # no lower limit
    assert (
        real_in_range(0.0, 0) and not real_in_range(0.0, 0, above=True) and real_in_range(1e-9, 0, above=True)
    )


def test_check_order_refuses_a_table_too_big():
    v = 27
    check_order(5, v)  # 27**5 = 14,348,907 cells
    assert v**6 > MAX_TABLE_CELLS
    with pytest.raises(ValueError, match=r"use a lower order \(5 or less\)"):
        check_order(6, v)


@pytest.mark.parametrize("order", [2, 3])
def test_an_alphabet_too_large_for_any_order_is_told_how_many_characters_fit(order):
    check_order(2, 7071)  # 49,999,041 cells
    with pytest.raises(ValueError, match="even a bigram table fits at most 7,071 characters") as caught:
        check_order(order, 7072)
    assert "lower order" not in str(caught.value)  # order 2 is the lowest there is


def test_context_rows_of_trigram_examples_are_their_context_row(vocab):
    X, _ = ngram_dataset(["emma", "ava"], vocab, 3)
    rows = context_rows(X, len(vocab))
    itos = vocab.itos
    expected = [context_row(itos[a] + itos[b], vocab) for a, b in X.tolist()]
    assert rows.tolist() == expected
    assert rows[0] == 0  # ".." starts every word
    assert rows[2] == vocab.stoi["e"] * 27 + vocab.stoi["m"]


def test_context_rows_takes_numpy_and_columns_alike():
    X = np.array([[1, 2, 3], [0, 0, 4], [2, 2, 2]])
    by_hand = [1 * 25 + 2 * 5 + 3, 4, 2 * 25 + 2 * 5 + 2]
    assert context_rows(X, 5).tolist() == by_hand
    assert context_rows((X[:, k] for k in range(3)), 5).tolist() == by_hand
    assert context_rows(torch.tensor(X), 5).tolist() == by_hand
    with pytest.raises(ValueError, match="at least one character"):
        context_rows([], 5)


def float32_nearest(x: Fraction) -> np.float32:
    """The float32 nearest the exact rational ``x`` (ties to even), found without rounding twice."""
    guess = np.float32(float(x))
    candidates = [np.nextafter(guess, np.float32(-np.inf)), guess, np.nextafter(guess, np.float32(np.inf))]
    return min(candidates, key=lambda f: (abs(Fraction(float(f)) - x), int(f.view(np.int32)) & 1))


@pytest.mark.parametrize("smoothing", [0, 1, 0.5, 0.1, 1 / 3, 2.7])
def test_count_probs_divides_by_the_exact_row_total(smoothing):
    """Each cell is float32(N) + float32(smoothing); each row total is their exact sum, rounded once."""
    rng = np.random.default_rng(7)
    N = rng.integers(0, 50_000, size=(12, 27)) * (rng.random((12, 27)) < 0.7)
    N[3] = 0  # a row never seen
    P, empty = count_probs(N, smoothing)
    assert P.dtype == np.float32 and P.shape == N.shape
    cells = N.astype(np.float32) + np.float32(smoothing)
    for r in range(len(N)):
        total = float32_nearest(sum(Fraction(float(c)) for c in cells[r]))
        assert bool(empty[r]) == (total == 0)
        expected = np.zeros(27, np.float32) if total == 0 else cells[r] / total
        assert np.array_equal(P[r], expected), r


def test_count_probs_does_not_depend_on_the_order_of_a_row():
    """float32 sums depend on the order of the additions; the row totals here must not."""
    rng = np.random.default_rng(3)
    N = rng.integers(0, 5_000, size=(200, 27))
    perm = rng.permutation(27)
    for smoothing in (0.1, 0.01, 1e-3):
        P, _ = count_probs(N, smoothing)
        Q, _ = count_probs(N[:, perm], smoothing)
        assert np.array_equal(P[:, perm], Q)


def test_count_probs_is_the_lessons_formula_for_whole_smoothing():
    """Whole counts and smoothing have exact float32 totals: the lesson's (N + 1).float() / sums, bitwise."""
    N = torch.randint(0, 30_000, (27, 27), generator=torch.Generator().manual_seed(1), dtype=torch.int32)
    for smoothing in (0, 1, 3):
        lesson = (N + smoothing).float()
        lesson = lesson / lesson.sum(1, keepdim=True)
        assert torch.equal(torch.from_numpy(count_probs(N, smoothing)[0]), lesson)


@pytest.mark.parametrize(
    ("N", "smoothing", "message"),
    [
        (np.array([[1, -1]]), 0, "negative counts"),
        (np.array([[1.0, np.nan]]), 0, "NaN or infinite counts"),
        (np.array([[1, 2]]), -0.5, "smoothing must be a finite number >= 0"),
        (np.array([[1, 2]]), float("inf"), "smoothing must be a finite number"),
    ],
)
def test_count_probs_refuses_bad_counts_and_smoothing(N, smoothing, message):
    with pytest.raises(ValueError, match=message):
        count_probs(N, smoothing)
