"""The least work that trains or scores an n-gram counting model on a word list, in one NumPy pass.

The yardstick of ``benchmarks/scale.py``: no checks, no vocabulary beyond the bytes
that occur, no chunks, no model file. It reads the bytes, maps characters to ids (the
newline is the marker), forms the flat n-gram index of every position (a context is all
markers at a word's start), ``bincount``s them, and prints the mean NLL:

    python benchmarks/minimal_pass.py train WORDS ORDER SMOOTHING     # of the smoothed counts
    python benchmarks/minimal_pass.py evaluate WORDS ORDER TABLE.npy  # under a given P

It assumes what the scale benchmark feeds it: ASCII words, one per line, newline at the end.
"""

from __future__ import annotations

import sys

import numpy as np


def ngram_counts(path: str, order: int) -> tuple[np.ndarray, int]:
    codes = np.frombuffer(open(path, "rb").read(), dtype=np.uint8)  # noqa: SIM115 - the least work
    present = np.flatnonzero(np.bincount(codes, minlength=256))
    lut = np.zeros(256, dtype=np.int64)
    lut[present[present != 10]] = np.arange(1, len(present))
    ids = np.concatenate([np.zeros(order - 1, dtype=np.int64), lut[codes]])
    v = len(present)
    y = ids[order - 1 :]
    flat, valid, scale = y.copy(), np.ones(len(y), dtype=bool), v
    for k in range(1, order):
        back = ids[order - 1 - k : len(ids) - k]
        flat += np.where(valid, back, 0) * scale
        valid &= back != 0
        scale *= v
    return np.bincount(flat, minlength=v**order).reshape(-1, v), v


def mean_nll(N: np.ndarray, P: np.ndarray) -> float:
    seen = N > 0
    return float(-(N[seen] * np.log(P[seen]).astype(np.float64)).sum() / N.sum())


def main(argv: list[str]) -> None:
    verb, path, order = argv[0], argv[1], int(argv[2])
    N, _ = ngram_counts(path, order)
    if verb == "train":
        counts = (N + float(argv[3])).astype(np.float32)
        P = counts / counts.sum(1, keepdims=True)
    else:
        P = np.load(argv[3])
    print(f"{mean_nll(N, P):.12f}")


if __name__ == "__main__":
    main(sys.argv[1:])
