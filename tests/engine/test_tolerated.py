"""What editors' tools produce and the build accepts: BOM, Windows line endings, decomposed
Unicode, curly or straight apostrophes, no-break spaces.

All of it is decided before MkDocs runs (load reads the bytes, check matches the quotes,
render writes the pages), so these cases stop at `docs/`: an encoding accepted is one that
generates exactly the pages the clean files generate. Whether those pages build is
test_build.py's business."""

from __future__ import annotations

import unicodedata
import pytest

from explainer.pipeline import run_generate


def bom(text: str) -> bytes:
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def nfd(text: str) -> bytes:
    return unicodedata.normalize("NFD", text).encode("utf-8")


def everything(text: str) -> bytes:
    return b"\xef\xbb\xbf" + unicodedata.normalize("NFD", text).replace("\n", "\r\n").encode("utf-8")


@pytest.fixture(scope="module")
def clean_pages(tmp_path_factory) -> dict[str, str]:
    """The pages the fixture story generates as it is."""
    from helpers import make_project

    result = run_generate(make_project(tmp_path_factory.mktemp("clean") / "project"))
    assert not result.problems, result.problems.items
    return result.pages


@pytest.mark.parametrize("transform", [bom, crlf, nfd, everything], ids=["bom", "crlf", "nfd", "bom+crlf+nfd"])
@pytest.mark.parametrize("target", ["facts.yml", "seeds/articles.yml", "seeds/alpha.txt"])
def test_editor_encodings_change_nothing_published(fixture_project, clean_pages, transform, target):
    path = fixture_project.root / target
    path.write_bytes(transform(path.read_text(encoding="utf-8")))
    result = run_generate(fixture_project)
    assert not result.problems, result.problems.items
    assert "Les pêcheurs" in result.pages["acteurs.md"]  # shown in composed form whatever the input
    assert result.pages == clean_pages


@pytest.mark.parametrize(
    "old, new",
    [
        ("eux, demandent un délai jusqu'au", "eux, demandent un délai jusqu\u2018au"),  # another apostrophe variant
        ("La mairie avait d'abord parlé", "La mairie avait d’abord parlé"),  # curly for straight
        ("le 2 mars", "le\u00a02\u00a0mars"),  # no-break spaces
        ("fermera ses quais le 2 mars}", "fermera  ses\u202fquais le 2 mars}"),
    ],
)
def test_quote_variants_are_found(fixture_project, old, new):
    path = fixture_project.root / "facts.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    result = run_generate(fixture_project)
    assert not result.problems, result.problems.items
    assert result.pages
