"""The scale path (index streams and count tables) gives the teaching path's numbers and errors.

Small generated inputs only: the properties do not depend on size. ``CHUNK`` is made tiny
so that every seam between chunks (a context cut in two, a word across two chunks) is
crossed many times.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from lesson_reference import FLOAT32_LOGS

from bigram_helpers import (
    build_vocab,
    load_words,
    ngram_counts,
    ngram_dataset,
    ngram_init_weights,
    ngram_probs,
    ngram_score,
    train_ngram_neural,
    train_ngram_neural_counts,
)
from bigram_helpers.cli import corpus as corpus_module
from bigram_helpers.cli.corpus import CLI_HINTS, corpus_counts, read_corpus, unknown_words
from bigram_helpers.cli.model import load_model
from bigram_helpers.cli.runs import evaluate_file, train_file
from bigram_helpers.data import PYTHON_HINTS
from bigram_helpers.shared import table_nll

ALPHABET = [*"abcxyzé'ΩZ", "\U0001f600"]


@pytest.fixture(autouse=True)
def tiny_chunks(monkeypatch):
    monkeypatch.setattr(corpus_module, "CHUNK", 7)


def random_words(rng: np.random.Generator, n: int, alphabet: list[str] = ALPHABET) -> list[str]:
    return ["".join(rng.choice(alphabet, int(rng.integers(1, 9)))) for _ in range(n)]


def outcome(fn, *args):
    """What ``fn(*args)`` gives: ``("ok", result)`` or ``("error", type, message)``."""
    try:
        return ("ok", fn(*args))
    except (ValueError, OSError) as exc:
        return ("error", type(exc), str(exc))


def in_cli_words(result):
    """``load_words``' outcome with its hint spelled as the command line spells it."""
    if result[0] == "error":
        return (*result[:2], result[2].replace(PYTHON_HINTS.strip, CLI_HINTS.strip))
    return result


@pytest.mark.parametrize("strip", [False, True])
def test_reading_accepts_and_refuses_what_load_words_does(tmp_path, strip):
    rng = np.random.default_rng(0)
    pieces = ["a", "b", "é", "\n", "\r", " ", "\t", "\u2028", "\r\n", "\U0001f600", "\n\n", " \n"]
    pieces += ["\0", "\x7f"]  # control characters: no word holds one
    cases = [b"", b"\n", b"\xef\xbb\xbfab\n", b"ab\xff\ncd\n", b"ab\n\r", b"ab\r\r\n", b"a\n\nb"]
    cases += [b"ab\n\n\n", b"ab\r\n\r\n", b"ab\n \n\t\n", b"ab \n\n", b"\n\nab\n\n", b" a b \n\n"]
    cases += ["amy\nbob".encode("utf-16-le"), b"ab\ncd\x00e\n", b"ab\n c\x1bd \n", b" a\rb \n"]
    cases += ["".join(rng.choice(pieces, int(rng.integers(0, 14)))).encode() for _ in range(500)]
    path = tmp_path / "w.txt"
    for data in cases:
        path.write_bytes(data)
        expected = in_cli_words(outcome(lambda p: load_words(p, strip=strip), path))
        got = outcome(
            lambda p: (c := read_corpus(p, strip=strip)) and [c.word(i) for i in range(len(c))], path
        )
        assert got == expected, data
        assert "strip=True" not in str(got)


def test_stripped_words_keep_the_line_they_came_from(tmp_path):
    """With strip, skipped blank lines do not shift the line numbers errors give."""
    path = tmp_path / "w.txt"
    path.write_bytes("\n  \n ab\r\n\n\t\ncd \r\n\n\u2028ef\n\n".encode())
    corpus = read_corpus(path, strip=True)
    assert [corpus.word(i) for i in range(len(corpus))] == ["ab", "cd", "ef"]
    assert [corpus.line(i) for i in range(len(corpus))] == [3, 6, 8]
    plain = read_corpus(write_bytes(tmp_path / "p.txt", b"ab\ncd\n\n\n"))
    assert plain.lines is None and [plain.line(i) for i in range(len(plain))] == [1, 2]


def write_bytes(path, data: bytes):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("order", [2, 3, 4])
def test_counts_and_loss_are_the_teaching_paths(order):
    rng = np.random.default_rng(order)
    words = random_words(rng, 60)
    vocab = build_vocab(words)
    corpus = read_corpus_of(words)
    assert corpus.vocab(".") == vocab and corpus.vocab(".").itos == vocab.itos
    N = corpus_counts(corpus, vocab, order)
    assert N.dtype == np.int64 and np.array_equal(N, ngram_counts(words, vocab, order).numpy())
    some = rng.random(len(words)) < 0.5
    chosen = [w for w, keep in zip(words, some, strict=True) if keep]
    chosen_counts = ngram_counts(chosen, vocab, order).numpy()
    assert np.array_equal(corpus_counts(corpus, vocab, order, some), chosen_counts)
    for smoothing in (0.0, 0.5):
        P = ngram_probs(ngram_counts(words[:40], vocab, order), smoothing)
        nll, n, zero = table_nll(N, P)
        teaching = ngram_score(words, P, vocab, order)
        assert n == teaching.n
        assert zero == sum(1 for p in teaching.probs if p == 0)
        if smoothing:
            assert nll / n == pytest.approx(teaching.mean_nll, rel=FLOAT32_LOGS)
        else:
            assert nll == teaching.nll == float("inf")


