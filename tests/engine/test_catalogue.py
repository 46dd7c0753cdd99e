"""The interface strings are in one catalogue (explainer/locales/fr/LC_MESSAGES/site.po, read
through Babel): every message id the engine's code and templates use is in it, with French
words and the same placeholders; nothing in it is unused (issue 25)."""

from __future__ import annotations

import re
from pathlib import Path
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from explainer import language


ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def used(root: Path = ROOT) -> dict[str, str]:
    """Message id -> where it is first used, in explainer/ (Python) and templates/ (Jinja)."""
    out: dict[str, str] = {}
    for folder, method in (("explainer", "python"), ("templates", "jinja2.ext:babel_extract")):
        found = extract_from_dir(root / folder, method_map=[("**.py" if method == "python" else "**.j2", method)],
                                 options_map={"**.j2": {"extensions": "jinja2.ext.i18n"}}, keywords=KEYWORDS)
        for filename, lineno, message, _comments, _context in found:
            for msgid in message if isinstance(message, tuple) else (message,):
                out.setdefault(msgid, f"{folder}/{filename}:{lineno}")
    return out


def catalogue(lang: str = "fr"):
    with language.catalogue_path(lang).open("rb") as po:
        return read_po(po, locale=lang)


def _ids(cat) -> dict[str, object]:
    out = {}
    for m in cat:
        if not m.id:
            continue
        for msgid in m.id if isinstance(m.id, tuple) else (m.id,):
            out[msgid] = m
    return out


def missing_and_unused(code: dict[str, str], cat) -> tuple[list[str], list[str]]:
    ids = _ids(cat)
    return sorted(f"{where}: {msgid}" for msgid, where in code.items() if msgid not in ids), sorted(set(ids) - set(code))


def test_every_message_the_engine_uses_is_in_the_catalogue_and_nothing_else():
    missing, unused = missing_and_unused(used(), catalogue())
    assert missing == []
    assert unused == []


def test_the_check_catches_a_missing_message(tmp_path):
    (tmp_path / "explainer").mkdir()
    (tmp_path / "templates").mkdir()
    (tmp_path / "explainer" / "x.py").write_text('from .language import gettext as _\nX = _("a message nobody translated")\n')
    (tmp_path / "templates" / "x.md.j2").write_text('{{ _("unknown date") }}\n')
    missing, _unused = missing_and_unused(used(tmp_path), catalogue())
    assert missing == ["explainer/x.py:2: a message nobody translated"]


PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)s")


def test_every_entry_has_french_words_and_the_same_placeholders():
    for m in catalogue():
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(s.strip() for s in strings), f"{ids[0]}: no French words"
        for s in strings:
            assert set(PLACEHOLDER.findall(s)) <= set(PLACEHOLDER.findall(" ".join(ids))), (ids[0], s)
            assert set(PLACEHOLDER.findall(ids[-1])) - {"{n}"} <= set(PLACEHOLDER.findall(s)) | {"{n}"}, (ids[0], s)


def test_no_message_is_hidden_inside_an_f_string():
    """The extractor does not look inside f-strings: a message there would escape the check above."""
    hidden = []
    for path in (ROOT / "explainer").rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"""\bf(["'])(?:(?!\1).)*\{[^}]*\b(?:_|gettext|ngettext|N_)\(""", line):
                hidden.append(f"{path.relative_to(ROOT)}:{n}")
    assert hidden == []
