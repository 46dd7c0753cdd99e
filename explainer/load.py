"""Stage 1, load: read `seeds/articles.yml`, the article files and `facts.yml` into typed objects.

Raw YAML becomes typed objects here, once. Every problem is added to a `Problems`
collector with its file, line and column; nothing is raised for a user error.
"""

from __future__ import annotations

import os
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path

import pydantic
from pydantic import BaseModel

from . import language, model
from .problems import Problems
from .files import Refused, outside_link, read_input
from .quotes import ArticleText
from .suggest import Hints, hint, listing
from .yamlsource import Document, decode, parse, paused_gc


@dataclass
class LoadedArticle:
    meta: model.Article
    text: ArticleText  # the article's own lines, with the form the quote check compares


@dataclass
class Loaded:
    """Everything the later stages need: typed objects plus where each came from."""

    sheet: model.FactSheet
    sheet_doc: Document
    sheet_path: str
    articles: dict[str, LoadedArticle]
    unreadable: set[str]  # ids of articles listed but not loaded (already reported)
    articles_ok: bool = True  # False when seeds/articles.yml itself is invalid (already reported)
    articles_doc: Document | None = None  # seeds/articles.yml, to locate an article's id
    articles_path: str = "seeds/articles.yml"
    hints: Hints = field(default_factory=Hints)  # « vouliez-vous dire » for the whole run (explainer/suggest.py)


def line_count(lines: list[str]) -> int:
    """An article's lines as an editor counts them: the newline that ends the last line does not
    start another one (`text.split("\\n")` gives an empty last item for it)."""
    return len(lines) - 1 if lines and lines[-1] == "" else len(lines)


def read_yaml(path: Path, label: str, problems: Problems, root: Path | None = None, missing: str | None = None) -> Document | None:
    """A YAML file of the project as a located document (None, with problems, when unusable).

    `root` is the project: the file must be a regular file inside it (links out are refused).
    `missing` is the message when it does not exist."""
    try:
        raw = read_input(path, root if root is not None else path.parent)
    except FileNotFoundError:
        problems.add(label, 1, 1, missing or "fichier introuvable : il doit se trouver à la racine du projet")
        return None
    except Refused as exc:
        problems.add(label, 1, 1, str(exc))
        return None
    text, error = decode(raw)
    if error:
        problems.add(label, error.line, error.col, error.message)
        return None
    assert text is not None
    doc, errors = parse(text)
    for e in errors:
        problems.add(label, e.line, e.col, e.message)
    return doc


def validate(cls: type[BaseModel], doc: Document, label: str, problems: Problems) -> BaseModel | None:
    """Typed object from a document; pydantic's errors become located French messages."""
    try:
        with paused_gc():
            return cls.model_validate(doc.data, strict=True)
    except pydantic.ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            path = _doc_path(doc, loc)
            line, col = doc.where(path, key=error["type"] == "extra_forbidden")
            problems.add(label, line, col, describe(cls, loc, error))
        return None


def _doc_path(doc: Document, loc: tuple) -> tuple:
    """Drop the segments pydantic adds that are not in the YAML (union branch names…)."""
    path: tuple = ()
    for part in loc:
        if path + (part,) in doc.marks or path + (part,) in doc.key_marks:
            path += (part,)
    return path


def _model_at(cls: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    current: typing.Any = cls
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return current if isinstance(current, type) and issubclass(current, BaseModel) else None
        current = _unwrap(current.model_fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: typing.Any) -> typing.Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union) or str(origin) == "<class 'types.UnionType'>":
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def _field_label(loc: tuple) -> str:
    names = [p for p in loc if isinstance(p, str)]
    return names[-1] if names else "document"


