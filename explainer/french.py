"""French text, read the way the editorial rules need it: where a quote stands in its
article (its sentence and clause), whether a passage is hedged (conditional mood,
« selon », « d'après », « croit savoir », « pourrait »…), and which content words a text
carries (for the support check: a quote must share at least one with its fact).

Deliberately simple and explainable: word lists and endings, no statistical model. Every
decision can be shown to an editor in the review sheet (the words found).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass

import snowballstemmer

from .quotes import ArticleText, normalise

# --- where a quote stands ---------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…](?=[\s»\"”]|$)|\n")
_CLAUSE_MARK = re.compile(
    r"[,;:()\[\]–—«»\"“”]|\s-\s|\n|\b(?:car|mais|alors que|tandis que|parce que|puisque)\b"
)


@dataclass(frozen=True)
class Context:
    """A quote in its article: the sentence around it, and the clause(s) it spans."""

    sentence: str
    before: str  # the sentence up to the quote
    quote: str  # the quote as the article writes it
    after: str  # the sentence after the quote
    clause: str  # the quote widened to the nearest punctuation on each side
    direct_speech: bool  # the quote stands inside quotation marks: someone's own words


@functools.lru_cache(maxsize=64)
def _sentence_ends(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence end in an article, in order: one scan per article, not
    one per quote."""
    return [m.span() for m in _SENTENCE_END.finditer(text)]


def context(article: ArticleText, quote: str) -> Context | None:
    span = article.find(quote)
    if span is None or span.end <= span.start:
        return None
    text = article.text
    ends = _sentence_ends(text)
    before_quote = bisect.bisect_right(ends, (span.start, span.start)) - 1
    start = ends[before_quote][1] if before_quote >= 0 else 0
    if span.start and text[span.start - 1] in ".!?…":  # a quote that starts a sentence right after its full stop
        start = span.start
    m = _SENTENCE_END.search(text, span.end)
    end = m.end() if m else len(text)
    sentence_start = start + (len(text[start:span.start]) - len(text[start:span.start].lstrip()))
    before, quoted, after = text[sentence_start : span.start], text[span.start : span.end], text[span.end : end]
    left = max((m.end() for m in _CLAUSE_MARK.finditer(before)), default=0)
    right_match = _CLAUSE_MARK.search(after)
    right = right_match.start() if right_match else len(after)
    clause = before[left:] + quoted + after[:right]
    return Context(
        sentence=" ".join((before + quoted + after).split()),
        before=before,
        quote=quoted,
        after=after,
        clause=" ".join(clause.split()),
        direct_speech=_inside_quotation_marks(text, span.start),
    )


_QUOTATION_MARK = re.compile(r'[«»“”"]')


def _inside_quotation_marks(text: str, position: int) -> bool:
    """True when `position` is inside «…», “…” or "…" opened on the same line (paragraph)."""
    line_start = text.rfind("\n", 0, position) + 1
    depth_guillemets = depth_curly = 0
    straight_open = False
    for mark in _QUOTATION_MARK.findall(text, line_start, position):  # the marks only, not every character
        if mark == "«":
            depth_guillemets += 1
        elif mark == "»":
            depth_guillemets = max(0, depth_guillemets - 1)
        elif mark == "“":
            depth_curly += 1
        elif mark == "”":
            depth_curly = max(0, depth_curly - 1)
        else:
            straight_open = not straight_open
    return depth_guillemets > 0 or depth_curly > 0 or straight_open


# --- hedges --------------------------------------------------------------------------------

