"""The package's shape: no import cycle, no import against the layers of ARCHITECTURE.md,
and one owner for addresses (explainer/site.py).

These tests read the code, not its behaviour: each has a companion that feeds it a known
bad case, so that it can be seen to fail.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path
import pytest

from helpers import ROOT


PACKAGE = ROOT / "explainer"
MARKER = "<!-- import layers: checked by tests/engine/test_architecture.py -->"


# --- the import graph ------------------------------------------------------------------


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Dotted name → file for every module of the package (a sub-package is its __init__)."""
    out = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that `name` imports, wherever the import statement is
    (top of the file, inside a function, under TYPE_CHECKING)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = (
                ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
                if node.level
                else node.module
            )
            # `from . import model` imports the module `model`; `from .site import Site` the module `site`
            candidates = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        out.update(c for c in candidates if c in known and c != name)
    return out


def graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    found = modules(package)
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in edges.get(v, ()):
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def declared_layers(text: str) -> dict[str, int]:
    """ARCHITECTURE.md's layer table: `<floor>  <module> <module>…` lines in the fenced
    block after the marker; a module name stands for itself and its sub-modules."""
    after = text[text.index(MARKER) + len(MARKER) :]
    block = after[after.index("```") : after.index("```", after.index("```") + 3)]
    layers = {}
    for line in block.splitlines()[1:]:
        floor, *names = line.split()
        for name in names:
            layers[f"explainer.{name}"] = int(floor)
    return layers


def layer_of(module: str, layers: dict[str, int]) -> int | None:
    parts = module.split(".")
    for n in range(len(parts), 1, -1):
        if ".".join(parts[:n]) in layers:
            return layers[".".join(parts[:n])]
    return None


def layering_problems(edges: dict[str, set[str]], layers: dict[str, int]) -> list[str]:
    """Imports that do not go down: a module imports only modules on lower floors (inside
    one sub-package, its modules may import each other, without a cycle)."""
    out = []
    for module in sorted(edges):
        if module == "explainer":
            continue
        mine = layer_of(module, layers)
        if mine is None:
            out.append(f"{module} has no floor in ARCHITECTURE.md")
            continue
        for target in sorted(edges[module]):
            if target == "explainer":
                continue
            theirs = layer_of(target, layers)
            same_package = module.split(".")[:2] == target.split(".")[:2]
            if theirs is None or (theirs >= mine and not same_package):
                out.append(f"{module} (floor {mine}) imports {target} (floor {theirs})")
    return out


def test_the_package_has_no_import_cycle():
    assert cycles(graph()) == []


