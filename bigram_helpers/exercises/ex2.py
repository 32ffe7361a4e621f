"""Exercise 2, train/dev/test: ``split``, a function ``split_names(words, seed)`` (input ``words``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import torch

from .core import Hint, Part, Verdict, call, differs, mistake, names, ok, parts_of

TITLE = "Exercise 2: train, dev and test"
SPLIT_SEED = 42  # the seed of the split that exercise 3 starts from


def split_names(words, seed):
    """Shuffle a copy with a seeded generator, then cut 80% / 10% / the rest."""
    perm = torch.randperm(len(words), generator=torch.Generator().manual_seed(seed)).tolist()
    shuffled = [words[i] for i in perm]
    n_train, n_dev = int(0.8 * len(words)), int(0.1 * len(words))
    return shuffled[:n_train], shuffled[n_train : n_train + n_dev], shuffled[n_train + n_dev :]


def given_split(words: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
    """The train/dev/test split exercise 3 starts from: :func:`split_names` with seed 42."""
    return split_names(list(words), SPLIT_SEED)


def _split_props(parts: object, words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The split checked for everything that one call can show; a verdict if something is off."""
    if (
        isinstance(parts, (tuple, list))
        and len(parts) in (2, 4)
        and all(isinstance(p, (list, tuple)) for p in parts)
    ):
        raise Verdict(
            mistake(
                "not_three",
                f"{len(parts)} lists; the split has three parts, train, dev and test (80%, 10% and the "
                "rest): return train, dev, test",
            )
        )
    if not isinstance(parts, (tuple, list)) or len(parts) != 3:
        got = type(parts).__name__ + (f" of {len(parts)}" if isinstance(parts, (tuple, list)) else "")
        raise Verdict(differs("wrong_type", f"expected (train, dev, test), three lists of names; got {got}"))
    examples = sum(len(w) + 1 for w in words)
    if any(isinstance(p, torch.Tensor) for p in parts) or sum(len(p) for p in parts) == examples:
        raise Verdict(
            mistake(
                "split_pairs",
                "split the names, not the pairs (or examples): all the examples of one name belong to the "
                "same split",
            )
        )
    parts = [  # a NumPy array of names (np.str_ is a str) reads as the list it holds
        list(p)
        if hasattr(p, "__array__") and not isinstance(p, torch.Tensor) and getattr(p, "ndim", 0) == 1
        else p
        for p in parts
    ]
    if all(isinstance(p, (list, tuple)) and all(isinstance(i, int) for i in p) for p in parts) and sum(
        len(p) for p in parts
    ) == len(words):
        raise Verdict(
            mistake(
                "indices_not_names",
                "these are indices (numbers), not names: pick the names with them, [words[i] for i in ...]",
            )
        )
    if not all(isinstance(p, (list, tuple)) and all(isinstance(w, str) for w in p) for p in parts):
        kinds = ", ".join(type(p).__name__ for p in parts)
        raise Verdict(
            differs("wrong_type", f"each of train, dev and test must be a list of names (str); got {kinds}")
        )
    train, dev, test = (list(p) for p in parts)
    n, sizes = len(words), [len(train), len(dev), len(test)]
    all_names = Counter(words)
    got = Counter(train) + Counter(dev) + Counter(test)
    total = sum(sizes)
    sums = f"{sizes[0]:,} + {sizes[1]:,} + {sizes[2]:,} = {total:,} names"
    if got != all_names:
        missing, extra = all_names - got, got - all_names
        if not extra and max(got.values(), default=0) == 1 and len(got) == len(all_names):
            raise Verdict(
                mistake(
                    "duplicates_dropped",
                    f"{sums}, one per distinct name: the {n - len(all_names):,} lines that repeat an earlier "
                    "name are gone (set() drops them); shuffle the list itself, every line kept",
                )
            )
        if not extra and 0 < total < n and n - total <= 3:
            raise Verdict(
                mistake(
                    "lost_names",
                    f"{sums}, not {n:,}: rounding each share down loses names; let the test set take what "
                    "is left",
                )
            )
        if not missing and total > n:
            raise Verdict(
                mistake(
                    "overlap",
                    f"{sums}, more than the {n:,} lines: the splits overlap, {total - n:,} lines are in "
                    "two (check where each slice starts and ends)",
                )
            )
        example = next(iter(missing or extra))
        raise Verdict(
            differs(
                "wrong_value",
                f"{sums} for {n:,} lines; {sum(missing.values()):,} lines of names.txt are missing "
                f"and {sum(extra.values()):,} are extra (such as {example!r})",
            )
        )
    for size, share, name in zip(sizes, (0.8, 0.1, 0.1), ("train", "dev", "test"), strict=True):
        if abs(size - share * n) > 2:
            raise Verdict(
                mistake(
                    "wrong_sizes",
                    f"{name} has {size:,} names; 80/10/10 of {n:,} is about {0.8 * n:,.0f} / {0.1 * n:,.0f} "
                    f"/ {0.1 * n:,.0f}",
                )
            )
    unshuffled = {
        "of the file: names.txt is sorted by popularity": words,
        "of the names sorted alphabetically": sorted(words),
    }
    for where, order in unshuffled.items():
        if Counter(train) == Counter(order[: len(train)]):
            message = f"the training set is the first 80% {where}; shuffle (with a seed) before you cut"
            raise Verdict(mistake("not_shuffled", message))
    return train, dev, test


