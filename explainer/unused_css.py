"""Publish step: the theme's stylesheets without the rules that no page of this site can use.

Material's `main.css` styles every feature of the theme (tabs, annotations, code blocks,
versions, tags, right-to-left pages...) and `palette.css` every colour; this site uses a
fraction of them, and the browser must download and parse all of it before the first paint.

A selector can only match an element if each class, id and attribute value it requires
appears somewhere in what the site ships: the built pages (`.html`), the scripts that add
classes at run time (`.js`, the theme's bundle included) and the search index (`.json`,
whose fragments the bundle renders). A rule is kept when one of its selectors can match;
the rest is dropped. The test is on words, like PurgeCSS's: a class named in a script is
kept even if no code path adds it, so nothing that can happen at run time loses its style.
Class names the bundle builds from a prefix (`` `md-tag--${kind}` ``) keep every class with
that prefix.

Nothing is rewritten: selectors, declarations and rules are dropped, and what is kept is the
theme's own text. The pruned file gets a new content-addressed name (the theme's own naming,
`main.<hash>.min.css`) so that a browser never keeps an old copy, and every page is pointed
at it. The theme's source maps describe
the unpruned files: they are removed with their comment.

Pruning is a pure function of the theme's stylesheets and of the answers the vocabulary gives
to the names they ask about, so its result is kept in the project's `.cache/unused_css/` with
those names: the next build asks the same names of its own vocabulary, and when every answer
is the same it reuses the stylesheets instead of parsing the theme again (a third of a second,
most of what publishing adds to MkDocs). A different answer prunes again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from tinycss2 import ast

#: the theme's stylesheets, relative to the built site
THEME_CSS = "assets/stylesheets/*.min.css"
WORD = re.compile(r"[A-Za-z0-9_-]+")
#: bytes that are not in a WORD become spaces: splitting then gives WORD's matches
_WORDS_ONLY = bytes(c if chr(c).isascii() and (chr(c).isalnum() or chr(c) in "_-") else 32 for c in range(256))
#: a prefix the bundle completes at run time: `md-tag--${...}` or "md-tag--"+...
BUILT_PREFIX = re.compile(r"""([A-Za-z0-9_-]*[-_])(?:\$\{|["']\s*\+)""")
#: what can put a class on an element or read a custom property: pages, scripts, the search
#: index (rendered by the bundle), and the site's own stylesheets (for custom properties only)
SHIPPED = {".html", ".js", ".json", ".css"}
#: the search engine's language packs: they run in the search worker and never touch a page
LUNR = "lunr"
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*$")
#: pseudo-classes whose arguments are selectors, one of which must match
ANY_OF = {"is", "where", "matches", "-webkit-any", "-moz-any", "has"}
#: at-rules that hold style rules
NESTING = {"media", "supports", "container", "layer", "document"}
NAME = re.compile(r"^(?P<stem>[a-z]+)\.[0-9a-f]+\.min\.css$")


@dataclass(frozen=True)
class Vocabulary:
    """Every word the site ships, and the prefixes its scripts complete at run time."""

    words: frozenset[str]
    prefixes: tuple[str, ...]

    def has(self, name: str) -> bool:
        return name in self.words or name.startswith(self.prefixes)

    @classmethod
    def of_site(cls, site: Path) -> Vocabulary:
        theme = set(site.glob(THEME_CSS))
        found: set[bytes] = set()
        prefixes: set[str] = set()
        for path in sorted(site.rglob("*")):
            if path.suffix not in SHIPPED or not path.is_file() or path in theme:
                continue
            if LUNR in path.relative_to(site).parts:
                continue
            data = path.read_bytes()
            words = set(data.translate(_WORDS_ONLY).split())  # WORD.findall, twice as fast on bytes
            if path.suffix == ".css":  # a stylesheet puts no class on an element, it reads custom properties
                words = {word for word in words if word.startswith(b"--")}
            found |= words
            if path.suffix == ".js":
                prefixes.update(BUILT_PREFIX.findall(data.decode("utf-8", errors="replace")))
        # "md-" or "-" would keep most of the theme: a prefix needs four letters or digits
        kept = {p for p in prefixes if sum(c.isalnum() for c in p) >= 4}
        words = {word.decode("ascii") for word in found}
        return cls(frozenset(words), tuple(sorted(kept)))


@dataclass(frozen=True)
class Pruned:
    """One stylesheet before and after."""

    old_name: str
    new_name: str
    old_bytes: int
    new_bytes: int
    rules_kept: int
    rules_dropped: int


def _split(tokens: Iterable[ast.Node]) -> list[list[ast.Node]]:
    """A selector list cut at its top-level commas."""
    parts: list[list[ast.Node]] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _attribute_can_match(block: ast.SquareBracketsBlock, vocabulary: Vocabulary) -> bool:
    """`[name=value]` and `[name~=value]` need the value somewhere; `[name]`, `^=`, `$=`, `*=`
    and `|=` are kept."""
    tokens = [t for t in block.content if t.type not in {"whitespace", "comment"}]
    for i, token in enumerate(tokens):
        if token.type == "literal" and token.value in {"=", "~="}:
            value = tokens[i + 1] if i + 1 < len(tokens) else None
            if value is None or value.type not in {"ident", "string"}:
                return True
            return all(vocabulary.has(word) for word in WORD.findall(value.value))
    return True


def can_match(selector: list[ast.Node], vocabulary: Vocabulary) -> bool:
    """Whether one complex selector (no top-level comma) can match some element."""
    previous: ast.Node | None = None
    for token in selector:
        if token.type == "ident" and previous is not None and previous.type == "literal" and previous.value == ".":
            if not vocabulary.has(token.value):
                return False
        elif token.type == "hash":
            if not vocabulary.has(token.value):
                return False
        elif token.type == "[] block":
            if not _attribute_can_match(token, vocabulary):
                return False
        elif token.type == "function" and token.lower_name in ANY_OF:
            if not any(can_match(part, vocabulary) for part in _split(token.arguments)):
                return False
        previous = token
    return True


def _rewrite(nodes: Iterable[ast.Node], style_rule: Callable[[ast.QualifiedRule], str]) -> str:
    """A stylesheet with each style rule replaced by `style_rule(rule)`, inside conditional
    at-rules too; an at-rule left empty goes, comments and whitespace go, the rest is kept."""
    out = []
    for node in nodes:
        if node.type == "qualified-rule":
            out.append(style_rule(node))
        elif node.type == "at-rule" and node.lower_at_keyword in NESTING and node.content is not None:
            inner = _rewrite(tinycss2.parse_rule_list(node.content), style_rule)
            if inner:
                out.append("@" + node.at_keyword + tinycss2.serialize(node.prelude) + "{" + inner + "}")
        elif node.type not in {"whitespace", "comment"}:
            out.append(tinycss2.serialize([node]))
    return "".join(out)


def _declarations(rule: ast.QualifiedRule) -> list[ast.Node]:
    return [d for d in tinycss2.parse_blocks_contents(rule.content) if d.type not in {"whitespace", "comment"}]


def _walk(nodes: Iterable[ast.Node]) -> Iterable[ast.QualifiedRule]:
    """Every style rule, inside conditional at-rules too."""
    for node in nodes:
        if node.type == "qualified-rule":
            yield node
        elif node.type == "at-rule" and node.lower_at_keyword in NESTING and node.content is not None:
            yield from _walk(tinycss2.parse_rule_list(node.content))


VAR = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")


def _used_properties(stylesheets: Iterable[list[ast.Node]], vocabulary: Vocabulary) -> set[str]:
    """Custom properties something reads: a kept declaration, a custom property read, or a
    page, script or other stylesheet of the site naming it."""
    definitions: dict[str, list[str]] = {}
    used: set[str] = set()
    for rule in (rule for nodes in stylesheets for rule in _walk(nodes)):
        for declaration in _declarations(rule):
            if declaration.type != "declaration":
                continue
            value = tinycss2.serialize(declaration.value)
            if declaration.name.startswith("--"):
                definitions.setdefault(declaration.name, []).append(value)
            else:
                used.update(VAR.findall(value))
    used.update(name for name in definitions if vocabulary.has(name))
    todo = list(used)
    while todo:
        for value in definitions.get(todo.pop(), []):
            for name in VAR.findall(value):
                if name not in used:
                    used.add(name)
                    todo.append(name)
    return used


def _is_keyframes(node: ast.Node) -> bool:
    return node.type == "at-rule" and node.lower_at_keyword.endswith("keyframes")


def _without_unused_keyframes(stylesheets: dict[str, list[ast.Node]]) -> dict[str, str]:
    """`@keyframes` whose name no other rule of the stylesheets uses are removed."""
    named = set(WORD.findall(
        "".join(tinycss2.serialize([r]) for nodes in stylesheets.values() for r in nodes if not _is_keyframes(r))))
    return {
        name: "".join(
            tinycss2.serialize([rule])
            for rule in nodes
            if not _is_keyframes(rule) or tinycss2.serialize(rule.prelude).strip() in named
        )
        for name, nodes in stylesheets.items()
    }


def prune_stylesheets(sheets: dict[str, str], vocabulary: Vocabulary) -> dict[str, tuple[str, int, int]]:
    """Stylesheets (by name) without the rules no element can match, the custom properties
    nothing reads and the animations nothing runs. They are pruned together because one
    defines what another reads (the palette's colours, read by the theme's rules).
    Returns, by name, (css, style rules kept, style rules dropped)."""
    counts: dict[str, list[int]] = {}

    def matching(rule: ast.QualifiedRule, count: list[int]) -> str:
        selectors = [s for s in _split(rule.prelude) if can_match(s, vocabulary)]
        count[0 if selectors else 1] += 1
        if not selectors:
            return ""
        return ",".join(tinycss2.serialize(s) for s in selectors) + "{" + tinycss2.serialize(rule.content) + "}"

    matched = {}
    for name, css in sheets.items():
        count = counts[name] = [0, 0]
        kept = _rewrite(tinycss2.parse_stylesheet(SOURCE_MAP.sub("", css)), lambda r, c=count: matching(r, c))
        matched[name] = tinycss2.parse_stylesheet(kept)

    used = _used_properties(matched.values(), vocabulary)

    def read(rule: ast.QualifiedRule) -> str:
        declarations = _declarations(rule)
        kept = [d for d in declarations if d.type != "declaration" or not d.name.startswith("--") or d.name in used]
        if len(kept) == len(declarations):
            return tinycss2.serialize([rule])
        body = "".join(tinycss2.serialize([d]) for d in kept if d.type == "declaration").rstrip(";")
        return tinycss2.serialize(rule.prelude) + "{" + body + "}" if body else ""

    read_only = {name: tinycss2.parse_stylesheet(_rewrite(nodes, read)) for name, nodes in matched.items()}
    return {name: (css, *counts[name]) for name, css in _without_unused_keyframes(read_only).items()}


class _Asked:
    """A vocabulary that remembers, in order, every name it was asked about and its answer."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self.answers: dict[str, bool] = {}

    def has(self, name: str) -> bool:
        if name not in self.answers:
            self.answers[name] = self.vocabulary.has(name)
        return self.answers[name]


def prune_stylesheets_cached(sheets: dict[str, str], vocabulary: Vocabulary,
                             cache: Path | None) -> dict[str, tuple[str, int, int]]:
    """`prune_stylesheets`, reusing the last result kept in `cache` for the same stylesheets
    when the vocabulary answers every name that result depended on the same way."""
    if cache is None:
        return prune_stylesheets(sheets, vocabulary)
    key = json.dumps([sorted(sheets.items()), Path(__file__).read_text(encoding="utf-8"), tinycss2.__version__])
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]  # the stylesheets and this pruner
    entry = cache / f"{digest}.json"
    try:
        kept = json.loads(entry.read_text(encoding="utf-8"))
        if all(vocabulary.has(name) == answer for name, answer in kept["answers"]):
            return {name: tuple(value) for name, value in kept["result"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        pass  # nothing kept yet, or unreadable: prune
    asked = _Asked(vocabulary)
    result = prune_stylesheets(sheets, asked)  # type: ignore[arg-type]  # has() is all it uses
    try:
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cache, suffix=".tmp", delete=False) as tmp:
            json.dump({"answers": list(asked.answers.items()), "result": result}, tmp)
        os.replace(tmp.name, entry)
    except OSError:
        pass  # a cache that cannot be written only costs time
    return result


def prune_theme_css(site: Path, cache: Path | None = None) -> list[Pruned]:
    """Prune the theme's stylesheets of a built site in place and point every page at them.
    `cache`: a folder where the result is kept for the next build (see the module's docstring)."""
    vocabulary = Vocabulary.of_site(site)
    paths = {path.name: path for path in sorted(site.glob(THEME_CSS)) if NAME.match(path.name)}
    sheets = {name: path.read_text(encoding="utf-8") for name, path in paths.items()}
    results: list[Pruned] = []
    renames: dict[str, str] = {}
    for name, (new, kept, dropped) in prune_stylesheets_cached(sheets, vocabulary, cache).items():
        path = paths[name]
        digest = hashlib.sha256(new.encode("utf-8")).hexdigest()[:8]
        new_name = f"{NAME.match(name)['stem']}.{digest}.min.css"
        path.unlink()
        path.with_name(name + ".map").unlink(missing_ok=True)
        path.with_name(new_name).write_text(new, encoding="utf-8")
        renames[name] = new_name
        results.append(Pruned(name, new_name, len(sheets[name].encode()), len(new.encode()), kept, dropped))
    if renames:
        pattern = re.compile("|".join(re.escape(name) for name in renames))
        for page in sorted(site.rglob("*.html")):
            text = page.read_text(encoding="utf-8")
            changed = pattern.sub(lambda m: renames[m.group(0)], text)
            if changed != text:
                page.write_text(changed, encoding="utf-8")
    return results
