"""`build_site.py serve`: live preview on 127.0.0.1.

Generation stays a pre-build step: a watchdog observer re-runs load → check → render →
write when `facts.yml`, `seeds/` or `templates/` change (only changed pages are rewritten),
and MkDocs' own live-reload server rebuilds and refreshes the browser when `docs/`
changes. A broken edit prints its located problems; the last good pages stay served.

- One regeneration at a time, and always one more after the last save: saves that arrive
  while a regeneration runs mark it dirty, and it runs again when it ends.
- Each regeneration takes the build's lock (`publish.build_lock`): a `build` running meanwhile
  never publishes a docs/ half rewritten by the preview, and the preview waits for it.
- A broken mkdocs.yml gets the same located French message as a broken facts.yml, and the
  last good preview stays served (MkDocs' own reload would print a traceback and hang every
  request until it is fixed).
- A port already taken or an address that is not one: one French line, exit code 1.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import re
import sys
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .files import write_reason
from .pipeline import Project, run_generate
from .publish import build_lock
from .site import Settings

DEBOUNCE_SECONDS = 0.05


class _Regenerate(FileSystemEventHandler):
    def __init__(self, project: Project, settings: Settings, watched: list[Path]):
        self.project = project
        self.settings = settings
        self.watched = [p.resolve() for p in watched]
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()  # guards timer, dirty, busy
        self.dirty = False  # a save arrived that no regeneration has read yet
        self.busy = False  # a regeneration is running
        self.written: dict[Path, float] = {}  # docs/ files the regenerations rewrote, and when
        self.runs = 0  # regenerations run (for the tests)

    def relevant(self, event: FileSystemEvent) -> bool:
        paths = [Path(str(event.src_path))] + ([Path(str(event.dest_path))] if getattr(event, "dest_path", "") else [])
        for path in paths:
            path = path.resolve()
            if path.name.startswith(".") or path.name.endswith((".tmp", "~", ".swp")):
                continue
            if any(path == w or w in path.parents for w in self.watched):
                return True
        return False

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write") or not self.relevant(event):
            return
        with self.lock:
            if self.timer:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self.request)
            self.timer.daemon = True
            self.timer.start()

    def request(self) -> None:
        """Regenerate, one at a time; a request while one runs makes it run once more after."""
        with self.lock:
            self.dirty = True
            if self.busy:
                return
            self.busy = True
        while True:
            with self.lock:
                if not self.dirty:
                    self.busy = False
                    return
                self.dirty = False
            try:
                self.regenerate()
            except Exception as exc:  # noqa: BLE001 - the watcher must outlive any one regeneration
                print(f"Aperçu : la régénération a échoué ({type(exc).__name__}: {exc}) ; les pages précédentes "
                      "restent affichées.", file=sys.stderr)

    def regenerate(self) -> None:
        self.runs += 1
        try:
            with build_lock(self.project.root):  # never while a build reads docs/
                result = run_generate(self.project, self.settings)
                now = time.time()
                with self.lock:
                    for rel in result.changed:
                        self.written[self.project.root / self.project.docs / rel] = now
        except OSError as exc:
            print(f".build.lock:1:1: impossible de poser le verrou du build ({write_reason(exc)})", file=sys.stderr)
            return
        if result.problems:
            result.problems.report(sys.stderr)
            print("Aperçu : les pages précédentes restent affichées jusqu'à correction.", file=sys.stderr)
        elif result.changed:
            print(f"Régénéré : {', '.join(result.changed)}", file=sys.stderr)

    def touch_written_since(self, start: float) -> None:
        """MkDocs' dirty build skips a page whose .md is older than its HTML: a page rewritten
        while MkDocs was building it would stay one save behind. Those are touched again once
        the build ends (which makes MkDocs build them once more)."""
        with self.lock:
            late = [path for path, when in self.written.items() if when >= start]
            for path in late:
                del self.written[path]
        for path in late:
            try:
                os.utime(path)
            except OSError:
                pass


ADDR = re.compile(r"^(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(?P<port>[0-9]{1,5})$")


def parse_addr(addr: str) -> tuple[str, int] | str:
    """(host, port), or the French message saying why `addr` is not an address."""
    found = ADDR.match(addr)
    if not found:
        return (f"--addr « {addr} » : adresse attendue sous la forme HÔTE:PORT, par exemple "
                "« 127.0.0.1:8000 »")
    port = int(found.group("port"))
    if not 1 <= port <= 65535:
        return f"--addr « {addr} » : le port doit être un nombre de 1 à 65535, par exemple « 127.0.0.1:8000 »"
    return found.group("host").strip("[]"), port


def _port_message(addr: str, host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (f"--addr {addr} : le port {port} est déjà pris (un autre aperçu ?) : arrêtez l'autre programme ou "
                f"lancez « build_site.py serve --addr {host}:{port + 1 if port < 65535 else 8001} »")
    return (f"--addr {addr} : impossible d'ouvrir l'aperçu à cette adresse ({exc.strerror or exc}) ; "
            "essayez « --addr 127.0.0.1:8000 »")


def _port_taken(addr: str, host: str, port: int) -> str | None:
    """Why the preview could not listen at host:port (None when it can): asked before anything
    is generated, so that a second `make serve` says so at once."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        return _port_message(addr, host, port, exc)
    family, kind, proto, _, where = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does
        try:
            probe.bind(where)
        except OSError as exc:
            return _port_message(addr, host, port, exc)
    return None


