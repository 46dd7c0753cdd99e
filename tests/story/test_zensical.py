"""The same docs/ builds with Zensical (pinned in requirements-zensical.txt, installed by
`make test`): strict build, and on every page no front matter or Markdown escape printed as
text, the page's title and description in <head>, its JSON-LD, and every internal link and
anchor resolving to a file of the built site."""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urldefrag, urlsplit
import pytest
import yaml
from helpers import site_prefix

pytest.importorskip("zensical", reason="make test installs requirements-zensical.txt")


class Page(HTMLParser):
    """Text outside <script>/<style>/<head>, the links, the ids, <title> and <meta>s."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.metas: dict[str, str] = {}
        self.title = ""
        self.jsonld: list[str] = []
        self._skip: list[str] = []
        self._in_title = False
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "meta" and (a.get("name") or a.get("property")):
            self.metas[a.get("name") or a.get("property")] = a.get("content") or ""
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("canonical", "alternate")):
                self.links.append(a[key])
        if tag in ("script", "style", "head", "svg"):
            self._skip.append(tag)
            self._in_jsonld = tag == "script" and a.get("type") == "application/ld+json"
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()
        self._in_title = False
        self._in_jsonld = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._in_jsonld:
            self.jsonld.append(data)
        if not self._skip:
            self.text.append(data)


def front_matter(md: Path) -> dict:
    text = md.read_text(encoding="utf-8")
    assert text.startswith("---\n"), md
    return yaml.safe_load(text[4 : text.index("\n---\n", 4)])


@pytest.fixture(scope="module")
def zensical_site(real_copy, tmp_path_factory):
    """The real project's generated docs/ built by Zensical, through the same publish stage."""
    from explainer.publish import publish

    root = tmp_path_factory.mktemp("zensical") / "project"
    root.mkdir()
    for name in ("docs", "overrides"):
        shutil.copytree(real_copy.root / name, root / name)
    for name in ("mkdocs.yml", ".mkdocs.generated.yml", "facts.yml"):  # the configuration the build generated, and
        shutil.copy(real_copy.root / name, root / name)                 # the story its identity comes from
    warnings = publish(root, root / ".mkdocs.generated.yml", root / "site", engine="zensical")
    assert warnings == []
    return root


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_page_is_built(zensical_site):
    docs = zensical_site / "docs"
    for md in sorted(docs.rglob("*.md")):
        rel = md.relative_to(docs).with_suffix("")
        out = zensical_site / "site" / ("index.html" if rel.name == "index" else rel / "index.html")
        assert out.is_file(), out


def test_no_front_matter_or_escape_printed(zensical_site):
    for path in sorted((zensical_site / "site").rglob("*.html")):
        text = " ".join(parse(path).text)
        assert "\\" not in text, (path, text[max(0, text.index("\\") - 60) : text.index("\\") + 60])
        for key in ("generated:", "jsonld:", "description:", '"@context"'):
            assert key not in text, (path, key)
        assert not re.search(r"(^|\s)---(\s|$)", text), path


def test_title_description_and_json_ld_in_head(zensical_site):
    docs = zensical_site / "docs"
    prefix = site_prefix(zensical_site / "mkdocs.yml")  # read once (MkDocs' loader), not per page
    for md in sorted(docs.rglob("*.md")):
        meta = front_matter(md)
        rel = md.relative_to(docs).with_suffix("")
        page = parse(zensical_site / "site" / ("index.html" if rel.name == "index" else rel / "index.html"))
        title, description = html.unescape(meta["title"]), html.unescape(meta["description"])
        assert page.title.startswith(title), (md, page.title)
        assert page.metas.get("description") == description, md
        share = html.unescape(meta["share_title"])  # the site's name on the home page
        assert page.metas.get("og:title") == share and page.metas.get("og:description") == description, md
        assert page.metas.get("og:image") == meta["image"] and page.metas.get("twitter:card") == "summary_large_image", md
        assert (zensical_site / "site" / urlsplit(meta["image"]).path.removeprefix(prefix)).is_file(), md
        assert len(page.jsonld) == 1 and json.loads(page.jsonld[0]) == json.loads(meta["jsonld"]), md


def test_every_internal_link_resolves(zensical_site):
    from explainer.siteconfig import read_site_config

    site = zensical_site / "site"
    prefix = urlsplit(read_site_config(zensical_site / "mkdocs.yml").site_url).path  # 404.html links from the site's root
    pages = {p: parse(p) for p in site.rglob("*.html")}
    broken = []
    checked = 0
    for path, page in pages.items():
        base = PurePosixPath("/") / path.parent.relative_to(site)
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("javascript:"):
                continue
            target_path, fragment = urldefrag(link)
            if target_path.startswith(prefix):
                resolved = (site / unquote(target_path[len(prefix):])).resolve()
            elif target_path:
                target = PurePosixPath(unquote(target_path))
                resolved = (site / str(base / target).lstrip("/")).resolve()
            else:
                resolved = path
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.is_file() or site.resolve() not in [resolved, *resolved.parents]:
                broken.append((path.relative_to(site), link))
                continue
            checked += 1
            if fragment and resolved.suffix == ".html":
                ids = pages.get(resolved, pages.get(Path(resolved))) or parse(resolved)
                if unquote(fragment) not in ids.ids:
                    broken.append((path.relative_to(site), link))
    assert broken == [] and checked > 500
