"""Model files: a saved model loads back the same, and anything that is not one is refused
with a clear error, without running anything in the file."""

from __future__ import annotations

import json
import os
import pickle
import stat
import subprocess
import sys

import numpy as np
import pytest
import torch
from safetensors import safe_open
from safetensors.torch import save_file

from bigram_helpers import (
    Model,
    ModelFileError,
    build_vocab,
    is_model_file,
    load_model,
    ngram_counts,
    ngram_init_weights,
    ngram_neural_probs,
    ngram_probs,
    save_model,
)

WORDS = ["ñandú", "año", "ñu", "Ωmega", "d'Ñ", "Zoë"]


def counts_model(order: int = 3) -> Model:
    vocab = build_vocab(WORDS)
    return Model(
        "counts",
        order,
        vocab,
        ngram_counts(WORDS, vocab, order),
        smoothing=0.5,
        training={"words": len(WORDS), "note": "ünïcode"},
    )


def neural_model(order: int = 3) -> Model:
    vocab = build_vocab(WORDS, marker="|")
    W = ngram_init_weights(len(vocab), torch.Generator().manual_seed(1), order).detach()
    return Model("neural", order, vocab, W, training={"steps": 0})


@pytest.mark.parametrize("make", [counts_model, neural_model])
@pytest.mark.parametrize("order", [2, 3])
def test_round_trip(tmp_path, make, order):
    model = make(order)
    path = save_model(model, tmp_path / "m.model")
    loaded = load_model(path)
    assert loaded.kind == model.kind and loaded.order == order
    assert loaded.vocab == model.vocab and loaded.vocab.marker == model.vocab.marker
    assert loaded.tensor.dtype == model.tensor.dtype
    assert torch.equal(loaded.tensor, model.tensor)
    assert loaded.smoothing == model.smoothing
    assert loaded.training == model.training
    assert np.array_equal(loaded.probs(), model.probs())
    assert not list(tmp_path.glob("*.part"))  # no temporary file left behind


def test_probs_follow_the_kind():
    c = counts_model()
    assert np.array_equal(c.probs(), ngram_probs(c.tensor, 0.5).numpy())
    n = neural_model()
    assert np.array_equal(n.probs(), ngram_neural_probs(n.tensor, 3).numpy())


def test_model_checks_its_parts():
    vocab = build_vocab(WORDS)
    v = len(vocab)
    with pytest.raises(ValueError, match="kind"):
        Model("lstm", 2, vocab, torch.zeros(v, v, dtype=torch.int32))
    with pytest.raises(ValueError, match=rf"shape \({v * v}, {v}\)"):
        Model("counts", 3, vocab, torch.zeros(v, v, dtype=torch.int32))
    with pytest.raises(ValueError, match="float32"):
        Model("neural", 2, vocab, torch.zeros(v, v, dtype=torch.int32))
    with pytest.raises(ValueError, match="negative"):
        Model("counts", 2, vocab, -torch.ones(v, v, dtype=torch.int32))