def read_corpus_of(words: list[str]):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "w.txt"
        path.write_text("\n".join(words) + "\n", encoding="utf-8")
        return read_corpus(path)


def test_unknown_words_and_marker_errors():
    corpus = read_corpus_of(["abc", "xyz", "ab", "Ω"])
    vocab = build_vocab(["abc"])
    assert unknown_words(corpus, vocab).tolist() == [False, True, False, True]
    with pytest.raises(ValueError, match="'xyz' has character 'x'"):
        corpus_counts(corpus, vocab, 2)
    dotted = read_corpus_of(["ab", "c.d"])
    with pytest.raises(ValueError, match=r"w\.txt' line 2: word 'c\.d' contains the start/end marker"):
        dotted.vocab(".")
    assert dotted.vocab("|").itos == build_vocab(["ab", "c.d"], "|").itos


def test_training_on_counts_is_training_on_examples():
    words = random_words(np.random.default_rng(5), 40)
    vocab = build_vocab(words)
    for order in (2, 3):
        X, Y = ngram_dataset(words, vocab, order)
        W1 = ngram_init_weights(len(vocab), torch.Generator().manual_seed(1), order)
        W2 = ngram_init_weights(len(vocab), torch.Generator().manual_seed(1), order)
        losses = train_ngram_neural(W1, X, Y, 15, 10.0, 0.01)
        counts = corpus_counts(read_corpus_of(words), vocab, order)
        assert train_ngram_neural_counts(W2, torch.from_numpy(counts), 15, 10.0, 0.01) == losses
        assert torch.equal(W1, W2)


def test_train_and_evaluate_give_the_teaching_numbers(tmp_path):
    """The split, the counts and each split's loss, computed the lesson's way from lists of words."""
    rng = np.random.default_rng(9)
    words = random_words(rng, 50) + random_words(rng, 10, [*ALPHABET, "q", "ü"])
    path = tmp_path / "w.txt"
    path.write_text("\n".join(words) + "\n", encoding="utf-8")
    lines: list[str] = []
    model = train_file(
        str(path),
        str(tmp_path / "m"),
        order=3,
        smoothing=0.3,
        split=(0.6, 0.2, 0.2),
        seed=4,
        say=lines.append,
    )

    perm = torch.randperm(len(words), generator=torch.Generator().manual_seed(4)).tolist()
    shuffled = [words[i] for i in perm]
    parts = {"train": shuffled[:36], "dev": shuffled[36:48], "test": shuffled[48:]}
    vocab = build_vocab(parts["train"])
    assert model.vocab == vocab and model.vocab.itos == vocab.itos
    assert torch.equal(model.tensor, ngram_counts(parts["train"], vocab, 3))
    P = ngram_probs(model.tensor, 0.3)
    for name, part in parts.items():
        known = [w for w in part if all(ch in vocab for ch in w)]
        result = model.training["results"][name]
        assert (result["words"], result["skipped_words"]) == (len(known), len(part) - len(known))
        assert result["mean_nll"] == pytest.approx(ngram_score(known, P, vocab, 3).mean_nll, rel=FLOAT32_LOGS)
    assert torch.equal(load_model(tmp_path / "m").tensor, model.tensor)

    ev = evaluate_file(str(tmp_path / "m"), str(path), skip_unknown=True)
    known = [w for w in words if all(ch in vocab for ch in w)]
    teaching = ngram_score(known, P, vocab, 3)
    assert (ev.n, ev.words, ev.skipped) == (teaching.n, len(known), len(words) - len(known))
    assert ev.mean_nll == pytest.approx(teaching.mean_nll, rel=FLOAT32_LOGS)


def test_a_certain_model_has_a_loss_of_zero_not_minus_zero():
    """Every example with probability 1: the loss is 0.0, printed 0.0000 (not -0.0000)."""
    nll, n, zero = table_nll(np.array([[0, 3], [2, 0]]), np.array([[0.0, 1.0], [1.0, 0.0]], dtype=np.float32))
    assert (nll, n, zero) == (0.0, 5, 0)
    assert f"{nll / n:.4f}" == "0.0000"
