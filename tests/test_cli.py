"""The command line: train, sample and evaluate on word lists in any alphabet; every error one line."""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from lesson_reference import FLOAT32_LOGS

from bigram_helpers import build_vocab, load_model, ngram_counts, ngram_probs, ngram_score, save_model
from bigram_helpers.cli import main

GREEK = ["αλφα", "βήτα", "γάμμα", "δέλτα", "έψιλον", "ζήτα", "ήτα", "θήτα", "ιώτα", "κάππα", "λάμδα", "μι"]
ENGLISH = ["Aaron", "aardvark's", "Abby's", "O'Brien", "can't", "Zoë", "élan", "it's", "Zurich", "Ångström"]


def write(tmp_path: Path, name: str, words: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(words) + "\n", encoding="utf-8")
    return path


def run(*args: str | Path, stdin: str | None = None, umask: int = -1) -> subprocess.CompletedProcess[str]:
    """The command line in a fresh interpreter (a torch import: 1-2 s), stdin/stdout/stderr not terminals."""
    return subprocess.run(
        [sys.executable, "-m", "bigram_helpers", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "OMP_NUM_THREADS": "1"},
        umask=umask,
    )


def cli(capsys, *args: str | Path, stdin: bytes | None = None, monkeypatch=None) -> tuple[int, str, str]:
    """``main()`` in this process: the exit status, stdout and stderr (argparse's exits included)."""
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in stderr
    return lines[0]


