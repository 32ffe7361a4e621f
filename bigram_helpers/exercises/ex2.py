"""Exercise 2, train/dev/test: ``split``, a function ``split_names(words, seed)`` (input ``words``).

The function is run, not trusted: twice with seed 42, once with seed 43, and once as a new
interpreter would run it, with ``hash()`` of the names and of any other text changed (as
another ``PYTHONHASHSEED`` changes it), so that a split ordered by ``hash()`` or by a ``set``,
or seeded from a hashed string, is seen to move.
"""

from __future__ import annotations

import builtins
import contextlib
import itertools
import random
from collections import Counter
from dataclasses import dataclass

import torch

from .core import SPLIT_SEED, Part, Result, Several, call, cut, names, say, shuffled


def split_names(words, seed):
    """Shuffle a copy with a seeded generator, then cut 80% / 10% / the rest."""
    perm = torch.randperm(len(words), generator=torch.Generator().manual_seed(seed)).tolist()
    shuffled = [words[i] for i in perm]
    n_train, n_dev = int(0.8 * len(words)), int(0.1 * len(words))
    return shuffled[:n_train], shuffled[n_train : n_train + n_dev], shuffled[n_train + n_dev :]


class _Name(str):
    """A name whose ``hash()`` depends on a salt, as a str's does on the interpreter's hash seed."""

    salt = 0

    def __hash__(self) -> int:
        return hash((type(self).salt, str(self)))


def _salted(words: list[str], salt: int) -> list[str]:
    cls = type(f"Name{salt}", (_Name,), {"salt": salt})
    return [cls(w) for w in words]


def _has_text(x: object) -> bool:
    """Whether ``hash(x)`` changes with the hash seed: a str or bytes, or a tuple holding one."""
    return isinstance(x, (str, bytes)) or (isinstance(x, (tuple, frozenset)) and any(map(_has_text, x)))


@contextlib.contextmanager
def _hash_seed(salt: int):
    """While it lasts, ``hash()`` of text is salted, as another interpreter's hash seed changes it."""
    real = builtins.hash
    builtins.hash = lambda x: real((salt, x)) if _has_text(x) else real(x)
    try:
        yield
    finally:
        builtins.hash = real


def _run(fn: object, salt: int, seed: int) -> object:
    """``fn`` called on a copy of the names, with names and ``hash()`` salted by ``salt``."""
    with _hash_seed(salt):
        return call(fn, _salted(list(names()[0]), salt), seed)


@dataclass(frozen=True)
class Split:
    """What running a split function showed; ``facts`` are the properties it breaks."""

    facts: frozenset[str]
    sizes: tuple[int, int, int]

    def __str__(self) -> str:
        return " / ".join(f"{n:,}" for n in self.sizes)


_FACTS = {
    "mutates": "it reorders the list it is given (random.shuffle does): shuffle a copy, or the indices",
    "not_three": "it does not return three lists: return train, dev, test",
    "a_dict": "it returns a dict, whose keys a split into three would unpack: return the three lists, "
    "return train, dev, test",
    "not_names": "its lists hold numbers, not names: pick the names, [words[i] for i in ...]",
    "lost": "lines of names.txt are in no split",
    "extra": "lines of names.txt are in more than one split",
    "dropped": "lines that repeat an earlier name are missing",
    "sizes": "the sizes are not 80% / 10% / 10%",
    "unshuffled": "each split is a block of consecutive lines (of the file, or of the sorted names): shuffle",
    "unseeded": "two calls with the same seed gave different splits",
    "hash_order": "the split changes with hash() (as in a new interpreter, which hashes strings "
    "differently): order by the seed alone",
    "seed_ignored": "seeds 42 and 43 give the same split: use the seed argument",
}


def _facts_of(parts: object, words: list[str]) -> set[str] | Result:
    """The properties one returned split breaks."""
    if not (isinstance(parts, (tuple, list)) and len(parts) == 3):
        return {"a_dict" if isinstance(parts, dict) else "not_three"}
    if not all(isinstance(p, list) for p in parts):
        kinds = ", ".join(type(p).__name__ for p in parts)
        return say(
            "wrong_type", f"expected three lists of names, got {kinds} (.tolist() or list() makes a list)"
        )
    parts = [list(p) for p in parts]
    if not all(isinstance(w, str) for p in parts for w in p):
        return {"not_names"}
    facts, got, want = set(), Counter(str(w) for p in parts for w in p), Counter(words)
    if want - got:
        facts.add("dropped" if max(got.values(), default=0) == 1 and set(got) == set(want) else "lost")
    if got - want:
        facts.add("extra")
    n = len(words)
    if not facts and any(abs(len(p) - s * n) > 2 for p, s in zip(parts, (0.8, 0.1, 0.1), strict=True)):
        facts.add("sizes")
    if _blocks(parts[0], words) or _blocks(parts[0], sorted(words)):
        facts.add("unshuffled")
    return facts


