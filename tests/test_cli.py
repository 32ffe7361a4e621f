"""The command line: train, sample and evaluate on word lists in any alphabet; every error one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from bigram_helpers import build_vocab, load_model, ngram_counts, ngram_probs, ngram_score
from bigram_helpers.cli import main

GREEK = ["αλφα", "βήτα", "γάμμα", "δέλτα", "έψιλον", "ζήτα", "ήτα", "θήτα", "ιώτα", "κάππα", "λάμδα", "μι"]
ENGLISH = ["Aaron", "aardvark's", "Abby's", "O'Brien", "can't", "Zoë", "élan", "it's", "Zurich", "Ångström"]


def write(tmp_path: Path, name: str, words: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(words) + "\n", encoding="utf-8")
    return path


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The command line in a fresh interpreter, stdin/stdout/stderr not terminals."""
    return subprocess.run(
        [sys.executable, "-m", "bigram_helpers", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in stderr
    return lines[0]


def test_train_sample_evaluate_in_greek(tmp_path):
    words = write(tmp_path, "greek.txt", GREEK)
    model = tmp_path / "greek.model"
    r = run("train", words, "--out", model)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    assert f"{len(GREEK)} words" in r.stdout and "saved counts model" in r.stdout
    m = load_model(model)
    assert m.kind == "counts" and m.order == 2 and m.smoothing == 1.0
    assert set(m.vocab.itos[1:]) == set("".join(GREEK))

    r1 = run("sample", model, "-n", "15", "--seed", "7")
    r2 = run("sample", model, "-n", "15", "--seed", "7")
    assert r1.returncode == 0 and r1.stdout == r2.stdout
    sampled = r1.stdout.splitlines()
    assert len(sampled) == 15
    assert all(set(w) <= set("".join(GREEK)) for w in sampled)
    assert run("sample", model, "-n", "15", "--seed", "8").stdout != r1.stdout

    r = run("evaluate", model, words, "--json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["n"] == sum(len(w) + 1 for w in GREEK)
    vocab = build_vocab(GREEK)
    expected = ngram_score(GREEK, ngram_probs(ngram_counts(GREEK, vocab), 1), vocab)
    assert report["mean_nll"] == pytest.approx(expected.mean_nll, rel=1e-12)
    assert report["skipped_words"] == 0 and report["order"] == 2 and report["kind"] == "counts"


@pytest.mark.parametrize("kind", ["counts", "neural"])
@pytest.mark.parametrize("order", ["2", "3"])
def test_uppercase_and_apostrophes(tmp_path, capsys, kind, order):
    words = write(tmp_path, "en.txt", ENGLISH)
    model = tmp_path / "en.model"
    extra = ["--steps", "20", "--lr", "10"] if kind == "neural" else ["--smoothing", "0.1"]
    assert main(["train", str(words), "--out", str(model), "--model", kind, "--order", order, *extra]) == 0
    out = capsys.readouterr().out
    assert "train" in out and "saved" in out
    m = load_model(model)
    assert (m.kind, m.order) == (kind, int(order))
    assert {"'", "A", "Z", "ë", "Å"} <= set(m.vocab.itos)
    assert main(["evaluate", str(model), str(words), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["n"] == sum(len(w) + 1 for w in ENGLISH)
    assert 0 < report["mean_nll"] < 10
    assert main(["sample", str(model), "-n", "5", "--seed", "1"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 5


def test_split_is_reproducible_and_train_only_learns_from_train(tmp_path, capsys):
    words_list = [f"w{'abcdefgh'[i % 8]}{'ijklmnop'[i // 8 % 8]}{'qrs'[i % 3]}" for i in range(200)]
    words = write(tmp_path, "w.txt", words_list)
    args = ["train", str(words), "--split", "0.8,0.1,0.1", "--seed", "3"]
    assert main([*args, "--out", str(tmp_path / "a.model")]) == 0
    out_a = capsys.readouterr().out
    assert main([*args, "--out", str(tmp_path / "b.model")]) == 0
    out_b = capsys.readouterr().out
    assert out_a.replace("a.model", "b.model") == out_b
    for split, size in (("train", 160), ("dev", 20), ("test", 20)):
        assert any(line.split()[:2] == [split, str(size)] for line in out_a.splitlines()), out_a
    a, b = load_model(tmp_path / "a.model"), load_model(tmp_path / "b.model")
    assert torch.equal(a.tensor, b.tensor)
    assert int(a.tensor.sum()) == sum(len(w) + 1 for w in words_list) * 160 // 200  # all words same length
    assert a.training["split"] == [0.8, 0.1, 0.1] and a.training["seed"] == 3
    assert set(a.training["results"]) == {"train", "dev", "test"}
    assert main([*args[:-1], "4", "--out", str(tmp_path / "c.model")]) == 0
    capsys.readouterr()
    assert not torch.equal(load_model(tmp_path / "c.model").tensor, a.tensor)


def test_neural_training_matches_the_library_and_is_quiet_off_a_terminal(tmp_path):
    words = write(tmp_path, "g.txt", GREEK)
    model = tmp_path / "n.model"
    r = run(
        "train", words, "--out", model, "--model", "neural", "--order", "3", "--steps", "30", "--seed", "5"
    )
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""  # no progress bar when stderr is not a terminal
    assert "trained 30 steps" in r.stdout
    m = load_model(model)
    assert m.training["steps"] == 30 and m.training["last_loss"] < m.training["first_loss"]
    from bigram_helpers import ngram_dataset, ngram_init_weights, train_ngram_neural

    vocab = build_vocab(GREEK)
    X, Y = ngram_dataset(GREEK, vocab, 3)
    W = ngram_init_weights(len(vocab), torch.Generator().manual_seed(5), 3)
    train_ngram_neural(W, X, Y, 30, 50.0)
    assert torch.equal(m.tensor, W.detach())


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize("quiet", [False, True])
def test_progress_bar_on_a_terminal(tmp_path, quiet):
    import fcntl
    import pty
    import struct
    import termios

    words = write(tmp_path, "g.txt", GREEK)
    primary, secondary = pty.openpty()
    # a terminal 100 columns wide (a fresh pseudo-terminal has width 0, where tqdm draws nothing)
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    args = [sys.executable, "-m", "bigram_helpers", "train", str(words), "--out", str(tmp_path / "m")]
    args += ["--model", "neural", "--steps", "20000", "--lr", "1"] + (["--quiet"] if quiet else [])
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=secondary)
    os.close(secondary)
    chunks = []
    while True:  # read while it runs: a full terminal buffer would block the writer
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the other end closed (Linux)
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    assert proc.wait(timeout=300) == 0
    shown = b"".join(chunks).decode("utf-8", "replace")
    if quiet:
        assert shown == ""
    else:
        assert "training:" in shown and "/20000" in shown and "loss=" in shown


def test_unknown_character_is_named_or_skipped(tmp_path, capsys):
    model = tmp_path / "g.model"
    assert main(["train", str(write(tmp_path, "g.txt", GREEK)), "--out", str(model)]) == 0
    capsys.readouterr()
    other = write(tmp_path, "other.txt", ["αλφα", "βήτα", "alpha", "γάμμα", "beta"])
    assert main(["evaluate", str(model), str(other)]) == 2
    err = one_error_line(capsys.readouterr().err)
    assert "line 3" in err and "'alpha'" in err and "'a'" in err and "--skip-unknown" in err
    assert "1 more" in err
    assert main(["evaluate", str(model), str(other), "--skip-unknown", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["skipped_words"] == 2 and report["words"] == 3
    assert report["n"] == sum(len(w) + 1 for w in ["αλφα", "βήτα", "γάμμα"])
    only_latin = write(tmp_path, "latin.txt", ["alpha"])
    assert main(["evaluate", str(model), str(only_latin), "--skip-unknown"]) == 2
    assert "every word" in one_error_line(capsys.readouterr().err)


def test_unsmoothed_model_reports_zero_probability(tmp_path, capsys):
    model = tmp_path / "m.model"
    assert (
        main(["train", str(write(tmp_path, "a.txt", ["ab", "ba"])), "--out", str(model), "--smoothing", "0"])
        == 0
    )
    capsys.readouterr()
    assert main(["evaluate", str(model), str(write(tmp_path, "b.txt", ["aa"])), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)  # strict JSON: no Infinity
    assert report["mean_nll"] is None and report["zero_probability"] == 1


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["sample", "{bad}"], "is not a makemore-bigram model file"),
        (["sample", "{missing}"], "does not exist"),
        (["evaluate", "{model}", "{missing}"], "does not exist"),
        (["train", "{missing}", "--out", "{tmp}/x"], "does not exist"),
        (["train", "{words}", "--out", "{tmp}/no/x"], "does not exist"),
        (["train", "{words}", "--out", "{tmp}"], "folder"),
        (["train", "{words}", "--out", "{tmp}/x", "--model", "neural", "--smoothing", "1"], "--smoothing"),
        (["train", "{words}", "--out", "{tmp}/x", "--lr", "1"], "--lr"),
        (["train", "{words}", "--out", "{tmp}/x", "--split", "0.5,0.5"], "--split"),
        (["train", "{words}", "--out", "{tmp}/x", "--split", "0.8,0.1,0.2"], "add up to 1"),
        (["train", "{words}", "--out", "{tmp}/x", "--order", "1"], "order must be an int >= 2"),
        (["train", "{words}", "--out", "{tmp}/x", "--model", "lstm"], "invalid choice"),
        (["train", "{dotted}", "--out", "{tmp}/x"], "marker"),
        (["train", "{blank}", "--out", "{tmp}/x"], "line 2 is empty"),
        (["train", "{words}", "--out", "{tmp}/x", "--model", "neural", "--lr", "1e300"], "lower lr"),
        (["sample", "{model}", "-n", "0"], "positive whole number"),
        (["evaluate", "{model}"], "required"),
        ([], "required"),
    ],
)
def test_errors_are_one_line_and_exit_2(tmp_path, capsys, args, match):
    words = write(tmp_path, "w.txt", GREEK)
    model = tmp_path / "ok.model"
    assert main(["train", str(words), "--out", str(model)]) == 0
    bad = tmp_path / "bad.model"
    bad.write_bytes(os.urandom(300))
    paths = {
        "bad": bad,
        "missing": tmp_path / "missing.txt",
        "model": model,
        "words": words,
        "tmp": tmp_path,
        "dotted": write(tmp_path, "dotted.txt", ["st.john", "amy"]),
        "blank": tmp_path / "blank.txt",
    }
    paths["blank"].write_text("amy\n\nbob\n")
    capsys.readouterr()
    argv = [a.format(**{k: str(v) for k, v in paths.items()}) for a in args]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    assert code == 2
    captured = capsys.readouterr()
    assert match in one_error_line(captured.err)
    assert not (tmp_path / "x").exists()


def test_subprocess_errors_are_one_line(tmp_path):
    bad = tmp_path / "bad.model"
    bad.write_bytes(b"\x80\x04not really a pickle")
    r = run("evaluate", bad, write(tmp_path, "w.txt", GREEK))
    assert r.returncode == 2 and r.stdout == ""
    assert "is not a makemore-bigram model file" in one_error_line(r.stderr)
    r = run("train", tmp_path / "nope.txt", "--out", tmp_path / "m")
    assert r.returncode == 2
    assert "does not exist" in one_error_line(r.stderr)


def test_other_marker(tmp_path, capsys):
    words = write(tmp_path, "d.txt", ["st.john", "j.r.", "amy"])
    model = tmp_path / "m.model"
    assert main(["train", str(words), "--out", str(model), "--marker", "|", "--order", "3"]) == 0
    assert load_model(model).vocab.marker == "|"
    capsys.readouterr()
    assert main(["evaluate", str(model), str(words), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["n"] == 8 + 5 + 4


def test_console_script_is_declared():
    from importlib.metadata import PackageNotFoundError, entry_points, version

    try:
        version("bigram-helpers")
    except PackageNotFoundError:
        pytest.skip("bigram-helpers is not installed (pip install -e .)")
    scripts = {ep.name: ep.value for ep in entry_points(group="console_scripts")}
    assert scripts.get("makemore-bigram") == "bigram_helpers.cli:main"