def test_train_sample_evaluate_in_greek(tmp_path, capsys):
    words = write(tmp_path, "greek.txt", GREEK)
    model = tmp_path / "greek.model"
    code, out, err = cli(capsys, "train", words, "--out", model)
    assert code == 0, err
    assert err == ""
    assert f"{len(GREEK)} words" in out and "saved counts model" in out
    m = load_model(model)
    assert m.kind == "counts" and m.order == 2 and m.smoothing == 1.0
    assert set(m.vocab.itos[1:]) == set("".join(GREEK))

    first = cli(capsys, "sample", model, "-n", "15", "--seed", "7")
    assert first[0] == 0 and cli(capsys, "sample", model, "-n", "15", "--seed", "7") == first
    sampled = first[1].splitlines()
    assert len(sampled) == 15
    assert all(set(w) <= set("".join(GREEK)) for w in sampled)
    assert cli(capsys, "sample", model, "-n", "15", "--seed", "8")[1] != first[1]

    code, out, err = cli(capsys, "evaluate", model, words, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["n"] == sum(len(w) + 1 for w in GREEK)
    vocab = build_vocab(GREEK)
    expected = ngram_score(GREEK, ngram_probs(ngram_counts(GREEK, vocab), 1), vocab)
    assert report["mean_nll"] == pytest.approx(expected.mean_nll, rel=FLOAT32_LOGS)
    assert report["skipped_words"] == 0 and report["order"] == 2 and report["kind"] == "counts"


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell pipeline (cat) and a umask")
def test_the_real_command_reads_a_pipe_and_saves_a_model_the_team_can_read(tmp_path):
    """`cat words | python -m bigram_helpers train - --out m`, as a user types it."""
    model = tmp_path / "greek.model"
    r = subprocess.run(
        f"cat {write(tmp_path, 'g.txt', GREEK)} | {sys.executable} -m bigram_helpers train - --out {model}",
        shell=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        umask=0o022,
    )
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert r.stdout.startswith(f"<stdin>: {len(GREEK)} words")
    assert stat.S_IMODE(model.stat().st_mode) == 0o644  # what umask 022 gives a new file, not 0600


def test_the_real_command_evaluates_standard_input(tmp_path, capsys):
    text = "\n".join(GREEK) + "\n"
    model = tmp_path / "greek.model"
    assert cli(capsys, "train", write(tmp_path, "g.txt", GREEK), "--out", model)[0] == 0
    r = run("evaluate", model, "-", "--json", stdin=text)
    assert r.returncode == 0, r.stderr
    vocab = build_vocab(GREEK)
    expected = ngram_score(GREEK, ngram_probs(ngram_counts(GREEK, vocab), 1), vocab)
    assert json.loads(r.stdout)["mean_nll"] == pytest.approx(expected.mean_nll, rel=FLOAT32_LOGS)
    assert json.loads(r.stdout)["words_file"] == "<stdin>"


def test_stdin_in_process(tmp_path, capsys, monkeypatch):
    data = ("\n".join(ENGLISH) + "\n").encode()
    model = tmp_path / "en.model"
    code, out, err = cli(
        capsys, "train", "-", "--out", model, "--order", "3", stdin=data, monkeypatch=monkeypatch
    )
    assert code == 0, err
    assert load_model(model).training["words_file"] == "<stdin>"
    code, out, err = cli(capsys, "evaluate", model, "-", "--json", stdin=data, monkeypatch=monkeypatch)
    assert code == 0, err
    assert json.loads(out)["n"] == sum(len(w) + 1 for w in ENGLISH)
    code, out, err = cli(capsys, "train", "-", "--out", model, stdin=b"ab\n\ncd\n", monkeypatch=monkeypatch)
    assert code == 2 and "'<stdin>' line 2 is empty" in one_error_line(err)


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


def test_neural_training_matches_the_library_and_is_quiet_off_a_terminal(tmp_path, capsys):
    words = write(tmp_path, "g.txt", GREEK)
    model = tmp_path / "n.model"
    args = ["--model", "neural", "--order", "3", "--steps", "30", "--seed", "5"]
    code, out, err = cli(capsys, "train", words, "--out", model, *args)
    assert code == 0, err
    assert err == ""  # no progress bar when stderr is not a terminal
    assert "trained 30 steps" in out
    m = load_model(model)
    assert m.training["steps"] == 30 and m.training["last_loss"] < m.training["first_loss"]
    from bigram_helpers import ngram_dataset, ngram_init_weights, train_ngram_neural

    vocab = build_vocab(GREEK)
    X, Y = ngram_dataset(GREEK, vocab, 3)
    W = ngram_init_weights(len(vocab), torch.Generator().manual_seed(5), 3)
    train_ngram_neural(W, X, Y, 30, 50.0)
    assert torch.equal(m.tensor, W.detach())


def on_a_terminal(args: list[str], *, stdout_too: bool, env: dict | None = None) -> str:
    """What the command line writes to a 100-column pseudo-terminal: its stderr, and its
    stdout too if ``stdout_too`` (else stdout is discarded). The run must succeed."""
    import fcntl
    import pty
    import struct
    import termios

    primary, secondary = pty.openpty()
    # 100 columns wide (a fresh pseudo-terminal has width 0, where tqdm draws nothing)
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    stdout = secondary if stdout_too else subprocess.DEVNULL
    command = [sys.executable, "-m", "bigram_helpers", *args]
    proc = subprocess.Popen(command, stdout=stdout, stderr=secondary, env=env)
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
    assert proc.wait(timeout=120) == 0
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize("quiet", [False, True])
def test_progress_bar_on_a_terminal(tmp_path, quiet):
    words = write(tmp_path, "g.txt", GREEK)
    args = ["train", str(words), "--out", str(tmp_path / "m")]
    # few steps: the bar draws when it starts and draws the last loss before it is cleared
    args += ["--model", "neural", "--steps", "50", "--lr", "1"] + (["--quiet"] if quiet else [])
    shown = on_a_terminal(args, stdout_too=False)
    if quiet:
        assert shown == ""
    else:
        assert "training:" in shown and "/50" in shown and "loss=" in shown


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
        (
            ["train", "{words}", "--out", "{tmp}/x", "--order", "1"],
            "--order: must be a whole number from 2 to 25",
        ),
        (["train", "{words}", "--out", "{tmp}/x", "--order", "26"], "--order: must be a whole number from 2"),
        (["train", "{words}", "--out", "{tmp}/x", "--order", "9"], "use a lower order"),
        (["train", "{words}", "--out", "{tmp}/x", "--seed", "99999999999999999999999"], "--seed: must be"),
        (
            ["train", "{words}", "--out", "{tmp}/x", "--seed", "-1"],
            "--seed: must be a whole number from 0 to",
        ),
        (["sample", "{model}", "--seed", "18446744073709551616"], "--seed: must be a whole number from 0"),
        (["train", "{words}", "--out", "{tmp}/x", "--model", "neural", "--steps", "-1"], "--steps: must be"),
        (["train", "{words}", "--out", "{tmp}/x", "--model", "neural", "--steps", "2.5"], "--steps: must be"),
        (
            ["train", "{words}", "--out", "{tmp}/x", "--model", "neural", "--lr", "0"],
            "--lr: must be a finite",
        ),
        (["train", "{words}", "--out", "{tmp}/x", "--model", "neural", "--lr", "nan"], "--lr: must be"),
        (["train", "{words}", "--out", "{tmp}/x", "--model", "neural", "--reg", "-1"], "--reg: must be"),
        (["train", "{words}", "--out", "{tmp}/x", "--model", "neural", "--reg", "inf"], "--reg: must be"),
        (["train", "{words}", "--out", "{tmp}/x", "--smoothing", "-0.5"], "--smoothing: must be a finite"),
        (["train", "{words}", "--out", "{tmp}/x", "--split", "a,b,c"], "--split must be three fractions"),
        (["sample", "{model}", "-n", "-3"], "-n: must be a whole number >= 1"),
        (["sample", "{model}", "--max-len", "0"], "--max-len: must be a whole number >= 1"),
        (["train", "{words}", "--out", "-"], "--out - would write a binary model to standard output"),
        (["train", "{words}", "--out", "{words}"], "is the word list"),
        (["train", "{words}", "--out", "{words}", "--force"], "is the word list"),
        (["train", "{words}", "--out", "{bad}"], "exists and is not a makemore-bigram model"),
        (["train", "{words}", "--out", "{tmp}/x", "--model", "lstm"], "invalid choice"),
        (["train", "{dotted}", "--out", "{tmp}/x"], "marker"),
        (["train", "{blank}", "--out", "{tmp}/x"], "line 2 is empty"),
        (["train", "{words}", "--out", "{tmp}/x", "--model", "neural", "--lr", "1e300"], "lower --lr"),
        (["train", "{words}", "--out", "{tmp}/x", "--model", "neural", "--lr", "1e6"], "diverged at step"),
        (["sample", "{model}", "-n", "0"], "-n: must be a whole number >= 1"),
        (["train", "{words}", "--out", "{tmp}/x", "--smoothing", "1e39"], "smoothing 1e+39 is too large"),
        (["train", "{words}", "--out", "{tmp}/x", "--smoothing", "1e38"], "use a smaller smoothing"),
        (
            ["train", "{words}", "--out", "{tmp}/x", "--model", "neural", "--reg", "1e4"],
            "lower --reg than 10000",
        ),
        (["sample", "{words}"], "is a text file (a word list?), where a model is binary"),
        (["evaluate", "{words}", "{model}"], "the model comes first"),
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
    before = {p: p.read_bytes() for p in (words, bad, model)}
    code, _, err = cli(capsys, *(a.format(**{k: str(v) for k, v in paths.items()}) for a in args))
    assert code == 2
    assert match in one_error_line(err)
    assert not (tmp_path / "x").exists()
    assert {p: p.read_bytes() for p in before} == before  # nothing it did not write was touched
    assert not list(tmp_path.glob(".*.part"))


# The real command, once per kind of failure: a file it must not lose, an option out of
# range, training that diverges. Each is one line on stderr, exit status 2, no file changed.


def test_the_real_command_refuses_to_overwrite_the_word_list(tmp_path):
    words = write(tmp_path, "words.txt", GREEK)
    kept = words.read_bytes()
    r = run("train", words, "--out", words)
    assert r.returncode == 2 and r.stdout == ""
    assert "is the word list" in one_error_line(r.stderr) and str(words) in r.stderr
    assert words.read_bytes() == kept


def test_the_real_command_names_an_option_out_of_range(tmp_path):
    r = run(
        "train", write(tmp_path, "w.txt", GREEK), "--out", tmp_path / "m", "--seed", "99999999999999999999999"
    )
    assert r.returncode == 2 and "--seed: must be a whole number from 0 to" in one_error_line(r.stderr)
    assert not (tmp_path / "m").exists()


def test_the_real_command_explains_divergence(tmp_path):
    words = write(tmp_path, "words.txt", GREEK)
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    r = run("train", words, "--out", notes, "--model", "neural", "--lr", "1e6", "--force")
    assert r.returncode == 2
    err = one_error_line(r.stderr)
    assert "training diverged at step" in err and "lower --lr" in err, err
    assert notes.read_text() == "my notes\n"  # --force, but no model was made: the file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "words.txt"]


def test_overwriting(tmp_path, capsys):
    words = write(tmp_path, "w.txt", GREEK)
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"not a model\n")
    code, _, err = cli(capsys, "train", words, "--out", notes)
    assert code == 2 and notes.read_bytes() == b"not a model\n"
    err = one_error_line(err)
    assert repr(str(notes)) in err and "--force" in err
    assert cli(capsys, "train", words, "--out", notes, "--force")[0] == 0
    assert load_model(notes).order == 2
    # a model file of ours may be replaced without --force (the --help says so)
    assert cli(capsys, "train", words, "--out", notes, "--order", "3")[0] == 0
    assert load_model(notes).order == 3
    link = tmp_path / "link.txt"
    link.symlink_to(words)
    kept = words.read_bytes()
    code, _, err = cli(capsys, "train", link, "--out", words, "--force")
    assert code == 2 and "is the word list" in one_error_line(err) and words.read_bytes() == kept
    assert "only with --force" in " ".join(cli(capsys, "train", "--help")[1].split())


