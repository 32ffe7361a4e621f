"""Counting: the dict of pairs, the count matrix N and the probabilities P."""

from __future__ import annotations

import pytest
import torch
from lesson_reference import lesson_counts

from bigram_helpers import bigram_counts, bigram_probs, build_vocab, count_bigrams

ROW0 = [0, 4410, 1306, 1542, 1690, 1531, 417, 669, 874, 591, 2422, 2963, 1572, 2538, 1146,
        394, 515, 92, 1639, 2055, 1308, 78, 376, 307, 134, 535, 929]  # fmt: skip
MOST_COMMON = [
    (("n", "."), 6763), (("a", "."), 6640), (("a", "n"), 5438), ((".", "a"), 4410),
    (("e", "."), 3983), (("a", "r"), 3264), (("e", "l"), 3248), (("r", "i"), 3033),
]  # fmt: skip


def test_dict_counts_figures(words):
    b = count_bigrams(words)
    assert len(b) == 627
    assert sum(b.values()) == 228146
    top = sorted(b.items(), key=lambda kv: -kv[1])[:8]
    assert top == MOST_COMMON


def test_dict_counts_frame_each_word():
    assert count_bigrams(["emma"]) == {
        (".", "e"): 1,
        ("e", "m"): 1,
        ("m", "m"): 1,
        ("m", "a"): 1,
        ("a", "."): 1,
    }
    assert count_bigrams(["ab", "ab"], marker="|") == {("|", "a"): 2, ("a", "b"): 2, ("b", "|"): 2}


def test_N_figures(N):
    assert N.dtype == torch.int32
    assert N.shape == (27, 27)
    assert N[0].tolist() == ROW0
    assert int(N.sum()) == 228146
    assert int(N[0, 0]) == 0  # no empty names


@pytest.fixture(scope="module")
def lesson_N(words, lesson_stoi):
    return lesson_counts(words, lesson_stoi)  # about 3 s


def test_N_equals_the_lessons_loop(N, lesson_N):
    assert torch.equal(N, lesson_N)


def test_N_agrees_with_the_dict(words, vocab, N):
    for (a, b), c in count_bigrams(words).items():
        assert int(N[vocab.stoi[a], vocab.stoi[b]]) == c


def test_N_any_alphabet():
    words = ["Zoë", "zoë", "O'B"]
    v = build_vocab(words)
    N = bigram_counts(words, v)
    assert N.shape == (len(v), len(v))
    assert int(N.sum()) == sum(len(w) + 1 for w in words)
    assert int(N[v.stoi["o"], v.stoi["ë"]]) == 2
    assert int(N[v.stoi["'"], v.stoi["B"]]) == 1
    assert int(N[0, v.stoi["Z"]]) == 1 and int(N[v.stoi["B"], 0]) == 1


def test_N_marker_not_smallest_code_point():
    # '|' sorts after every letter here; indices must still follow the vocabulary.
    words = ["ab", "ba"]
    v = build_vocab(words, marker="|")
    N = bigram_counts(words, v)
    assert N.tolist() == [[0, 1, 1], [1, 0, 1], [1, 1, 0]]


def test_N_rejects_unknown_characters_and_marker():
    v = build_vocab(["ab"])
    with pytest.raises(ValueError, match=r"word 'abc' has character 'c'"):
        bigram_counts(["ab", "abc"], v)
    with pytest.raises(ValueError, match=r"'a\.b' contains the start/end marker"):
        bigram_counts(["a.b"], v)
    with pytest.raises(ValueError, match="empty word"):
        bigram_counts(["ab", ""], v)


def test_N_of_no_words_is_all_zero():
    v = build_vocab(["ab"])
    assert int(bigram_counts([], v).abs().sum()) == 0


# --- probabilities -----------------------------------------------------------------


def test_row0_probabilities(N):
    P = bigram_probs(N)
    assert P.dtype == torch.float32
    assert [round(p, 4) for p in P[0, 1:4].tolist()] == [0.1377, 0.0408, 0.0481]
    assert torch.allclose(P.sum(1), torch.ones(27), atol=1e-6)


def test_probs_are_the_lessons_formula(N):
    # exact equality: the same float32 operations as the lesson's P = N.float(); P /= P.sum(1, keepdims=True)
    lesson = N.float()
    lesson /= lesson.sum(1, keepdim=True)
    assert torch.equal(bigram_probs(N), lesson)
    smoothed = (N + 1).float()
    smoothed /= smoothed.sum(1, keepdim=True)
    assert torch.equal(bigram_probs(N, smoothing=1), smoothed)


def test_keepdim_matters(N):
    # Without keepdim the sums broadcast along the wrong axis: columns, not rows, get divided.
    wrong = N.float() / N.float().sum(1)
    assert not torch.allclose(wrong.sum(1), torch.ones(27))
    assert torch.allclose(bigram_probs(N).sum(1), torch.ones(27), atol=1e-6)


def test_fractional_smoothing_has_no_zeros(N):
    P = bigram_probs(N, smoothing=0.5)
    assert bool((P > 0).all())
    assert torch.allclose(P.sum(1), torch.ones(27), atol=1e-6)


@pytest.mark.parametrize("bad", [-1, -0.001, float("nan"), float("inf")])
def test_bad_smoothing(N, bad):
    with pytest.raises(ValueError, match="smoothing must be a finite number >= 0"):
        bigram_probs(N, smoothing=bad)


def test_empty_row_is_an_error_not_nan():
    N = torch.tensor([[0, 2], [0, 0]], dtype=torch.int32)
    with pytest.raises(ValueError, match=r"row\(s\) \[1\] of N have no counts"):
        bigram_probs(N)
    assert torch.allclose(bigram_probs(N, smoothing=1)[1], torch.tensor([0.5, 0.5]))


def test_probs_shape_and_sign_checks():
    with pytest.raises(ValueError, match="square"):
        bigram_probs(torch.ones(2, 3))
    with pytest.raises(ValueError, match="negative"):
        bigram_probs(torch.tensor([[1, -1], [1, 1]]))


def test_a_bare_string_is_not_a_list_of_words():
    v = build_vocab(["emma"])
    with pytest.raises(TypeError, match="not one str"):
        bigram_counts("emma", v)
