"""The referee's own verdict on a blind answer, from the lesson's public API (never the checks).

`test_exercises_blind.py` uses it to show that each row of `blind_answers.py` is what it
says: a right row meets the exercise's text, a wrong row breaks it. Each part's rule is
the notebook's task read literally: the reference values come from `bigram_helpers`'
lesson functions (`ngram_counts`, `ngram_probs`, `ngram_score`, `ngram_neural_loss`,
`F.cross_entropy` in float64), and a function answer is called on several inputs (other
seeds, the same list twice, a second interpreter with another hash seed, stress logits).
"""

from __future__ import annotations

import collections
import hashlib
import itertools
import json
import math
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from bigram_helpers import bigram_counts, bigram_dataset, bigram_probs, score
from bigram_helpers.ngram import ngram_counts, ngram_dataset, ngram_neural_loss, ngram_probs

ROOT = Path(__file__).resolve().parent.parent
NETWORK_GOAL = 2.40  # the goal the notebook prints for W3
OPTIMUM_TOLERANCE = 1e-4  # Exercise 6: within 0.0001 of the counting model's loss
VALUE_TOLERANCE = 1e-4  # a loss agrees when it is this close (the notebook prints four decimals)


def number(x: object) -> float | None:
    """A plain number, a NumPy scalar or a one-element tensor as a float; anything else None."""
    if isinstance(x, bool) or x is None:
        return None
    if isinstance(x, int | float | np.integer | np.floating):
        return float(x)
    if isinstance(x, torch.Tensor) and x.numel() == 1:
        return float(x.detach().double().item())
    return None


def table(x: object) -> torch.Tensor | None:
    """A tensor or NumPy array as a float64 tensor; anything else None."""
    if isinstance(x, np.ndarray) and x.dtype.kind in "iuf":
        return torch.from_numpy(np.asarray(x, dtype=np.float64))
    if isinstance(x, torch.Tensor):
        return x.detach().double().cpu()
    return None


def mean_nll(P: torch.Tensor, some_words: list[str], vocab, order: int) -> float:
    X, Y = ngram_dataset(some_words, vocab, order)
    rows = X[:, 0] if order == 2 else X[:, 0] * len(vocab) + X[:, 1]
    return -P.double()[rows, Y].log().mean().item()


@dataclass
class Reference:
    """Everything the rules compare with, from the notebook's given cells."""

    ns: dict  # the namespace of the notebook's given cells

    def __post_init__(self) -> None:
        ns = self.ns
        words, vocab = ns["words"], ns["vocab"]
        self.N3 = ngram_counts(words, vocab, order=3)
        self.P3 = ngram_probs(self.N3).double()
        self.loss3 = mean_nll(self.P3, words, vocab, 3)
        train, dev, test = ns["train_words"], ns["dev_words"], ns["test_words"]
        n_train = ngram_counts(train, vocab, order=3)
        self.sweep = {s: mean_nll(ngram_probs(n_train, s), dev, vocab, 3) for s in ns["SMOOTHINGS"]}
        self.best = min(self.sweep, key=self.sweep.get)
        self.test_loss = mean_nll(ngram_probs(n_train, self.best), test, vocab, 3)
        self.xs, self.ys = bigram_dataset(words, vocab)
        W = ns["given_weights"](len(vocab)).detach().clone().requires_grad_()
        self.logits = W[self.xs].detach().clone()
        F.cross_entropy(W[self.xs], self.ys).backward()
        self.grad = W.grad.detach().clone()
        self.N = bigram_counts(words, vocab)
        self.optimum = score(words, bigram_probs(self.N), vocab).mean_nll


def judge(part: str, ns: dict, ref: Reference, split_digests: dict | None = None) -> tuple[bool, str]:
    """(right?, why) for the answer the notebook's namespace `ns` holds for `part`."""
    try:
        return RULES[part](ns, ref, split_digests)
    except Exception as error:  # an answer that makes a rule fail is not right
        return False, f"{type(error).__name__}: {error}"


def counts_rule(ns, ref, _):
    N3 = table(ns["N3"])
    if N3 is None or N3.numel() != ref.N3.numel():
        return False, f"not a table of {ref.N3.numel()} cells: {type(ns['N3']).__name__}"
    if tuple(N3.shape) not in ((729, 27), (27, 27, 27)):
        return False, f"shape {tuple(N3.shape)}"
    return torch.equal(N3.reshape(729, 27), ref.N3.double()), "cells compared with ngram_counts"


