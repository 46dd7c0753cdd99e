"""The narrative: short passages the editor writes (`narrative:` in facts.yml), every sentence
resting on the facts it names.

A passage is a list of paragraphs under a key: `en-bref` (« En bref », 3 or 4 bullets at the
top of the home page), `accueil` (« Ce qu'il faut savoir », after them) or a theme's id (the
paragraphs opening its page). Inside a sentence,
the ids of the facts it rests on go between square brackets, after the words they support,
the way a footnote call would:

    La mairie a annoncé la fermeture des quais [fermeture-annoncee]. Les pêcheurs
    demanderaient un délai [demande-delai, delai-refuse].

An id may also name a disagreement (the sentence then points to the page that shows each
article's version). The build turns every reference into a small link to the fact, showing
its status.

`check()` refuses, each as a located problem (`facts.yml:LINE:COL`) with the fix:
- a sentence with no reference;
- an unknown id (or an old one: the new id is given), or square brackets that hold no id;
- a sentence that states as certain what a referenced fact only reports or contests: the
  sentence must carry a hedge, read with the same function the editorial rules use for the
  facts themselves (`french.hedges(..., site_voice=True)`: conditional, « selon », « d'après »,
  « un article »…);
- a sentence resting on a contested fact without the disagreement that shows its versions;
- a key that is neither `accueil` nor a theme, and a passage longer than its page allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import french, suggest
from .load import Loaded
from .problems import Problems
from .status import CONFIRMED, CONTESTED

#: The key of the home page's passage (« Ce qu'il faut savoir »).
HOME = "accueil"
#: The key of « En bref », the 3 or 4 bullets that open the home page (who, what, when, what
#: is at stake): each bullet a paragraph of the same passage form, checked by the same rules.
BRIEF = "en-bref"
#: How many paragraphs each passage may have is house style: the story's
#: `vocabulary.paragraphs` (brief, home, theme), not the engine's.

_BRACKETS = re.compile(r"\[([^\[\]]*)\]")
_IDS = re.compile(r"\s*[a-z0-9]+(?:-[a-z0-9]+)*(?:\s*,\s*[a-z0-9]+(?:-[a-z0-9]+)*)*\s*")
#: A sentence ends at . ! ? or … (closing quotes and the sentence's references may follow),
#: before a space and a capital letter, an opening quote or a digit, or at the end.
_END = re.compile(r"[.!?…]+[»”\")\u00a0\u202f ]*?(?:\s*\[[^\[\]]*\])*(?=\s+[«“\"(\dA-ZÀ-ÖØ-Þ]|\s*$)")
#: Words before a full stop that does not end a sentence (« M. Dupont », « J. Doe »).
_ABBREVIATIONS = frozenset({"M", "MM", "Mme", "Dr", "St", "cf", "p", "n°", "av", "apr", "env"})


@dataclass(frozen=True)
class Ref:
    """`[id, id2]` in a paragraph: the ids, where the brackets start and end."""

    ids: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    text: str  # as written, references included
    start: int  # offset of its first character in the paragraph
    refs: tuple[Ref, ...]

    @property
    def plain(self) -> str:
        """The sentence as a reader reads it, without its references."""
        text = " ".join(_BRACKETS.sub(" ", self.text).split())
        return re.sub(r"\s+(?=[.,…])", "", text)


def brackets(paragraph: str) -> list[tuple[int, int, str, bool]]:
    """Every `[...]` in a paragraph: (start, end, content, holds ids)."""
    return [(m.start(), m.end(), m.group(1), bool(_IDS.fullmatch(m.group(1)))) for m in _BRACKETS.finditer(paragraph)]


def refs(paragraph: str) -> list[Ref]:
    return [
        Ref(tuple(i.strip() for i in content.split(",")), start, end)
        for start, end, content, ok in brackets(paragraph)
        if ok
    ]


def sentences(paragraph: str) -> list[Sentence]:
    """The sentences of a paragraph, each with its references."""
    all_refs = refs(paragraph)
    out: list[Sentence] = []
    start = 0
    for m in _END.finditer(paragraph):
        word = re.search(r"(\S+)$", paragraph[start : m.start()])
        before = word.group(1) if word else ""
        if before.rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"[A-ZÀ-Ö]", before):
            continue
        if any(r.start < m.start() < r.end for r in all_refs):
            continue
        out.append(_sentence(paragraph, start, m.end(), all_refs))
        start = m.end()
    if paragraph[start:].strip():
        out.append(_sentence(paragraph, start, len(paragraph), all_refs))
    return out


def _sentence(paragraph: str, start: int, end: int, all_refs: list[Ref]) -> Sentence:
    while start < end and paragraph[start].isspace():
        start += 1
    return Sentence(paragraph[start:end], start, tuple(r for r in all_refs if start <= r.start < end))


def pieces(paragraph: str) -> list[tuple[str, object]]:
    """The paragraph as the templates print it: ("text", str) and ("refs", ids) in order; the
    space before a reference is dropped (the marker sits against the word, like a footnote call)."""
    out: list[tuple[str, object]] = []
    position = 0
    for ref in refs(paragraph):
        text = paragraph[position : ref.start].rstrip()
        if text:
            out.append(("text", text))
        out.append(("refs", ref.ids))
        position = ref.end
    if paragraph[position:]:
        out.append(("text", paragraph[position:]))
    return out


# --- the checks ---------------------------------------------------------------------------


def check(loaded: Loaded, problems: Problems) -> None:
    _Checker(loaded, problems).run()


class _Checker:
    def __init__(self, loaded: Loaded, problems: Problems):
        self.loaded = loaded
        self.sheet = loaded.sheet
        self.doc = loaded.sheet_doc
        self.problems = problems
        self.facts = {f.id: f for f in self.sheet.facts}
        self.disagreements = {d.id: d for d in self.sheet.disagreements}
        self.old = {a: item.id for item in [*self.sheet.facts, *self.sheet.disagreements] for a in item.aliases}
        #: disputed fact -> the disagreements that show its versions (nuances are not disagreements)
        self.shown_by = self.sheet.disputed_by()

    def run(self) -> None:
        themes = [t.id for t in self.sheet.themes]
        house = self.sheet.vocabulary.paragraphs
        for key, paragraphs in self.sheet.narrative.items():
            if key not in (HOME, BRIEF) and key not in themes:
                close = self.loaded.hints.close("narrative:keys", key, [HOME, BRIEF, *themes])
                hint = suggest.hint(close, f" : écrivez « {HOME} » ou l'id d'un thème ({suggest.listing(themes)})")
                self.error_at(("narrative", key), None, 0,
                              f"passage « {key} » : ce n'est ni « {HOME} » (la page d'accueil) ni un thème{hint}", key=True)
                continue
            bounds = {HOME: house.home, BRIEF: house.brief}.get(key, house.theme)
            where = {HOME: "« Ce qu'il faut savoir »", BRIEF: "« En bref »"}.get(key, "l'ouverture d'une page de thème")
            if bounds.max is not None and len(paragraphs) > bounds.max:
                self.error_at(("narrative", key, bounds.max), None, 0,
                              f"passage « {key} » : {len(paragraphs)} paragraphes, mais {where} en compte au plus {bounds.max} : "
                              "resserrez, le détail est dans les faits (vocabulary.paragraphs)")
            elif len(paragraphs) < bounds.min:
                self.error_at(("narrative", key), None, 0, key=True,
                              message=f"passage « {key} » : {len(paragraphs)} paragraphe{'s' if len(paragraphs) > 1 else ''}, "
                              f"mais {where} en compte au moins {bounds.min} (vocabulary.paragraphs) : complétez-le")
            for i, paragraph in enumerate(paragraphs):
                self.check_paragraph(("narrative", key, i), paragraph)

    def error_at(self, path: tuple, paragraph: str | None, offset: int, message: str, *, key: bool = False) -> None:
        line, col = self.doc.where(path, key=key)
        if paragraph is not None:
            line, col = locate(self.doc.text, (line, col), paragraph, offset)
        self.problems.add(self.loaded.sheet_path, line, col, message)

    def check_paragraph(self, path: tuple, paragraph: str) -> None:
        for start, _, content, ok in brackets(paragraph):
            if not ok:
                self.error_at(path, paragraph, start,
                              f"« [{content}] » : les crochets sont réservés aux références ; écrivez-y l'id d'un fait "
                              "(minuscules, chiffres et tirets, plusieurs séparés par des virgules : [id-1, id-2]), "
                              "ou retirez les crochets")
        for sentence in sentences(paragraph):
            self.check_sentence(path, paragraph, sentence)

    def check_sentence(self, path: tuple, paragraph: str, sentence: Sentence) -> None:
        shown = _shorten(sentence.plain)
        if not sentence.refs:
            if sentence.plain:
                self.error_at(path, paragraph, sentence.start,
                              f"phrase sans référence : « {shown} » : ajoutez entre crochets l'id du fait (ou des faits) "
                              "sur lequel elle repose, avant le point, ex. « … a refusé l'offre [id-du-fait]. »")
            return
        known: list[str] = []
        for ref in sentence.refs:
            for ident in ref.ids:
                if ident in self.facts or ident in self.disagreements:
                    known.append(ident)
                    continue
                at = paragraph.find(ident, ref.start)
                if ident in self.old:
                    self.error_at(path, paragraph, at, f"référence « {ident} » : c'est un ancien id, écrivez « {self.old[ident]} »")
                    continue
                close = self.loaded.hints.close("narrative:refs", ident, lambda: [*self.facts, *self.disagreements])
                hint = suggest.hint(close, " : vérifiez l'id du fait dans la section facts:")
                self.error_at(path, paragraph, at, f"référence « {ident} » inconnue (ni un fait ni une divergence){hint}")
        if not known:
            return
        uncertain = [i for i in known if i in self.disagreements or self.facts[i].status != CONFIRMED]
        if uncertain and not french.hedges(sentence.plain, site_voice=True):
            ident = uncertain[0]
            what = (
                f"la divergence « {ident} » montre que les articles ne s'accordent pas"
                if ident in self.disagreements
                else f"le fait « {ident} » est seulement « {self.facts[ident].status} »"
            )
            self.error_at(path, paragraph, sentence.start,
                          f"phrase affirmative : « {shown} », mais {what} : dites-la comme les articles, au conditionnel "
                          "(« serait », « aurait », « pourrait »), avec « selon … » ou « d'après un article », "
                          "ou appuyez-la sur un fait confirmé")
        for ident in known:
            fact = self.facts.get(ident)
            if fact is None:
                continue
            shown_by = self.shown_by.get(ident, [])
            if not shown_by or any(d in known for d in shown_by):
                continue  # a contesté fact no disagreement shows is the editorial rules' finding
            ref = next(r for r in sentence.refs if ident in r.ids)
            fix = "ajoutez dans la même phrase la divergence qui montre les versions des articles : " + " ou ".join(
                f"[{d}]" for d in shown_by
            )
            if fact.status == CONTESTED:
                self.error_at(path, paragraph, paragraph.find(ident, ref.start),
                              f"le fait « {ident} » est contesté : la phrase doit dire que les articles divergent ; {fix}")
            else:  # issue 23: a sentence stating what a disagreement disputes carries it
                self.error_at(path, paragraph, paragraph.find(ident, ref.start),
                              f"le fait « {ident} » est en cause dans la divergence « {shown_by[0]} » : la phrase qui "
                              f"s'appuie sur lui doit le dire ; {fix}")


def _shorten(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def locate(source: str, mark: tuple[int, int], paragraph: str, offset: int) -> tuple[int, int]:
    """Line and column, in the YAML source, of the character at `offset` in a paragraph whose
    node starts at `mark`. Found by its first words (a folded text breaks lines between
    words); the node's own position when the source spells it otherwise (escapes)."""
    if not source:
        return mark
    line_starts = [0]
    for m in re.finditer("\n", source):
        line_starts.append(m.end())
    if mark[0] - 1 >= len(line_starts):
        return mark
    node_start = line_starts[mark[0] - 1] + mark[1] - 1
    words = paragraph[offset:].split()[:4]
    if not words:
        return mark
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    # the same words may come earlier in the paragraph: take the same occurrence in the source
    nth = sum(1 for m in pattern.finditer(paragraph) if m.start() < offset)
    for k, m in enumerate(pattern.finditer(source, node_start)):
        if k == nth:
            line = source.count("\n", 0, m.start()) + 1
            return line, m.start() - line_starts[line - 1] + 1
    return mark

