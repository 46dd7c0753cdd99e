"""`build_site.py serve`: live preview on 127.0.0.1.

Generation stays a pre-build step: a watchdog observer re-runs load → check → render →
write when `facts.yml`, `seeds/` or `templates/` change (only changed pages are rewritten),
and MkDocs' own live-reload server rebuilds and refreshes the browser when `docs/`
changes. A broken edit prints its located problems; the last good pages stay served.
"""

from __future__ import annotations

import dataclasses

import sys
import threading
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .pipeline import Project, run_generate
from .site import Settings

DEBOUNCE_SECONDS = 0.05


class _Regenerate(FileSystemEventHandler):
    def __init__(self, project: Project, settings: Settings, watched: list[Path]):
        self.project = project
        self.settings = settings
        self.watched = [p.resolve() for p in watched]
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

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
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self.regenerate)
            self.timer.daemon = True
            self.timer.start()

    def regenerate(self) -> None:
        result = run_generate(self.project, self.settings)
        if result.problems:
            result.problems.report(sys.stderr)
            print("Aperçu : les pages précédentes restent affichées jusqu'à correction.", file=sys.stderr)
        elif result.changed:
            print(f"Régénéré : {', '.join(result.changed)}", file=sys.stderr)


def serve(project: Project, settings: Settings, addr: str) -> int:
    settings = dataclasses.replace(settings, cards=False)  # faster start and rebuilds; a preview is not shared
    result = run_generate(project, settings)
    if result.problems:
        result.problems.report(sys.stderr)
        return 1
    watched = [project.path("facts"), project.path("seeds"), project.path("templates")]
    handler = _Regenerate(project, settings, watched)
    observer = Observer()
    observer.schedule(handler, str(project.root), recursive=False)
    for folder in watched[1:]:
        observer.schedule(handler, str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    from urllib.parse import urlsplit

    from mkdocs.commands.serve import serve as mkdocs_serve
    from .siteconfig import read_site_config

    mount = urlsplit(read_site_config(project.path("config")).site_url).path
    print(f"Aperçu sur http://{addr}{mount} (Ctrl+C pour arrêter) ; il se met à jour à chaque modification.", file=sys.stderr)

    try:
        # "dirty": MkDocs rebuilds only the pages whose Markdown changed (the generator rewrites
        # only those), which keeps an edit under a second from save to browser
        # (a dirty build always warns, so the preview is not strict; `make site` is)
        mkdocs_serve(config_file=str(project.path("config")), livereload=True, build_type="dirty", strict=False, dev_addr=addr)
    finally:
        observer.stop()
    return 0
