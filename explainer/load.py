"""Stage 1, load: read `seeds/articles.yml`, the article files and `facts.yml` into typed objects.

Raw YAML becomes typed objects here, once. Every problem is added to a `Problems`
collector with its file, line and column; nothing is raised for a user error.
"""

from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass
from pathlib import Path

import pydantic
from pydantic import BaseModel

from . import model
from .problems import Problems
from .quotes import ArticleText
from .yamlsource import Document, decode, parse


@dataclass
class LoadedArticle:
    meta: model.Article
    path: Path
    text: ArticleText
    lines: list[str]  # the whole file, for line-based reporting


@dataclass
class Loaded:
    """Everything the later stages need: typed objects plus where each came from."""

    sheet: model.FactSheet
    sheet_doc: Document
    sheet_path: str
    articles: dict[str, LoadedArticle]
    articles_doc: Document
    articles_path: str
    unreadable: set[str]  # ids of articles listed but not loaded (already reported)
    articles_ok: bool = True  # False when seeds/articles.yml itself is invalid (already reported)


def _why(exc: OSError) -> str:
    import errno

    return {
        errno.EISDIR: "c'est un dossier",
        errno.EACCES: "droits insuffisants",
        errno.EPERM: "droits insuffisants",
    }.get(exc.errno or 0, "erreur du système de fichiers")


def read_yaml(path: Path, label: str, problems: Problems) -> Document | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.add(label, 1, 1, "fichier introuvable : il doit se trouver à la racine du projet")
        return None
    except OSError as exc:
        problems.add(label, 1, 1, f"fichier illisible ({_why(exc)}) : vérifiez qu'il s'agit d'un fichier texte lisible")
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
        close = difflib.get_close_matches(str(name), allowed, n=1)
        hint = f" : vouliez-vous dire « {close[0]} » ?" if close else ""
        return f"clé inconnue « {name} »{hint} (clés permises : {', '.join(allowed)})"
    if kind == "literal_error" and name == "type" and value in model.RETIRED_RELATIONS:
        return f"type : « {value} » n'existe plus : {model.RETIRED_RELATIONS[value]}"
    if kind == "literal_error" and name == "role" and value in model.RETIRED_DEAL_ROLES:
        return f"role : « {value} » n'existe plus : {model.RETIRED_DEAL_ROLES[value]}"
    if kind == "literal_error":
        expected = ctx.get("expected", "").replace(" or ", ", ").replace("'", "")
        return f"{name} : valeur « {value} » non permise ; valeurs permises : {expected}"
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
        shown = {True: "true", False: "false", None: "null"}.get(value, value) if not isinstance(value, (list, dict)) else type(value).__name__
        return f"{name} : texte attendu, trouvé « {shown} » : mettez la valeur entre guillemets"
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
    doc = read_yaml(path, label, problems)
    if doc is None:
        return {}, None, set()
    articles = validate(model.ArticleList, doc, label, problems)
    if articles is None:
        return {}, doc, None
    out: dict[str, LoadedArticle] = {}
    unreadable: set[str] = set()
    for i, meta in enumerate(articles.articles):  # type: ignore[attr-defined]
        if meta.id in out:
            line, col = doc.where(("articles", i, "id"))
            problems.add(label, line, col, f"id : l'article « {meta.id} » est déjà défini : choisissez un autre id")
            continue
        file_path = seeds / meta.file
        file_label = _label(file_path, label_root)
        line, col = doc.where(("articles", i, "file"))
        try:
            raw = file_path.read_bytes()
        except FileNotFoundError:
            present = sorted(p.name for p in seeds.glob("*.txt"))
            close = difflib.get_close_matches(meta.file, present, n=1)
            hint = f" : vouliez-vous dire « {close[0]} » ?" if close else f" (fichiers présents : {', '.join(present) or 'aucun'})"
            problems.add(label, line, col, f"file : article « {meta.file} » introuvable dans {_label(seeds, label_root)}/{hint}")
            unreadable.add(meta.id)
            continue
        except OSError as exc:
            problems.add(file_label, 1, 1, f"article illisible ({_why(exc)}) : vérifiez qu'il s'agit d'un fichier texte lisible")
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
        for j, (first, last) in enumerate(meta.line_ranges):
            if last > len(lines):
                rl, rc = doc.where(("articles", i, "text", j))
                problems.add(label, rl, rc, f"text : la plage {first}-{last} dépasse la fin de {meta.file} ({len(lines)} lignes)")
            kept.extend(lines[first - 1 : last])
        out[meta.id] = LoadedArticle(meta=meta, path=file_path, text=ArticleText("\n".join(kept)), lines=lines)
    return out, doc, unreadable


def load(root: Path, problems: Problems, facts_name: str = "facts.yml", seeds_name: str = "seeds") -> Loaded | None:
    """Load the articles and the fact sheet under `root`. None when anything failed to load."""
    articles, articles_doc, unreadable = load_articles(root / seeds_name, problems, root)
    sheet_path = root / facts_name
    sheet_label = _label(sheet_path, root)
    sheet_doc = read_yaml(sheet_path, sheet_label, problems)
    sheet = validate(model.FactSheet, sheet_doc, sheet_label, problems) if sheet_doc else None
    if sheet is None or articles_doc is None:
        return None
    return Loaded(
        sheet=sheet,  # type: ignore[arg-type]
        sheet_doc=sheet_doc,  # type: ignore[arg-type]
        sheet_path=sheet_label,
        articles=articles,
        articles_doc=articles_doc,
        articles_path=_label(root / seeds_name / "articles.yml", root),
        unreadable=unreadable or set(),
        articles_ok=unreadable is not None,
    )


def _label(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
