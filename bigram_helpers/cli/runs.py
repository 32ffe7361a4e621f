"""The command line's verbs as library calls: train a model on a word list and save it, evaluate, sample.

Each function does the whole of one verb on index streams (:mod:`bigram_helpers.cli.corpus`),
so its cost grows linearly with the word list and its memory stays bounded, and
reports what it does through ``say`` (one call per output line). Problems the user can
fix are a :class:`RunError` (a ``ValueError``) whose message names the input and what to
do. A run never overwrites a file it did not write: see :func:`check_out`.

Torch is imported inside the verbs that need it (training and sampling, and scoring
a neural model), so ``evaluate`` of a counts model runs on NumPy alone and starts in a
fraction of the time torch takes to import.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..data import Vocab, char_text
from ..shared import table_nll
from .command import DEFAULTS, json_float, plural
from .corpus import STDIN, Corpus, corpus_counts, first_word_with, read_corpus, unknown_words
from .model import Model, is_model_file, load_model, save_model

if TYPE_CHECKING:
    import torch

__all__ = [
    "SPLIT_NAMES",
    "Evaluation",
    "RunError",
    "check_out",
    "evaluate_file",
    "report_splits",
    "sample_file",
    "split_words",
    "train_file",
    "train_model",
]

SPLIT_NAMES = ("train", "dev", "test")
DIVERGED_FACTOR = 2  # a run whose last loss is above this many times its first has diverged


class RunError(ValueError):
    """A problem the user can fix; the message says which input and what to do."""


def check_out(out: str, inputs: list[str], force: bool = False) -> Path:
    """Check that a model may be saved to ``out``; return it as a path.

    Refused: ``-`` (a model is binary), a missing folder, a folder, a folder where no file
    can be made (tried as :func:`save_model` will), any of the ``inputs`` (whatever
    ``force`` says), and an existing file that is not a model file of ours unless
    ``force``. An existing model file may be replaced.
    """
    if out == STDIN:
        raise RunError("--out - would write a binary model to standard output; give a file name")
    path = Path(out)
    if not path.parent.is_dir():
        raise RunError(f"cannot save the model to {out!r}: folder {str(path.parent)!r} does not exist")
    if path.is_dir():
        raise RunError(f"cannot save the model to {out!r}: it is a folder; give a file name")
    try:
        fd, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise RunError(
            f"cannot save the model to {out!r}: no file can be made in folder {str(path.parent)!r} "
            f"({exc.strerror or exc}); choose another folder"
        ) from None
    os.close(fd)
    os.unlink(probe)
    if not path.exists():
        return path
    for source in inputs:
        if source != STDIN and os.path.exists(source) and os.path.samefile(source, path):
            raise RunError(f"--out {out!r} is the word list {source!r}; save the model under another name")
    if not force and not is_model_file(path):
        raise RunError(
            f"--out {out!r} exists and is not a makemore-bigram model; "
            "choose another name, or pass --force to replace it"
        )
    return path


def split_words(n: int, fractions: tuple[float, float, float] | None, seed: int) -> dict[str, np.ndarray]:
    """Which of ``n`` words go to train, dev and test: bool arrays of shape (n,).

    Without ``fractions`` every word is in train. Otherwise the words are shuffled with
    ``torch.randperm(n)`` from a generator seeded with ``seed``; the first
    ``int(fractions[0] * n)`` go to train, the next ``int(fractions[1] * n)`` to dev and
    the rest to test. A split that leaves train empty is a :class:`RunError`.
    """
    if fractions is None:
        return {"train": np.ones(n, dtype=bool)}
    import torch

    perm = torch.randperm(n, generator=torch.Generator().manual_seed(seed)).numpy()
    n_train, n_dev = int(fractions[0] * n), int(fractions[1] * n)
    if n_train == 0:
        only = f"there {'is' if n == 1 else 'are'} only {plural(n, 'word')}"
        raise RunError(f"--split gives the training set no words ({only}); raise its fraction")
    masks = {}
    for name, part in zip(SPLIT_NAMES, np.split(perm, [n_train, n_train + n_dev]), strict=True):
        masks[name] = np.zeros(n, dtype=bool)
        masks[name][part] = True
    return masks


def _diverged(step: int, what: str, lr: float, reg: float) -> RunError:
    lower = f"a lower --lr than {lr:g}" + (f", or a lower --reg than {reg:g}" if reg else "")
    return RunError(f"training diverged at step {step} ({what}); no model was saved; try {lower}")


def _train_neural(
    N: np.ndarray,
    vocab: Vocab,
    order: int,
    seed: int,
    steps: int,
    lr: float,
    reg: float,
    on_step: Callable[[int, float], None] | None,
) -> tuple[torch.Tensor, list[float]]:
    """Train the network on the count table ``N``; a diverging run is a :class:`RunError`."""
    import torch

    from ..neural import DivergenceError
    from ..ngram import ngram_init_weights, ngram_neural_probs, train_ngram_neural_counts

    W = ngram_init_weights(len(vocab), torch.Generator().manual_seed(seed), order)
    try:
        losses = train_ngram_neural_counts(W, torch.from_numpy(N), steps, lr, reg, on_step=on_step)
    except DivergenceError as exc:
        raise _diverged(exc.step, str(exc).split(" at step")[0], lr, reg) from None
    if losses and losses[-1] > DIVERGED_FACTOR * losses[0]:
        step = next(k for k, loss in enumerate(losses) if loss > DIVERGED_FACTOR * losses[0])
        last = f"{losses[-1]:,.4f}" if losses[-1] < 1e6 else f"{losses[-1]:.3g}"
        what = f"the loss rose from {losses[0]:.4f} to {last}"
        raise _diverged(step, what, lr, reg)
    W = W.detach().requires_grad_(False)
    # The softmax is stable, so finite weights give finite probabilities, unless a context's
    # logits (the sum of order-1 weights) overflow float32 themselves: still refused here.
    if steps and not bool(torch.isfinite(ngram_neural_probs(W, order)).all()):
        raise _diverged(steps - 1, "the weights grew too large for float32 probabilities", lr, reg)
    return W, losses


def train_model(
    corpus: Corpus,
    vocab: Vocab,
    train: np.ndarray | None,
    *,
    kind: str,
    order: int,
    smoothing: float,
    steps: int,
    lr: float,
    reg: float,
    seed: int,
    training: dict[str, Any],
    on_step: Callable[[int, float], None] | None = None,
) -> tuple[Model, np.ndarray, list[float]]:
    """Train a ``kind`` model of ``order`` on the words of ``corpus`` where ``train`` is True (all if None).

    Returns the model (its ``training`` record is ``training``, updated with the neural
    settings and losses), the int64 count table ``N`` of the training words and the loss
    before each step (empty for a counting model). A counting model is ``N`` itself, read
    with ``smoothing``; a neural one is the network trained on ``N`` for ``steps`` of
    gradient descent from weights drawn with ``seed``. An n-gram seen more than 2**31 - 1
    times, or training that diverges, is a :class:`RunError`.
    """
    N = corpus_counts(corpus, vocab, order, train)
    if int(N.max()) > np.iinfo(np.int32).max:
        raise RunError(
            f"{corpus.name!r} has an n-gram more than 2**31 - 1 times; a model file cannot hold it"
        )
    if kind == "counts":
        return Model("counts", order, vocab, N.astype(np.int32), smoothing, training), N, []
    W, losses = _train_neural(N, vocab, order, seed, steps, lr, reg, on_step)
    training.update(steps=steps, lr=lr, reg=reg)
    if losses:
        training.update(first_loss=losses[0], last_loss=losses[-1])
    return Model("neural", order, vocab, W, training=training), N, losses


def report_splits(
    corpus: Corpus,
    model: Model,
    masks: dict[str, np.ndarray],
    N: np.ndarray,
    unseen: np.ndarray,
    say: Callable[[str], None],
) -> dict[str, dict[str, Any]]:
    """Say each split's words, examples and mean NLL under ``model``; return them as JSON-able dicts.

    ``N`` is the count table of the train split; ``unseen`` (bool, (W,)) marks the words
    with a character the model has never seen, which are left out of their split and
    counted in its line.
    """
    P = model.probs()
    results = {}
    say(f"{'split':<6} {'words':>9} {'examples':>10} {'mean NLL':>9}")
    for name, mask in masks.items():
        if not mask.any():
            continue
        unknown = unseen & mask
        known = mask & ~unknown
        n_unknown, n_known = int(unknown.sum()), int(known.sum())
        note = f"  ({plural(n_unknown, 'word')} with unseen characters left out)" if n_unknown else ""
        if not n_known:
            say(f"{name:<6} {0:>9,} {0:>10,} {'-':>9}{note}")
            continue
        C = N if name == "train" else corpus_counts(corpus, model.vocab, model.order, known)
        nll, n, _ = table_nll(C, P)
        results[name] = {
            "mean_nll": json_float(nll / n),
            "n": n,
            "words": n_known,
            "skipped_words": n_unknown,
        }
        say(f"{name:<6} {n_known:>9,} {n:>10,} {nll / n:>9.4f}{note}")
    return results


def train_file(
    words: str,
    out: str,
    *,
    kind: str = DEFAULTS["model"],
    order: int = DEFAULTS["order"],
    smoothing: float = DEFAULTS["smoothing"],
    steps: int = DEFAULTS["steps"],
    lr: float = DEFAULTS["lr"],
    reg: float = DEFAULTS["reg"],
    split: tuple[float, float, float] | None = None,
    seed: int = DEFAULTS["seed"],
    marker: str = DEFAULTS["marker"],
    strip: bool = False,
    force: bool = False,
    say: Callable[[str], None] = print,
    on_step: Callable[[int, float], None] | None = None,
) -> Model:
    """Train a ``kind`` model of ``order`` on the word list ``words`` (a path or ``-``), save it to ``out``.

    The words are read by :func:`read_corpus` (``strip``: strip each line, skip blank
    ones) and split by :func:`split_words`; the vocabulary and the counts come from
    train only (:func:`train_model`). It then reports the mean NLL on each split
    (:func:`report_splits`: dev and test words with a character train never saw are
    left out and counted) and saves the model with :func:`save_model`. ``out`` is
    checked by :func:`check_out` before anything is read. Training that diverges (a loss
    or weight that is not finite, or a last loss above twice the first) is a
    :class:`RunError` naming the step, and nothing is saved. The defaults are the
    command line's (:data:`bigram_helpers.cli.command.DEFAULTS`).
    """
    path = check_out(out, [words], force)
    corpus = read_corpus(words, strip=strip)
    vocab = corpus.vocab(marker)  # checks every word for the marker before splitting
    masks = split_words(len(corpus), split, seed)
    if split is not None:
        vocab = corpus.vocab(marker, masks["train"])
    how = "in order" if split is None else f"split {split[0]:g}/{split[1]:g}/{split[2]:g} (seed {seed})"
    sizes = ", ".join(f"{name} {int(mask.sum()):,}" for name, mask in masks.items() if mask.any())
    say(f"{corpus.name}: {plural(len(corpus), 'word')}, {how}: {sizes}")
    chars = f"marker {vocab.marker!r} + {len(vocab) - 1:,} from the training words"
    say(f"vocabulary: {plural(len(vocab), 'character')} ({chars})")

    training: dict[str, Any] = {
        "words_file": os.path.basename(corpus.name),
        "words": len(corpus),
        "split": list(split) if split else None,
        "seed": seed,
    }
    model, N, losses = train_model(
        corpus,
        vocab,
        None if split is None else masks["train"],
        kind=kind,
        order=order,
        smoothing=smoothing,
        steps=steps,
        lr=lr,
        reg=reg,
        seed=seed,
        training=training,
        on_step=on_step,
    )
    if kind == "counts":
        say(f"counted {plural(int(N.sum()), f'{order}-gram')}, smoothing {smoothing:g}")
    elif losses:
        say(
            f"trained {plural(steps, 'step')} (lr {lr:g}, reg {reg:g}) on {plural(int(N.sum()), 'example')}: "
            f"loss {losses[0]:.4f} -> {losses[-1]:.4f}"
        )
    unseen = unknown_words(corpus, vocab) if split is not None else np.zeros(len(corpus), dtype=bool)
    training["results"] = report_splits(corpus, model, masks, N, unseen, say)
    try:
        save_model(model, path)
    except OSError as exc:
        raise RunError(f"cannot save the model to {out!r}: {exc.strerror or exc}") from None
    say(f"saved {kind} model (order {order}, {plural(len(vocab), 'character')}) to {out}")
    return model


@dataclass(frozen=True)
class Evaluation:
    """What :func:`evaluate_file` found: ``n`` examples from ``words`` words (``skipped`` left out).

    ``nll`` is their summed negative log-likelihood, ``mean_nll = nll / n`` the loss
    (``inf`` if one has probability 0), ``zero`` how many have probability 0.
    """

    model: Model
    words_file: str
    nll: float
    n: int
    words: int
    skipped: int
    zero: int

    @property
    def mean_nll(self) -> float:
        return self.nll / self.n


def _unknown_error(corpus: Corpus, model_name: str, model: Model, unknown: np.ndarray) -> RunError:
    first = int(np.argmax(unknown))
    word = corpus.word(first)
    ch = next(ch for ch in word if ch not in model.vocab)
    rest = int(unknown.sum()) - 1
    more = f" (and {rest:,} more such {'word' if rest == 1 else 'words'})" if rest else ""
    return RunError(
        f"{corpus.name!r} line {corpus.line(first)}: word {word!r} has character {char_text(ch)}, which "
        f"model {model_name!r} has never seen{more}; pass --skip-unknown to leave such words out"
    )


def evaluate_file(
    model_path: str, words: str, *, skip_unknown: bool = False, strip: bool = False
) -> Evaluation:
    """Score the word list ``words`` (a path or ``-``) under the model saved at ``model_path``.

    ``words`` is read by :func:`read_corpus` (``strip``: strip each line, skip blank ones).

    A word with a character the model has never seen is a :class:`RunError` naming its
    line, the word and the character, unless ``skip_unknown`` (then it is left out and
    counted); so is a list where every word has one, and a word that holds the model's
    marker.
    """
    model = load_model(model_path)
    corpus = read_corpus(words, strip=strip)
    marker = model.vocab.marker
    if marker in corpus.chars:
        first = first_word_with(corpus, marker)
        raise RunError(
            f"{corpus.name!r} line {corpus.line(first)}: word {corpus.word(first)!r} contains {marker!r}, "
            f"the start/end marker of model {model_path!r}, which cannot score it; leave such words out, "
            f"or train a model with another marker (e.g. --marker '|')"
        )
    unknown = unknown_words(corpus, model.vocab)
    if unknown.any() and not skip_unknown:
        raise _unknown_error(corpus, model_path, model, unknown)
    if unknown.all():
        raise RunError(f"every word of {corpus.name!r} has a character model {model_path!r} has never seen")
    C = corpus_counts(corpus, model.vocab, model.order, ~unknown if unknown.any() else None)
    nll, n, zero = table_nll(C, model.probs())
    skipped = int(unknown.sum())
    return Evaluation(model, corpus.name, nll, n, len(corpus) - skipped, skipped, zero)


def sample_file(
    model_path: str, n: int, seed: int | None = None, max_len: int = DEFAULTS["max_len"]
) -> tuple[list[str], list[str]]:
    """``n`` words sampled from the model saved at ``model_path``, and any warnings as text.

    ``seed`` makes the words the same every time; without it they come from a fresh seed.
    The model file is read, and a missing or damaged one refused, before torch loads
    (torch takes a second or more to import). A word cut off at ``max_len`` characters
    (a walk stops there, marker or not) is counted in a warning that names ``--max-len``.
    """
    model = load_model(model_path)
    import torch

    from ..ngram import ngram_sample
    from ..sampling import SamplingWarning

    g = torch.Generator()
    if seed is None:
        g.seed()
    else:
        g.manual_seed(seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SamplingWarning)  # said below, in the command line's words
        names = ngram_sample(torch.from_numpy(model.probs()), model.vocab, n, g, model.order, max_len)
    cut = sum(len(name) >= max_len for name in names)
    if not cut:
        return names, []
    were = "was" if cut == 1 else "were"
    return names, [
        f"{cut:,} of {plural(n, 'sampled word')} {were} cut off at --max-len {max_len} before the "
        "end marker; the model may never lead back to it (a higher --max-len lets words grow longer)"
    ]
