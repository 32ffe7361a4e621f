"""Reading the word list and turning characters into integers.

Lesson step 1 starts here: a file of names becomes a list of words, and the
characters of those words (plus one start/end marker) become a vocabulary that
maps each character to a row/column index of the count matrix.
"""

from __future__ import annotations

import itertools
import os
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch

__all__ = ["Vocab", "build_vocab", "load_words"]

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Hints:
    """How an error's hint names an option, in the words of whoever reads it.

    ``strip`` is the phrase that asks for stripped lines, ``marker`` an example of
    another marker. :data:`PYTHON_HINTS` speaks the Python API (``strip=True``,
    ``marker='|'``); the command line has its own (``--strip``, ``--marker '|'``).
    """

    strip: str
    marker: str


PYTHON_HINTS = Hints(strip="load with strip=True", marker="marker='|'")


def load_words(path: str | os.PathLike[str], *, strip: bool = False) -> list[str]:
    """Read a file of one word per line and return the words as a list of str.

    The file must be UTF-8. A UTF-8 byte-order mark, Windows (CRLF) line ends, a
    missing or present final newline and blank lines at the end (editors leave them)
    are all accepted. Otherwise the file must be clean: a blank line between words, or
    a line with whitespace or a control character in it, is a ``ValueError`` that names
    the line (:func:`check_line`), because silently dropping or keeping such a line would
    change the model. Pass ``strip=True`` to strip the ends of each line and skip blank
    ones instead; whitespace inside a word is an error still. A file with no words is a
    ``ValueError`` too.

    Returns a list of ``len = number of words``; each word is a non-empty str.
    """
    p = Path(path)
    name = str(p)
    text = decode_words(read_word_bytes(p), name)
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()  # blank lines at the end, and the newline that ends the last word's line
    if not lines:
        raise ValueError(no_words_message(name))
    words: list[str] = []
    for number, line in enumerate(lines, start=1):
        if strip:
            line = line.strip()
            if not line:
                continue
        words.append(check_line(line, number, name))
    return words


def read_word_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the word list at ``path``, without a UTF-8 byte-order mark; errors name the file."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(f"word list {str(p)!r} does not exist; check the path") from None
    except IsADirectoryError:
        raise IsADirectoryError(
            f"word list {str(p)!r} is a directory; give the path of a text file"
        ) from None
    except PermissionError:
        raise PermissionError(
            f"word list {str(p)!r} cannot be read (permission denied); check its permissions"
        ) from None
    return raw[len(_BOM) :] if raw.startswith(_BOM) else raw


