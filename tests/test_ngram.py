"""The n-gram helpers: order 2 is the bigram helpers exactly; order 3 (and up) counted, sampled,
scored and trained as the lesson would, checked against the lesson's loops (lesson_reference)."""

from __future__ import annotations

import itertools
import math
from collections import Counter

import pytest
import torch
import torch.nn.functional as F
from lesson_reference import (
    NAMES,
    SEED,
    lesson_grams,
    lesson_training,
    lesson_trigram_counts,
    lesson_trigram_dataset,
)

from bigram_helpers import (
    Score,
    bigram_counts,
    bigram_dataset,
    bigram_probs,
    build_vocab,
    context_row,
    init_weights,
    load_words,
    neural_loss,
    neural_probs,
    ngram_counts,
    ngram_dataset,
    ngram_init_weights,
    ngram_neural_loss,
    ngram_neural_probs,
    ngram_probs,
    ngram_sample,
    ngram_score,
    sample_names,
    score,
    train_neural,
    train_ngram_neural,
)
from bigram_helpers.sampling import SamplingWarning


@pytest.fixture(scope="module")
def names() -> list[str]:
    return load_words(NAMES)


@pytest.fixture(scope="module")
def vocab(names):
    return build_vocab(names)


def gen() -> torch.Generator:
    return torch.Generator().manual_seed(SEED)


# --- order 2 is the bigram helpers, exactly -------------------------------------------


def test_order2_dataset_and_counts_are_the_bigram_ones(names, vocab):
    xs, ys = bigram_dataset(names, vocab)
    X, Y = ngram_dataset(names, vocab, order=2)
    assert X.shape == (len(xs), 1)
    assert torch.equal(X[:, 0], xs)
    assert torch.equal(Y, ys)
    N = ngram_counts(names, vocab)
    assert N.dtype == torch.int32
    assert torch.equal(N, bigram_counts(names, vocab))


@pytest.mark.parametrize("smoothing", [0, 1, 0.5, 3])
def test_order2_probs_are_bigram_probs(names, vocab, smoothing):
    N = bigram_counts(names, vocab)
    assert torch.equal(ngram_probs(N, smoothing), bigram_probs(N, smoothing))


def test_order2_sampling_gives_the_same_names(names, vocab):
    P = bigram_probs(bigram_counts(names, vocab), 1)
    expected = sample_names(P, vocab, 50, gen())
    assert ngram_sample(P, vocab, 50, gen(), order=2) == expected
    # and the generator ends in the same state
    g1, g2 = gen(), gen()
    sample_names(P, vocab, 5, g1)
    ngram_sample(P, vocab, 5, g2)
    assert torch.equal(g1.get_state(), g2.get_state())


def test_order2_score_is_score_with_the_lesson_figures(names, vocab):
    P = bigram_probs(bigram_counts(names, vocab))
    got = ngram_score(names[:3], P, vocab)
    assert isinstance(got, Score)
    assert got == score(names[:3], P, vocab)
    # the curriculum's figures, to float32 rounding (this torch build differs in the 7th digit)
    assert got.log_likelihood == pytest.approx(-38.785636603832245, abs=1e-6)
    assert got.mean_nll == pytest.approx(2.4241022877395153, abs=1e-7)
    P1 = bigram_probs(bigram_counts(names, vocab), 1)
    assert ngram_score(["christosqj"], P1, vocab) == score(["christosqj"], P1, vocab)
    assert ngram_score(["christosqj"], P1, vocab).log_likelihood == pytest.approx(
        -37.32549834251404, abs=1e-6
    )
    assert ngram_score(names, P1, vocab) == score(names, P1, vocab)