def _shown(value: typing.Any) -> str:
    """A value as the editor typed it in YAML (true, null, 42), never Python's spelling."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "liste"
    if isinstance(value, dict):
        return "ensemble de clés"
    return str(value)


def describe(cls: type[BaseModel], loc: tuple, error: dict) -> str:
    """A French message for one pydantic error: the rule, then the fix."""
    kind = error["type"]
    ctx = error.get("ctx", {}) or {}
    name = _field_label(loc)
    value = error.get("input")
    if kind == "missing":
        return f"clé « {name} » obligatoire manquante : ajoutez-la"
    if kind == "extra_forbidden":
        parent = _model_at(cls, loc[:-1])
        allowed = sorted(parent.model_fields) if parent else []
        close = Hints().close("keys", str(name), allowed)  # a model's few keys: constant work per problem
        return f"clé inconnue « {name} »{hint(close)} (clés permises : {', '.join(allowed)})"
    if kind == "literal_error":
        expected = ctx.get("expected", "").replace(" or ", ", ").replace("'", "")
        if value is None:
            return f"{name} : valeur manquante : choisissez parmi {expected}"
        return f"{name} : valeur « {_shown(value)} » non permise ; valeurs permises : {expected}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == model.SLUG_PATTERN:
            return f"{name} : identifiant « {value} » invalide : {model.SLUG_RULE}"
        if name == "term":
            return f"term : « {value} » : un terme du glossaire ne peut contenir ni crochet, ni barre oblique inverse, ni astérisque, ni retour à la ligne"
        if name == "country":
            return f"country : « {value} » n'est pas un code pays à deux lettres majuscules (US, CN…)"
        if name == "published":
            return f"published : « {value} » : date attendue AAAA-MM-JJ, AAAA-MM ou AAAA-MM-JJTHH:MM"
        if name == "file":
            return f"file : « {value} » : nom de fichier .txt simple attendu, sans dossier"
        if name == "url":
            return f"url : « {value} » : adresse http(s) attendue"
        return f"{name} : « {value} » n'a pas la forme attendue"
    if kind == "string_type" and value is None:
        return f"{name} : valeur manquante : écrivez un texte après « {name}: » (ou supprimez la clé si elle est facultative)"
    if kind == "string_type":
        return f"{name} : texte attendu, trouvé « {_shown(value)} » : mettez la valeur entre guillemets"
    if kind in ("list_type",):
        return f"{name} : liste attendue (des lignes commençant par « - »)"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{name} : ensemble de clés attendu (« clé: valeur »)"
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return f"{name} : au moins {n} élément{'s' if n > 1 else ''} attendu{'s' if n > 1 else ''}"
    if kind == "too_long":
        n = ctx.get("max_length")
        return f"{name} : au plus {n} éléments"
    if kind == "string_too_short":
        return f"{name} : ne doit pas être vide"
    if kind == "string_too_long":
        return f"{name} : texte trop long (au plus {ctx.get('max_length')} caractères)"
    if kind == "value_error":
        return f"{name} : {str(ctx.get('error', error['msg']))}"
    if kind in ("int_type", "int_parsing"):
        return f"{name} : nombre entier attendu"
    return f"{name} : {error['msg']}"


def load_articles(
    seeds: Path, problems: Problems, label_root: Path
) -> tuple[dict[str, LoadedArticle], Document | None, set[str] | None]:
    """The articles, the document they came from, and the ids that failed to load
    (None when the list itself is invalid)."""
    path = seeds / "articles.yml"
    label = _label(path, label_root)
    folder = _label(seeds, label_root)
    if not seeds.is_dir() and outside_link(seeds, label_root) is None:
        found = "n'est pas un dossier" if os.path.lexists(seeds) else "introuvable"
        problems.add(label, 1, 1, f"dossier {folder}/ {found} : il doit se trouver à la racine du projet, avec "
                     "articles.yml (la liste des articles) et les fichiers des articles")
        return {}, None, set()
    doc = read_yaml(path, label, problems, label_root,
                    missing=f"fichier introuvable : la liste des articles doit se trouver dans {folder}/")
    if doc is None:
        return {}, None, set()
    articles = validate(model.ArticleList, doc, label, problems)
    if articles is None:
        return {}, doc, None
    out: dict[str, LoadedArticle] = {}
    unreadable: set[str] = set()
    hints = Hints()
    present: list[str] | None = None  # seeds/*.txt, listed once (when a file is missing)
    for i, meta in enumerate(articles.articles):  # type: ignore[attr-defined]
        if meta.id in out:
            line, col = doc.where(("articles", i, "id"))
            problems.add(label, line, col, f"id : l'article « {meta.id} » est déjà défini : choisissez un autre id")
            continue
        file_path = seeds / meta.file
        file_label = _label(file_path, label_root)
        line, col = doc.where(("articles", i, "file"))
        try:
            raw = read_input(file_path, label_root, noun="article")
        except FileNotFoundError:
            if present is None:
                present = sorted(p.name for p in seeds.glob("*.txt"))
            close = hints.close("files", meta.file, present)
            problems.add(label, line, col, f"file : article « {meta.file} » introuvable dans {_label(seeds, label_root)}/"
                         + hint(close, f" (fichiers présents : {listing(present) or 'aucun'})"))
            unreadable.add(meta.id)
            continue
        except Refused as exc:
            problems.add(file_label, 1, 1, str(exc))
            unreadable.add(meta.id)
            continue
        text, error = decode(raw)
        if error:
            problems.add(file_label, error.line, error.col, error.message.replace("le fichier", "l'article"))
            unreadable.add(meta.id)
            continue
        assert text is not None
        lines = text.split("\n")
        kept: list[str] = []
        control = None
        for j, (first, last) in enumerate(meta.line_ranges):
            if last > line_count(lines):
                rl, rc = doc.where(("articles", i, "text", j))
                n = line_count(lines)
                fix = f"écrivez « {first}-{n} »" if first < n else f"la dernière ligne est la {n}"
                problems.add(label, rl, rc, f"text : la plage {first}-{last} dépasse la fin de {meta.file} ({n} lignes) : {fix}")
            kept.extend(lines[first - 1 : last])
            control = control or _first_control(lines, first, last)
        if control is not None:
            cl, cc, code = control
            problems.add(file_label, cl, cc, f"caractère de contrôle invisible ({code}) dans le texte de l'article : "
                         "supprimez-le (le texte cité et publié doit être lisible)")
            unreadable.add(meta.id)
            continue
        out[meta.id] = LoadedArticle(meta=meta, text=ArticleText("\n".join(kept)))
    return out, doc, unreadable


#: Control characters refused in an article's text lines (tab allowed; C1 controls are
#: tolerated: never typed, they are harmless in HTML).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _first_control(lines: list[str], first: int, last: int) -> tuple[int, int, str] | None:
    for n in range(first, min(last, len(lines)) + 1):
        found = _CONTROL.search(lines[n - 1])
        if found:
            return n, found.start() + 1, f"U+{ord(found.group()):04X}"
    return None


def load(root: Path, problems: Problems, facts_name: str = "facts.yml", seeds_name: str = "seeds") -> Loaded | None:
    """Load the articles and the fact sheet under `root`. None when anything failed to load."""
    articles, articles_doc, unreadable = load_articles(root / seeds_name, problems, root)
    sheet_path = root / facts_name
    sheet_label = _label(sheet_path, root)
    sheet_doc = read_yaml(sheet_path, sheet_label, problems, root)
    sheet = validate(model.FactSheet, sheet_doc, sheet_label, problems) if sheet_doc else None
    if sheet is None or articles_doc is None:
        return None
    language.use(sheet.story.locale)  # every later stage words dates and names countries in it
    return Loaded(
        sheet=sheet,  # type: ignore[arg-type]
        sheet_doc=sheet_doc,  # type: ignore[arg-type]
        sheet_path=sheet_label,
        articles=articles,
        unreadable=unreadable or set(),
        articles_ok=unreadable is not None,
        articles_doc=articles_doc,
        articles_path=_label(root / seeds_name / "articles.yml", root),
    )


def _label(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