def decode_words(raw: bytes, name: str) -> str:
    """``raw`` decoded as UTF-8; invalid bytes are a ``ValueError`` naming ``name``, the line and the byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_no = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        raise ValueError(
            f"{name!r} line {line_no}: byte {raw[exc.start]:#04x} at offset {exc.start} "
            f"(column {exc.start - line_start + 1} in bytes) is not valid UTF-8; "
            "save the file as UTF-8"
        ) from None


def no_words_message(name: str) -> str:
    """The error for a word list with nothing but blank lines."""
    return f"{name!r} holds no words; it needs one word per line"


def check_line(line: str, number: int, name: str, hints: Hints = PYTHON_HINTS) -> str:
    """The word on line ``number`` of ``name`` (one Windows line end removed), or a ``ValueError``.

    A line that is empty or blank, or has whitespace or a control character (such as the
    zero bytes of a UTF-16 file) in it, is an error naming the file and the line; where
    stripping the lines would mend it, the message says how, as ``hints.strip`` spells it.
    """
    if line.endswith("\r"):
        line = line[:-1]
    where = f"{name!r} line {number}"
    skip = f"remove blank lines between words (or {hints.strip} to skip them)"
    if line == "":
        raise ValueError(f"{where} is empty; {skip}")
    word = line.strip()
    if word == "":
        raise ValueError(f"{where} ({line!r}) is blank: it holds only whitespace; {skip}")
    if any(ch.isspace() for ch in word):
        raise ValueError(f"{where} ({line!r}) contains whitespace inside a word; put one word per line")
    if word != line:
        raise ValueError(
            f"{where} ({line!r}) contains whitespace around the word; "
            f"remove it (or {hints.strip} to strip every line)"
        )
    control = next((ch for ch in word if is_control(ch)), None)
    if control is not None:
        raise ValueError(
            f"{where} ({line!r}) holds the control character U+{ord(control):04X}, which is not text; "
            "save the list as plain UTF-8 text (a file saved as UTF-16 has a zero byte beside each letter)"
        )
    return line


def char_text(ch: str) -> str:
    """``repr(ch)``, and its code point and name where it shows as nothing (a combining accent)."""
    if ch.isprintable() and not unicodedata.combining(ch):
        return repr(ch)
    name = unicodedata.name(ch, "")
    return f"{ch!r} (U+{ord(ch):04X}{' ' + name if name else ''})"


def is_control(ch: str) -> bool:
    """Whether ``ch`` is a control character other than whitespace (NUL, ESC, DEL...), never in a word."""
    return unicodedata.category(ch) == "Cc" and not ch.isspace()


@dataclass(frozen=True)
class Vocab:
    """The characters the model knows, each with an integer index.

    ``itos[0]`` is the start/end ``marker``; ``itos[1:]`` are the characters of the
    data in sorted order. ``stoi`` is the inverse mapping. ``len(vocab)`` is V, the
    side of the V x V count matrix.
    """

    marker: str
    itos: tuple[str, ...]
    stoi: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.marker) != 1:
            raise ValueError(f"marker must be one character, got {self.marker!r}")
        if not self.itos or self.itos[0] != self.marker:
            raise ValueError("itos must start with the marker at index 0")
        if len(set(self.itos)) != len(self.itos):
            raise ValueError("itos must not repeat a character")
        object.__setattr__(self, "stoi", {ch: i for i, ch in enumerate(self.itos)})

    def __len__(self) -> int:
        return len(self.itos)

    def __contains__(self, ch: object) -> bool:
        return ch in self.stoi

    def encode(self, word: str) -> list[int]:
        """The indices of ``word`` framed by the marker: ``len(word) + 2`` ints.

        ``"emma"`` gives ``[0, 5, 13, 13, 1, 0]`` for the names vocabulary. A character
        that is not in the vocabulary is a ``ValueError`` naming the word and the
        character.
        """
        check_word(word, self.marker)
        try:
            inner = [self.stoi[ch] for ch in word]
        except KeyError as exc:
            raise ValueError(
                f"word {word!r} has character {char_text(exc.args[0])}, which is not in the "
                f"vocabulary ({len(self)} characters); build the vocabulary from data "
                "that includes it, or leave such words out"
            ) from None
        return [0, *inner, 0]


def check_word(word: str, marker: str, hints: Hints = PYTHON_HINTS) -> None:
    """Raise a ``ValueError`` if ``word`` is empty or contains ``marker`` (suggesting ``hints.marker``)."""
    if not isinstance(word, str):
        raise TypeError(f"words must be str, got {type(word).__name__}: {word!r}")
    if word == "":
        raise ValueError("an empty word has no characters to learn from; remove it")
    if marker in word:
        raise ValueError(
            f"word {word!r} contains the start/end marker {marker!r}; "
            f"choose another marker (e.g. {hints.marker}) that no word contains"
        )


def framed(words: Iterable[str], marker: str) -> Iterable[tuple[str, str]]:
    """Yield every (first, second) character pair of ``words``, each framed by ``marker``."""
    for word in words:
        check_word(word, marker)
        chs = [marker, *word, marker]
        yield from itertools.pairwise(chs)


def build_vocab(words: Sequence[str], marker: str = ".") -> Vocab:
    """Build the vocabulary of ``words``: ``marker`` at index 0, then their characters sorted.

    Works for any alphabet (uppercase, digits, accents, apostrophes...): the characters
    come from the data. A word that contains the marker is a ``ValueError`` that
    suggests another marker.
    """
    if len(marker) != 1:
        raise ValueError(f"marker must be one character, got {marker!r}")
    if len(words) == 0:
        raise ValueError("cannot build a vocabulary from no words")
    for word in words:
        check_word(word, marker)
    return Vocab(marker=marker, itos=(marker, *sorted(set("".join(words)))))


def pair_indices(words: Sequence[str], vocab: Vocab) -> tuple[torch.Tensor, torch.Tensor]:
    """Every character pair of ``words`` as two int64 index tensors ``(xs, ys)``, shape (P,).

    P is the number of pairs, ``sum(len(w) + 1 for w in words)``. The words are joined
    into one framed string (``.emma.olivia.`` shares each inner marker between the end
    of one word and the start of the next) and mapped to indices in one vectorised
    pass, with no Python-level work per pair. A character outside the vocabulary is a
    ``ValueError`` naming the word and the character.
    """
    import torch  # here, not at the top: the command line reads words and vocabularies without torch

    if isinstance(words, str):
        raise TypeError(f"words must be a list of words, not one str ({words[:20]!r}); wrap it: [word]")
    if len(words) == 0:
        empty = torch.zeros(0, dtype=torch.int64)
        return empty, empty.clone()
    marker = vocab.marker
    try:
        text = marker + marker.join(words) + marker
    except TypeError:
        text = ""  # a word that is not a str; the check below names it
    # The joined text holds exactly one marker per word boundary unless a word is empty
    # or contains the marker itself; only then look word by word for the culprit.
    if text.count(marker) != len(words) + 1 or not all(words):
        for word in words:
            check_word(word, marker)
    encoding = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
    codes = torch.frombuffer(bytearray(text.encode(encoding)), dtype=torch.int32).long()
    points = torch.tensor([ord(ch) for ch in vocab.itos], dtype=torch.int64)
    order = torch.argsort(points)
    sorted_points = points[order]
    pos = torch.searchsorted(sorted_points, codes).clamp_(max=len(vocab) - 1)
    known = sorted_points[pos] == codes
    if not bool(known.all()):
        for word in words:  # slow path, only to name the culprit
            vocab.encode(word)
    idx = order[pos]
    return idx[:-1].contiguous(), idx[1:].contiguous()
