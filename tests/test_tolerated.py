"""What editors' tools produce and the build accepts: BOM, Windows line endings, decomposed
Unicode, curly or straight apostrophes, no-break spaces."""

from __future__ import annotations

import unicodedata

import pytest

from explainer.pipeline import run_build


def bom(text: str) -> bytes:
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def nfd(text: str) -> bytes:
    return unicodedata.normalize("NFD", text).encode("utf-8")


def everything(text: str) -> bytes:
    return b"\xef\xbb\xbf" + unicodedata.normalize("NFD", text).replace("\n", "\r\n").encode("utf-8")


@pytest.mark.parametrize("transform", [bom, crlf, nfd, everything], ids=["bom", "crlf", "nfd", "bom+crlf+nfd"])
@pytest.mark.parametrize("target", ["facts.yml", "seeds/articles.yml", "seeds/alpha.txt"])
def test_editor_encodings_build(fixture_project, transform, target):
    path = fixture_project.root / target
    path.write_bytes(transform(path.read_text(encoding="utf-8")))
    result = run_build(fixture_project)
    assert result.ok, (result.problems.items, result.mkdocs_warnings)
    html = (fixture_project.path("site") / "acteurs" / "index.html").read_text(encoding="utf-8")
    assert "Les pêcheurs" in html  # shown in composed form whatever the input


@pytest.mark.parametrize(
    "old, new",
    [
        ("eux, demandent un délai jusqu'au", "eux, demandent un délai jusqu\u2018au"),  # another apostrophe variant
        ("La mairie avait d'abord parlé", "La mairie avait d’abord parlé"),  # curly for straight
        ("le 2 mars", "le\u00a02\u00a0mars"),  # no-break spaces
        ("fermera ses quais le 2 mars}", "fermera  ses\u202fquais le 2 mars}"),
    ],
)
def test_quote_variants_build(fixture_project, old, new):
    path = fixture_project.root / "facts.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    result = run_build(fixture_project)
    assert result.ok, (result.problems.items, result.mkdocs_warnings)