@pytest.mark.skipif(sys.platform == "win32", reason="Windows file modes do not follow a umask")
@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_model_file_mode_follows_the_umask(tmp_path, capsys, umask):
    old = os.umask(umask)
    try:
        assert cli(capsys, "train", write(tmp_path, "w.txt", GREEK), "--out", tmp_path / "m")[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "m").stat().st_mode) == 0o666 & ~umask


def test_diverging_or_interrupted_training_keeps_the_old_model(tmp_path, capsys, monkeypatch):
    words = write(tmp_path, "w.txt", GREEK)
    model = tmp_path / "m"
    assert cli(capsys, "train", words, "--out", model)[0] == 0
    kept = model.read_bytes()
    code, out, err = cli(capsys, "train", words, "--out", model, "--model", "neural", "--lr", "1e6")
    err = one_error_line(err)
    assert code == 2 and model.read_bytes() == kept
    # the loss stays finite here (it climbs, then the weights overflow): the message says why it stopped
    assert "diverged at step" in err and "the loss rose from" in err and "--lr than 1e+06" in err
    assert "saved" not in out

    from bigram_helpers.cli import command as cli_module

    def interrupt(self, step, loss):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module._Progress, "on_step", interrupt)
    code, _, err = cli(capsys, "train", words, "--out", model, "--model", "neural")
    assert code == 130 and err == "error: interrupted\n"
    assert model.read_bytes() == kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m", "w.txt"]