def test_order2_network_is_the_bigram_network(names, vocab):
    W = init_weights(len(vocab), gen())
    W2 = ngram_init_weights(len(vocab), gen(), order=2)
    assert torch.equal(W, W2) and W2.requires_grad
    xs, ys = bigram_dataset(names, vocab)
    X, Y = ngram_dataset(names, vocab)
    assert torch.equal(ngram_neural_loss(W2, X, Y), neural_loss(W, xs, ys))
    assert torch.equal(ngram_neural_loss(W2, X, Y, reg=0.01), neural_loss(W, xs, ys, reg=0.01))
    assert ngram_neural_loss(W2, X[:5], Y[:5]).item() == neural_loss(W, xs[:5], ys[:5]).item()
    assert torch.equal(ngram_neural_probs(W2), neural_probs(W))
    for reg in (0.0, 0.01):
        Wa = init_weights(len(vocab), gen())
        Wb = ngram_init_weights(len(vocab), gen())
        assert train_ngram_neural(Wb, X, Y, 30, 50, reg) == train_neural(Wa, xs, ys, 30, 50, reg)
        assert torch.equal(Wa, Wb)
        assert torch.equal(Wa.grad, Wb.grad)


def test_order2_training_reaches_the_lesson_figures(names, vocab):
    X, Y = ngram_dataset(names, vocab)
    W = ngram_init_weights(len(vocab), gen())
    losses = train_ngram_neural(W, X, Y, 100, 50)
    assert losses[0] == pytest.approx(3.758953809738159, abs=1e-5)
    assert losses[1] == pytest.approx(3.371098756790161, abs=1e-5)
    assert losses[-1] == pytest.approx(2.47287654876709, abs=1e-5)


# --- trigrams and beyond ----------------------------------------------------------------


def test_trigram_dataset_of_emma(vocab):
    X, Y = ngram_dataset(["emma"], vocab, order=3)
    assert X.tolist() == [[0, 0], [0, 5], [5, 13], [13, 13], [13, 1]]
    assert Y.tolist() == [5, 13, 13, 1, 0]
    X, Y = ngram_dataset(["ab", "c"], vocab, order=4)
    assert X.tolist() == [[0, 0, 0], [0, 0, 1], [0, 1, 2], [0, 0, 0], [0, 0, 3]]
    assert Y.tolist() == [1, 2, 0, 3, 0]


def test_trigram_counts_of_names(names, vocab):
    v = len(vocab)
    N3 = ngram_counts(names, vocab, order=3)
    N2 = bigram_counts(names, vocab)
    assert N3.shape == (v * v, v) and N3.dtype == torch.int32
    assert int(N3.sum()) == 228146
    # forgetting the older character gives the bigram counts back
    assert torch.equal(N3.view(v, v, v).sum(0), N2)
    # the all-marker context is how words start: row 0 of the bigram matrix
    assert torch.equal(N3[context_row("..", vocab)], N2[0])
    # nothing follows the end of a word
    assert int(N3[context_row("a.", vocab)].sum()) == 0
    expected = lesson_grams(names, 3)
    i = vocab.stoi
    for gram in ["..e", ".em", "emm", "mma", "ma.", "ann", "ia."]:
        assert int(N3[context_row(gram[:2], vocab), i[gram[2]]]) == expected[gram]


def test_trigram_counts_and_examples_are_the_lessons(names, vocab):
    words = names[::16]  # ~2,000 names keep the lesson's loop quick
    N = lesson_trigram_counts(words, vocab.stoi)
    assert torch.equal(ngram_counts(words, vocab, order=3), N.view(-1, len(vocab)))
    X, Y = lesson_trigram_dataset(words, vocab.stoi)
    X3, Y3 = ngram_dataset(words, vocab, order=3)
    assert torch.equal(X3, X) and torch.equal(Y3, Y)


@pytest.mark.parametrize("order", [2, 3, 4])
def test_counts_match_plain_python_in_another_alphabet(order):
    words = ["ñandú", "año", "ñu", "Ωmega", "d'Ñ", "ñandú"]
    vocab = build_vocab(words)
    N = ngram_counts(words, vocab, order)
    v = len(vocab)
    assert N.shape == (v ** (order - 1), v)
    expected = lesson_grams(words, order)
    got = {}
    for row, col in (N > 0).nonzero().tolist():
        ctx = []
        r = row
        for _ in range(order - 1):
            r, c = divmod(r, v)
            ctx.append(vocab.itos[c])
        got["".join(reversed(ctx)) + vocab.itos[col]] = int(N[row, col])
    assert got == dict(expected)


