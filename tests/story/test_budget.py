"""Page-weight budget: a first visit to any page transfers at most 90 KB, compressed.

For each built HTML page: the page itself plus every same-origin stylesheet, script, image
and icon it references (first visit: nothing cached), each gzip-compressed at level 6 as a
web server would. Not counted: the search index, the search worker and its lunr files
(search/, assets/javascripts/workers/, assets/javascripts/lunr/). Material fetches them in
the background right after the page has loaded (measured in Chromium: 37.7 KB compressed
on the real site), after the page is already usable, so they are left out of the budget.

    .venv/bin/python -m pytest tests/story/test_budget.py -s   # prints the table
"""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit


BUDGET = 90 * 1024


class Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rel = (a.get("rel") or "").split()
        if tag == "link" and ({"stylesheet", "icon", "preload", "modulepreload"} & set(rel)) and a.get("href"):
            self.refs.append(a["href"])
        elif tag in ("script", "img", "source", "iframe") and a.get("src"):
            self.refs.append(a["src"])


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def page_weight(site: Path, page: Path, base: str = "/") -> tuple[int, list[tuple[str, int]]]:
    """Compressed weight of a page and what it loads; `base` is the URL path the site is served under."""
    html = page.read_bytes()
    parser = Refs()
    parser.feed(html.decode("utf-8"))
    page_url = base + page.relative_to(site).as_posix()
    items = [(page_url, gz(html))]
    seen = set()
    for ref in parser.refs:
        parts = urlsplit(ref)
        assert not parts.netloc, f"{page_url} references another host: {ref}"
        path = urljoin(page_url, parts.path)
        if path in seen:
            continue
        seen.add(path)
        assert path.startswith(base), f"{page_url}: {ref} is outside the site"
        target = site / path[len(base):]
        assert target.is_file(), f"{page_url}: {ref} not found"
        data = target.read_bytes()
        items.append((path, gz(data)))
        if target.suffix == ".css":  # fonts and images a stylesheet pulls in
            for url in re.findall(rb"url\(['\"]?([^'\")]+)", data):
                u = url.decode()
                if u.startswith("data:") or urlsplit(u).netloc:
                    continue
                nested = urljoin(path, u.split("#")[0].split("?")[0])
                if nested not in seen and nested.startswith(base) and (site / nested[len(base):]).is_file():
                    seen.add(nested)
                    items.append((nested, gz((site / nested[len(base):]).read_bytes())))
    return sum(n for _, n in items), items


def test_every_page_within_budget(real_copy):
    from mkdocs.config import load_config

    site = real_copy.path("site")
    base = urlsplit(load_config(str(real_copy.path("generated"))).site_url or "/").path
    rows = []
    for page in sorted(site.rglob("*.html")):
        total, items = page_weight(site, page, base)
        rows.append((page.relative_to(site).as_posix(), items[0][1], total))
    print(f"\n{'page':44} {'HTML gz':>9} {'total gz':>9}")
    for name, html_size, total in rows:
        print(f"{name:44} {html_size / 1024:8.1f}K {total / 1024:8.1f}K")
    over = [(name, total) for name, _, total in rows if total > BUDGET]
    assert not over, f"over the {BUDGET // 1024} KB budget: {over}"
    assert len(rows) >= 12
