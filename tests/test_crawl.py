"""Served under its GitHub Pages sub-path on 127.0.0.1, the built site has no broken internal
link or anchor, and its 404 page works at any depth."""

from __future__ import annotations

import functools
import http.server
import threading
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen
from urllib.error import HTTPError

import pytest

PREFIX = "/tiktok-oracle/"  # the path of site_url in mkdocs.yml


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


@pytest.fixture(scope="module")
def server(real_copy):
    site = real_copy.path("site")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            path = urlsplit(path).path
            if not path.startswith(PREFIX):
                return str(site / "__nowhere__")
            return super().translate_path("/" + path[len(PREFIX):])

        def send_error(self, code, message=None, explain=None):
            if code == 404:  # as GitHub Pages does: the site's own 404 page
                body = (site / "404.html").read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            super().send_error(code, message, explain)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def get(url: str) -> tuple[int, str]:
    try:
        with urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def test_every_internal_link_and_anchor_resolves(server):
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
def test_404_page_works_at_any_depth(server, path):
    status, body = get(server + PREFIX + path)
    assert status == 404
    parser = Links()
    parser.feed(body)
    assets = [l for l in parser.links if l.endswith((".css", ".js", ".svg"))]
    assert assets
    for link in assets:
        target = urljoin(server + PREFIX + path, link)
        assert get(target)[0] == 200, target
