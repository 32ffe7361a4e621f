"""Saving and loading a trained n-gram model: vocabulary, order and tensors in one safe file.

The file is a `safetensors <https://huggingface.co/docs/safetensors>`_ file: an 8-byte
header length, a JSON header (tensor names, dtypes, shapes, byte offsets, and a
string-to-string ``__metadata__``), then the raw tensor bytes. Reading it parses JSON
and copies bytes; nothing is unpickled, so no code in the file can run. The metadata
holds ``format`` (``makemore-bigram-model``), ``version`` (1), ``kind`` (``counts`` or
``neural``), ``order``, ``marker``, ``itos`` (the vocabulary as a JSON list of
characters), ``smoothing``, ``training`` (JSON: how it was trained) and ``sha256`` (see
:func:`checksum`). The one tensor is ``N`` (int32 counts, (V**(order-1), V)) for a
counting model or ``W`` (float32 weights, ((order-1)*V, V)) for a neural one.
:func:`load_model` checks all of it and refuses anything else with a
:class:`ModelFileError`: a file whose bytes no longer match its ``sha256`` is damaged.
Files saved before there was a ``sha256`` (it is the only difference) load as before.

A :class:`Model` holds its table as a NumPy array and reads and writes it without
torch, so ``evaluate`` of a counts model never loads torch; ``Model.tensor`` and a
neural model's probabilities load it when first needed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..data import Vocab
from ..shared import as_array, check_order, check_real, count_probs

if TYPE_CHECKING:
    import torch

__all__ = ["KINDS", "Model", "ModelFileError", "checksum", "is_model_file", "load_model", "save_model"]

FORMAT = "makemore-bigram-model"
VERSION = 1
KINDS = ("counts", "neural")
CHECKSUM = "sha256"  # the metadata key of the checksum


class ModelFileError(ValueError):
    """A file is not a model saved by :func:`save_model` (or is damaged); the message says which."""


@dataclass(frozen=True)
class Model:
    """A trained n-gram model, counted or neural.

    ``kind`` is ``"counts"`` (``table`` is the count table ``N``, int32, shape
    (V**(order-1), V), read with ``smoothing``) or ``"neural"`` (``table`` is the weight
    matrix ``W``, float32, shape ((order-1)*V, V)). ``table`` may be given as a torch
    tensor; it is kept as a NumPy array (``tensor`` is the same numbers as a torch
    tensor). ``training`` is JSON-able information on how it was made (steps, lr,
    losses, split...), kept for the record.
    """

    kind: str
    order: int
    vocab: Vocab
    table: np.ndarray
    smoothing: float = 0.0
    training: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")
        check_order(self.order, len(self.vocab))
        table = as_array(self.table)
        object.__setattr__(self, "table", table)  # frozen: set once, here
        v, m = len(self.vocab), self.order - 1
        if self.kind == "counts":
            shape, dtype = (v**m, v), np.dtype(np.int32)
        else:
            shape, dtype = (m * v, v), np.dtype(np.float32)
        if table.shape != shape or table.dtype != dtype:
            raise ValueError(
                f"a {self.kind} model of order {self.order} over {v} characters needs a {dtype} "
                f"table of shape {shape}, got {table.dtype} {table.shape}"
            )
        if not bool(np.isfinite(table).all()) or (self.kind == "counts" and bool((table < 0).any())):
            raise ValueError(f"the {self.kind} table holds NaN, infinite or negative values")
        check_real(self.smoothing, "smoothing", 0)

    @property
    def tensor(self) -> torch.Tensor:
        """``table`` as a torch tensor (the same memory): ``N`` or ``W``."""
        import torch

        return torch.from_numpy(self.table)

    def probs(self) -> np.ndarray:
        """The model's probability table, float32, shape (V**(order-1), V), to sample or score.

        A counts model's is :func:`~bigram_helpers.shared.count_probs` of its counts, with
        0 in a row never seen (as :func:`~bigram_helpers.ngram.ngram_probs` gives it,
        without loading torch); a neural model's is
        :func:`~bigram_helpers.ngram.ngram_neural_probs` of its weights.
        """
        if self.kind == "counts":
            return count_probs(self.table, self.smoothing)[0]
        from ..ngram import ngram_neural_probs

        return ngram_neural_probs(self.tensor, self.order).numpy()


def save_model(model: Model, path: str | os.PathLike[str]) -> Path:
    """Write ``model`` to ``path`` (a safetensors file) and return the path.

    The file is written beside ``path`` first and renamed into place, so an
    interrupted save never leaves a half-written model under that name. It gets the
    mode a new file gets under the process's umask (0644 under umask 022). The same
    model always makes the same bytes (:func:`_in_order`).
    """
    from safetensors.numpy import save

    name = "N" if model.kind == "counts" else "W"
    metadata = {
        "format": FORMAT,
        "version": str(VERSION),
        "kind": model.kind,
        "order": str(model.order),
        "marker": model.vocab.marker,
        "itos": json.dumps(list(model.vocab.itos), ensure_ascii=False),
        "smoothing": repr(float(model.smoothing)),
        "training": json.dumps(model.training, ensure_ascii=False),
    }
    metadata[CHECKSUM] = checksum(metadata, model.table)
    dest = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    os.close(fd)
    try:
        data = save({name: np.ascontiguousarray(model.table)}, metadata=metadata)
        Path(tmp).write_bytes(_in_order(data, metadata))
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp (and so the file) is 0600 whatever the umask
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return dest


def _is_text(path: Path) -> bool:
    """Whether the first 4 KB are UTF-8 text: printable characters and line ends (a model's never are)."""
    with path.open("rb") as f:
        head = f.read(4096)
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not a character cut off at 4 KB
            return False
        text = head[: exc.start].decode("utf-8")
    return bool(text) and all(ch.isprintable() or ch in "\t\r\n\ufeff" for ch in text)


def checksum(metadata: dict[str, str], table: np.ndarray) -> str:
    """The SHA-256 (hex) a model file keeps of its metadata and its tensor's bytes.

    It is taken over the metadata without its ``sha256`` key, as JSON with the keys
    sorted (UTF-8, no spaces: ``json.dumps(..., sort_keys=True, ensure_ascii=False,
    separators=(",", ":"))``), then a zero byte, then the tensor's bytes as the file
    stores them (little-endian, row by row). A changed byte anywhere in what makes the
    model (the counts or weights, the vocabulary, the smoothing...) changes it.
    """
    fields = {key: value for key, value in metadata.items() if key != CHECKSUM}
    digest = hashlib.sha256(
        json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode() + b"\0"
    )
    digest.update(np.ascontiguousarray(table, dtype=table.dtype.newbyteorder("<")))
    return digest.hexdigest()


def _in_order(data: bytes, metadata: dict[str, str]) -> bytes:
    """The safetensors file ``data`` with its metadata's keys in the order of ``metadata``.

    safetensors writes the metadata's keys in a different order in every process, so the
    same model would make a different file each time; the header (8 bytes of length,
    then JSON padded with spaces to a multiple of 8) is written again, keys in order.
    """
    size = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + size])
    if header.get("__metadata__") != metadata:  # safetensors changed what it writes: keep its bytes
        return data
    header["__metadata__"] = metadata
    text = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return len(text).to_bytes(8, "little") + text + data[8 + size :]


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it
    os.umask(mask)
    return mask