def test_odd_inputs_never_give_a_traceback(tmp_path, capsys):
    odd = {
        "nul.txt": b"a\x00b\n",
        "bom-only.txt": b"\xef\xbb\xbf",
        "cr.txt": b"ab\rcd\n",
        "latin1.txt": "caf\xe9\n".encode("latin-1"),
        "astral.txt": "\U0001f600\U0001f601\nab\n".encode(),
        "many-chars.txt": "\n".join(chr(c) for c in range(0x4E00, 0x4E00 + 300)).encode(),
    }
    model = tmp_path / "greek.model"
    assert cli(capsys, "train", write(tmp_path, "g.txt", GREEK), "--out", model)[0] == 0
    for name, data in odd.items():
        path = tmp_path / name
        path.write_bytes(data)
        for args in (
            ["train", path, "--out", tmp_path / f"{name}.m"],
            ["evaluate", model, path],
            ["sample", path],
        ):
            code, _, err = cli(capsys, *args)
            assert code in (0, 2), (name, err)
            assert "Traceback" not in err and "unexpected" not in err, (name, err)
            if code:
                one_error_line(err)


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


def test_help_and_argument_errors_do_not_load_torch():
    """``--help`` and a mistyped argument answer before torch is imported (a second or more)."""
    probe = (
        "import sys\n"
        "from bigram_helpers.cli import main\n"
        "for argv in (['--help'], ['train', '--help'], ['train', 'w.txt', '--out', 'm', '--order', '1']):\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit as exc:\n"
        "        assert exc.code in (0, 2), exc.code\n"
        "print('torch' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False"
    assert "whole number from 2 to 25, got '1'" in done.stderr


def test_importing_the_package_loads_neither_numpy_nor_torch():
    """``python -m bigram_helpers`` runs the package's ``__init__`` before its check for the packages."""
    probe = "import sys, bigram_helpers\nprint('numpy' in sys.modules, 'torch' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.split() == ["False", "False"], done.stderr


MAIN_MODELS = Path(__file__).parent / "data"


def test_evaluate_and_train_of_a_counts_model_do_not_load_torch(tmp_path):
    """Counting and scoring need NumPy only; a neural model's probabilities need torch."""
    names = ["emma", "olivia", "ava", "zoe"]
    words = write(tmp_path, "w.txt", names)
    probe = (
        "import sys, json\n"
        "from bigram_helpers.cli import main\n"
        "from bigram_helpers import load_model\n"
        f"main(['evaluate', {str(MAIN_MODELS / 'main-counts-order2.model')!r}, {str(words)!r}, '--json'])\n"
        f"load_model({str(MAIN_MODELS / 'main-counts-order2.model')!r}).probs()\n"
        f"main(['train', {str(words)!r}, '--out', {str(tmp_path / 'c.model')!r}, '--order', '3'])\n"
        "print('torch loaded:', 'torch' in sys.modules)\n"
        f"main(['evaluate', {str(MAIN_MODELS / 'main-neural-order3.model')!r}, {str(words)!r}])\n"
        "print('torch loaded:', 'torch' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert json.loads(lines[0])["n"] == sum(len(w) + 1 for w in names)
    assert [line for line in lines if line.startswith("torch loaded:")] == [
        "torch loaded: False",
        "torch loaded: True",
    ]


def safetensors_parts(path: Path) -> tuple[dict, bytes]:
    """A safetensors file's header (parsed JSON) and its tensor bytes."""
    data = path.read_bytes()
    size = int.from_bytes(data[:8], "little")
    return json.loads(data[8 : 8 + size]), data[8 + size :]


def test_a_model_saved_again_is_the_same_file_with_a_checksum(tmp_path):
    """Saving a loaded model writes the same header and bytes, plus the checksum these files lack.

    These files were written when safetensors chose the order of the metadata's keys
    (a new one in every process) and before models carried a ``sha256``; save_model now
    writes the keys in its own order, so the header is compared as JSON, not as bytes.
    """
    for name in ("main-counts-order2.model", "main-neural-order3.model"):
        old_header, old_tensor = safetensors_parts(MAIN_MODELS / name)
        assert "sha256" not in old_header["__metadata__"]
        header, tensor = safetensors_parts(save_model(load_model(MAIN_MODELS / name), tmp_path / name))
        assert tensor == old_tensor, name
        digest = header["__metadata__"].pop("sha256")
        assert header == old_header, name
        # the documented definition: the other metadata as sorted compact JSON, a zero byte, the tensor
        text = json.dumps(
            old_header["__metadata__"], sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        assert digest == hashlib.sha256(text.encode() + b"\0" + old_tensor).hexdigest(), name


def test_models_saved_before_the_package_moved_still_load(words, vocab, capsys):
    """Files written by the command line before it moved into bigram_helpers/cli/ (main at 905bfe5)."""
    counts = load_model(MAIN_MODELS / "main-counts-order2.model")  # train names.txt --out ...
    assert (counts.kind, counts.order, counts.smoothing) == ("counts", 2, 1.0)
    assert torch.equal(counts.tensor, ngram_counts(words, vocab, 2))
    neural = load_model(MAIN_MODELS / "main-neural-order3.model")  # --model neural --order 3 --split ...
    assert (neural.kind, neural.order, neural.training["split"]) == ("neural", 3, [0.8, 0.1, 0.1])
    names = str(Path(__file__).resolve().parents[1] / "names.txt")
    assert main(["evaluate", str(MAIN_MODELS / "main-counts-order2.model"), names, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["mean_nll"] == pytest.approx(
        ngram_score(words, ngram_probs(counts.tensor, 1), vocab).mean_nll
    )


def test_sample_refuses_a_missing_or_damaged_model_before_torch_loads(tmp_path):
    """``sample missing.model`` answers at once: torch is imported only after the file is read."""
    bad = tmp_path / "bad.model"
    bad.write_bytes(b"not a model\n")
    probe = (
        "import sys\n"
        "from bigram_helpers.cli import main\n"
        f"print(main(['sample', {str(tmp_path / 'missing.model')!r}]))\n"
        f"print(main(['sample', {str(bad)!r}, '-n', '3']))\n"
        "print('torch' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["2", "2", "False"], done.stderr
    first, second = done.stderr.splitlines()
    assert "missing.model" in first and "does not exist" in first
    assert "bad.model" in second and "is not a makemore-bigram model file" in second


# Counts in the command line's output and errors: "1 word", "2 words", never "1 words".


def test_one_word_one_step_one_example_are_singular(tmp_path, capsys):
    one = write(tmp_path, "one.txt", ["a"])
    code, out, err = cli(
        capsys, "train", one, "--out", tmp_path / "n.model", "--model", "neural", "--steps", "1"
    )
    assert code == 0, err
    assert out.startswith(f"{one}: 1 word, in order: train 1\n"), out
    assert "\ntrained 1 step (lr 50, reg 0) on 2 examples: " in out
    assert "vocabulary: 2 characters (marker '.' + 1 from the training words)" in out
    code, out, err = cli(capsys, "train", one, "--out", tmp_path / "m", "--split", "0.5,0.5,0")
    assert code == 2
    assert "--split gives the training set no words (there is only 1 word)" in one_error_line(err)
    two = write(tmp_path, "two.txt", ["ab", "ba"])
    code, out, err = cli(capsys, "train", two, "--out", tmp_path / "m", "--split", "0.4,0.6,0")
    assert "(there are only 2 words)" in one_error_line(err)


def test_flags_that_do_not_apply_are_named_in_good_grammar(tmp_path, capsys):
    words = write(tmp_path, "w.txt", GREEK)
    code, _, err = cli(
        capsys, "train", words, "--out", tmp_path / "m", "--model", "neural", "--smoothing", "1"
    )
    assert code == 2
    assert one_error_line(err) == (
        "error: --smoothing does not apply to --model neural; leave it out or change --model"
    )
    code, _, err = cli(capsys, "train", words, "--out", tmp_path / "m", "--lr", "1", "--steps", "3")
    assert one_error_line(err) == (
        "error: --steps, --lr do not apply to --model counts; leave them out or change --model"
    )


def test_one_zero_probability_example_is_singular(tmp_path, capsys):
    model = tmp_path / "m.model"
    ab = write(tmp_path, "a.txt", ["ab", "ba"])
    assert cli(capsys, "train", ab, "--out", model, "--smoothing", "0")[0] == 0
    code, out, err = cli(capsys, "evaluate", model, write(tmp_path, "b.txt", ["aa"]))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'b.txt'}: mean NLL inf over 3 examples (1 word) under counts")
    assert lines[1] == "1 example has probability 0 under this model (train with --smoothing above 0)"
    code, out, err = cli(capsys, "evaluate", model, write(tmp_path, "c.txt", ["aa", "bb"]))
    assert out.splitlines()[1].startswith("2 examples have probability 0")


def test_cut_off_samples_are_counted_in_the_command_lines_words(tmp_path, capsys):
    """The warning names --max-len (not max_len=) and counts as the library does."""
    import warnings

    from bigram_helpers import SamplingWarning, ngram_sample

    model = tmp_path / "m.model"
    assert cli(capsys, "train", write(tmp_path, "w.txt", ["abababab", "b"]), "--out", model)[0] == 0
    cuts = []
    for n, max_len in ((20, 3), (1, 1), (40, 6), (5, 100)):
        code, out, err = cli(capsys, "sample", model, "-n", n, "--max-len", max_len, "--seed", "4")
        assert code == 0
        m = load_model(model)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", SamplingWarning)
            names = ngram_sample(
                torch.from_numpy(m.probs()), m.vocab, n, torch.Generator().manual_seed(4), 2, max_len
            )
        assert out.splitlines() == names
        library_cut = int(str(caught[0].message).split()[0]) if caught else 0
        cuts.append(library_cut)
        were = "was" if library_cut == 1 else "were"
        sampled = "sampled word" if n == 1 else "sampled words"
        if library_cut:
            assert err.startswith(
                f"warning: {library_cut} of {n} {sampled} {were} cut off at --max-len {max_len} "
            )
            assert "max_len" not in err and "(s)" not in err
        else:
            assert err == ""
    assert cuts[0] > 1 and cuts[1] == 1 and cuts[3] == 0  # "were", "was" and no warning are all seen


# Word lists as editors leave them: blank lines at the end are ignored, blank lines between
# words are refused with the flag that skips them, spelled as the command line spells it.


@pytest.mark.parametrize("ending", [b"\n\n", b"\n\n\n", b"\r\n\r\n", b"\n \n\t\n", b"\n\n  "])
def test_blank_lines_at_the_end_are_ignored(tmp_path, capsys, ending):
    words = tmp_path / "w.txt"
    words.write_bytes("\n".join(GREEK).encode() + ending)
    model = tmp_path / "m.model"
    code, out, err = cli(capsys, "train", words, "--out", model)
    assert code == 0, err
    assert f"{words}: {len(GREEK)} words" in out
    code, out, err = cli(capsys, "evaluate", model, words, "--json")
    assert code == 0, err
    assert json.loads(out)["words"] == len(GREEK)


def test_blank_lines_between_words_name_the_strip_flag(tmp_path, capsys):
    words = tmp_path / "w.txt"
    words.write_bytes(b"amy\n\nbob\n\n")
    model = tmp_path / "m.model"
    code, _, err = cli(capsys, "train", words, "--out", model)
    assert code == 2 and not model.exists()
    assert one_error_line(err) == (
        f"error: {str(words)!r} line 2 is empty; "
        "remove blank lines between words (or pass --strip to skip them)"
    )
    code, out, err = cli(capsys, "train", words, "--out", model, "--strip")
    assert code == 0, err
    assert f"{words}: 2 words" in out
    assert cli(capsys, "evaluate", model, words)[0] == 2
    code, out, err = cli(capsys, "evaluate", model, words, "--strip", "--json")
    assert code == 0 and json.loads(out)["words"] == 2


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (
            b"amy \nbob\n",
            "line 1 ('amy ') contains whitespace around the word; remove it (or pass --strip to",
        ),
        (b"amy\n\t\nbob\n", "line 2 ('\\t') is blank: it holds only whitespace; remove blank lines between"),
        (b"amy\nbo b\n", "line 2 ('bo b') contains whitespace inside a word; put one word per line"),
        (b"amy\ncd\x00e\n", "line 2 ('cd\\x00e') holds the control character U+0000, which is not text"),
        (
            "amy\nbob\n".encode("utf-16-le"),
            "line 1 ('a\\x00m\\x00y\\x00') holds the control character U+0000",
        ),
        (
            b"amy\nst.john\n",
            "line 2: word 'st.john' contains the start/end marker '.'; "
            "choose another marker (e.g. --marker '|') that no word contains",
        ),
    ],
)
def test_hints_speak_the_command_lines_language(tmp_path, capsys, data, match):
    words = tmp_path / "w.txt"
    words.write_bytes(data)
    code, _, err = cli(capsys, "train", words, "--out", tmp_path / "m")
    assert code == 2
    line = one_error_line(err)
    assert match in line
    assert "strip=True" not in line and "marker=" not in line


def test_strip_keeps_the_line_numbers_in_errors(tmp_path, capsys):
    model = tmp_path / "g.model"
    assert cli(capsys, "train", write(tmp_path, "g.txt", GREEK), "--out", model)[0] == 0
    other = tmp_path / "other.txt"
    other.write_text("αλφα\n\n  βήτα  \n\nalpha\n", encoding="utf-8")
    code, _, err = cli(capsys, "evaluate", model, other, "--strip")
    assert code == 2
    assert f"{str(other)!r} line 5: word 'alpha' has character 'a'" in one_error_line(err)


@pytest.mark.parametrize("marker", ["", "||"])
def test_marker_of_more_than_one_character_is_an_argument_error(tmp_path, capsys, marker):
    code, _, err = cli(
        capsys, "train", write(tmp_path, "w.txt", GREEK), "--out", tmp_path / "m", "--marker", marker
    )
    assert code == 2
    assert f"argument --marker: must be one character, got {marker!r}" in one_error_line(err)


def screen(shown: str) -> list[str]:
    """The lines a terminal shows after ``shown``: CR returns to the line's start, text overwrites.

    Enough of a terminal for tqdm's single bar (CSI sequences other than cursor-up are skipped);
    trailing spaces and blank lines at the end are dropped.
    """
    import re

    rows: list[list[str]] = [[]]
    row = col = 0
    for token in re.findall(r"\x1b\[[0-9;]*[A-Za-z]|.", shown, flags=re.DOTALL):
        if token == "\x1b[A":
            row = max(row - 1, 0)
        elif token.startswith("\x1b"):
            continue
        elif token == "\r":
            col = 0
        elif token == "\n":
            row, col = row + 1, 0
            rows.extend([] for _ in range(row + 1 - len(rows)))
        else:
            line = rows[row]
            line.extend(" " for _ in range(col + 1 - len(line)))
            line[col] = token
            col += 1
    lines = ["".join(r).rstrip() for r in rows]
    while lines and lines[-1] == "":
        lines.pop()
    return lines


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_never_glues_to_the_text(tmp_path):
    """Output and bar on one terminal: the header is above the bar, and the bar leaves no trace."""
    words = write(tmp_path, "g.txt", GREEK)
    args = [
        "train",
        str(words),
        "--out",
        str(tmp_path / "m"),
        "--model",
        "neural",
        "--steps",
        "300",
        "--lr",
        "1",
    ]
    plain = run(*args)  # not a terminal: no bar
    assert plain.returncode == 0 and plain.stderr == ""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "OMP_NUM_THREADS": "1"}
    shown = on_a_terminal(args, stdout_too=True, env=env)
    assert "training:" in shown and "/300" in shown  # the bar was drawn
    header = plain.stdout.splitlines()[:2]
    first_bar = shown.index("training:")
    assert shown.index(header[1]) + len(header[1]) < first_bar  # the header came first, whole
    assert screen(shown) == plain.stdout.splitlines()  # and nothing of the bar is left on the screen


def test_a_model_file_with_a_changed_byte_is_one_clear_error(tmp_path, capsys):
    """The issue's case: a weight's byte changed, and the loss moved with nothing said. Now it is refused."""
    words = write(tmp_path, "g.txt", GREEK)
    model = tmp_path / "n.model"
    assert cli(capsys, "train", words, "--out", model, "--model", "neural", "--steps", "5")[0] == 0
    data = bytearray(model.read_bytes())
    data[-3] ^= 0x04  # a bit of the last weight's exponent
    model.write_bytes(bytes(data))
    for args in (["evaluate", model, words], ["sample", model, "--seed", "1"]):
        code, out, err = cli(capsys, *args)
        assert code == 2 and out == ""
        line = one_error_line(err)
        assert line.startswith(f"error: {str(model)!r} is a damaged makemore-bigram model file: ")
        assert "SHA-256 checksum" in line and "train the model again" in line
    probe = (
        "import sys\n"
        "from bigram_helpers.cli import main\n"
        f"print(main(['sample', {str(model)!r}]), 'torch' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["2", "False"], done.stderr


def test_evaluate_names_a_word_that_holds_the_models_marker(tmp_path, capsys):
    """evaluate has no --marker: the hint is to leave the word out or train with another marker."""
    model = tmp_path / "m.model"
    assert cli(capsys, "train", write(tmp_path, "w.txt", ["amy", "bob"]), "--out", model)[0] == 0
    words = tmp_path / "dots.txt"
    words.write_text("amy\n\n\nst.john\n", encoding="utf-8")
    code, _, err = cli(capsys, "evaluate", model, words, "--strip")
    assert code == 2
    assert one_error_line(err) == (
        f"error: {str(words)!r} line 4: word 'st.john' contains '.', the start/end marker of model "
        f"{str(model)!r}, which cannot score it; leave such words out, or train a model with another "
        "marker (e.g. --marker '|')"
    )


def test_strip_strips_the_ends_of_lines_only(tmp_path, capsys):
    words = tmp_path / "w.txt"
    words.write_text("  amy \nmary ann\n", encoding="utf-8")
    code, _, err = cli(capsys, "train", words, "--out", tmp_path / "m", "--strip")
    assert code == 2 and "line 2 ('mary ann') contains whitespace inside a word" in one_error_line(err)
    assert not (tmp_path / "m").exists()


def test_a_folder_where_no_file_can_be_made_is_refused_before_training(tmp_path, capsys, monkeypatch):
    from bigram_helpers.cli import runs

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(runs.tempfile, "mkstemp", refuse)
    code, out, err = cli(capsys, "train", write(tmp_path, "w.txt", GREEK), "--out", tmp_path / "m")
    assert code == 2 and out == ""  # not a word read, not a step trained
    assert "no file can be made in folder" in one_error_line(err) and "Permission denied" in err


def test_a_missing_package_is_named_with_the_environment_to_use(tmp_path, capsys, monkeypatch):
    """``python -m bigram_helpers`` from a Python without the packages (``-S``: no site-packages)."""
    words = write(tmp_path, "w.txt", GREEK)
    r = subprocess.run(
        [sys.executable, "-S", "-m", "bigram_helpers", "train", str(words), "--out", str(tmp_path / "m")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )
    assert r.returncode == 2 and r.stdout == ""
    line = one_error_line(r.stderr)
    assert "lacks numpy, safetensors, torch, tqdm" in line and "dev.py setup" in line
    assert not (tmp_path / "m").exists()

    from bigram_helpers.cli import runs

    def no_safetensors(*args, **kwargs):
        raise ModuleNotFoundError("No module named 'safetensors'", name="safetensors")

    monkeypatch.setattr(runs, "save_model", no_safetensors)  # an import the check above did not foresee
    code, _, err = cli(capsys, "train", words, "--out", tmp_path / "m")
    line = one_error_line(err)
    assert code == 2 and "lacks it; run the command in the project's .venv" in line
    assert "please report" not in line


def test_reading_from_a_terminal_says_how_to_end(tmp_path, capsys, monkeypatch):
    class Keyboard(io.TextIOWrapper):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", Keyboard(io.BytesIO(b"amy\nbob\n"), encoding="utf-8"))
    code, out, err = cli(capsys, "train", "-", "--out", tmp_path / "m")
    assert code == 0 and "2 words" in out
    assert "one per line; end with Ctrl-D" in err


def test_an_invisible_character_is_named_by_its_code_point(tmp_path, capsys):
    model = tmp_path / "m"
    assert (
        cli(capsys, "train", write(tmp_path, "nfc.txt", ["jos\u00e9", "amy", "elle"]), "--out", model)[0] == 0
    )
    code, _, err = cli(capsys, "evaluate", model, write(tmp_path, "nfd.txt", ["jose\u0301"]))
    assert code == 2 and "has character '\u0301' (U+0301 COMBINING ACUTE ACCENT)" in one_error_line(err)