_ENDINGS = ("aient", "ais", "ait", "ions", "iez")
#: Stems of the conditional that are not "infinitive + ending" (irregular verbs), and the
#: -ir/-re verbs whose conditional would otherwise be mistaken for an imperfect.
_COND_STEMS = (
    "aur", "pourr", "devr", "voudr", "faudr", "saur", "verr", "enverr", "courr", "mourr",
    "viendr", "tiendr", "prendr", "mettr", "vaudr", "recevr", "cevr", "suivr", "vivr",
    "croir", "boir", "dir", "lir", "écrir", "conduir", "duir", "struir", "truir", "suffir",
    "connaîtr", "paraîtr", "naîtr", "finir", "choisir", "partir", "sortir", "servir",
    "offrir", "ouvrir", "couvrir", "agir", "réussir", "établir", "fournir", "garantir",
    "investir", "convertir", "saisir", "bâtir", "répondr", "rendr", "vendr", "perdr",
    "attendr", "entendr", "descendr", "craindr", "joindr", "teindr", "peindr",
)
_COND_ER = re.compile(r"\w+er(?:ai(?:s|t|ent)|ions|iez)")
_ALLER = {"irais", "irait", "iraient", "irions", "iriez"}
assert all(form.endswith(_ENDINGS) for form in _ALLER)  # conditional_words looks at no other word
#: Verbs that hedge their clause whatever their mood (« l'offre semble insuffisante »).
_HEDGE_VERBS = re.compile(r"\b(?:sembl\w*|paraî\w*|paraiss\w*|envisag\w*|revendiqu\w*|prétend\w*)\b")
#: Words that hedge what they qualify (« l'impossibilité potentielle ») : counted in the quote only.
_HEDGE_WORDS = re.compile(
    r"\b(?:peut-être|potentiel\w*|probabl\w*|éventuel\w*|vraisemblabl\w*|hypothè\w*|rumeur\w*|présum\w*|"
    r"supposé\w*|apparemment|sans doute)\b"
)
#: Attribution: the claim is someone else's (an outlet, unnamed sources).
_ATTRIBUTION = re.compile(
    r"\b(?:selon|d'après|croi(?:t|ent) savoir|de sources?|sources? proches?|certaines sources)\b"
)
#: In the site's own sentence, these also say "according to…".
_SITE_ATTRIBUTION = re.compile(
    r"\b(?:articles?|affirm\w*|dit|disent|déclar\w*|estim\w*|assur\w*|rapport\w*|avanc\w*|évoqu\w*|cité\w*)\b"
)
_WORD = re.compile(r"[\w-]+")


@functools.lru_cache(maxsize=65536)
def _lower(text: str) -> str:
    """Normalised and lower-cased; remembered, since each quote's sentence, clause and
    article text are read by several rules (1,000 articles: 66,734 calls, 25,077 texts)."""
    return normalise(text).lower()


def conditional_words(text: str) -> list[str]:
    """The verbs in the conditional mood (and modal verbs) in a text."""
    found = []
    for word in _WORD.findall(_lower(text)):
        for piece in word.split("-"):
            if not piece.endswith(_ENDINGS):  # every form below ends so: most words are not looked at further
                continue
            if piece in _ALLER or _COND_ER.fullmatch(piece):
                found.append(piece)
                continue
            for ending in _ENDINGS:
                if piece.endswith(ending) and piece[: -len(ending)].endswith(_COND_STEMS):
                    found.append(piece)
                    break
    return found


def hedges(text: str, *, site_voice: bool = False) -> list[str]:
    """The hedges in a text: conditional verbs, hedging words, attributions (« selon »).

    With `site_voice`, also the ways the site's own sentences attribute a claim
    (« un article », « affirme », « dit »…)."""
    low = _lower(text)
    found = conditional_words(text)
    found += [m.group(0) for m in _HEDGE_VERBS.finditer(low)]
    found += [m.group(0) for m in _HEDGE_WORDS.finditer(low)]
    found += [m.group(0) for m in _ATTRIBUTION.finditer(low)]
    if site_voice:
        found += [m.group(0) for m in _SITE_ATTRIBUTION.finditer(low)]
    return found