def is_model_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a file :func:`save_model` wrote: its header names this format.

    Reads the header only (no tensor); anything unreadable or foreign is ``False``.
    """
    from safetensors import safe_open

    if not Path(path).is_file():
        return False
    try:
        with safe_open(str(path), framework="np") as f:
            return (f.metadata() or {}).get("format") == FORMAT
    except Exception:  # not a safetensors file at all
        return False


def load_model(path: str | os.PathLike[str]) -> Model:
    """Read a model written by :func:`save_model`.

    Anything else (a truncated or damaged file, random bytes, a pickle or a
    ``torch.save`` file, a safetensors file that is not a model) is a
    :class:`ModelFileError` naming the file; nothing in the file is executed. So is a
    file whose metadata and tensor no longer match the :func:`checksum` saved with them
    (a file saved without one is read as it is). A missing file is a ``FileNotFoundError``.
    """
    from safetensors import safe_open

    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"model file {str(p)!r} does not exist; check the path (train makes one)")
    if p.is_dir():
        raise IsADirectoryError(f"model file {str(p)!r} is a directory; give the path of a model file")
    what = f"{str(p)!r} is not a makemore-bigram model file"
    try:
        with safe_open(str(p), framework="np") as f:
            metadata = f.metadata() or {}
            names = list(f.keys())
            tensors = {name: f.get_tensor(name) for name in names}
    except OSError as exc:
        raise ModelFileError(f"{what}: {exc.strerror or exc}") from None
    except Exception as exc:  # safetensors' SafetensorError (damaged header, wrong layout, ...)
        if _is_text(p):
            raise ModelFileError(
                f"{what}: it is a text file (a word list?), where a model is binary; give the file train "
                "saved with --out (sample MODEL; evaluate MODEL WORDS: the model comes first)"
            ) from None
        raise ModelFileError(f"{what} (not a readable safetensors file: {exc}); train one again") from None
    if metadata.get("format") != FORMAT:
        raise ModelFileError(f"{what} (a safetensors file without the model's metadata)")
    if metadata.get("version") != str(VERSION):
        raise ModelFileError(
            f"{str(p)!r} is a model file of version {metadata.get('version')!r}; "
            f"this bigram_helpers reads version {VERSION}"
        )
    if CHECKSUM in metadata and (
        len(names) != 1 or metadata[CHECKSUM] != checksum(metadata, tensors[names[0]])
    ):
        raise ModelFileError(
            f"{str(p)!r} is a damaged makemore-bigram model file: its contents no longer match the "
            "SHA-256 checksum saved in it (a byte changed since it was saved); train the model again, "
            "or copy the file again from where it came from"
        )
    try:
        kind = metadata["kind"]
        order = int(metadata["order"])
        itos = json.loads(metadata["itos"])
        marker = metadata["marker"]
        smoothing = float(metadata["smoothing"])
        training = json.loads(metadata.get("training", "{}"))
        if not isinstance(itos, list) or not all(isinstance(ch, str) and len(ch) == 1 for ch in itos):
            raise ValueError("the vocabulary must be a list of single characters")
        if not isinstance(training, dict):
            raise ValueError("training information must be a JSON object")
        name = "N" if kind == "counts" else "W"
        if names != [name]:
            raise ValueError(f"a {kind} model holds exactly one tensor {name!r}, found {names}")
        return Model(
            kind=kind,
            order=order,
            vocab=Vocab(marker=marker, itos=tuple(itos)),
            table=tensors[name],
            smoothing=smoothing,
            training=training,
        )
    except (KeyError, ValueError, TypeError) as exc:
        detail = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
        raise ModelFileError(f"{str(p)!r} is a damaged makemore-bigram model file: {detail}") from None