def check_refused(path, match="is not a makemore-bigram model file"):
    with pytest.raises(ModelFileError, match=match) as info:
        load_model(path)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_refuses_truncated_file(tmp_path):
    path = save_model(counts_model(), tmp_path / "m.model")
    data = path.read_bytes()
    for keep in (0, 5, 8, 50, len(data) // 2, len(data) - 1):
        bad = tmp_path / f"cut{keep}"
        bad.write_bytes(data[:keep])
        check_refused(bad)


def test_refuses_random_bytes(tmp_path):
    bad = tmp_path / "random"
    bad.write_bytes(
        torch.randint(0, 256, (4096,), generator=torch.Generator().manual_seed(0)).byte().numpy().tobytes()
    )
    check_refused(bad)
    text = tmp_path / "words.txt"
    text.write_text("emma\nolivia\n")
    check_refused(text)


class _Boom:
    """Unpickling this would create a file: the proof that code ran."""

    def __init__(self, target: str) -> None:
        self.target = target

    def __reduce__(self):
        return (open, (self.target, "w"))


def test_refuses_a_pickle_without_running_it(tmp_path):
    sentinel = tmp_path / "code-ran"
    bad = tmp_path / "evil.pkl"
    bad.write_bytes(pickle.dumps(_Boom(str(sentinel))))
    check_refused(bad)
    evil_torch = tmp_path / "evil.pt"
    torch.save({"W": torch.zeros(3, 3), "x": _Boom(str(sentinel))}, evil_torch)
    check_refused(evil_torch)
    assert not sentinel.exists()
    # the pickle does run when unpickled: the test would see it
    with open(bad, "rb") as f:
        pickle.load(f).close()
    assert sentinel.exists()


def test_refuses_safetensors_that_are_not_models(tmp_path):
    plain = tmp_path / "plain.safetensors"
    save_file({"W": torch.zeros(3, 3)}, plain)
    check_refused(plain, match="without the model's metadata")

    model = counts_model()
    good = {
        "format": "makemore-bigram-model",
        "version": "1",
        "kind": "counts",
        "order": "3",
        "marker": ".",
        "itos": json.dumps(list(model.vocab.itos)),
        "smoothing": "0.5",
        "training": "{}",
    }
    tensors = {"N": model.tensor}
    cases = [
        ({**good, "version": "99"}, tensors, "version '99'"),
        ({**good, "order": "2"}, tensors, "damaged.*shape"),
        ({**good, "kind": "neural"}, tensors, "damaged.*'W'"),
        ({**good, "itos": '["..", "a"]'}, tensors, "damaged.*single characters"),
        ({**good, "itos": "not json"}, tensors, "damaged"),
        ({k: v for k, v in good.items() if k != "order"}, tensors, "damaged.*missing 'order'"),
        (good, {"N": model.tensor.float()}, "damaged.*int32"),
        (good, {"N": model.tensor, "extra": torch.zeros(1)}, "damaged.*exactly one tensor"),
    ]
    for i, (metadata, ts, match) in enumerate(cases):
        path = tmp_path / f"case{i}.model"
        save_file(ts, path, metadata=metadata)
        with pytest.raises(ModelFileError, match=match):
            load_model(path)
    path = tmp_path / "ok.model"
    save_file(tensors, path, metadata=good)
    assert torch.equal(load_model(path).tensor, model.tensor)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_model(tmp_path / "nope.model")
    with pytest.raises(IsADirectoryError, match="directory"):
        load_model(tmp_path)


def test_failed_save_leaves_no_file(tmp_path):
    with pytest.raises(OSError):
        save_model(counts_model(), tmp_path / "no-such-dir" / "m.model")
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="Windows file modes do not follow a umask")
@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_saved_file_has_the_mode_of_a_new_file(tmp_path, umask):
    old = os.umask(umask)
    try:
        path = save_model(counts_model(), tmp_path / "m.model")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask  # 0644, 0640: not mkstemp's 0600


def test_is_model_file(tmp_path):
    path = save_model(neural_model(), tmp_path / "m.model")
    assert is_model_file(path)
    plain = tmp_path / "plain.safetensors"
    save_file({"W": torch.zeros(3, 3)}, plain)
    text = tmp_path / "words.txt"
    text.write_text("emma\n")
    assert not any(is_model_file(p) for p in (plain, text, tmp_path, tmp_path / "missing"))


def test_the_same_model_makes_the_same_file_in_every_process(tmp_path):
    """safetensors alone writes the metadata's keys in a new order in each process; save_model does not."""
    script = (
        "import sys\n"
        "import numpy as np\n"
        "from bigram_helpers import build_vocab\n"
        "from bigram_helpers.cli.model import Model, save_model\n"
        f"vocab = build_vocab({WORDS!r})\n"
        "N = np.arange(len(vocab) ** 3, dtype=np.int32).reshape(-1, len(vocab))\n"
        "save_model(Model('counts', 3, vocab, N, 0.5, {'note': 'ünïcode', 'a': 1}), sys.argv[1])\n"
    )
    files = []
    for k in range(4):
        path = tmp_path / f"m{k}.model"
        done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        files.append(path.read_bytes())
    assert all(f == files[0] for f in files)
    assert files[0][8:].startswith(b'{"__metadata__":{"format":"makemore-bigram-model","version":"1"')
    assert load_model(tmp_path / "m0.model").training == {"note": "ünïcode", "a": 1}