#: « a annoncé qu'il ne céderait pas » : after a past verb of saying, the conditional is the
#: future in the past (concordance des temps), not a hedge.
_REPORTED_SPEECH = re.compile(
    r"\b(?:a|ont|avait|avaient)\s+(?:\w+\s+)?(?:annoncé|indiqué|déclaré|assuré|confirmé|affirmé|dit|précisé|"
    r"expliqué|fait savoir|répété|promis|prévenu|averti)\s+(?:que|qu')"
)


def quote_hedges(ctx: Context) -> list[str]:
    """Why a quote, read in its article, is hedged: a conditional or hedging verb in its
    clause, a hedging word in the quote itself, or an attribution anywhere in its sentence
    (« …, croit savoir le Wall Street Journal »). Empty if it is not."""
    clause = _lower(ctx.clause)
    found = [] if _REPORTED_SPEECH.search(_lower(ctx.before)) else conditional_words(ctx.clause)
    found += [m.group(0) for m in _HEDGE_VERBS.finditer(clause)]
    found += [m.group(0) for m in _HEDGE_WORDS.finditer(_lower(ctx.quote))]
    found += [m.group(0) for m in _ATTRIBUTION.finditer(_lower(ctx.sentence)) if m.group(0) not in found]
    return found


#: Words that turn what follows them into its opposite (« ne … pas », « évite de », « sans »):
#: a quote that starts right after one says, read alone, the reverse of its sentence.
_NEGATION = re.compile(
    r"(?<!\w)(?:n['’]|(?:ne|pas|jamais|aucun|aucune|nul|nulle|ni|sans|moindre|non|évite|évitent|éviter|évitant)(?!\w))"
)
_NE = re.compile(r"(?<!\w)(?:n['’]|ne(?!\w))")
_SECOND_WORD = re.compile(r"(?<!\w)(?:pas|plus|jamais|rien|aucun|aucune|guère|point|personne|que|qu['’])(?!\w)")


def negation_left_out(ctx: Context, words: int = 4) -> str | None:
    """The negation a quote leaves just outside itself: from the first negating word among the
    last `words` words of its clause before it (back to its « ne » when there is one), e.g.
    « évite donc » before « de céder son algorithme ». None when there is none, or when the quote
    opens on its own negation (« pas d'une vente directe »)."""
    if _NEGATION.search(_lower(" ".join(ctx.quote.split()[:2]))):
        return None
    clause_start = max((m.end() for m in _CLAUSE_MARK.finditer(ctx.before)), default=0)
    clause = ctx.before[clause_start:].split()
    coordinators = [i for i, w in enumerate(clause) if _lower(w) in {"et", "ou", "puis"}]
    if coordinators:  # « … n'aura pas suffi et le champ semble libre »: a new clause starts
        clause = clause[coordinators[-1] + 1 :]
    lead = clause[-words:]
    hits = [i for i, w in enumerate(lead) if _NEGATION.search(_lower(w))]
    if not hits:
        return None
    if all(_NE.fullmatch(_lower(lead[i])) or _lower(lead[i]).startswith(("n'", "n’")) for i in hits):
        # a lone « ne » negates only with its second word (« pas », « plus », « que »…);
        # « avant que l'accord n'ait été approuvé » is the expletive « ne »
        rest = " ".join(lead[hits[0] + 1 :] + ctx.quote.split()[:3])
        if not _SECOND_WORD.search(_lower(rest)):
            return None
    first = len(clause) - len(lead) + hits[0]
    for back in range(first - 1, max(first - 4, -1), -1):  # « ne passait pas » rather than « pas »
        if _NE.search(_lower(clause[back])):
            first = back
            break
    return " ".join(clause[first:])


# --- content words ----------------------------------------------------------------------

_STEMMER = snowballstemmer.stemmer("french")

