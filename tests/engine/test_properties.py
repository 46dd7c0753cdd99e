"""Property-based tests: whatever the text, the loader, the quote matcher and the renderer
either succeed with the text shown verbatim or fail with a named, located error — never a
traceback."""

from __future__ import annotations

import html
import re
import string
import markdown
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from explainer.pipeline import run_check, run_generate
from explainer.quotes import ArticleText, normalise
from explainer.text import md_escape
from explainer.yamlsource import parse


FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

YAMLISH = st.lists(
    st.sampled_from(["story:", "  title: x", "facts:", "  - id: a", "    text: y", "- ", ": ", "'", '"', "{", "}", "[", "]",
                     "&a", "*a", "!!str", "!!python/object:os.system", "\t", "  ", "#", "\n", "---", "...", "<<: *a", "? ",
                     "é", "\u00a0", "\ufeff", "12:30", "no", "2020-09-31", "|", ">"]),
    max_size=40,
).map("".join)


@FAST
@given(st.one_of(st.text(), YAMLISH))
def test_yaml_reader_never_crashes(text):
    doc, errors = parse(text)
    assert (doc is None) == bool(errors)
    for e in errors:
        assert e.line >= 1 and e.col >= 1 and e.message


@SLOW
@given(st.one_of(st.text(max_size=300), YAMLISH, st.binary(max_size=200)))
def test_check_never_crashes(fixture_project, content):
    path = fixture_project.root / "facts.yml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    result = run_check(fixture_project)
    assert result.problems, "an arbitrary file is not a valid fact sheet"
    for p in result.problems.items:
        assert p.path in ("facts.yml", "seeds/articles.yml") and p.message


SAFE_CHARS = st.characters(blacklist_categories=("Cs", "Mn", "Me", "Cc"))


@FAST
@given(st.text(alphabet=SAFE_CHARS | st.sampled_from(" \n\u00a0\u202f'’«»\""), min_size=1, max_size=200), st.data())
def test_every_substring_is_found(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    assume(normalise(quote))
    article = ArticleText(text)
    span = article.find(quote)
    assert span is not None
    # the span covers the article's own characters for that quote
    if article._origin is not None:
        assert normalise(text[span.start : span.end]) == normalise(quote)


@FAST
@given(st.text(max_size=300), st.text(max_size=80))
def test_closest_never_crashes(text, quote):
    suggestion = ArticleText(text).closest(quote)
    assert isinstance(suggestion, str) and len(suggestion) <= 241


# The site's extensions (mkdocs.yml), without pymdownx.escapeall: escaped text must read the
# same in any Python-Markdown engine (Zensical included), whose escapes are the standard ones.
EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "pymdownx.details"]
CONFIG: dict = {}


@FAST
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(string.punctuation), min_size=1, max_size=120))
def test_escaped_text_renders_verbatim(text):
    assume(text.strip())
    out = markdown.markdown(str(md_escape(text)), extensions=EXTENSIONS, extension_configs=CONFIG)
    inner = re.sub(r"^<p>|</p>$", "", out)
    assert "<" not in inner.replace("&lt;", "")
    assert " ".join(html.unescape(inner).split()) == " ".join(text.split())


@SLOW
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=120))
def test_any_fact_text_renders_or_is_refused_by_name(fixture_project, text):
    path = fixture_project.root / "facts.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["facts"][1]["text"] = text
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_generate(fixture_project)
    if result.problems:
        assert all(p.path == "facts.yml" and p.line > 0 for p in result.problems.items), result.problems.items
        return
    page = result.pages["acteurs.md"]
    rendered = markdown.markdown(page.split("\n\n", 1)[1], extensions=EXTENSIONS, extension_configs=CONFIG)
    assert "<script" not in rendered
