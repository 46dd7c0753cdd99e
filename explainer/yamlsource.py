"""Safe YAML reading that remembers where every value came from.

- Safe: only plain data; any tag (``!!python/object``…) is refused.
- YAML 1.2-like scalars: only ``null``, ``true``/``false`` and plain decimal numbers are
  typed; everything else stays a string, so ``no``, ``on``, ``12:30`` or ``2020-09-13`` are
  never silently turned into booleans, sexagesimal numbers or dates.
- Duplicate keys are refused, at the line of the second key.
- Every node's position is kept, keyed by its path (``("facts", 3, "sources", 0, "quote")``),
  so later checks can report ``facts.yml:LINE:COL``.
"""

from __future__ import annotations

import contextlib
import gc
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[Any, ...]

MAX_BYTES = 5_000_000
MAX_DEPTH = 40
DEEP_MESSAGE = (
    f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux de listes ou de clés) : un crochet « [ » ou une "
    "accolade « { » n'est sans doute pas refermé, ou l'indentation s'emballe"
)

#: Characters a value may not hold, even written as an escape ("\0", "\x01", "\ud800"): the
#: same set PyYAML refuses when typed raw (controls other than tab and line breaks, DEL, C1
#: controls, lone surrogates, U+FFFE/U+FFFF). NUL would reach the HTML, \x01 breaks feed.xml.
FORBIDDEN = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")

#: Line separators that YAML counts as line breaks but editors show as nothing (or a space):
#: every line number after them would be wrong, so they are refused before parsing.
LINE_SEPARATORS = {
    "\x85": "« passage à la ligne » (NEL, U+0085, souvent un « … » collé depuis un ancien codage)",
    "\u2028": "« séparateur de ligne » (U+2028)",
    "\u2029": "« séparateur de paragraphe » (U+2029)",
}


class _Resolver(yaml.resolver.BaseResolver):
    pass


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"), list("-+0123456789.")
)


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark):
        super().__init__(DEEP_MESSAGE)
        self.mark = mark


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _Resolver):
    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)
        self.depth = 0

    # Anchors and aliases could make a small file expand hugely ("billion laughs"), and
    # editors have no need for them.
    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.events.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "les alias YAML (*nom) ne sont pas permis : recopiez la valeur", event.start_mark
            )
        # The composer recurses once per level: stop at the depth `_build` allows (the root is
        # level 0), before Python's recursion limit, at the same node `_build` would report.
        # (A mapping's key is composed with index None; `_build` does not count it as a level.)
        step = 0 if isinstance(parent, yaml.MappingNode) and index is None else 1
        self.depth += step
        try:
            if self.depth > MAX_DEPTH + 1:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= step


@dataclass
class YamlError:
    line: int
    col: int
    message: str


