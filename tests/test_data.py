"""load_words and the vocabulary: the data figures and every kind of bad file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bigram_helpers import Vocab, build_vocab, load_words


def write(tmp_path: Path, data: bytes, name: str = "words.txt") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


# --- the documented data figures -------------------------------------------------


def test_names_figures(words):
    assert len(words) == 32033
    assert words[:10] == [
        "emma", "olivia", "ava", "isabella", "sophia",
        "charlotte", "mia", "amelia", "harper", "evelyn",
    ]  # fmt: skip
    assert min(len(w) for w in words) == 2
    assert max(len(w) for w in words) == 15


def test_names_txt_is_the_girls_list_then_the_boys_list(words):
    # Notebook 01 says so: the boys' list starts at line 18,030, each list most popular
    # first, and a name in both lists is why 2,539 lines repeat an earlier one.
    assert words[18_029:18_032] == ["liam", "noah", "william"]  # the boys' top three
    assert words[:3] == ["emma", "olivia", "ava"]  # the girls' top three
    assert len(words) - len(set(words)) == 2_539
    assert [k + 1 for k, w in enumerate(words) if w == "emma"] == [1, 26_329]
    girls, boys = words[:18_029], words[18_029:]
    assert len(set(girls)) == len(girls) and len(set(boys)) == len(boys)  # no repeat within a list
    assert len(set(girls) & set(boys)) == 2_539


def test_names_vocab(vocab, lesson_stoi):
    assert len(vocab) == 27
    assert vocab.stoi == lesson_stoi
    assert vocab.itos[0] == "." and vocab.itos[1] == "a" and vocab.itos[26] == "z"
    assert vocab.encode("emma") == [0, 5, 13, 13, 1, 0]


# --- tolerated file shapes -------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"emma\nava",  # no final newline
        b"emma\nava\n",  # final newline
        b"emma\r\nava\r\n",  # Windows line ends
        b"\xef\xbb\xbfemma\nava\n",  # UTF-8 byte-order mark
        b"\xef\xbb\xbfemma\r\nava",
        b"emma\nava\n\n",  # blank lines at the end, as editors leave them
        b"emma\nava\n\n\n\n",
        b"emma\r\nava\r\n\r\n",
        b"emma\nava\n \n\t\n",  # ... even with whitespace on them
        b"emma\nava\n\n  ",
    ],
)
def test_tolerated_shapes(tmp_path, data):
    assert load_words(write(tmp_path, data)) == ["emma", "ava"]


def test_any_alphabet_is_accepted(tmp_path):
    p = write(tmp_path, "Zoë\nO'Brien\nR2D2\nçà\n".encode())
    assert load_words(p) == ["Zoë", "O'Brien", "R2D2", "çà"]


# --- bad files -------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"\n", b"\n\n\n", b"\r\n", b"\xef\xbb\xbf"])
def test_no_words(tmp_path, data):
    with pytest.raises(ValueError, match="no words"):
        load_words(write(tmp_path, data))


def test_blank_line_in_the_middle_names_the_line(tmp_path):
    with pytest.raises(ValueError, match=r"line 2 is empty; .*\(or load with strip=True to skip them\)"):
        load_words(write(tmp_path, b"emma\n\nava\n\n"))
    with pytest.raises(ValueError, match=r"line 3 \(' '\) is blank.*strip=True to skip them"):
        load_words(write(tmp_path, b"emma\nava\n \nbob"))
    with pytest.raises(ValueError, match=r"line 1 is empty"):  # blank lines at the start are not the end
        load_words(write(tmp_path, b"\nemma\n"))


def test_whitespace_hints_say_what_strip_would_do(tmp_path):
    """Whitespace around a word points to strip=True; whitespace inside one (which strip keeps) does not."""
    with pytest.raises(
        ValueError, match=r"line 1 \('emma '\) .*around the word.*strip=True to strip every line"
    ):
        load_words(write(tmp_path, b"emma \nava\n"))
    with pytest.raises(ValueError, match=r"line 2 \('an na'\) .*inside a word; put one word per line$"):
        load_words(write(tmp_path, b"emma\nan na\n"))


@pytest.mark.parametrize(
    ("data", "line"), [(b"emma\n ava\n", 2), (b"emma \nava\n", 1), (b"a\nb\nan na\n", 3)]
)
def test_whitespace_in_a_word_names_the_line(tmp_path, data, line):
    with pytest.raises(ValueError, match=rf"line {line} .*whitespace"):
        load_words(write(tmp_path, data))


def test_strip_option(tmp_path):
    p = write(tmp_path, b" emma \n\n\tava\n\n")
    assert load_words(p, strip=True) == ["emma", "ava"]


def test_not_utf8_names_line_and_offset(tmp_path):
    with pytest.raises(ValueError, match=r"line 2: byte 0xff at offset 6 .*not valid UTF-8"):
        load_words(write(tmp_path, b"emma\nz\xffoe\n"))


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"nope\.txt.* does not exist"):
        load_words(tmp_path / "nope.txt")


def test_directory(tmp_path):
    with pytest.raises(IsADirectoryError, match="is a directory"):
        load_words(tmp_path)


def test_unreadable_file(tmp_path, monkeypatch):
    # As root (CI) chmod 000 does not stop a read, so simulate the OS refusing it.
    p = write(tmp_path, b"emma\n")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(PermissionError, match=r"words.txt.* cannot be read"):
        load_words(p)


def test_errors_are_one_line(tmp_path):
    for data in (b"", b"a\n\nb", b"a b", b"\xff"):
        with pytest.raises(ValueError) as info:
            load_words(write(tmp_path, data))
        assert "\n" not in str(info.value)


# --- the vocabulary ---------------------------------------------------------------


def test_vocab_any_alphabet_sorted_after_marker():
    v = build_vocab(["Zoë", "O'Brien"])
    assert v.itos[0] == "."
    assert list(v.itos[1:]) == sorted(set("ZoëO'Brien"))
    assert all(v.stoi[ch] == i for i, ch in enumerate(v.itos))
    assert len(v) == len(set("ZoëO'Brien")) + 1


def test_word_with_marker_suggests_another():
    with pytest.raises(
        ValueError,
        match=r"'st\.john' contains the start/end marker '\.'.*another marker \(e\.g\. marker='\|'\)",
    ):
        build_vocab(["emma", "st.john"])
    v = build_vocab(["emma", "st.john"], marker="|")
    assert v.itos[0] == "|" and "." in v


@pytest.mark.parametrize("marker", ["", "..", "ab"])
def test_marker_must_be_one_character(marker):
    with pytest.raises(ValueError, match="one character"):
        build_vocab(["emma"], marker=marker)


def test_encode_unknown_character_names_word_and_character():
    v = build_vocab(["emma"])
    with pytest.raises(ValueError, match=r"word 'emmy' has character 'y'"):
        v.encode("emmy")


def test_vocab_validates_itos():
    with pytest.raises(ValueError, match="marker at index 0"):
        Vocab(marker=".", itos=("a", "."))
    with pytest.raises(ValueError, match="repeat"):
        Vocab(marker=".", itos=(".", "a", "a"))


def test_no_words_no_vocab():
    with pytest.raises(ValueError, match="no words"):
        build_vocab([])
