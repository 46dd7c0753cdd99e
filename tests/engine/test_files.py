"""explainer/files.py: the project's inputs are regular files inside the project, bounded
before any byte is read (issue 18, D3 and D4). The located messages are rows of
tests/engine/test_bad_input.py; these check the reader itself."""

from __future__ import annotations

import os
from pathlib import Path
import pytest

from explainer.files import MAX_BYTES, Refused, read_input, unsafe_entries


def test_a_device_is_refused_before_reading(monkeypatch):
    def never(*args):
        raise AssertionError("read from a device")

    monkeypatch.setattr(os, "read", never)
    with pytest.raises(Refused, match="c'est un périphérique"):
        read_input(Path("/dev/zero"), Path("/"))


def test_a_fifo_is_refused_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "facts.yml")  # no writer: a blocking open would wait for ever
    with pytest.raises(Refused, match="c'est un tube nommé"):
        read_input(tmp_path / "facts.yml", tmp_path)


def test_the_size_bound_comes_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "facts.yml"
    with big.open("wb") as f:
        f.truncate(6_000_000_000)  # sparse: 6 GB announced, nothing stored

    def never(*args):
        raise AssertionError("read a file already known to be too big")

    monkeypatch.setattr(os, "read", never)
    with pytest.raises(Refused, match=r"fichier trop gros \(6 000 000 000 octets, maximum 5 000 000\)"):
        read_input(big, tmp_path)


def test_a_file_read_is_bounded_even_if_it_grows(tmp_path, monkeypatch):
    """A file that grows between fstat and read: the read stops one byte past the bound."""
    path = tmp_path / "facts.yml"
    path.write_bytes(b"a: 1\n")
    real_read = os.read
    served = {"bytes": 0}

    def endless(fd, n):  # the file keeps growing
        served["bytes"] += n
        return b"x" * n

    monkeypatch.setattr(os, "read", endless)
    with pytest.raises(Refused, match="fichier trop gros"):
        read_input(path, tmp_path)
    monkeypatch.setattr(os, "read", real_read)
    assert served["bytes"] == MAX_BYTES + 1


def test_links_inside_the_project_are_followed(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "real.txt").write_text("texte\n", encoding="utf-8")
    (tmp_path / "seeds" / "alias.txt").symlink_to("real.txt")
    assert read_input(tmp_path / "seeds" / "alias.txt", tmp_path) == b"texte\n"


def test_a_link_out_is_refused_whatever_the_path_says(tmp_path):
    (tmp_path / "project" / "seeds").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("OUTSIDE-SECRET\n", encoding="utf-8")
    (tmp_path / "project" / "seeds" / "a.txt").symlink_to("../../secret.txt")
    with pytest.raises(Refused, match=r"lien symbolique vers « \.\./\.\./secret\.txt », hors du projet"):
        read_input(tmp_path / "project" / "seeds" / "a.txt", tmp_path / "project")


def test_unsafe_entries_never_follow_links(tmp_path):
    docs = tmp_path / "project" / "docs"
    (docs / "assets").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (docs / "assets" / "out").symlink_to(tmp_path / "elsewhere")  # a folder outside: listed, not entered
    (docs / "assets" / "in").symlink_to("../..")  # a link back up inside the project: fine, not walked
    found = unsafe_entries(docs, tmp_path / "project")
    assert [p.name for p, _ in found] == ["out"]
