"""Nothing in the data executes: HTML, Markdown links, Jinja, MkDocs/pymdown syntax and
snippet includes put in every text field come out as inert text in the built HTML."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
import pytest
import yaml

from explainer.pipeline import run_build


SECRET = "SECRET-SENTINEL-CONTENT-4242"
PAYLOAD = (
    '<script>alert(1)</script> <img src=x onerror=alert(2)> [lien](javascript:alert(3)) '
    '[donnée](data:text/html;base64,PHNjcmlwdD4=) {{ 7*7 }} {% if true %}JINJA-RAN{% endif %} '
    '--8<-- "sentinel.txt" !!! note "admonition" {: onclick="alert(4)" } **gras** `code` '
    '<a href="javascript:alert(5)">a</a> &lt;entité&gt;'
)


class Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> Collect:
    c = Collect()
    c.feed(path.read_text(encoding="utf-8"))
    return c


def inject(root: Path) -> None:
    """Put the payload in every text field of the fixture story, its articles and their metadata."""
    (root / "sentinel.txt").write_text(SECRET, encoding="utf-8")
    article = root / "seeds" / "alpha.txt"
    lines = article.read_text(encoding="utf-8").split("\n")
    lines[2] += " " + PAYLOAD  # inside the article's text lines (1-3), so it can be quoted
    article.write_text("\n".join(lines), encoding="utf-8")
    facts_path = root / "facts.yml"
    data = yaml.safe_load(facts_path.read_text(encoding="utf-8"))
    p = PAYLOAD
    s = data["story"]
    s["title"], s["summary"], s["scope"] = p, p, p
    s["changes"][0]["summary"] = p
    for t in data["themes"]:
        t["title"], t["description"] = p, p
    for a in data["actors"]:
        a["name"], a["role"], a["wants"] = p, p, p
    # texts the editorial rules read keep their words after the payload (a quote must share one)
    for e in data["events"]:
        e["title"], e["date_note"] = f"{p} {e['title']}", p
    for d in data["deadlines"]:
        d["title"], d["applies_to"], d["date_note"] = p, p, p
        for step in d["history"]:
            step["note"] = p
    for f in data["facts"]:
        f["text"] = f"{p} {f['text']}"
    data["facts"][0]["sources"].append({"article": "alpha", "quote": PAYLOAD})
    for d in data["disagreements"]:
        d["title"], d["note"] = p, p
        for side in d["sides"]:
            side["claim"] = f"{p} {side['claim']}"
    for q in data["questions"]:
        q["question"], q["context"] = p, p
    for deal in data.get("deals", []):
        deal["title"], deal["subject"], deal["outcome"] = p, p, p
        for party in deal["parties"]:
            party["stake"] = p
    for g in data["glossary"]:
        g["definition"] = p
    data["glossary"].append({"id": "terme-piege", "term": "<b>x</b> {{ 7+7 }}", "definition": p, "general": True})
    facts_path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    articles_path = root / "seeds" / "articles.yml"
    meta = yaml.safe_load(articles_path.read_text(encoding="utf-8"))
    for art in meta["articles"]:
        art["title"], art["outlet"], art["author"], art["note"], art["identified_by"] = p, p, p, p, p
    articles_path.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory, built_fixture):
    from helpers import make_project

    dirty = make_project(tmp_path_factory.mktemp("dirty") / "project")
    inject(dirty.root)
    result = run_build(dirty)
    assert result.ok, (result.problems.items, result.mkdocs_warnings)
    return built_fixture / "site", dirty.path("site")


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_live_markup(sites):
    clean, dirty = sites
    assert [p.relative_to(dirty) for p in pages(dirty)] == [p.relative_to(clean) for p in pages(clean)]
    for page in pages(dirty):
        tags = parse(page).tags
        reference = parse(clean / page.relative_to(dirty)).tags
        scripts = [a.get("src") for t, a in tags if t == "script"]
        assert scripts == [a.get("src") for t, a in reference if t == "script"], page
        assert sum(t == "img" for t, _ in tags) == sum(t == "img" for t, _ in reference), page
        raw = page.read_text(encoding="utf-8")
        assert "<strong>gras</strong>" not in raw and "<code>code</code>" not in raw, page  # Markdown stayed text
        for tag, attrs in tags:
            for name, value in attrs.items():
                assert not name.startswith("on"), (page, tag, name)
                if name in ("href", "src", "action", "formaction", "cite"):
                    assert not re.match(r"\s*(javascript|data|vbscript):", value or "", re.I), (page, tag, value)


def test_payload_is_shown_as_text(sites):
    _, dirty = sites
    for rel in ("index.html", "acteurs/index.html", "echeances/index.html", "sources/index.html", "divergences/index.html"):
        text = "".join(parse(dirty / rel).text)
        assert "<script>alert(1)</script>" in text, rel
        assert "{{ 7*7 }}" in text and "JINJA-RAN{% endif %}" in text, rel
        assert '--8<-- "sentinel.txt"' in text, rel
        assert "**gras**" in text and "`code`" in text, rel


def test_no_template_ran_and_no_file_was_read(sites):
    clean, dirty = sites
    for page in pages(dirty):
        raw = page.read_text(encoding="utf-8")
        assert SECRET not in raw, page
        text = html.unescape(raw)
        # had the template engine run the payload, the marker would stand without its tags
        # (the citations a wiki pastes keep the payload escaped their own way: &#123;% in MediaWiki, \{% in Confluence;
        # a diagram box may cut the word « {% » with a hyphen)
        assert not re.search(r"JINJA-RAN(?!\{|&#123;|\\\{)", text), page
        clean_raw = (clean / page.relative_to(dirty)).read_text(encoding="utf-8")
        assert raw.count('class="admonition') == clean_raw.count('class="admonition'), page  # no "!!! note"


def test_quote_shows_exactly_the_articles_characters(sites):
    _, dirty = sites
    text = "".join(parse(dirty / "echeances" / "index.html").text)
    assert PAYLOAD.replace("&lt;", "&lt;") in text


# --- hardening, round two (issue 18): hostile values that must build, and come out inert --------
# (name, edit of the fixture project, check of the built site). Each row failed before its fix.


class Scripts(HTMLParser):
    """The text of every <script type="application/ld+json">."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.jsonld: list[str] = []
        self._in = False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._in:
            self.jsonld.append("")

    def handle_endtag(self, tag):
        self._in = False

    def handle_data(self, data):
        if self._in:
            self.jsonld[-1] += data


