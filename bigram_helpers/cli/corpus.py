"""Big word lists as index streams: read, count and score them with no Python object per word or pair.

The lesson's helpers hold the words as a list of str and, to score, one Python float per
pair; that is the right view for a few names and the wrong one for ten million words.
Here a word list becomes one array of character ids, the *stream*: 0 (the marker) at
the start and after every word, so ``emma``, ``ava`` is ``0 e m m a 0 a v a 0``, as
:func:`pair_indices` frames it. Counting reads the n-gram at each position of the
stream in chunks of :data:`CHUNK` positions and tallies them with one ``bincount`` per
chunk; scoring reads only the count table. Time grows linearly with the list and memory
stays at about two bytes per character (one for the file, one for the stream), plus a
fixed amount per chunk.

The numbers are the lesson's: :func:`corpus_counts` gives :func:`ngram_counts`' table
exactly, and :func:`~bigram_helpers.shared.table_nll` of that table gives
:func:`ngram_score`'s loss to about 1e-7 relative (float64 logs added exactly, where the
lesson adds float32 logs one by one). Nothing here loads torch.
Errors are the ones :func:`load_words` and :func:`build_vocab` give, naming the same
line and word.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import numpy as np

from ..data import (
    Hints,
    Vocab,
    check_line,
    check_word,
    decode_words,
    is_control,
    no_words_message,
    read_word_bytes,
)
from ..shared import check_order, context_rows

__all__ = [
    "CHUNK",
    "CLI_HINTS",
    "STDIN",
    "Corpus",
    "corpus_counts",
    "first_word_with",
    "read_corpus",
    "unknown_words",
]

CHUNK = 1 << 22  # stream positions per counting step: bounds the temporary arrays (~200 MB)
STDIN = "-"  # the name that means standard input
CLI_HINTS = Hints(strip="pass --strip", marker="--marker '|'")  # errors here reach command-line users
_LF, _CR = 10, 13


@dataclass(frozen=True)
class Corpus:
    """A word list as an index stream.

    ``chars`` are the distinct characters of the words, sorted as :func:`build_vocab`
    sorts them; ``stream`` (uint8, or int32 beyond 254 characters) holds ``len(words) +
    sum(len(w))`` + 1 ids, where id ``k >= 1`` is ``chars[k - 1]`` and 0 is a word
    boundary; ``ends[i]`` (int64, shape (W,)) is the position of the 0 that closes word
    ``i``. ``lines[i]`` (int64, shape (W,)) is the line of the file word ``i`` was on,
    counted from 1; ``None`` means line ``i + 1`` (no line was skipped). ``name`` is how
    errors name the source.
    """

    name: str
    chars: tuple[str, ...]
    stream: np.ndarray
    ends: np.ndarray
    lines: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.ends)

    def line(self, i: int) -> int:
        """The line of the file (from 1) that word ``i`` was on."""
        return i + 1 if self.lines is None else int(self.lines[i])

    def word(self, i: int) -> str:
        """Word ``i`` (line ``i + 1``) as a str."""
        start = int(self.ends[i - 1]) + 1 if i else 1
        return "".join(self.chars[k - 1] for k in self.stream[start : self.ends[i]].tolist())

    def vocab(self, marker: str, words: np.ndarray | None = None) -> Vocab:
        """The vocabulary :func:`build_vocab` makes from the words (or only those where ``words`` is True).

        ``words`` is a bool array of shape (W,). A word that holds ``marker`` is a ``ValueError``
        naming the word, as in :func:`build_vocab`, and its line.
        """
        if len(marker) != 1:
            raise ValueError(f"marker must be one character, got {marker!r}")
        if marker in self.chars:
            first = first_word_with(self, marker)
            try:
                check_word(self.word(first), marker, CLI_HINTS)
            except ValueError as exc:
                raise ValueError(f"{self.name!r} line {self.line(first)}: {exc}") from None
        seen = np.zeros(len(self.chars) + 1, dtype=np.int64)
        keep = None if words is None else _positions(self, words)
        for a in range(1, len(self.stream), CHUNK):
            chunk = self.stream[a : a + CHUNK]
            if keep is not None:
                chunk = chunk[keep[a : a + CHUNK]]
            seen += np.bincount(chunk, minlength=len(seen))
        return Vocab(
            marker=marker, itos=(marker, *(ch for ch, n in zip(self.chars, seen[1:], strict=True) if n))
        )


def read_corpus(source: str | os.PathLike[str], *, strip: bool = False) -> Corpus:
    """Read a word list (a path, or ``"-"`` for standard input) into a :class:`Corpus`.

    Accepts and refuses what :func:`load_words` does (UTF-8 with or without a byte-order
    mark, Windows line ends, a missing final newline, blank lines at the end; no blank
    line between words, no whitespace or control character in a line), with the same
    messages in the command line's words (``--strip``, not ``strip=True``:
    :data:`CLI_HINTS`), naming standard input ``'<stdin>'``. ``strip`` strips the ends of
    each line and skips blank ones, as ``load_words(strip=True)`` does; ``Corpus.line``
    then still names the line of the file.
    """
    if str(source) == STDIN:
        if sys.stdin is None or sys.stdin.closed:
            raise ValueError("standard input is closed; pipe the word list in, or give its path instead of -")
        if sys.stdin.isatty():  # nothing piped in: say what the wait is for
            print(
                "reading words from the keyboard, one per line; end with Ctrl-D (Ctrl-Z, Enter on Windows)",
                file=sys.stderr,
            )
        name, raw = "<stdin>", sys.stdin.buffer.read()
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
    else:
        name, raw = str(source), read_word_bytes(source)
    if raw.isascii():
        codes = np.frombuffer(raw, dtype=np.uint8)
    else:
        codes = np.frombuffer(decode_words(raw, name).encode("utf-32-le"), dtype="<u4")
    if len(codes) and codes[-1] != _LF:  # the last line ends where the file does
        codes = np.concatenate([codes, np.array([_LF], dtype=codes.dtype)])
    present = np.flatnonzero(_bincount_chunked(codes)).tolist()
    spaces = [c for c in present if chr(c).isspace()]
    if len(spaces) == len(present):
        raise ValueError(no_words_message(name))
    lines = None
    controls = [c for c in present if is_control(chr(c))]
    if strip:
        codes, lines = _stripped(codes, [c for c in spaces if c != _LF])
        present = np.flatnonzero(_bincount_chunked(codes)).tolist()
        inside = [c for c in present if c != _LF and (chr(c).isspace() or c in controls)]
        if inside:  # whitespace left now is inside a word
            _raise_for_line(codes, _first_of(codes, inside), name, lines)
        word_chars = [chr(c) for c in present if c != _LF]
    else:
        codes = _without_blank_end(codes, spaces)
        _check_lines(codes, spaces + controls, name)
        word_chars = [chr(c) for c in present if c not in (_LF, _CR)]
    lut = np.zeros(max(present) + 1, dtype=np.uint8 if len(word_chars) < 255 else np.int32)
    lut[[ord(ch) for ch in word_chars]] = np.arange(1, len(word_chars) + 1)
    stream = np.concatenate([np.zeros(1, dtype=lut.dtype), lut[codes]])
    if not strip and _CR in present:  # every CR here ends a line (checked): drop it
        stream = stream[np.concatenate([[True], codes != _CR])]
    return Corpus(name, tuple(word_chars), stream, np.flatnonzero(stream == 0)[1:], lines)


def _without_blank_end(codes: np.ndarray, spaces: list[int]) -> np.ndarray:
    """``codes`` (ending with a newline) without the blank lines at the end: up to the last word's line end.

    ``spaces`` are the whitespace code points in ``codes``; a line of nothing else is blank.
    The end is searched backwards, a window at a time, so a usual file costs one small window.
    """
    size = 4096
    while True:
        low = max(len(codes) - size, 0)
        solid = np.flatnonzero(~np.isin(codes[low:], spaces))
        if len(solid):
            last = low + int(solid[-1])
            return codes[: last + int(np.argmax(codes[last:] == _LF)) + 1]
        if low == 0:  # pragma: no cover (read_corpus has checked that there is a word)
            return codes[:0]
        size *= 2


def _stripped(codes: np.ndarray, spaces: list[int]) -> tuple[np.ndarray, np.ndarray | None]:
    """``codes`` with each line stripped of ``spaces`` at its ends and blank lines left out.

    ``codes`` end with a newline; ``spaces`` are the whitespace code points other than it.
    Returns the new codes and, if a line was left out, the line number (from 1) of each
    line kept, int64, else ``None``. Whole lines are taken about :data:`CHUNK` positions
    at a time, so the temporary arrays stay bounded whatever the size of the file.
    """
    line_ends = np.flatnonzero(codes == _LF)
    pieces, kept = [], []
    a = 0
    while a < len(codes):
        # the chunk ends with the line that holds position a + CHUNK - 1 (or the file's last)
        b = int(line_ends[min(np.searchsorted(line_ends, a + CHUNK - 1), len(line_ends) - 1)]) + 1
        part = codes[a:b]
        at = np.arange(len(part))
        newline = part == _LF
        solid = ~newline & ~np.isin(part, spaces)
        starts = np.concatenate([[0], np.maximum.accumulate(np.where(newline, at + 1, 0))[:-1]])
        ends = np.minimum.accumulate(np.where(newline, at, len(part))[::-1])[::-1]
        last_solid = np.maximum.accumulate(np.where(solid, at, -1))  # at or before each position
        next_solid = np.minimum.accumulate(np.where(solid, at, len(part))[::-1])[::-1]  # at or after
        in_word = (last_solid >= starts) & (next_solid < ends)  # between a line's first and last solid
        has_word = newline & (last_solid >= starts)  # a newline that ends a line with a word
        pieces.append(part[solid | in_word | has_word])
        first_line = int(np.searchsorted(line_ends, a)) + 1
        kept.append(first_line + np.flatnonzero(has_word[newline]))
        a = b
    numbers = np.concatenate(kept)
    return np.concatenate(pieces), None if len(numbers) == len(line_ends) else numbers


def _bincount_chunked(codes: np.ndarray) -> np.ndarray:
    counts = np.zeros(int(codes.max()) + 1 if len(codes) else 1, dtype=np.int64)
    for a in range(0, len(codes), CHUNK):
        counts += np.bincount(codes[a : a + CHUNK], minlength=len(counts))
    return counts


def _check_lines(codes: np.ndarray, refused: list[int], name: str) -> None:
    """Raise :func:`check_line`'s error for the first empty line, or line with a ``refused`` code, if any.

    ``codes`` end with a newline; ``refused`` are the whitespace and control code points in
    them. A CR right before a newline is a Windows line end, not whitespace in the word; a
    line that is only such a CR is empty.
    """
    lf = np.array([_LF], dtype=codes.dtype)
    for a in range(0, len(codes), CHUNK):
        b = min(a + CHUNK, len(codes))
        lo = max(a - 2, 0)
        # two places back (a newline before the file starts) and one ahead (a newline after it)
        ext = np.concatenate([np.repeat(lf, 2 - (a - lo)), codes[lo : b + 1], lf])
        n = b - a
        cur, back1, back2, ahead = ext[2 : 2 + n], ext[1 : 1 + n], ext[:n], ext[3 : 3 + n]
        bad = (cur == _LF) & ((back1 == _LF) | ((back1 == _CR) & (back2 == _LF)))  # an empty line ends
        for c in refused:
            if c == _CR:
                bad |= (cur == _CR) & (ahead != _LF)
            elif c != _LF:
                bad |= cur == c
        hits = np.flatnonzero(bad)
        if len(hits):
            _raise_for_line(codes, a + int(hits[0]), name, None)


def _first_of(codes: np.ndarray, values: list[int]) -> int:
    """The first position of ``codes`` that holds one of ``values`` (one of them is there)."""
    for a in range(0, len(codes), CHUNK):
        hits = np.flatnonzero(np.isin(codes[a : a + CHUNK], values))
        if len(hits):
            return a + int(hits[0])
    raise AssertionError("none of the values is in codes")  # pragma: no cover


def _raise_for_line(codes: np.ndarray, at: int, name: str, lines: np.ndarray | None) -> None:
    """Raise :func:`check_line`'s error for the line of ``codes`` that holds position ``at``.

    ``codes`` end with a newline; ``lines`` (as :attr:`Corpus.lines`) are the file's line
    numbers of its lines, ``None`` when line ``k`` of ``codes`` is line ``k + 1`` of the file.
    """
    newlines = np.flatnonzero(codes[:at] == _LF)
    start = int(newlines[-1]) + 1 if len(newlines) else 0
    end = at + int(np.argmax(codes[at:] == _LF))
    number = len(newlines) + 1 if lines is None else int(lines[len(newlines)])
    check_line("".join(map(chr, codes[start:end].tolist())), number, name, CLI_HINTS)
    raise AssertionError(f"line {number} of {name!r} passed its check")  # pragma: no cover


def _positions(corpus: Corpus, words: np.ndarray) -> np.ndarray:
    """Bool, one per stream position: does it belong to a word where ``words`` is True.

    Word ``i`` owns the positions after the 0 before it, up to and including its closing 0.
    """
    return np.concatenate([[False], np.repeat(words, np.diff(corpus.ends, prepend=0))])


def first_word_with(corpus: Corpus, ch: str) -> int:
    """The index of the first word of ``corpus`` that holds the character ``ch`` (one of ``corpus.chars``)."""
    pos = int(np.argmax(corpus.stream == corpus.chars.index(ch) + 1))
    return int(np.searchsorted(corpus.ends, pos))


def _remap(corpus: Corpus, vocab: Vocab) -> np.ndarray:
    """Corpus id -> vocabulary id (int64), -1 for a character the vocabulary lacks."""
    return np.array([0, *(vocab.stoi.get(ch, -1) for ch in corpus.chars)], dtype=np.int64)


def unknown_words(corpus: Corpus, vocab: Vocab) -> np.ndarray:
    """Bool array (W,): which words have a character outside ``vocab``.

    A word that holds ``vocab``'s marker is a ``ValueError`` naming it, as in :func:`build_vocab`.
    """
    if vocab.marker in corpus.chars:
        word = corpus.word(first_word_with(corpus, vocab.marker))
        check_word(word, vocab.marker, CLI_HINTS)
    missing = np.flatnonzero(_remap(corpus, vocab) < 0)
    unknown = np.zeros(len(corpus), dtype=bool)
    if len(missing):
        for a in range(1, len(corpus.stream), CHUNK):
            hits = np.flatnonzero(np.isin(corpus.stream[a : a + CHUNK], missing)) + a
            unknown[np.searchsorted(corpus.ends, hits)] = True
    return unknown


def corpus_counts(
    corpus: Corpus, vocab: Vocab, order: int = 2, words: np.ndarray | None = None
) -> np.ndarray:
    """The n-gram count table of the corpus (or of the words where ``words`` is True), int64.

    Shape (V**(order-1), V): ``ngram_counts(those words, vocab, order)`` as an int64 NumPy array. The
    target at each stream position has as context the ids 1 to ``order - 1`` places back,
    read as a row by :func:`context_rows`, with 0 (the marker) for every place before the
    word's start. Every counted word must be covered by ``vocab`` (:func:`unknown_words`);
    ``V**order`` must fit :func:`check_order`'s table limit.
    """
    v, m = len(vocab), order - 1
    check_order(order, v)
    remap = _remap(corpus, vocab)
    if (remap < 0).any():
        outside = unknown_words(corpus, vocab) & (True if words is None else words)
        if outside.any():
            vocab.encode(corpus.word(int(np.argmax(outside))))  # the error names the word and character
    stream = corpus.stream
    keep = None if words is None else _positions(corpus, words)
    total = np.zeros(v**order, dtype=np.int64)
    for a in range(1, len(stream), CHUNK):
        b = min(a + CHUNK, len(stream))
        # the chunk's targets, after the m ids before them (zeros before the stream starts)
        seg = remap[stream[max(a - m, 0) : b]]
        seg = np.concatenate([np.zeros(m - (a - max(a - m, 0)), dtype=np.int64), seg])
        at = np.arange(len(seg))
        boundary = np.maximum.accumulate(np.where(seg == 0, at, -1))  # the last 0 at or before each
        since = at[m:] - boundary[m - 1 : -1]  # places back to the boundary before each target
        columns = (np.where(since >= k, seg[m - k : len(seg) - k], 0) for k in range(m, 0, -1))
        flat = context_rows(columns, v) * v + seg[m:]
        if keep is not None:
            flat = flat[keep[a:b]]
        total += np.bincount(flat, minlength=len(total))
    return total.reshape(v**m, v)