def probs_rule(ns, ref, _):
    P3 = table(ns["P3"])
    if P3 is None or tuple(P3.shape) not in ((729, 27), (27, 27, 27)):
        return False, "not a (729, 27) or (27, 27, 27) table"
    P3 = P3.reshape(729, 27)
    never = ref.N3.sum(1) == 0  # a context that never occurs may have zeros or 1/27 (the notebook's text)
    seen_ok = torch.allclose(P3[~never], ref.P3[~never], rtol=0, atol=1e-6)
    unseen = P3[never]
    zeros, uniform = (unseen.abs() < 1e-6).all(1), ((unseen - 1 / 27).abs() < 1e-6).all(1)
    ok = not bool(P3.isnan().any()) and seen_ok and bool((zeros | uniform).all())
    return ok, "cells compared with ngram_probs (rows of contexts that never occur: zeros or 1/27)"


def value_rule(name: str, reference: str):
    def rule(ns, ref, _):
        value = number(ns[name])
        goal = getattr(ref, reference)
        if value is None:
            return False, f"not a number: {type(ns[name]).__name__}"
        return math.isfinite(value) and abs(value - goal) < VALUE_TOLERANCE, f"{value} against {goal}"

    return rule


def network_rule(ns, ref, _):
    W3, fn = ns["W3"], ns["trigram_nn_loss"]
    if not isinstance(W3, torch.Tensor) or tuple(W3.shape) != (54, 27):
        return False, f"W3 is not a (54, 27) tensor: {type(W3).__name__}"
    X3, Y3 = ns["X3"], ns["Y3"]
    loss = ngram_neural_loss(W3.detach().float(), X3, Y3).item()
    if not loss < NETWORK_GOAL:
        return False, f"W3's loss {loss:.4f}"
    words, vocab = ns["words"], ns["vocab"]
    g = torch.Generator().manual_seed(0)
    for some in (["emma", "zoe"], words[100:160]):
        X, Y = ngram_dataset(some, vocab, order=3)
        for W in (W3.detach().float(), torch.randn((54, 27), generator=g) * 3):
            W = W.clone().requires_grad_()
            out = fn(W, X, Y)
            if not isinstance(out, torch.Tensor) or out.numel() != 1:
                return False, f"the forward pass returned {type(out).__name__}"
            want = ngram_neural_loss(W.detach(), X, Y).item()
            if abs(out.item() - want) > 1e-4:
                return False, f"forward pass {out.item():.4f} against {want:.4f}"
            out.backward()
            if W.grad is None:
                return False, "no gradient reaches W"
    return True, f"loss {loss:.4f}, forward pass agrees"


STRESS = [
    ([[1.0, 2.0, 3.0], [101.0, 102.0, 103.0], [-200.0, 0.0, 0.0]], [0, 0, 0]),
    ([[1000.0, 1001.0, 1002.0]], [1]),
    ([[-1000.0, -1001.0, -1002.0]], [2]),
    ([[-1000.0, 0.0, 0.0]], [0]),
]


def stable_rule(ns, ref, _):
    fn = ns["stable_nll"]
    g = torch.Generator().manual_seed(1)
    cases = [(ref.logits, ref.ys)]
    cases += [(torch.tensor(rows), torch.tensor(ys)) for rows, ys in STRESS]
    cases.append((torch.randn((5, 27), generator=g) * 100, torch.tensor([0, 3, 26, 5, 5])))
    for logits, ys in cases:
        value = number(fn(logits.clone(), ys.clone()))
        want = F.cross_entropy(logits.double(), ys).item()
        if value is None or not math.isfinite(value) or abs(value - want) > max(1e-4, 1e-6 * abs(want)):
            return False, f"{value} against {want:.4f} on logits of shape {tuple(logits.shape)}"
    return True, "agrees with F.cross_entropy on every case"


def sweep_rule(ns, ref, _):
    answer = ns["dev_losses"]
    if not isinstance(answer, dict) or set(answer) != set(ref.sweep):
        return False, f"not a dict keyed by SMOOTHINGS: {type(answer).__name__}"
    for s, want in ref.sweep.items():
        value = number(answer[s])
        if value is None or abs(value - want) > VALUE_TOLERANCE:
            return False, f"{s}: {value} against {want:.4f}"
    return True, "every dev loss agrees"


def smoothing_rule(ns, ref, _):
    value = number(ns["best_smoothing"])
    return value is not None and math.isclose(value, ref.best), f"{ns['best_smoothing']!r} against {ref.best}"


def logits_rule(ns, ref, _):
    logits = table(ns["logits"])
    ok = logits is not None and tuple(logits.shape) == tuple(ref.logits.shape)
    return ok and torch.allclose(logits, ref.logits.double()), "compared with W[xs]"


def grad_rule(ns, ref, _):
    grad = table(ns["grad"])
    ok = grad is not None and tuple(grad.shape) == (27, 27)
    ok = ok and torch.allclose(grad, ref.grad.double(), rtol=1e-3, atol=1e-7)
    return ok, "compared with autograd"


