"""Stage 4, render: each page of the site plan through its template.

The context of every template is the site plan (`site`), the page, and the renderers
beside it: `diagrams` (SVG layouts) and `jsonld` (structured data). All markup is in
`templates/`. The result is a mapping of page path (relative to `docs/`) to its Markdown
text; nothing is written here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import beside, cards, cite, dates, files, language, model, reuse, structured, text
from .diagrams import Diagrams
from .site import Site
from .status import STATUSES


def environment(templates: Path, cache: Path | None = None) -> jinja2.Environment:
    """The Jinja2 environment; `cache` keeps compiled templates between builds (faster rebuilds)."""
    bytecode_cache = files.bytecode_cache(cache, base=templates) if cache is not None else None  # never ends a build
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        bytecode_cache=bytecode_cache,
        # Every printed value goes through `finalize` (Markdown + HTML escaping); autoescape
        # makes macro results Markup so that they are not escaped twice.
        autoescape=True,
        finalize=text.finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # `_()` in the templates: the interface catalogue of the story's language (explainer/locales/)
    env.install_gettext_callables(language.gettext, language.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        {
            "fr": text.typography,
            "date_fr": dates.french,
            "when": dates.of_item,
            "span": dates.span,
            "datetime_attr": text.datetime_attr,
            "attr": text.attr,
            "url_attr": text.url_attr,
            "md": text.md_escape,
            "meta": text.meta,
            "oneline": text.oneline,
            "fold": text.fold,
            "accent_free": text.accent_free,
            "iso": text.iso,
            "yaml": text.yaml_str,
            "lettres": text.in_letters,
            "elide": text.elide,
            "cite_attr": lambda value: Markup(cite.attribute(str(value))),
        }
    )
    env.globals.update(
        {
            "ACTOR_KINDS": model.ACTOR_KINDS,
            "STATUSES": STATUSES,
            "DATE_PARTS": dates.how_parts_are_read(),
            # what tests/engine/test_reuse.py holds the site to (explainer/reuse.py), as the Méthode page states it
            "REUSE_PERCENT": round(reuse.LIMIT * 100),
            "REUSE_RUN": reuse.RUN,
            "EVENT_KINDS": model.EVENT_KINDS,
        }
    )
    return env


#: Where a page's JSON-LD goes until the page has rendered (a value no page can print).
JSONLD_PLACEHOLDER = Markup("\u2063jsonld\u2063")


def _recorder(quoted: set[str]) -> Callable[[str], str]:
    def cite(article_id: str) -> str:
        quoted.add(article_id)
        return ""

    return cite


def _description(markdown: str) -> str | None:
    """The page's meta description, as its rendered front matter gives it (unescaped), for the JSON-LD."""
    import html
    import json

    for line in markdown.split("\n---", 1)[0].splitlines():
        if line.startswith("description: "):
            return html.unescape(json.loads(line[len("description: "):]))
    return None


def render(
    site: Site,
    templates: Path,
    progress: Callable[[str, int, int], None] | None = None,
    cache: Path | None = None,
) -> dict[str, str]:
    """Render every page of the plan. Returns {page path: Markdown text}, in the plan's order.

    Pages are independent: where a second core can take some (`beside.each`), a forked child
    renders pages too, each process taking the next page as it finishes one (a child that
    fails is not trusted: its pages are rendered here, and an error in a template is raised
    here)."""
    env = environment(templates, cache)
    drawings = Diagrams(site)
    dates = structured.dates(site)
    base = site.settings.site_url or "/"
    pages = site.pages

    def one(i: int) -> str:
        return _render_page(site, env, pages[i], drawings, dates, base)

    step = (lambda count: progress("render", count, len(pages))) if progress else None
    texts = beside.each(one, len(pages), step)
    return {page.path: markdown for page, markdown in zip(pages, texts)}


def _render_page(site: Site, env: jinja2.Environment, page, drawings: Diagrams, dates, base: str) -> str:
    """One page of the plan through its template: its Markdown text."""
    template = env.get_template(page.template)
    # The JSON-LD names the articles the page quotes: the citations macro records them
    # while the page renders, then the graph replaces its placeholder in the front matter.
    quoted: set[str] = set()
    card = cards.card(site, page)
    # a share image is named by an absolute address: none without the site's address
    image = card.address.absolute(base) if base.startswith(("http://", "https://")) else None
    markdown = template.render(
        site=site, page=page, story=site.story, theme=page.theme, article_id=page.article,
        diagrams=drawings, jsonld=JSONLD_PLACEHOLDER, dates=dates, cite=_recorder(quoted),
        card=card, card_url=image, card_size=(cards.WIDTH, cards.HEIGHT), share_title=card.title,
    )
    image_object = {
        "@type": "ImageObject", "url": image, "encodingFormat": "image/png",
        # schema.org sizes are QuantitativeValues (E37: UN/CEFACT's code for a pixel)
        "width": {"@type": "QuantitativeValue", "value": cards.WIDTH, "unitCode": "E37"},
        "height": {"@type": "QuantitativeValue", "value": cards.HEIGHT, "unitCode": "E37"},
    } if image else None
    graph = text.yaml_str(structured.jsonld(site, page, base, quoted, image_object, _description(markdown)))
    return markdown.replace(str(text.yaml_str(JSONLD_PLACEHOLDER)), str(graph), 1)
