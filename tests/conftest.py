from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import ROOT, make_project  # noqa: E402


@pytest.fixture
def fixture_project(tmp_path):
    """A throw-away copy of the small fixture story, with the real templates and config."""
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def real_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def real_copy(tmp_path_factory, real_root):
    """A copy of the real project (sources, config, templates), built once for the session."""
    import shutil

    from explainer.pipeline import Project, run_build

    dest = tmp_path_factory.mktemp("real") / "project"
    ignore = shutil.ignore_patterns(".venv", ".git", "site", ".site-*", "__pycache__", ".pytest_cache", "node_modules",
                                    "screenshots", "*.md")
    shutil.copytree(real_root, dest, ignore=ignore)
    shutil.copytree(real_root / "docs" / "assets", dest / "docs" / "assets", dirs_exist_ok=True)
    project = Project(root=dest)
    result = run_build(project)
    assert result.ok, (result.problems.items, result.mkdocs_warnings)
    return project


ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        yield b
        b.close()


@pytest.fixture
def new_page(browser):
    """new_page(**context options) -> a page in a fresh browser context, closed after the test."""
    contexts = []

    def make(**kwargs):
        ctx = browser.new_context(**kwargs)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


def type_search(page, query: str) -> None:
    """Type the query in the theme's open search box; type again while the search index is
    still loading (no result yet)."""
    for _ in range(10):
        page.fill("input.md-search__input", "")
        page.type("input.md-search__input", query)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=3000)
            return
        except Exception:  # the worker had not finished loading the index: type again
            continue


PREFIX = "/tiktok-oracle/"  # the path of site_url in mkdocs.yml, as on GitHub Pages


@pytest.fixture(scope="session")
def site_server(real_copy):
    """The built real site served on 127.0.0.1 under its sub-path, gzip-compressed as GitHub
    Pages serves it, with the site's 404 page for unknown addresses. Yields the origin.

    The sitemap is served with this server's address in place of the published one, as the
    deploy workflow builds it for its own host: the theme's instant navigation only takes over
    links to addresses listed in the sitemap."""
    import functools
    import gzip
    import http.server
    import threading
    from urllib.parse import urlsplit

    from explainer.links import site_url

    site = real_copy.path("site")
    published = site_url(real_copy.path("config")).encode()
    here = {}

    class Handler(http.server.SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # persistent connections, as GitHub Pages keeps them (HTTP/2 there)

        def translate_path(self, path):
            path = urlsplit(path).path
            if not path.startswith(PREFIX):
                return str(site / "__nowhere__")
            return super().translate_path("/" + path[len(PREFIX):])

        def send_head(self):
            path = self.translate_path(self.path)
            if os.path.isdir(path):
                if not self.path.split("?")[0].endswith("/"):
                    return super().send_head()
                path = os.path.join(path, "index.html")
            if not os.path.isfile(path):
                self.send_error(404)
                return None
            data = open(path, "rb").read()
            if os.path.basename(path) == "sitemap.xml":
                data = data.replace(published, here["url"].encode())
            ctype = self.guess_type(path)
            compressible = ctype.startswith("text/") or ctype in (
                "application/javascript", "application/json", "image/svg+xml", "application/xml"
            )
            if compressible and "gzip" in (self.headers.get("Accept-Encoding") or ""):
                data = gzip.compress(data, 6)
                encoded = True
            else:
                encoded = False
            self.send_response(200)
            self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
            if encoded:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            import io

            return io.BytesIO(data)

        def send_error(self, code, message=None, explain=None):
            if code == 404:  # as GitHub Pages does: the site's own 404 page
                body = (site / "404.html").read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
            super().send_error(code, message, explain)

        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
                super().handle_error(request, client_address)  # a browser closing a kept-alive connection is no error

    httpd = Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    here["url"] = f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