def ce_rule(ns, ref, _):
    want = F.cross_entropy(ns["logits"].double(), ns["ys"]).item()
    value = number(ns["loss"])
    return value is not None and abs(value - want) < VALUE_TOLERANCE, f"{value} against {want:.4f}"


def weights_rule(ns, ref, _):
    answer = ns["W_trained"]
    if isinstance(answer, np.ndarray):
        floating = answer.dtype.kind == "f"
    else:
        floating = isinstance(answer, torch.Tensor) and answer.is_floating_point()
    W = table(answer)
    if not floating or tuple(W.shape) != (27, 27):
        return False, f"not a (27, 27) float table: {type(answer).__name__}"
    N = ref.N.double()
    loss = -(N * torch.log_softmax(W, dim=1)).sum().item() / N.sum().item()
    return loss - ref.optimum < OPTIMUM_TOLERANCE, f"loss {loss:.6f} against {ref.optimum:.6f}"


def digest(splits: object) -> str:
    return hashlib.sha256(repr(splits).encode()).hexdigest()


def split_rule(ns, ref, split_digests):
    fn, words = ns["split_names"], list(ns["words"])
    first = fn(list(words), 42)
    if not isinstance(first, tuple | list) or len(first) != 3:
        return False, f"returned {type(first).__name__}, not three lists"
    if not all(type(part) is list and all(type(w) is str for w in part) for part in first):
        return False, "not three lists of names (str)"
    if collections.Counter(w for part in first for w in part) != collections.Counter(words):
        return False, "not every line in exactly one split"
    n = len(words)
    for part, share in zip(first, (0.8, 0.1, 0.1), strict=True):
        if abs(len(part) - share * n) > 1:
            return False, f"sizes {[len(p) for p in first]}"
    same_list = list(words)
    if fn(same_list, 42) != first or same_list != words or fn(same_list, 42) != first:
        return False, "another call with seed 42 gives another split, or the input list changed"
    if fn(list(words), 7)[0] == first[0]:
        return False, "seed 7 gives the same training names as seed 42"
    position = {}
    for i, w in enumerate(words):
        position.setdefault(w, i)
    train = [position[w] for w in first[0]]
    neighbours = sum(abs(b - a) == 1 for a, b in itertools.pairwise(train)) / len(train)
    ascending = sum(a <= b for a, b in itertools.pairwise(first[0])) / len(train)
    if neighbours > 0.05 or ascending > 0.6:
        return False, f"not shuffled: {neighbours:.0%} file neighbours, {ascending:.0%} in alphabetical order"
    others = (split_digests or {}).get(ns["__row__"], [])
    if any(d != digest(first) for d in others):
        return False, "another interpreter (another hash seed) gives another split"
    return True, "a seeded shuffle, 80/10/10, every line once, the same in another interpreter"


RULES = {
    "ex1.counts": counts_rule,
    "ex1.probs": probs_rule,
    "ex1.loss": value_rule("loss3", "loss3"),
    "ex1.network": network_rule,
    "ex2.split": split_rule,
    "ex3.sweep": sweep_rule,
    "ex3.smoothing": smoothing_rule,
    "ex3.test_loss": value_rule("test_loss", "test_loss"),
    "ex4.logits": logits_rule,
    "ex4.grad": grad_rule,
    "ex5.loss": ce_rule,
    "ex5.stable": stable_rule,
    "ex6.weights": weights_rule,
}

SPLIT_SCRIPT = """
import hashlib, json, sys
import torch
import torch.nn.functional as F
from bigram_helpers import load_words
rows = json.loads(sys.stdin.read())
words = load_words(rows.pop("__names__"))
out = {}
for row_id, code in rows.items():
    ns = {"torch": torch, "F": F, "__name__": "__main__"}
    try:
        exec(code, ns)
        out[row_id] = hashlib.sha256(repr(ns["split_names"](list(words), 42)).encode()).hexdigest()
    except Exception as error:
        out[row_id] = "raised " + type(error).__name__
print(json.dumps(out))
"""


def split_digests_elsewhere(codes: dict[str, str], names: Path, hash_seeds=("1", "2")) -> dict:
    """Each split function's result (seed 42) digested in fresh interpreters with other hash seeds."""
    found: dict[str, list[str]] = {row_id: [] for row_id in codes}
    for seed in hash_seeds:
        env = {**os.environ, "PYTHONHASHSEED": seed, "OMP_NUM_THREADS": "1"}
        run = subprocess.run(
            [sys.executable, "-c", SPLIT_SCRIPT],
            input=json.dumps({**codes, "__names__": str(names)}),
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=True,
        )
        for row_id, d in json.loads(run.stdout).items():
            found[row_id].append(d)
    return found