def test_probs_rows_and_empty_contexts(names, vocab):
    N3 = ngram_counts(names, vocab, order=3)
    P = ngram_probs(N3)
    seen = N3.sum(1) > 0
    assert torch.allclose(P[seen].sum(1), torch.ones(int(seen.sum())))
    assert bool((P[~seen] == 0).all())
    assert int((~seen).sum()) > 0
    P1 = ngram_probs(N3, smoothing=1)
    assert torch.allclose(P1.sum(1), torch.ones(P1.shape[0]))
    assert bool((P1 > 0).all())
    with pytest.raises(ValueError, match="smoothing"):
        ngram_probs(N3, -1)
    with pytest.raises(ValueError, match="negative"):
        ngram_probs(-N3)
    with pytest.raises(ValueError, match=r"V\*\*\(order-1\)"):
        ngram_probs(torch.ones(5, 3))


def test_trigram_sampling_only_makes_seen_trigrams(names, vocab):
    N3 = ngram_counts(names, vocab, order=3)
    P = ngram_probs(N3)
    words = ngram_sample(P, vocab, 200, gen(), order=3)
    assert words == ngram_sample(P, vocab, 200, gen(), order=3)
    assert all(w and set(w) <= set(vocab.itos[1:]) for w in words)
    seen = lesson_grams(names, 3)
    assert all(g in seen for w in words for g in lesson_grams([w], 3))
    # the trigram model learns names better than the bigram model
    P2 = bigram_probs(bigram_counts(names, vocab))
    assert ngram_score(names, P, vocab, 3).mean_nll < ngram_score(names, P2, vocab, 2).mean_nll


def test_sampling_into_an_empty_context_is_an_error():
    vocab = build_vocab(["ab"])
    P = torch.zeros(9, 3)
    P[0, 1] = 1.0  # '..' -> 'a'; context '.a' has no probabilities
    with pytest.raises(ValueError, match=r"'\.a'.*never seen"):
        ngram_sample(P, vocab, 1, gen(), order=3)


def test_sampling_cut_off_warns():
    vocab = build_vocab(["ab"])
    P = torch.zeros(9, 3)
    P[:, 1] = 1.0  # never back to the marker
    with pytest.warns(SamplingWarning, match="max_len=7"):
        assert ngram_sample(P, vocab, 2, gen(), order=3, max_len=7) == ["aaaaaaa"] * 2


def test_trigram_score_by_hand():
    train = ["abba", "abab", "baa"]
    vocab = build_vocab(train)
    P = ngram_probs(ngram_counts(train, vocab, 3), smoothing=0)
    counts = lesson_grams(train, 3)
    context_totals = Counter()
    for g, c in counts.items():
        context_totals[g[:2]] += c
    sc = ngram_score(["abab", "ab"], P, vocab, 3)
    expected_pairs = ["..a", ".ab", "aba", "bab", "ab.", "..a", ".ab", "ab."]
    assert sc.pairs == expected_pairs
    assert sc.n == 8
    expected = [counts[g] / context_totals[g[:2]] for g in expected_pairs]
    assert sc.probs == pytest.approx(expected, rel=1e-6)
    assert sc.mean_nll == pytest.approx(-sum(math.log(p) for p in expected) / 8, rel=1e-6)
    # an unseen trigram (and an unseen context) has probability 0: infinite loss
    sc = ngram_score(["bb"], P, vocab, 3)
    assert sc.probs[-1] == 0.0 and sc.mean_nll == math.inf


# (lr 50 is at the edge of stability for order 4, where the loop's float32 rounding grows)
@pytest.mark.parametrize(("order", "reg", "lr"), [(3, 0.0, 50), (3, 0.01, 50), (4, 0.0, 10)])
def test_fast_training_matches_the_one_hot_loop(names, vocab, order, reg, lr):
    words = names[::32]  # ~1,000 names keep the loop quick; agreement does not depend on size
    X, Y = ngram_dataset(words, vocab, order)
    W_loop = ngram_init_weights(len(vocab), gen(), order)
    W_fast = W_loop.detach().clone().requires_grad_()
    expected = lesson_training(W_loop, X, Y, 30, lr, reg)
    got = train_ngram_neural(W_fast, X, Y, 30, lr, reg)
    assert len(got) == 30
    assert max(abs(a - b) for a, b in zip(got, expected, strict=True)) < 1e-5
    assert got[-1] < got[0] - 0.3
    assert torch.allclose(W_fast, W_loop, atol=1e-4)
    assert torch.allclose(W_fast.grad, W_loop.grad, atol=1e-6)