def test_every_import_goes_down_the_declared_layers():
    layers = declared_layers((ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8"))
    assert layering_problems(graph(), layers) == []
    assert set(layers) <= set(modules()), "ARCHITECTURE.md names a module that does not exist"


def unplaced(text: str, package: Path = PACKAGE) -> list[str]:
    """The package's files that ARCHITECTURE.md does not say where they live: outside the layer
    table, a module is named `explainer/name.py`, a sub-package's module `name.py`."""
    before = text[: text.index(MARKER)]
    after = text[text.index(MARKER) + len(MARKER) :]
    prose = before + after[after.index("```", after.index("```") + 3) + 3 :]
    out = []
    for path in sorted(package.rglob("*.py")):
        if path.parent == package:
            named = f"`{path.relative_to(package.parent).as_posix()}`"
        else:
            named = f"`{path.name}`"
        if path.name == "__init__.py" and path.parent == package:
            continue
        if named not in prose:
            out.append(path.relative_to(package.parent).as_posix())
    return out


def test_architecture_md_says_where_each_module_lives(tmp_path):
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert unplaced(text) == []
    # and the check can fail: a module the text does not name
    package = tmp_path / "explainer"
    (package / "diagrams").mkdir(parents=True)
    for name in ("__init__.py", "site.py", "diagrams/__init__.py", "diagrams/maps.py"):
        (package / name).write_text("", encoding="utf-8")
    assert unplaced(f"`explainer/site.py`, `__init__.py`\n{MARKER}\n```text\n1 site maps.py\n```\n", package) == [
        "explainer/diagrams/maps.py"]


def test_the_graph_checks_can_fail(tmp_path):
    package = tmp_path / "explainer"
    (package / "diagrams").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "site.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .render import X\n")
    (package / "render.py").write_text("from . import site\n\ndef f():\n    from .diagrams.timeline import t\n")
    (package / "diagrams" / "__init__.py").write_text("from .timeline import t\n")
    (package / "diagrams" / "timeline.py").write_text("from ..site import Site\nfrom .layout import box\n")
    (package / "diagrams" / "layout.py").write_text("from .. import render\n")
    edges = graph(package)
    assert edges["explainer.render"] == {"explainer.site", "explainer.diagrams.timeline"}
    assert edges["explainer.diagrams.layout"] == {"explainer.render"}
    assert cycles(edges) == [
        ["explainer.diagrams.layout", "explainer.diagrams.timeline", "explainer.render", "explainer.site"]
    ]
    layers = declared_layers(f"{MARKER}\n```text\n3  diagrams\n2  render\n1  site\n```\n")
    assert layering_problems(edges, layers) == [
        "explainer.render (floor 2) imports explainer.diagrams.timeline (floor 3)",
        "explainer.site (floor 1) imports explainer.render (floor 2)",
    ]
    del layers["explainer.render"]
    assert "explainer.render has no floor in ARCHITECTURE.md" in layering_problems(edges, layers)


# --- one owner for addresses -----------------------------------------------------------

#: Ways of building an address by hand. Only explainer/site.py may do this.
ADDRESS_PATTERNS = {
    "a page path and an anchor glued (.md#)": re.compile(r"\.md#"),
    "a directory URL and an anchor glued (/#)": re.compile(r"/#"),
    "a .md suffix cut off ([:-3])": re.compile(r"\[\s*:\s*-\s*3\s*\]"),
    "a .md suffix cut off (removesuffix)": re.compile(r"removesuffix\(\s*['\"]\.md"),
    "a .md suffix cut off (len('.md'))": re.compile(r"len\(\s*['\"]\.md['\"]\s*\)"),
    "a page path built from an id ({…}.md)": re.compile(r"\}\.md\b"),
    "a relative link computed (relpath; os.path.relpath is for files)": re.compile(r"(?<!os\.path\.)\brelpath\("),
    "a parent folder written by hand (../)": re.compile(r"['\"(]\.\./"),
    "the journal's anchor built by hand (modification-): ask Site.change": re.compile(r"modification-"),
    "an Address made outside the plan": re.compile(r"\bAddress\("),
}
#: In templates, also: a Markdown link or a raw HTML/SVG link to a written-out address.
TEMPLATE_PATTERNS = {
    **ADDRESS_PATTERNS,
    "a Markdown link to a written-out address": re.compile(r"\]\((?!\{\{|#|https?:|mailto:)[^)\s]+\)"),
    "a raw link to a written-out address": re.compile(r"href=\"(?!\{\{|#|https?:|mailto:)"),
}


def python_code(text: str) -> str:
    """The source without its comments and docstrings (examples there are not code), lines kept."""
    lines = text.splitlines()
    for node in ast.walk(ast.parse(text)):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            for n in range(body[0].lineno - 1, body[0].end_lineno):
                lines[n] = ""
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT:
            n, col = token.start
            lines[n - 1] = lines[n - 1][:col]
    return "\n".join(lines)


def template_code(text: str) -> str:
    """The template without its {# comments #}, lines kept."""
    return re.sub(r"\{#.*?#\}", lambda m: "\n" * m.group().count("\n"), text, flags=re.S)


def hand_built(text: str, patterns: dict[str, re.Pattern[str]]) -> list[str]:
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        for what, pattern in patterns.items():
            if pattern.search(line):
                out.append(f"{n}: {what}: {line.strip()[:100]}")
    return out


def test_only_the_site_plan_builds_addresses():
    found = []
    for path in [*sorted(PACKAGE.rglob("*.py")), *sorted((ROOT / "scripts").glob("*.py"))]:
        if path == PACKAGE / "site.py":
            continue
        found += [
            f"{path.relative_to(ROOT)}:{hit}"
            for hit in hand_built(python_code(path.read_text(encoding="utf-8")), ADDRESS_PATTERNS)
        ]
    for path in sorted((ROOT / "templates").rglob("*.j2")):
        found += [
            f"{path.relative_to(ROOT)}:{hit}"
            for hit in hand_built(template_code(path.read_text(encoding="utf-8")), TEMPLATE_PATTERNS)
        ]
    assert found == []


@pytest.mark.parametrize(
    ("snippet", "template"),
    [
        ('url = base + page_url(site.home[ident]) + f"#{ident}"  # ok\nx = f"{page}.md#{ident}"', False),
        ('return f"{base}journal/#modification-{i}"', False),
        ('out.append(Item(change.key, f"modification-{change.key}", day))', False),
        ('return Address(f"{FOLDER}/{self.name}")', False),
        ('<span id="modification-{{ item.key|attr }}"></span>', True),
        ("{{ site.home[f.id][:-3] }}", True),
        ('stem = path.removesuffix(".md")', False),
        ('stem = path[: -len(".md")]', False),
        ('self.home[t.id] = f"{t.id}.md"', False),
        ("return posixpath.relpath(target, here)", False),
        ("from posixpath import relpath\nlink = relpath(target, here)", False),
        ('prefix = "" if page.path == "index.md" else "../"', False),
        ('<a href="echeances/#chronologie">Échéances</a>', True),
        ('<a href="echeances/">Échéances</a>', True),
        ("voir [Sources](sources.md).", True),
    ],
)
def test_the_address_scan_finds_hand_built_addresses(snippet, template):
    assert hand_built(snippet, TEMPLATE_PATTERNS if template else ADDRESS_PATTERNS)


def test_the_address_scan_reads_code_not_comments():
    code = python_code('"""Docs: `/acteurs/#bytedance`."""\nx = 1  # e.g. /acteurs/#oracle\ny = "/#"\n')
    assert code.splitlines() == ["", "x = 1  ", 'y = "/#"']
    assert template_code("{#- e.g. echeances/#chronologie\n -#}[a](b.md)") == "\n[a](b.md)"


@pytest.mark.parametrize(
    "snippet",
    [
        "[{{ f.text|fr }}]({{ site.link(f.id, page) }})",
        '<a class="permalink-anchor" href="#{{ ident|attr }}">#</a>',
        '<a href="{{ site.href(site.address("x").at("chronologie"), page)|attr }}">',
        "[source](https://example.org/a)",
        "site_dir: {os.path.relpath(site_dir, config_file.parent)}",
    ],
)
def test_the_address_scan_lets_the_site_plan_s_links_through(snippet):
    assert hand_built(snippet, TEMPLATE_PATTERNS) == []


# --- no story in the engine ------------------------------------------------------------


def story_ids() -> set[str]:
    """Every id of the real story (its elements and their old ids), read from facts.yml."""
    from explainer.load import load
    from explainer.problems import Problems

    loaded = load(ROOT, Problems())
    assert loaded is not None
    return {ident for _, _, item in loaded.sheet.elements() for ident in (item.id, *item.aliases)}


STRING = re.compile(r"""(?:[rbfu]{0,2})("{3}|'{3}|"|')(.*?)\1""", re.S | re.I)


def story_mentions(text: str, ids: set[str], python: bool) -> list[str]:
    """Where an id of the story is used in engine code: an id with a dash anywhere (it is
    no French word); a one-word id only in a string of the code (not in prose, comments or
    docstrings), as the whole string or as a part of an address (`/id`, `id/`, `#id`, `id.md`)."""
    found = []
    literals: list[str] | None = None  # the code's strings, read once per file (not once per id)
    # the ids with a dash, found in one scan of the text (not one per id): the longest first,
    # so that an id that starts another is not taken for it
    dashed = sorted((i for i in ids if "-" in i), key=lambda i: (-len(i), i))
    either = "|".join(map(re.escape, dashed)) or "(?!)"
    named = {m.group(0) for m in re.finditer(rf"(?<![\w-])(?:{either})(?![\w-])", text)}
    for ident in sorted(ids):
        if "-" in ident:
            if ident in named:
                found.append(ident)
            continue
        if literals is None:
            code = python_code(text) if python else template_code(text)
            literals = [match.group(2) for match in STRING.finditer(code)]
        address = re.compile(rf"(?:[/#]{re.escape(ident)}(?![\w-])|(?<![\w-]){re.escape(ident)}(?:/|\.md(?!\.j2)))")
        for literal in literals:
            if literal == ident or address.search(literal):
                found.append(ident)
                break
    return found


def engine_files() -> list[Path]:
    return [*sorted(PACKAGE.rglob("*.py")), *sorted((ROOT / "scripts").glob("*.py")), *sorted((ROOT / "templates").rglob("*.j2"))]


def test_no_story_id_in_the_engine():
    """The story is data (facts.yml, seeds/); explainer/, scripts/ and templates/ name none of its ids."""
    ids = story_ids()
    assert len(ids) > 20  # the real story's themes, actors, facts…
    found = {}
    for path in engine_files():
        mentions = story_mentions(path.read_text(encoding="utf-8"), ids, python=path.suffix == ".py")
        if mentions:
            found[str(path.relative_to(ROOT))] = mentions
    assert found == {}


@pytest.mark.parametrize(
    ("snippet", "python", "found"),
    [
        ('REQUIRED_THEMES = ("acteurs", "echeances", "regles-chinoises", "role-oracle")', True,
         ["acteurs", "echeances", "regles-chinoises", "role-oracle"]),
        ('{% if theme.id == "role-oracle" and site.sheet.deals %}', False, ["role-oracle"]),
        ('THEMES_ON_FIXED_PAGES = {"acteurs": "acteurs.md"}', True, ["acteurs"]),
        ('<a href="echeances/#chronologie">', False, ["echeances"]),
        ("self.home[deal.id] = self.home['role-oracle']  # the deals page", True, ["role-oracle"]),
        ('"""Drawn on the « role-oracle » page."""', True, ["role-oracle"]),
        ('title = "Carte des acteurs"\nTEMPLATE = "acteurs.md.j2"', True, []),
        ('"""A link such as `/acteurs/#bytedance`."""\n# the acteurs page', True, []),
        ("Les acteurs : qui ils sont.", False, []),
    ],
)
def test_the_story_scan_finds_story_ids(snippet, python, found):
    ids = {"acteurs", "echeances", "regles-chinoises", "role-oracle", "bytedance"}
    assert story_mentions(snippet, ids, python) == found


def test_every_did_you_mean_comes_from_the_one_helper():
    """« vouliez-vous dire » is worded by explainer/suggest.py (`hint`) only, and close names are
    looked for there only (`Hints.close`: bounded work), never with difflib's get_close_matches elsewhere."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "suggest.py":
            continue
        code = python_code(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(ROOT)}:{hit}" for hit in hand_built(code, DID_YOU_MEAN)]
    assert found == []
    assert hand_built('hint = f"vouliez-vous dire « {close} » ?"\nm = difflib.get_close_matches(a, b)', DID_YOU_MEAN) == [
        '1: a « did you mean » worded by hand: hint = f"vouliez-vous dire « {close} » ?"',
        "2: close names searched by hand: m = difflib.get_close_matches(a, b)"]


DID_YOU_MEAN = {
    "a « did you mean » worded by hand": re.compile(r"vouliez-vous"),
    "close names searched by hand": re.compile(r"get_close_matches"),  # (quotes.closest's passage search is another thing)
}
