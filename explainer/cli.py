"""Command line: `python build_site.py build|check|serve`."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
import time
from pathlib import Path

from .links import MANIFEST
from .pipeline import Project, run_build, run_check, run_links
from .progress import Reporter
from .site import Settings


def _report(result, engine: str = "mkdocs") -> int:
    if result.problems:
        result.problems.report(sys.stderr)
        return 1
    if result.mkdocs_warnings:
        for message in result.mkdocs_warnings:
            print(f"{engine}: {message}", file=sys.stderr)
        n = len(result.mkdocs_warnings)
        name = {"mkdocs": "MkDocs", "zensical": "Zensical"}.get(engine, engine)
        print(f"{n} problème{'s' if n > 1 else ''} signalé{'s' if n > 1 else ''} par {name} : le site n'a pas été modifié.", file=sys.stderr)
        return 1
    return 0


def _journal_report(result, built: bool = False) -> None:
    """Warnings (a status changed with no note…), and what a build wrote for the editor to commit."""
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    if result.journal is not None and result.journal.pending and not built:
        n = len(result.journal.pending)
        print(f"journal : {n} changement{'s' if n > 1 else ''} depuis la dernière publication (make review les montre en tête).")
    if built and (result.recorded or result.added):
        done = []
        if result.recorded:
            done.append(f"journal.json : {result.recorded} changement{'s' if result.recorded > 1 else ''} enregistré{'s' if result.recorded > 1 else ''}")
        if result.added:
            done.append(f"{MANIFEST} : {len(result.added)} adresse{'s' if len(result.added) > 1 else ''} ajoutée{'s' if len(result.added) > 1 else ''}")
        print(" ; ".join(done) + " — à committer avec facts.yml.")


class _Stopped(SystemExit):
    pass


@contextlib.contextmanager
def _stopped_cleanly():
    """SIGTERM (a CI job cancelled, `kill`) unwinds the build like Ctrl+C does, so that its
    `finally` blocks remove the half-built staging folder; `site/` is left as it was."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise _Stopped(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    except _Stopped:
        print("Build interrompu (SIGTERM) : site/ reste un site complet (l’ancien ou le nouveau) ; relancez le build.", file=sys.stderr)
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)


INTERRUPTED = "Interrompu (Ctrl+C) : rien n’est laissé à moitié (site/ reste un site complet, l’ancien ou le nouveau) ; relancez la commande."


def _tolerant_output() -> None:
    """Output that the terminal cannot encode (an ASCII-only locale) is written with escapes
    (\xe9) rather than ending, after the work is done, a command that succeeded."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def main(argv: list[str] | None = None) -> int:
    """The command line; Ctrl+C ends any command with one French line and code 130."""
    _tolerant_output()
    try:
        return _main(argv)
    except KeyboardInterrupt:
        with contextlib.suppress(Exception):
            print(INTERRUPTED, file=sys.stderr)
        return 130


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_site.py", description="Construit le site explicatif à partir de facts.yml et seeds/.")
    parser.add_argument("command", choices=["build", "check", "serve", "links", "review"], help="build : tout construire ; check : vérifier seulement ; serve : aperçu en direct ; links : liste des adresses publiées")
    parser.add_argument("--update", action="store_true", help="links : ajouter à links.txt les nouvelles adresses")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent, help="dossier du projet")
    parser.add_argument("--full-text", action="store_true", help="publier le texte intégral des articles (déploiement privé uniquement)")
    parser.add_argument("--engine", choices=["mkdocs", "zensical"], default=os.environ.get("EXPLAINER_ENGINE") or "mkdocs",
                        help="moteur qui construit site/ à partir de docs/ : mkdocs (par défaut) ou zensical")
    parser.add_argument("--quiet", action="store_true", help="n'afficher que les erreurs")
    parser.add_argument("--addr", default="127.0.0.1:8000", help="adresse de l'aperçu (serve)")
    args = parser.parse_args(argv)
    project = Project(root=args.root.resolve())
    settings = Settings(full_text=args.full_text or os.environ.get("EXPLAINER_FULL_TEXT") == "1", engine=args.engine)

    if args.command == "check":
        result = run_check(project)
        code = _report(result)
        _journal_report(result)
        if code == 0 and not args.quiet:
            sheet = result.loaded.sheet
            print(f"facts.yml : {len(sheet.facts)} faits, {len(result.loaded.articles)} articles, aucune erreur.")
        return code
    if args.command == "build":
        start = time.perf_counter()
        with _stopped_cleanly():
            result = run_build(project, settings, None if args.quiet else Reporter())
        code = _report(result, settings.engine)
        _journal_report(result, built=code == 0)
        if code == 0 and not args.quiet:
            stages = ", ".join(f"{k} {v:.2f} s" for k, v in result.timings.items())
            print(f"site/ construit en {time.perf_counter() - start:.2f} s ({stages}).")
        return code
    if args.command == "review":
        from .review import write

        target, problems = write(project)
        if target is None:
            problems.report(sys.stderr)
            return 1
        n = len(problems)
        print(f"{target.name} écrit : {n} problème{'s' if n > 1 else ''} signalé{'s' if n > 1 else ''}.")
        return 0
    if args.command == "links":
        result = run_links(project, settings, update=args.update)
        code = _report(result)
        if code == 0 and args.update and not args.quiet:
            n = len(result.added)
            print(f"{MANIFEST} : {n} adresse{'s' if n > 1 else ''} ajoutée{'s' if n > 1 else ''}.")
        return code
    from .serve import serve

    return serve(project, settings, args.addr)