@dataclass
class Document:
    """Plain data read from a YAML file plus the position of every node."""

    data: Any
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    text: str = ""  # the source, to locate a word inside a long text (explainer/narrative.py)

    def where(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Position of the node at `path`, or of its closest ancestor that exists."""
        path = tuple(path)
        table = self.key_marks if key else self.marks
        while path:
            if path in table:
                return table[path]
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


_TYPES = {
    # text is put in Unicode normal form C: "é" typed as e + accent is the same "é"
    "tag:yaml.org,2002:str": lambda v: unicodedata.normalize("NFC", v),
    "tag:yaml.org,2002:null": lambda v: None,
    "tag:yaml.org,2002:bool": lambda v: v.lower() == "true",
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
}


@dataclass
class _Context:
    doc: Document
    errors: list[YamlError]
    text: str  # the source, to locate an escape inside a value
    too_deep: bool = False  # reported once, at the first node too deep


def _build(node: yaml.Node, path: Path, ctx: _Context, depth: int = 0) -> Any:
    doc, errors = ctx.doc, ctx.errors
    doc.marks[path] = _mark(node)
    if depth > MAX_DEPTH:
        if not ctx.too_deep:
            ctx.too_deep = True
            errors.append(YamlError(*_mark(node), DEEP_MESSAGE))
        return None
    if isinstance(node, yaml.ScalarNode):
        if node.tag not in _TYPES:
            errors.append(YamlError(*_mark(node), _tag_message(node.tag)))
            return None
        if node.tag == "tag:yaml.org,2002:str" and not _printable(node, ctx):
            return None
        try:
            return _TYPES[node.tag](node.value)
        except ValueError:
            name = next((p for p in reversed(path) if isinstance(p, str)), "document")
            digits = f"{len(node.value.lstrip('+-')):,}".replace(",", " ")
            errors.append(YamlError(*_mark(node), f"{name} : nombre de {digits} chiffres, trop long pour être lu : "
                                    "mettez la valeur entre guillemets si c'est un texte, ou raccourcissez-la"))
            return None
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            errors.append(YamlError(*_mark(node), _tag_message(node.tag)))
            return None
        return [_build(item, path + (i,), ctx, depth + 1) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            errors.append(YamlError(*_mark(node), _tag_message(node.tag)))
            return None
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                errors.append(YamlError(*_mark(key_node), "une clé doit être un simple mot"))
                continue
            if not _printable(key_node, ctx):
                continue
            key = unicodedata.normalize("NFC", key_node.value)
            if key == "<<":
                errors.append(YamlError(*_mark(key_node), "la fusion YAML (<<) n'est pas permise : recopiez les clés"))
                continue
            if key in out:
                first = doc.key_marks[path + (key,)]
                errors.append(
                    YamlError(*_mark(key_node), f"clé « {key} » en double (déjà définie ligne {first[0]}) : gardez-en une seule")
                )
                continue
            doc.key_marks[path + (key,)] = _mark(key_node)
            out[key] = _build(value_node, path + (key,), ctx, depth + 1)
        return out
    raise TypeError(node)  # pragma: no cover - PyYAML has only these three node kinds


def _printable(node: yaml.ScalarNode, ctx: _Context) -> bool:
    """False (with a located error) when a text holds a character that must not be published.

    Typed raw, such characters are refused by the reader; here they came from an escape
    (``"\\0"``, ``"\\x01"``, ``"\\ud800"``), which is located and quoted as written."""
    bad = FORBIDDEN.search(node.value)
    if bad is None:
        return True
    char = bad.group()
    line, col = _mark(node)
    written = f"\\u{ord(char):04x}"
    escape = _find_escape(ctx.text, node, char)
    if escape is not None:
        line, col, written = escape
    code = f"U+{ord(char):04X}"
    if 0xD800 <= ord(char) <= 0xDFFF:
        message = f"caractère invalide ({code}, écrit « {written} ») : une moitié de paire UTF-16 seule n'est pas un caractère ; supprimez-la"
    elif ord(char) in (0xFFFE, 0xFFFF):
        message = f"caractère invalide ({code}, écrit « {written} ») : ce n'est pas un caractère ; supprimez-le"
    else:
        message = f"caractère de contrôle invisible ({code}, écrit « {written} ») : supprimez-le"
    ctx.errors.append(YamlError(line, col, message))
    return False


_ESCAPES = {"0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c",
            "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
            "L": "\u2028", "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}


def _find_escape(text: str, node: yaml.ScalarNode, char: str) -> tuple[int, int, str] | None:
    """Line, column and spelling of the first escape in a double-quoted scalar that gives `char`."""
    start, end = node.start_mark.index, node.end_mark.index
    if node.style != '"' or not 0 <= start < end <= len(text):
        return None
    source = text[start:end]
    i = source.find("\\")
    while i >= 0 and i + 1 < len(source):
        kind = source[i + 1]
        if kind in _HEX:
            spelled = source[i : i + 2 + _HEX[kind]]
            try:
                value = chr(int(spelled[2:], 16))
            except ValueError:
                value = ""
        else:
            spelled, value = source[i : i + 2], _ESCAPES.get(kind, "")
        if value == char:
            at = start + i
            line = text.count("\n", 0, at) + 1
            col = at - (text.rfind("\n", 0, at) + 1) + 1
            return line, col, spelled
        i = source.find("\\", i + len(spelled))
    return None


def _tag_message(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return f"étiquette YAML « {shown} » non permise : écrivez une valeur simple, sans « ! »"


def decode(raw: bytes) -> tuple[str | None, YamlError | None]:
    """Bytes to text: UTF-8, a byte-order mark and Windows line endings tolerated."""
    if len(raw) > MAX_BYTES:
        size, limit = f"{len(raw):,}".replace(",", " "), f"{MAX_BYTES:,}".replace(",", " ")
        return None, YamlError(1, 1, f"fichier trop gros ({size} octets, maximum {limit}) : découpez-le ou allégez-le")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1  # in characters
        return None, YamlError(line, col, "le fichier n'est pas en UTF-8 : réenregistrez-le en UTF-8")
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


if getattr(yaml, "__with_libyaml__", False):

    from yaml._yaml import CParser

    class _FastLoader(CParser, _Resolver):  # type: ignore[misc, valid-type]
        """libyaml's parser with our resolver: the same nodes, several times faster."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            _Resolver.__init__(self)

else:  # pragma: no cover - PyYAML wheels ship libyaml
    _FastLoader = None  # type: ignore[assignment, misc]


def _shares_nodes(node: yaml.Node) -> bool:
    """True when a node appears twice in the tree: libyaml resolved an alias (*name)."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            return True
        seen.add(id(current))
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
    return False


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cycle collector paused while a big tree of small objects is built (YAML nodes,
    then typed objects): it would rescan them again and again, which makes reading a 3 MB
    sheet several times slower than linear. The trees hold no cycles; it resumes after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse(text: str) -> tuple[Document | None, list[YamlError]]:
    """Parse YAML text. Returns the document, or None with the errors.

    The fast path composes with libyaml. Anything it refuses, and any alias, is parsed
    again by the pure-Python loader, whose errors this module knows how to explain.
    """
    with paused_gc():
        return _parse(text)


def _parse(text: str) -> tuple[Document | None, list[YamlError]]:
    separators = _line_separators(text)
    if separators:
        return None, separators
    if _FastLoader is not None:
        fast = _FastLoader(text)
        try:
            node = fast.get_single_node()
        except (yaml.YAMLError, RecursionError):
            node = None
        else:
            # an alias (*name) needs an anchor (&name): without any "&", no node is shared
            if node is not None and ("&" not in text or not _shares_nodes(node)):
                return _document(node, text)
        finally:
            fast.dispose()
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        return None, [YamlError(line, col, f"caractère de contrôle invisible ({code}) : supprimez-le (il vient souvent d'un copier-coller)")]
    except _TooDeep as exc:
        return None, [YamlError(exc.mark.line + 1, exc.mark.column + 1, DEEP_MESSAGE)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = syntax_message(exc, text, line)
        return None, [YamlError(line, col, message)]
    except RecursionError:  # pragma: no cover - the composer stops at MAX_DEPTH first
        return None, [YamlError(1, 1, DEEP_MESSAGE)]
    except yaml.YAMLError:  # pragma: no cover - every PyYAML error above is located
        return None, [YamlError(1, 1, "YAML illisible : vérifiez l'indentation et les guillemets")]
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        return None, [YamlError(1, 1, "le fichier est vide")]
    return _document(node, text)


def _document(node: yaml.Node, text: str) -> tuple[Document | None, list[YamlError]]:
    ctx = _Context(Document(data=None, text=text), [], text)
    ctx.doc.data = _build(node, (), ctx)
    return (None if ctx.errors else ctx.doc), ctx.errors


def _line_separators(text: str) -> list[YamlError]:
    """Each NEL, U+2028 or U+2029, located by the lines an editor shows (YAML would count
    each as a line break and shift every line number after it)."""
    errors = []
    for match in re.finditer("[\x85\u2028\u2029]", text):
        at = match.start()
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        name = LINE_SEPARATORS[match.group()]
        errors.append(YamlError(line, col, f"caractère invisible {name} : YAML le lit comme un saut de ligne ; "
                                "remplacez-le par une espace (ou un vrai retour à la ligne)"))
    return errors


#: PyYAML's problems (and their context), in French with the fix. Matched on the start of
#: the problem, then of the context; the first match wins, so specific entries come first.
_HINTS = [
    ("mapping values are not allowed here", "deux-points inattendu : mettez la valeur entre guillemets si elle contient « : »"),
    ("could not find expected ':'", "il manque « : » après une clé, ou un guillemet n'est pas refermé"),
    ("did not find expected key", "indentation incohérente : alignez cette ligne sur ses voisines"),
    ("did not find expected '-' indicator", "élément de liste mal indenté : alignez les « - »"),
    ("found unexpected end of stream", "guillemet ouvert jamais refermé"),
    ("found undefined alias", "les alias YAML (*nom) ne sont pas permis"),
    ("found duplicate anchor", "la même ancre YAML (&nom) est définie deux fois : supprimez les « & »"),
    ("expected <block end>, but found '-'", "élément de liste mal indenté : alignez les « - »"),
    ("expected <block end>, but found '<block sequence start>'", "élément de liste mal indenté : alignez les « - »"),
    ("expected <block end>, but found '<block mapping start>'", "indentation incohérente : alignez cette ligne sur ses voisines (même nombre d'espaces)"),
    ("expected <block end>, but found '<scalar>'", "texte inattendu : un guillemet n'est pas refermé, ou la ligne est mal indentée (vérifiez aussi la ligne précédente)"),
    ("expected <block end>", "indentation incohérente : alignez cette ligne sur ses voisines (même nombre d'espaces)"),
    ("found character that cannot start any token", "caractère inattendu en début de valeur : mettez la valeur entre guillemets"),
    ("found unknown escape character", "séquence « \\ » inconnue entre guillemets doubles : doublez la barre (\\\\) ou utilisez des guillemets simples"),
    ("expected escape sequence of", "séquence « \\x », « \\u » ou « \\U » incomplète entre guillemets doubles : doublez la barre (\\\\) ou utilisez des guillemets simples"),
    ("found unexpected document separator", "une ligne « --- » ou « ... » coupe un texte entre guillemets : le guillemet n'est sans doute pas refermé"),
    ("expected ',' or '}'", "liste entre accolades mal fermée : vérifiez les virgules et « } »"),
    ("expected ',' or ']'", "liste entre crochets mal fermée : vérifiez les virgules et « ] »"),
    ("invalid indentation or unclosed", "un crochet « [ » ou une accolade « { » n'est pas refermé, ou la ligne est mal indentée"),
    ("but found another document", "un second document YAML commence ici (« --- ») : un fichier n'en contient qu'un ; supprimez cette ligne et ce qui la suit, ou fusionnez les deux"),
    ("expected a single document in the stream", "un second document YAML commence ici (« --- ») : un fichier n'en contient qu'un ; supprimez cette ligne et ce qui la suit, ou fusionnez les deux"),
    ("expected '<document start>'", "texte après la fin du document (« ... ») : supprimez la ligne « ... »"),
    ("sequence entries are not allowed here", "« - » inattendu : un élément de liste commence sa propre ligne, aligné sur les autres « - »"),
    ("mapping keys are not allowed here", "« ? » inattendu : mettez la valeur entre guillemets"),
    ("expected the node content", "valeur attendue ici : mettez la valeur entre guillemets si elle commence par un signe"),
    ("while scanning a block scalar", "en-tête de bloc « | » ou « > » mal formé : le texte du bloc commence à la ligne suivante"),
    ("while scanning a directive", "directive YAML (ligne commençant par « % ») non comprise : supprimez-la"),
    ("found incompatible YAML document", "directive YAML (ligne commençant par « % ») non comprise : supprimez-la"),
    ("found duplicate YAML directive", "directive YAML (ligne commençant par « % ») non comprise : supprimez-la"),
    ("duplicate tag handle", "directive YAML (ligne commençant par « % ») non comprise : supprimez-la"),
    ("while scanning a tag", "étiquette YAML (« ! ») mal formée : mettez la valeur entre guillemets"),
    ("while parsing a tag", "étiquette YAML (« ! ») mal formée : mettez la valeur entre guillemets"),
    ("found non-specific tag", "étiquette YAML (« ! ») mal formée : mettez la valeur entre guillemets"),
    ("while scanning an anchor", "ancre (« & ») ou alias (« * ») mal formé : mettez la valeur entre guillemets"),
    ("while scanning an alias", "ancre (« & ») ou alias (« * ») mal formé : mettez la valeur entre guillemets"),
    ("while scanning a quoted scalar", "guillemet ouvert jamais refermé"),
    ("while scanning a double-quoted scalar", "guillemet ouvert jamais refermé"),
    ("while scanning a plain scalar", "texte inattendu : mettez la valeur entre guillemets"),
    ("while scanning a simple key", "il manque « : » après une clé, ou un guillemet n'est pas refermé"),
]


def syntax_message(exc: yaml.MarkedYAMLError, text: str, line: int) -> str:
    """A French message, with the fix, for one of PyYAML's syntax errors at `line`."""
    lines = text.split("\n")
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in current[: len(current) - len(current.lstrip())] or "found character '\\t'" in str(exc):
        return "tabulation dans l'indentation : YAML n'accepte que des espaces"
    problem = (exc.problem or "").strip()
    if problem.startswith("les alias"):  # raised by our own loader, already in French
        return f"erreur de syntaxe YAML : {problem}"
    if problem.startswith("found character") and "that cannot start any token" in problem:
        problem = "found character that cannot start any token"
    context = (exc.context or "").strip()
    for text_of in (problem, context):
        for key, hint in _HINTS:
            if text_of.startswith(key):
                return f"erreur de syntaxe YAML : {hint}"
    return "erreur de syntaxe YAML : vérifiez l'indentation et les guillemets de cette ligne et de la précédente"
