"""Served under its GitHub Pages sub-path on 127.0.0.1, the built site has no broken internal
link or anchor, and its 404 page works at any depth."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen
from urllib.error import HTTPError
import pytest

from conftest import PREFIX


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("canonical", "alternate")):
                self.links.append(a[key])


def get(url: str) -> tuple[int, str]:
    try:
        with urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def test_every_internal_link_and_anchor_resolves(site_server):
    server = site_server
    start = server + PREFIX
    pages: dict[str, Links] = {}
    todo, broken = [start], []
    checked_anchors = []
    while todo:
        url = todo.pop()
        if url in pages:
            continue
        status, body = get(url)
        if status != 200:
            broken.append((url, status))
            pages[url] = Links()
            continue
        parser = Links()
        if url.endswith("/") or url.endswith(".html"):
            parser.feed(body)
        pages[url] = parser
        for link in parser.links:
            target = urljoin(url, link)
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != server:
                continue
            if not parts.path.startswith(PREFIX):
                broken.append((url, link))
                continue
            page, anchor = urldefrag(target)
            if anchor:
                checked_anchors.append((url, page, anchor))
            if page not in pages:
                todo.append(page)
    for source, page, anchor in checked_anchors:
        if anchor not in pages[page].ids:
            broken.append((source, f"{page}#{anchor}"))
    assert len([u for u in pages if u.endswith("/")]) >= 20
    assert len(checked_anchors) > 100
    assert not broken, broken[:20]


@pytest.mark.parametrize("path", ["nulle-part/", "a/b/c/d/", "acteurs/inconnu/page.html"])
def test_404_page_works_at_any_depth(site_server, path):
    server = site_server
    status, body = get(server + PREFIX + path)
    assert status == 404
    parser = Links()
    parser.feed(body)
    assets = [link for link in parser.links if link.endswith((".css", ".js", ".svg"))]
    assert assets
    for link in assets:
        target = urljoin(server + PREFIX + path, link)
        assert get(target)[0] == 200, target
