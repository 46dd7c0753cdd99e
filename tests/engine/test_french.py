"""French typography in the templates' own text: the facts get it from the `fr` filter, the
fixed wording of the templates must carry it itself (a no-break space before « : », a narrow
one before « ; ? ! », no-break spaces inside « »), or a line may break before the sign."""

from __future__ import annotations

import re
import pytest

from helpers import ROOT


JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
TAG = re.compile(r"<[^>]*>")
# an ordinary space before : ; ? ! » (not at the start of a line), or after «
LOOSE = re.compile(r"(?<!^) [:;?!»]|« ")

TEMPLATES = sorted(p for p in (ROOT / "templates").rglob("*.md.j2"))


@pytest.mark.parametrize("path", TEMPLATES, ids=[p.name for p in TEMPLATES])
def test_template_text_uses_french_spacing(path):
    bad = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(("generated:", "```")):
            continue
        text = TAG.sub(" x ", JINJA.sub(" x ", line))
        text = re.sub(r" x +", " x", text)  # a value printed before the sign counts as a word
        if LOOSE.search(text):
            bad.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()[:100]}")
    assert not bad, "ordinary space where French needs a no-break one (U+00A0 before :, U+202F before ; ? !):\n" + "\n".join(bad)


def test_the_check_catches_a_loose_colon(tmp_path):
    """The test above can fail: an ordinary space before a colon is caught."""
    text = TAG.sub(" x ", JINJA.sub(" x ", "Objet : {{ d.subject }}"))
    assert LOOSE.search(text)
    assert not LOOSE.search("Objet\u00a0: x")
