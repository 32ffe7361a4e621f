"""The lesson's own loops, written out plainly: the references the fast helpers must match.

Each function here is the slow, obvious way the lesson computes something (the
trigram ones are the lesson's first exercise, done the same way). Tests compare the
helpers against these, never against the helpers' own output; ``benchmarks/bench.py``
imports them too, to time the lesson's way against the helpers'.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

import torch
import torch.nn.functional as F

from bigram_helpers.shared import LESSON_SEED

ROOT = Path(__file__).resolve().parents[1]
NAMES = ROOT / "names.txt"
SEED = LESSON_SEED  # the lesson's seed

# The lesson takes float32 logs (torch.log of a float32 probability) and adds them one by
# one; table_nll takes float64 logs of the same probabilities and adds them exactly. Each
# float32 log is within about one float32 step of the true log (2**-23 of it), so a loss
# built from them is within that of table_nll's, relative. We allow two steps.
FLOAT32_LOGS = 2.0**-22


def lesson_pairs(words: Sequence[str], marker: str = ".") -> Iterator[tuple[str, str]]:
    """Frame each word with the marker, then zip it with itself shifted by one."""
    for w in words:
        chs = [marker, *w, marker]
        yield from itertools.pairwise(chs)


def lesson_counts(words: Sequence[str], stoi: dict[str, int]) -> torch.Tensor:
    """N filled one tensor write per pair."""
    v = len(stoi)
    N = torch.zeros((v, v), dtype=torch.int32)
    for ch1, ch2 in lesson_pairs(words):
        N[stoi[ch1], stoi[ch2]] += 1
    return N


def lesson_trigrams(words: Sequence[str], marker: str = ".") -> Iterator[tuple[str, str, str]]:
    """Frame each word with two markers before and one after; zip it with itself shifted by one and two."""
    for w in words:
        chs = [marker, marker, *w, marker]
        yield from zip(chs, chs[1:], chs[2:], strict=False)


def lesson_trigram_counts(words: Sequence[str], stoi: dict[str, int]) -> torch.Tensor:
    """The (V, V, V) trigram counts, filled one tensor write per trigram."""
    v = len(stoi)
    N = torch.zeros((v, v, v), dtype=torch.int32)
    for ch1, ch2, ch3 in lesson_trigrams(words):
        N[stoi[ch1], stoi[ch2], stoi[ch3]] += 1
    return N


def lesson_trigram_dataset(words: Sequence[str], stoi: dict[str, int]) -> tuple[torch.Tensor, torch.Tensor]:
    """The trigram training set built in lists: X (P, 2), the two characters before; Y (P,), the next."""
    xs1, xs2, ys = [], [], []
    for ch1, ch2, ch3 in lesson_trigrams(words):
        xs1.append(stoi[ch1])
        xs2.append(stoi[ch2])
        ys.append(stoi[ch3])
    return torch.tensor([xs1, xs2]).T, torch.tensor(ys)


def lesson_grams(words: Sequence[str], order: int, marker: str = ".") -> Counter[str]:
    """Plain-Python n-gram counts of any order: each word framed by order-1 markers before and one after."""
    out: Counter[str] = Counter()
    for w in words:
        chs = marker * (order - 1) + w + marker
        for i in range(len(chs) - order + 1):
            out[chs[i : i + order]] += 1
    return out


def lesson_log_likelihood(words: Sequence[str], P: torch.Tensor, stoi: dict[str, int]) -> tuple[float, int]:
    """Sum of torch.log(P[i, j]).item() over every pair, left to right; and the pair count."""
    log_likelihood = 0.0
    n = 0
    for ch1, ch2 in lesson_pairs(words):
        prob = P[stoi[ch1], stoi[ch2]]
        log_likelihood += torch.log(prob).item()
        n += 1
    return log_likelihood, n


def exact_nll(
    words: Sequence[str], P: torch.Tensor, stoi: dict[str, int], order: int = 2
) -> tuple[float, int]:
    """The summed NLL of every n-gram of ``words`` under ``P``: Python float logs, added exactly.

    Each n-gram's probability is read from ``P`` as a Python float, its log is
    ``math.log`` (float64), once per occurrence (:func:`lesson_grams` counts them), and
    the logs are added with ``math.fsum``: the loss to float64 precision, whatever the
    order. Returns ``(nll, number of examples)``.
    """
    table = P.tolist()
    logs = []
    for gram, count in lesson_grams(words, order).items():
        row = 0
        for ch in gram[:-1]:
            row = row * len(stoi) + stoi[ch]
        p = table[row][stoi[gram[-1]]]
        logs += [math.log(p) if p > 0 else -math.inf] * count
    return -math.fsum(logs), len(logs)


def lesson_sample(P: torch.Tensor, itos: Sequence[str], n: int, g: torch.Generator) -> list[str]:
    """Walk from index 0 until index 0 comes out again, one multinomial draw a step."""
    out = []
    for _ in range(n):
        chars = []
        ix = 0
        while True:
            p = P[ix]
            ix = torch.multinomial(p, num_samples=1, replacement=True, generator=g).item()
            if ix == 0:
                break
            chars.append(itos[ix])
        out.append("".join(chars))
    return out


def lesson_training(
    W: torch.Tensor, xs: torch.Tensor, ys: torch.Tensor, steps: int, lr: float, reg: float = 0.0
) -> list[float]:
    """Gradient descent as the lesson writes it: one-hot, @ W, exp, normalise, NLL, backward.

    ``xs`` is (P,) for the bigram. For an n-gram it is (P, order-1), one column per
    context character, and each column is one-hot encoded on its own and laid side by
    side (the trigram exercise's 27 + 27 inputs, for a W of shape (54, 27)).
    """
    num = ys.nelement()
    v = W.shape[1]
    losses = []
    for _ in range(steps):
        if xs.dim() == 1:
            xenc = F.one_hot(xs, num_classes=v).float()
        else:
            xenc = torch.cat([F.one_hot(xs[:, k], num_classes=v).float() for k in range(xs.shape[1])], dim=1)
        logits = xenc @ W
        counts = logits.exp()
        probs = counts / counts.sum(1, keepdim=True)
        loss = -probs[torch.arange(num), ys].log().mean() + reg * (W**2).mean()
        losses.append(loss.item())
        W.grad = None
        loss.backward()
        W.data += -lr * W.grad
    return losses