def same_model(a: Model, b: Model) -> bool:
    return (a.kind, a.order, a.vocab.itos, a.smoothing, a.training) == (
        b.kind,
        b.order,
        b.vocab.itos,
        b.smoothing,
        b.training,
    ) and np.array_equal(a.table, b.table)


def small_models() -> list[Model]:
    """A counts and a neural model over 6 characters (2 of them not ASCII): small files to damage."""
    words = ["ñu", "Zoë", "uZ"]
    vocab = build_vocab(words)
    W = ngram_init_weights(len(vocab), torch.Generator().manual_seed(1), 2).detach()
    counts = Model("counts", 2, vocab, ngram_counts(words, vocab, 2), 0.5, {"note": "ü"})
    return [counts, Model("neural", 2, vocab, W, training={"steps": 0})]


@pytest.mark.parametrize("model", small_models(), ids=["counts", "neural"])
def test_a_changed_byte_is_refused_never_read_as_another_model(tmp_path, model):
    """Each byte of a saved file, changed in turn: the file is refused, or reads as the same model.

    A changed byte in the tensor (a count, a weight) is the checksum's to catch: the message
    names the file and what to do. Elsewhere the JSON header may break first; the only
    changes that may load are those that leave the model as it was (the header's padding).
    """
    data = save_model(model, tmp_path / "m.model").read_bytes()
    header_end = 8 + int.from_bytes(data[:8], "little")
    damaged = tmp_path / "damaged.model"
    for at in range(len(data)):
        for flip in (0x01, 0x80) if at >= header_end else (0x01,):
            damaged.write_bytes(data[:at] + bytes([data[at] ^ flip]) + data[at + 1 :])
            try:
                loaded = load_model(damaged)
            except ModelFileError as exc:
                message = str(exc)
                assert str(damaged) in message and "\n" not in message, at
                if at >= header_end:
                    assert message == (
                        f"{str(damaged)!r} is a damaged makemore-bigram model file: its contents no longer "
                        "match the SHA-256 checksum saved in it (a byte changed since it was saved); train "
                        "the model again, or copy the file again from where it came from"
                    )
                continue
            assert at < header_end and same_model(loaded, model), at


def test_a_changed_byte_in_a_setting_is_refused(tmp_path):
    """A byte of the metadata that would make another valid model (the smoothing, a character)."""
    path = save_model(counts_model(2), tmp_path / "m.model")
    data = path.read_bytes()
    for old, new in ((b'"smoothing":"0.5"', b'"smoothing":"0.7"'), ("Ω".encode(), "Ψ".encode())):
        assert data.count(old) == 1
        path.write_bytes(data.replace(old, new))
        with pytest.raises(ModelFileError, match="no longer match the SHA-256 checksum"):
            load_model(path)


def test_files_without_a_checksum_still_load(tmp_path):
    """A file saved before models carried a sha256 (the metadata without it) reads as before."""
    model = counts_model(2)
    path = save_model(model, tmp_path / "m.model")
    with safe_open(str(path), framework="np") as f:
        metadata = f.metadata()
    assert len(metadata.pop("sha256")) == 64
    old = tmp_path / "old.model"
    save_file({"N": model.tensor}, old, metadata=metadata)
    assert same_model(load_model(old), model)
    changed = model.table.copy()
    changed[1, 1] += 1
    save_file({"N": torch.from_numpy(changed)}, old, metadata=metadata)
    assert load_model(old).table[1, 1] == model.table[1, 1] + 1  # no checksum: nothing to catch it with
