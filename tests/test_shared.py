"""The guards and table layout every module shares (bigram_helpers.shared)."""

from __future__ import annotations

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
    with pytest.raises(ValueError, match="use a lower order"):
        check_order(6, v)


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