def test_trigram_network_input_is_two_one_hots_side_by_side(vocab):
    v = len(vocab)
    W = ngram_init_weights(v, gen(), order=3)
    assert W.shape == (2 * v, v)
    P = ngram_neural_probs(W, order=3)
    assert P.shape == (v * v, v)
    e, m = vocab.stoi["e"], vocab.stoi["m"]
    xenc = torch.cat([F.one_hot(torch.tensor([e]), v), F.one_hot(torch.tensor([m]), v)], 1).float()
    expected = torch.softmax(xenc @ W, dim=1)[0]
    assert torch.allclose(P[context_row("em", vocab)], expected, atol=1e-6)
    assert ngram_neural_loss(W, torch.tensor([[e, m]]), torch.tensor([0])).item() == pytest.approx(
        -math.log(expected[0].item()), rel=1e-5
    )


def test_training_calls_on_step(names, vocab):
    X, Y = ngram_dataset(names[:100], vocab, 3)
    W = ngram_init_weights(len(vocab), gen(), 3)
    seen = []
    losses = train_ngram_neural(W, X, Y, 4, 10, on_step=lambda step, loss: seen.append((step, loss)))
    assert seen == list(enumerate(losses))


def test_context_row(vocab):
    v = len(vocab)
    assert context_row("..", vocab) == 0
    assert context_row("em", vocab) == 5 * v + 13
    assert context_row("e", vocab) == 5
    with pytest.raises(ValueError, match="'é'"):
        context_row("é", vocab)


def test_bad_input_is_a_clear_error(names, vocab):
    for bad in (1, 0, True, "3", 2.0):
        with pytest.raises(ValueError, match="order must be an int >= 2"):
            ngram_counts(names[:5], vocab, bad)
    with pytest.raises(ValueError, match=r"word 'zoé' has character 'é'"):
        ngram_counts(["emma", "zoé"], vocab, 3)
    with pytest.raises(ValueError, match=r"more than"):
        ngram_counts(names[:5], vocab, 7)
    P = bigram_probs(bigram_counts(names, vocab), 1)
    with pytest.raises(ValueError, match=r"shape \(729, 27\)"):
        ngram_sample(P, vocab, 1, gen(), order=3)
    with pytest.raises(ValueError, match="no words"):
        ngram_score([], P, vocab)
    X, Y = ngram_dataset(names[:5], vocab, 3)
    W2 = ngram_init_weights(len(vocab), gen(), 2)
    with pytest.raises(ValueError, match=r"W needs shape \(54, 27\)"):
        ngram_neural_loss(W2, X, Y)
    with pytest.raises(ValueError, match=r"X must be 2-D"):
        train_ngram_neural(W2, X[:, 0], Y, 1, 1.0)
    W3 = ngram_init_weights(len(vocab), gen(), 3)
    with pytest.raises(FloatingPointError, match="step"):
        train_ngram_neural(W3, X, Y, 5, 1e300)
    with pytest.raises(ValueError, match="reg"):
        train_ngram_neural(W3, X, Y, 1, 1.0, reg=-1)


def test_examples_are_one_per_character_plus_the_end(names, vocab):
    for order in (2, 3, 4):
        X, Y = ngram_dataset(names[:50], vocab, order)
        assert len(Y) == sum(len(w) + 1 for w in names[:50])
        assert X.shape == (len(Y), order - 1)
        # the context of each example is the order-1 characters before it in the framed word
        framed = "".join("." * (order - 1) + w + "." for w in names[:50])
        starts = list(itertools.accumulate([0] + [len(w) + order for w in names[:50]]))
        expected = []
        for w, s in zip(names[:50], starts, strict=False):
            for k in range(len(w) + 1):
                expected.append([vocab.stoi[c] for c in framed[s + k : s + k + order - 1]])
        assert X.tolist() == expected