def _blocks(part: list[str], order: list[str]) -> bool:
    """Whether ``part`` is a few runs of consecutive lines of ``order`` (a random subset has thousands)."""
    left = Counter(map(str, part))
    positions = []
    for i, w in enumerate(order):
        if left[w] > 0:
            left[w] -= 1
            positions.append(i)
    runs = 1 + sum(b != a + 1 for a, b in itertools.pairwise(positions))
    return bool(positions) and runs < 0.05 * len(positions)


def _lists(parts: object) -> object:
    return [list(map(str, p)) for p in parts] if isinstance(parts, (list, tuple)) else parts


def profile(fn: object) -> Split | Result:
    """Run ``fn`` four times on copies of the names and record the properties it breaks."""
    words, given = names()[0], _salted(list(names()[0]), 1)
    with _hash_seed(1):
        first = call(fn, given, SPLIT_SEED)
    if isinstance(first, Result):
        return first
    facts = _facts_of(first, words)
    if isinstance(facts, Result):
        return facts
    if given != words:
        facts.add("mutates")
    if not facts & {"not_three", "a_dict"}:
        runs = ((1, SPLIT_SEED), (2, SPLIT_SEED), (1, SPLIT_SEED + 1))  # (hash salt, seed)
        again, other_hash, other_seed = [_lists(_run(fn, h, s)) for h, s in runs]
        if again != _lists(first):
            facts.add("unseeded")
        elif other_hash != _lists(first):
            facts.add("hash_order")
        if other_seed == _lists(first):
            facts.add("seed_ignored")
    sizes = (0, 0, 0) if facts & {"not_three", "a_dict"} else tuple(len(p) for p in first)
    return Split(frozenset(facts), sizes)


def _row(code: str, *orders, message: str = "") -> tuple:
    """A row whose splits are ``cut(order(words, seed))``; its message is the fact it breaks."""
    fns = [lambda words, seed, order=order: cut(order(words, seed)) for order in orders]
    return (code, lambda: Several(*fns) if len(fns) > 1 else fns[0], message or _FACTS[code])


def _in_place(words, seed):
    random.Random(seed).shuffle(words)
    return words


def _lost(words, seed):
    train, dev, test = split_names(words, seed)
    return train, dev, test[:-2]


def _extra(words, seed):
    train, dev, test = split_names(words, seed)
    return train, dev + test[:1], test


def _halves(words, seed):
    order, n = shuffled(words, seed), len(words)
    return order[: n // 2], order[n // 2 : 3 * n // 4], order[3 * n // 4 :]


class SplitPart(Part):
    name, what = "ex2.split", "split_names"
    solutions = (split_names,)
    # fmt: off
    hints = (
        ("names.txt is sorted by popularity: shuffle before you cut, or the splits hold different kinds "
         "of names."),
        ("A seeded generator gives a shuffled order of the indices, the same every time:",
         "perm = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()"),
        ("Cut at int(0.8 * n) and int(0.8 * n) + int(0.1 * n); the test set takes the rest, so no name "
         "is lost:",
         "n = len(words); print(int(0.8 * n), int(0.8 * n) + int(0.1 * n), n)"),
    )
    mistakes = (
        _row("unshuffled", lambda w, s: list(w), lambda w, s: [*w[s:], *w[:s]], lambda w, s: sorted(w)),
        _row("unseeded", lambda w, s: shuffled(w, random.randrange(2**31))),
        _row("seed_ignored", lambda w, s: shuffled(w, 0)),
        _row("hash_order", lambda w, s: sorted(w, key=lambda name: hash((s, name)))),
        _row("mutates", _in_place),
        _row("dropped", lambda w, s: shuffled(sorted(set(w)), s)),
        _row("dropped", lambda w, s: shuffled(list(set(w)), s), message="the lines that repeat an earlier "
         "name are missing (set() drops them), and the order of a set changes with hash(), in every new "
         "interpreter: shuffle the list of lines itself"),
        ("lost", lambda: _lost, _FACTS["lost"]),
        ("extra", lambda: _extra, _FACTS["extra"]),
        ("sizes", lambda: _halves,
         _FACTS["sizes"] + " (80/10/10 of 32,033 is about 25,626 / 3,203 / 3,204)"),
        ("not_three", lambda: lambda w, s: split_names(w, s)[:2], _FACTS["not_three"]),
        _row("not_names", lambda w, s: shuffled(list(range(len(w))), s)),
    )
    says = {  # noqa: RUF012 (read only)
        "not_a_function": "this is a split, not the function that makes it: pass the function itself, "
        "check(split_names), so that the check can run it with other seeds"}
    # fmt: on

    def read(self, fn):
        if isinstance(fn, (tuple, list)):
            return self.say("not_a_function")
        if not callable(fn):
            return self.say(
                "wrong_type", f"expected the function split_names(words, seed), got {type(fn).__name__}"
            )
        return profile(fn)

    def accept(self, split):
        same = "the same split for the same seed, in any interpreter"
        return None if split.facts else f"{split} names, each line in exactly one split, {same}"

    def same(self, split, built):
        return split.facts == built.facts

    def symptoms(self, split):
        return f"{split} names: " + "; ".join(_FACTS[f] for f in sorted(split.facts))


split = SplitPart()
PARTS = {"split": split}
__all__ = ["PARTS", "SPLIT_SEED", "split", "split_names"]