def serve(project: Project, settings: Settings, addr: str) -> int:
    parsed = parse_addr(addr)
    if isinstance(parsed, str):
        print(parsed, file=sys.stderr)
        return 1
    host, port = parsed
    taken = _port_taken(addr, host, port)
    if taken:
        print(taken, file=sys.stderr)
        return 1
    settings = dataclasses.replace(settings, cards=False)  # faster start and rebuilds; a preview is not shared
    try:
        with build_lock(project.root):
            result = run_generate(project, settings)
    except OSError as exc:
        print(f".build.lock:1:1: impossible de poser le verrou du build ({write_reason(exc)})", file=sys.stderr)
        return 1
    if result.problems:
        result.problems.report(sys.stderr)
        return 1
    # mkdocs.yml too: once a broken one is fixed, the edits made meanwhile are generated
    watched = [project.path("facts"), project.path("config"), project.path("seeds"), project.path("templates")]
    handler = _Regenerate(project, settings, watched)
    observer = Observer()
    observer.schedule(handler, str(project.root), recursive=False)
    for folder in watched[2:]:
        observer.schedule(handler, str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    try:
        return _mkdocs_serve(project, handler, addr, host, port)
    finally:
        observer.stop()


def _mkdocs_serve(project: Project, handler: _Regenerate, addr: str, host: str, port: int) -> int:
    """MkDocs' live-reload server, with its rebuilds guarded (see the module's docstring)."""
    from urllib.parse import urlsplit

    import mkdocs.commands.serve as mkdocs_serve_module
    from mkdocs.livereload import LiveReloadServer

    from .siteconfig import ConfigError, read_site_config

    config_path = project.path("config")  # hand-written; MkDocs serves the generated one, which inherits it
    mount = urlsplit(read_site_config(config_path).site_url).path

    class Guarded(LiveReloadServer):
        def __init__(self, builder, **kwargs):
            def guarded(config=None):
                start = time.time()
                if config is None:  # a rebuild after a change: mkdocs.yml may be broken now
                    try:
                        read_site_config(config_path)
                    except ConfigError as exc:
                        print(f"{project.config}:{exc.line}:{exc.col}: {exc}", file=sys.stderr)
                        print("Aperçu : les pages précédentes restent affichées jusqu'à correction.", file=sys.stderr)
                        return
                try:
                    builder(config)
                except Exception as exc:  # noqa: BLE001 - MkDocs' own reasons, on one line
                    if config is not None:
                        raise
                    reason = " ".join(str(exc).split()) or type(exc).__name__
                    print(f"Aperçu : MkDocs n'a pas pu reconstruire les pages ({reason}) ; les pages précédentes "
                          "restent affichées.", file=sys.stderr)
                    return
                handler.touch_written_since(start)

            super().__init__(builder=guarded, **kwargs)

        def server_activate(self) -> None:
            super().server_activate()  # bound: only now is the address known to work
            print(f"Aperçu sur http://{addr}{mount} (Ctrl+C pour arrêter) ; il se met à jour à chaque modification.",
                  file=sys.stderr)

    original = mkdocs_serve_module.LiveReloadServer
    mkdocs_serve_module.LiveReloadServer = Guarded  # type: ignore[misc]
    try:
        # "dirty": MkDocs rebuilds only the pages whose Markdown changed (the generator rewrites
        # only those), which keeps an edit under a second from save to browser
        # (a dirty build always warns, so the preview is not strict; `make site` is)
        mkdocs_serve_module.serve(config_file=str(project.path("generated")), livereload=True, build_type="dirty", strict=False,
                                  dev_addr=f"{host}:{port}" if ":" not in host else f"[{host}]:{port}")
    except OSError as exc:  # taken between the probe and MkDocs' own bind
        print(_port_message(addr, host, port, exc), file=sys.stderr)
        return 1
    finally:
        mkdocs_serve_module.LiveReloadServer = original  # type: ignore[misc]
    return 0
