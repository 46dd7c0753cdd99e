"""Shared by the tests and by scripts/: assemble a throw-away project, Debian's Chromium and
its flags, and a local server for a built site as GitHub Pages serves it."""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import http.server
import io
import os
import shutil
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
if str(ROOT) not in sys.path:  # scripts/ import this module too
    sys.path.insert(0, str(ROOT))

from explainer.pipeline import Project  # noqa: E402

#: Debian's Chromium (tools that download a browser of their own cannot here), and its flags:
#: no sandbox in a container, no GPU, nothing fetched behind the page's back.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: What a copy of the real project leaves out: tools, outputs, caches and the prose (the
#: generated docs/*.md are written again by the build).
NOT_COPIED = (".venv", ".git", "site", ".site-*", "__pycache__", ".pytest_cache", ".cache", "node_modules",
              "screenshots", "bench", "tests", "*.md")


def add_engine(dest: Path, templates: bool = True) -> None:
    """What every story builds with besides its own facts and articles: the site configuration,
    the theme overrides, the page templates and the site's own assets."""
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    folders = ("overrides", "templates") if templates else ("overrides",)
    for folder in folders:
        shutil.copytree(ROOT / folder, dest / folder, dirs_exist_ok=True)
    shutil.copytree(ROOT / "docs" / "assets", dest / "docs" / "assets", dirs_exist_ok=True)


#: What a build keeps in `.cache/` and finds again by content: the compiled templates (ours,
#: the theme's; Jinja compiles again every template whose source differs from the one
#: compiled, by checksum), the JSON Schemas (named after explainer/'s sources) and the link
#: cards (named after what they show, the font and the drawing's version). A throw-away
#: project starts with the real project's (and the fixture story's cards, `fixture_cards`),
#: as an editor's rebuild does: the same pages, the same files. The tests of a missing, broken or full `.cache/` remove it first (test_round3);
#: drawing and caching the cards is tested on its own (test_cards).
CACHES = ("jinja", "theme", "schema")
#: and the real story's cards, for its copies only (a fixture story's cards are others)
REAL_CACHES = (*CACHES, "cards")


def add_caches(dest: Path, names: tuple[str, ...] = CACHES) -> None:
    """Copy the real project's caches (if it was built) into `dest`/.cache/."""
    for name in names:
        if (ROOT / ".cache" / name).is_dir():
            with contextlib.suppress(OSError):  # a build writing there meanwhile: made again
                shutil.copytree(ROOT / ".cache" / name, dest / ".cache" / name, dirs_exist_ok=True)


@functools.cache
def fixture_cards() -> Path | None:
    """The small fixture story's link cards, drawn once per test process (in a folder removed
    at its end) for its copies to start with, as the real story's copies start with its cards."""
    import atexit
    import tempfile

    from explainer.pipeline import run_generate

    folder = Path(tempfile.mkdtemp(prefix="explainer-fixture-cards-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    project = folder / "project"
    shutil.copytree(FIXTURES / "story", project)
    add_engine(project)
    add_caches(project)
    try:
        run_generate(Project(root=project))
    except Exception:  # a broken fixture is the tests' to report, not this helper's
        return None
    cards = project / ".cache" / "cards"
    return cards if cards.is_dir() else None


def make_project(tmp: Path, story: str | Path = "story") -> Project:
    """Copy a fixture story plus the real templates and site configuration into `tmp`; return its Project."""
    source = FIXTURES / story if isinstance(story, str) else story
    shutil.copytree(source, tmp, dirs_exist_ok=True)
    add_engine(tmp)
    add_caches(tmp)
    if story == "story" and (cards := fixture_cards()) is not None:
        shutil.copytree(cards, tmp / ".cache" / "cards", dirs_exist_ok=True)
    return Project(root=tmp)


def copy_real_project(dest: Path) -> Project:
    """A copy of the real project (its story, configuration and templates) in `dest`."""
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*NOT_COPIED))
    shutil.copytree(ROOT / "docs" / "assets", dest / "docs" / "assets", dirs_exist_ok=True)
    add_caches(dest, REAL_CACHES)
    return Project(root=dest)


def site_prefix(config: Path) -> str:
    """The path of the site's address (`site_url` in mkdocs.yml): where GitHub Pages serves it."""
    from explainer.siteconfig import read_site_config

    return urlsplit(read_site_config(config).site_url).path or "/"


@contextlib.contextmanager
def serve_site(site: Path, config: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1 under its sub-path, gzip-compressed as GitHub Pages
    serves it, with the site's 404 page for unknown addresses, and persistent connections.
    Yields the origin (`http://127.0.0.1:PORT`).

    The sitemap is served with this server's address in place of the published one, as the
    deploy workflow builds it for its own host: the theme's instant navigation only takes over
    links to addresses listed in the sitemap."""
    from explainer.siteconfig import read_site_config

    prefix = site_prefix(config)
    published = read_site_config(config).site_url.encode()
    here: dict[str, str] = {}

    class Handler(http.server.SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # persistent connections, as GitHub Pages keeps them (HTTP/2 there)

        def translate_path(self, path):
            path = urlsplit(path).path
            if not path.startswith(prefix):
                return str(site / "__nowhere__")
            return super().translate_path("/" + path[len(prefix):])

        def send_head(self):
            path = self.translate_path(self.path)
            if os.path.isdir(path):
                if not self.path.split("?")[0].endswith("/"):
                    return super().send_head()
                path = os.path.join(path, "index.html")
            if not os.path.isfile(path):
                self.send_error(404)
                return None
            with open(path, "rb") as f:
                data = f.read()
            if os.path.basename(path) == "sitemap.xml":
                data = data.replace(published, here["url"].encode())
            ctype = self.guess_type(path)
            compressible = ctype.startswith("text/") or ctype in (
                "application/javascript", "application/json", "image/svg+xml", "application/xml"
            )
            encoded = compressible and "gzip" in (self.headers.get("Accept-Encoding") or "")
            if encoded:
                data = gzip.compress(data, 6)
            self.send_response(200)
            self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
            if encoded:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
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
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    here["url"] = origin + prefix
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield origin
    finally:
        httpd.shutdown()
        httpd.server_close()


def tree_digest(folder: Path) -> str:
    """Names, types, modes, contents and link targets of a whole tree (links not followed)."""
    h = hashlib.sha256()
    h.update(oct(folder.lstat().st_mode).encode())
    if folder.is_symlink():
        return h.hexdigest() + os.readlink(folder)
    for base, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(dirs + files):
            path = Path(base) / name
            info = path.lstat()
            h.update(f"{path.relative_to(folder)}\0{oct(info.st_mode)}\0".encode())
            if stat.S_ISLNK(info.st_mode):
                h.update(os.readlink(path).encode())
            elif stat.S_ISREG(info.st_mode):
                h.update(path.read_bytes())
    return h.hexdigest()


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` (which must be there) by `new` in a text file: once, or `count` times (-1: all)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