def _edit_yaml(root: Path, name: str, change) -> None:
    path = root / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _comment_script(root: Path) -> None:
    """D1: « <!-- » in one JSON-LD field and « <script » in another made the HTML parser read
    the rest of every page as script text: a blank page."""
    def sheet(d):
        d["story"]["title"] = "Les quais <!--<script> de Brest"
    _edit_yaml(root, "facts.yml", sheet)

    def articles(d):
        d["articles"][0]["title"] = "Le port <!-- ferme"
        d["articles"][0]["url"] = "https://example.org/script-alpha"  # « < » in an address: refused (test_bad_input)
    _edit_yaml(root, "seeds/articles.yml", articles)


def _check_jsonld(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    seen, hostile = 0, 0
    for page in pages:
        parser = Scripts()
        parser.feed(page.read_text(encoding="utf-8"))
        for text in parser.jsonld:
            seen += 1
            assert "<" not in text and ">" not in text and "&" not in text, (page, text[:200])
            values = json.dumps(json.loads(text), ensure_ascii=False)  # the escapes read back as the same text
            hostile += "<!--" in values or "<script" in values
        assert "</body>" in page.read_text(encoding="utf-8").split('type="application/ld+json"')[-1], page
    assert seen >= len(pages) - 1, "JSON-LD missing"  # every page but 404 carries one
    assert hostile, "the hostile values reached no JSON-LD: the row tests nothing"


def _event_markup(root: Path) -> None:
    """D10: TimelineJS puts a headline into the page as HTML."""
    def sheet(d):
        d["events"][0]["title"] = "<img src=x onerror=alert(1)> annonce"
        d["story"]["title"] = "<b>Les quais</b> de Brest"
    _edit_yaml(root, "facts.yml", sheet)


def _check_timeline(site: Path) -> None:
    data = json.loads((site / "timeline.json").read_text(encoding="utf-8"))
    assert data["title"]["text"]["headline"] == "&lt;b&gt;Les quais&lt;/b&gt; de Brest"
    headlines = [e["text"]["headline"] for e in data["events"]]
    assert "&lt;img src=x onerror=alert(1)&gt; annonce" in headlines, headlines
    for event in data["events"]:
        for value in (event["text"]["headline"], event["display_date"]):
            assert "<" not in value, value


#: Round 3, defect 1 (stored XSS): a valid address whose characters Markdown reads as a link,
#: emphasis and an image. Python-Markdown ran its link pattern inside `<q cite="…">` and the
#: Sources table's `<a href="…">`: the generated `<a href="` closed the attribute and every
#: quote of the article carried a live onmouseover handler.
MARKDOWN_URL = "https://a.example/[x](onmouseover=alert(document.domain)//)_*e*_![i](j)"


def _markdown_url(root: Path) -> None:
    def articles(d):
        d["articles"][0]["url"] = MARKDOWN_URL
    _edit_yaml(root, "seeds/articles.yml", articles)

    def newsroom(d):  # the front matter's links, on every page (one of them inside a Markdown paragraph)
        d["story"]["newsroom"] = {"name": "La Gazette des quais", "url": MARKDOWN_URL, "corrections": MARKDOWN_URL}
    _edit_yaml(root, "facts.yml", newsroom)


def _handlers(page: Collect) -> list[tuple[str, str]]:
    return [(tag, name) for tag, attrs in page.tags for name in attrs if name.startswith("on")]


def _check_markdown_url(site: Path) -> None:
    page = parse(site / "sources" / "alpha" / "index.html")
    links = [a.get("href") for tag, a in page.tags if tag == "a"]
    assert links.count(MARKDOWN_URL) >= 3, links  # the article's address, the newsroom's, where to report an error
    assert all(a.get("title") == MARKDOWN_URL for tag, a in page.tags if tag == "a" and a.get("title") and "a.example" in a.get("title"))
    assert MARKDOWN_URL in "".join(page.text)
    cites = 0
    for path in pages(site):
        parsed = parse(path)
        assert not _handlers(parsed), (path, _handlers(parsed))
        found = [a.get("cite") for tag, a in parsed.tags if tag == "q" and a.get("cite")]
        assert all(c == MARKDOWN_URL for c in found if "a.example" in c), (path, found)
        cites += sum(c == MARKDOWN_URL for c in found)
    assert cites, "no <q cite> carries the address: the row tests nothing"


HOSTILE_BUILDS = [
    ("jsonld-comment-script", _comment_script, _check_jsonld),
    ("timeline-headline-markup", _event_markup, _check_timeline),
    ("url-read-as-markdown", _markdown_url, _check_markdown_url),
]


@pytest.mark.parametrize("name, edit, check", HOSTILE_BUILDS, ids=[c[0] for c in HOSTILE_BUILDS])
def test_hostile_value_builds_inert(tmp_path, name, edit, check):
    from helpers import make_project

    project = make_project(tmp_path / "project")
    edit(project.root)
    result = run_build(project)
    assert result.ok, (result.problems.items, result.mkdocs_warnings)
    check(project.path("site"))


def test_markdown_in_an_address_runs_no_handler_in_a_browser(tmp_path, new_page):
    """The same address, in Chromium: no element of the built pages carries an event-handler
    attribute (the DOM as the browser built it, not as a parser of ours reads the file)."""
    from helpers import make_project

    project = make_project(tmp_path / "project")
    _markdown_url(project.root)
    result = run_build(project)
    assert result.ok, (result.problems.items, result.mkdocs_warnings)
    page = new_page()
    checked = 0
    for path in [project.path("site") / "sources" / "alpha" / "index.html", *pages(project.path("site"))]:
        if "a.example" not in path.read_text(encoding="utf-8"):
            continue
        page.goto(path.as_uri())
        handlers = page.evaluate(
            "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
            ".filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))")
        assert handlers == [], (path, handlers)
        cites = page.evaluate("() => [...document.querySelectorAll('q[cite], a[href]')]"
                              ".map(e => e.getAttribute('cite') || e.getAttribute('href'))")
        checked += MARKDOWN_URL in cites
    assert checked >= 2, "no page carries the address in an attribute: the test checks nothing"
