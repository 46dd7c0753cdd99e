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

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[Any, ...]

MAX_BYTES = 5_000_000
MAX_DEPTH = 40


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


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _Resolver):
    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)

    # Anchors and aliases could make a small file expand hugely ("billion laughs"), and
    # editors have no need for them.
    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.events.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "les alias YAML (*nom) ne sont pas permis : recopiez la valeur", event.start_mark
            )
        return super().compose_node(parent, index)


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


def _build(node: yaml.Node, path: Path, doc: Document, errors: list[YamlError], depth: int = 0) -> Any:
    doc.marks[path] = _mark(node)
    if depth > MAX_DEPTH:
        errors.append(YamlError(*_mark(node), f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)"))
        return None
    if isinstance(node, yaml.ScalarNode):
        if node.tag not in _TYPES:
            errors.append(YamlError(*_mark(node), _tag_message(node.tag)))
            return None
        try:
            return _TYPES[node.tag](node.value)
        except ValueError:
            errors.append(YamlError(*_mark(node), f"valeur « {node.value} » illisible pour l'étiquette {node.tag}"))
            return None
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            errors.append(YamlError(*_mark(node), _tag_message(node.tag)))
            return None
        return [_build(item, path + (i,), doc, errors, depth + 1) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            errors.append(YamlError(*_mark(node), _tag_message(node.tag)))
            return None
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                errors.append(YamlError(*_mark(key_node), "une clé doit être un simple mot"))
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
            out[key] = _build(value_node, path + (key,), doc, errors, depth + 1)
        return out
    raise TypeError(node)  # pragma: no cover - PyYAML has only these three node kinds


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


def parse(text: str) -> tuple[Document | None, list[YamlError]]:
    """Parse YAML text. Returns the document, or None with the errors.

    The fast path composes with libyaml. Anything it refuses, and any alias, is parsed
    again by the pure-Python loader, whose errors this module knows how to explain.
    """
    if _FastLoader is not None:
        fast = _FastLoader(text)
        try:
            node = fast.get_single_node()
        except yaml.YAMLError:
            node = None
        else:
            if node is not None and not _shares_nodes(node):
                doc = Document(data=None)
                errors: list[YamlError] = []
                doc.data = _build(node, (), doc, errors)
                return (None if errors else doc), errors
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
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = _syntax_message(exc, text, line)
        return None, [YamlError(line, col, message)]
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error above is located
        return None, [YamlError(1, 1, f"YAML illisible : {exc}")]
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        return None, [YamlError(1, 1, "le fichier est vide")]
    doc = Document(data=None)
    errors = []
    doc.data = _build(node, (), doc, errors)
    return (None if errors else doc), errors


def _syntax_message(exc: yaml.MarkedYAMLError, text: str, line: int) -> str:
    lines = text.split("\n")
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in current[: len(current) - len(current.lstrip())] or "found character '\\t'" in str(exc):
        return "tabulation dans l'indentation : YAML n'accepte que des espaces"
    problem = (exc.problem or "").strip()
    hints = {
        "mapping values are not allowed here": "deux-points inattendu : mettez la valeur entre guillemets si elle contient « : »",
        "could not find expected ':'": "il manque « : » après une clé, ou un guillemet n'est pas refermé",
        "did not find expected key": "indentation incohérente : alignez cette ligne sur ses voisines",
        "did not find expected '-' indicator": "élément de liste mal indenté : alignez les « - »",
        "found unexpected end of stream": "guillemet ouvert jamais refermé",
        "found undefined alias": "les alias YAML (*nom) ne sont pas permis",
        "expected <block end>, but found '-'": "élément de liste mal indenté : alignez les « - »",
        "expected <block end>, but found '<block sequence start>'": "élément de liste mal indenté : alignez les « - »",
        "expected <block end>, but found '<block mapping start>'": "indentation incohérente : alignez cette ligne sur ses voisines (même nombre d'espaces)",
        "expected <block end>, but found '<scalar>'": "texte inattendu : un guillemet n'est pas refermé, ou la ligne est mal indentée (vérifiez aussi la ligne précédente)",
        "found character that cannot start any token": "caractère inattendu en début de valeur : mettez la valeur entre guillemets",
        "found unknown escape character": "séquence « \\ » inconnue entre guillemets doubles : doublez la barre (\\\\) ou utilisez des guillemets simples",
        "expected ',' or '}'": "liste entre accolades mal fermée : vérifiez les virgules et « } »",
        "expected ',' or ']'": "liste entre crochets mal fermée : vérifiez les virgules et « ] »",
        "while scanning a quoted scalar": "guillemet ouvert jamais refermé",
    }
    if problem.startswith("les alias"):  # raised by our own loader, already in French
        return f"erreur de syntaxe YAML : {problem}"
    for key, hint in hints.items():
        if problem.startswith(key) or (exc.context or "").startswith(key):
            return f"erreur de syntaxe YAML : {hint}"
    return f"erreur de syntaxe YAML ({problem or exc}) : vérifiez l'indentation et les guillemets de cette ligne et de la précédente"