STOPWORDS = frozenset(
    """
    a à ai aie aient aies ait alors as au aucun aucune aupres auprès aura aurai auraient aurais aurait
    aussi autre autres aux avaient avais avait avant avec avez aviez avions avoir avons ayant ayez
    ayons bien c ça car ce ceci cela celle celles celui cependant certain certaine certaines certains
    ces cet cette ceux chaque chez ci comme comment contre d dans de déjà depuis des dès desquelles
    desquels deux devant doit doivent donc dont du duquel elle elles en encore entre es est et étaient
    étais était étant été êtes étiez étions être eu eue eues eûmes eurent eus eut eux fait faire fois
    font furent fus fut ici il ils j je jusqu jusque l la là laquelle le lequel les lesquelles lesquels
    leur leurs lors lorsqu lorsque lui m ma mais me même mêmes mes moi moins mon n ne ni non nos notre
    nous on ont or ou où par parce pas pendant peu peut peuvent plus plusieurs pour pourquoi puis
    puisqu puisque qu quand que quel quelle quelles quels qui quoi s sa sans se selon ses si sien
    son sont sous suis sur t ta tandis te tel telle telles tels tes toi ton tous tout toute toutes
    très tu un une unes uns vers via vos votre vous y
    article articles ainsi après aujourd hui
    dernier dernière derniers dernières également notamment surtout toujours désormais
    """.split()
)
NUMBERS = {
    "un": "1", "une": "1", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "six": "6", "sept": "7",
    "huit": "8", "neuf": "9", "dix": "10", "onze": "11", "douze": "12", "treize": "13", "quatorze": "14",
    "quinze": "15", "seize": "16", "vingt": "20", "trente": "30", "cent": "100", "mille": "1000",
}


def _strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def stem(word: str) -> str:
    """The word's stem without accents. Cached: the Snowball stemmer is pure Python, and the
    same words come back in every claim and quote (most of a build's check time otherwise)."""
    return _strip_accents(_STEMMER.stemWord(word))


def content_words(text: str) -> dict[str, str]:
    """{normalised form: a word of the text that has it}: nouns, names, numbers, verbs, after
    lower-casing, elision (l', d'), stop words, stemming and accent removal."""
    out: dict[str, str] = {}
    low = _lower(text).replace("'", " ")
    for word in re.findall(r"[^\W_]+", low):
        if word in NUMBERS and word not in ("un", "une"):
            out.setdefault(NUMBERS[word], word)
            continue
        if word in STOPWORDS or (len(word) < 3 and not word.isdigit()):
            continue
        if word == "1er":
            word = "1"
        out.setdefault(word if word.isdigit() else stem(word), word)
    return out


class Synonyms:
    """Word groups the sheet declares equivalent (`synonyms:`): each word stands for the group."""

    def __init__(self, groups: list[list[str]]):
        self.canonical: dict[str, str] = {}
        for group in groups:
            forms = [f for word in group for f in content_words(word)]
            if forms:
                for form in forms:
                    self.canonical.setdefault(form, forms[0])

    def words(self, text: str) -> dict[str, str]:
        return {self.canonical.get(form, form): word for form, word in content_words(text).items()}


def shared_words(a: str, b: str, synonyms: Synonyms) -> list[str]:
    """The content words `b` shares with `a` (as written in `b`)."""
    words_a = synonyms.words(a)
    return [word for form, word in synonyms.words(b).items() if form in words_a]


def date_tokens(wording: str) -> list[str]:
    """The words a quote must contain to give a date: its day numbers, its month, « fin »,
    « week-end »… never the year (articles rarely write it)."""
    out = []
    for word in re.findall(r"[\w-]+", _lower(wording)):
        if re.fullmatch(r"[0-9]{4}", word) or word in ("le", "la", "les", "des", "et", "en", "cet", "l", "du", "au", "courant"):
            continue
        out.append("1" if word == "1er" else word)
    return out


def has_token(text: str, token: str) -> bool:
    low = _strip_accents(_lower(text))
    tok = _strip_accents(token)
    if tok == "1":
        return re.search(r"\b1(?:er)?\b", low) is not None
    if tok in ("mi", "fin", "debut"):
        return re.search(rf"\b{tok}\b", low) is not None
    return re.search(rf"(?<![\w-]){re.escape(tok)}(?![\w-])", low) is not None