def _judge_split(answer: object) -> object:
    words = names()[0]
    if isinstance(answer, (tuple, list)):
        _split_props(answer, words)
        return mistake(
            "not_a_function",
            "this split looks right; pass the function itself, check(split_names), so that the check can "
            "see it is seeded",
        )
    if not callable(answer):
        return differs(
            "wrong_type", f"expected the function split_names(words, seed), got {type(answer).__name__}"
        )
    given = list(words)
    first = call(answer, given, SPLIT_SEED)
    if given != words:
        return mistake(
            "shuffled_in_place",
            "your function reorders the list it is given (random.shuffle does): shuffle a copy, or the "
            "indices, so that words stays as read",
        )
    train, dev, test = _split_props(first, words)
    again = call(answer, list(words), SPLIT_SEED)
    if [list(p) for p in again] != [train, dev, test]:
        return mistake(
            "unseeded",
            "two calls with the same seed gave different splits: use a generator seeded with the seed "
            "argument",
        )
    other = call(answer, list(words), SPLIT_SEED + 1)
    if [list(p) for p in other] == [train, dev, test]:
        return mistake(
            "seed_ignored", "seeds 42 and 43 give the same split: does your function use its seed argument?"
        )
    return ok(
        f"{len(train):,} / {len(dev):,} / {len(test):,} names, each line in exactly one split, "
        "the same split for the same seed"
    )


split = Part(
    "ex2.split",
    _judge_split,
    split_names,
    "",
    [
        Hint(
            "names.txt is sorted by popularity: shuffle before you cut, or the splits hold different kinds "
            "of names."
        ),
        Hint(
            "A seeded generator gives a shuffled order of the indices, the same every time:",
            "perm = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()",
        ),
        Hint(
            "Cut at int(0.8 * n) and int(0.8 * n) + int(0.1 * n); the test set takes the rest, so no name "
            "is lost:",
            "n = len(words); print(int(0.8 * n), int(0.8 * n) + int(0.1 * n), n)",
        ),
    ],
    {
        "not_a_function": "the split itself instead of the function that makes it",
        "shuffled_in_place": "the function reorders the list it is given",
        "split_pairs": "pairs (or examples) split instead of names",
        "lost_names": "a name lost to rounding",
        "duplicates_dropped": "the repeated lines dropped, e.g. by set()",
        "overlap": "splits that share lines",
        "not_three": "two (or four) lists instead of train, dev, test",
        "indices_not_names": "indices instead of names",
        "wrong_sizes": "not 80/10/10",
        "not_shuffled": "cut without shuffling",
        "unseeded": "a different split on every call",
        "seed_ignored": "the same split for every seed",
    },
)

PARTS = parts_of(globals())

__all__ = ["PARTS", "SPLIT_SEED", "TITLE", "given_split", "split", "split_names"]
