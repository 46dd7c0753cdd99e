"""The live preview, round 3 of the review (issue 27): one regeneration at a time ending on
the last save, under the build's lock; a broken mkdocs.yml keeps the last preview; a port
that is taken or is not one is one French line."""

from __future__ import annotations

import contextlib
import inspect
import socket
import subprocess
import sys
import threading
import pytest

from explainer import serve as serve_module
from explainer.pipeline import Result
from explainer.problems import Problems
from explainer.publish import build_lock
from explainer.site import Settings
from helpers import ROOT, site_prefix
from test_serve import fetch, free_port, wait_for


def _serve(root, addr: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "build_site.py"), "serve", "--root", str(root), "--addr", addr],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@contextlib.contextmanager
def _preview(root):
    """A running `serve` on a free port, its Actors page already served: yields the page's
    address and the lines the preview wrote, complete once the block ends."""
    port = free_port()
    proc = _serve(root, f"127.0.0.1:{port}")
    said: list[str] = []
    reader = threading.Thread(target=lambda: said.extend(iter(proc.stderr.readline, "")), daemon=True)
    reader.start()
    try:
        url = f"http://127.0.0.1:{port}{site_prefix(root / 'mkdocs.yml')}acteurs/"
        assert wait_for(lambda: "Elle décide de la fermeture" in fetch(url)), "the preview did not start"
        yield url, said
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        reader.join(10)


@pytest.mark.parametrize("addr, expected", [
    ("127.0.0.1:99999", "--addr « 127.0.0.1:99999 » : le port doit être un nombre de 1 à 65535, par exemple « 127.0.0.1:8000 »"),
    ("nonsense", "--addr « nonsense » : adresse attendue sous la forme HÔTE:PORT, par exemple « 127.0.0.1:8000 »"),
])
def test_an_address_that_is_not_one_is_one_french_line(fixture_project, addr, expected):
    proc = _serve(fixture_project.root, addr)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert err.splitlines() == [expected]


def test_a_port_already_taken_is_one_french_line(fixture_project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = _serve(fixture_project.root, f"127.0.0.1:{port}")
        _, err = proc.communicate(timeout=180)
    assert proc.returncode == 1, err
    lines = [line for line in err.splitlines() if not line.startswith(("INFO", "WARNING"))]
    assert lines == [f"--addr 127.0.0.1:{port} : le port {port} est déjà pris (un autre aperçu ?) : arrêtez l'autre "
                     f"programme ou lancez « build_site.py serve --addr 127.0.0.1:{port + 1} »"], err
    assert "Aperçu sur" not in err  # said only once the server is up


def test_a_broken_mkdocs_yml_keeps_the_last_preview(fixture_project):
    root = fixture_project.root
    with _preview(root) as (url, said):
        config = root / "mkdocs.yml"
        good = config.read_text(encoding="utf-8")
        config.write_text(good.replace("\ntheme:\n", "\nsite_author: [unclosed, list\ntheme:\n", 1), encoding="utf-8")
        facts = root / "facts.yml"
        facts.write_text(facts.read_text(encoding="utf-8").replace("Elle décide de la fermeture.", "Elle décide tout."), encoding="utf-8")
        # the generator says why, and the page stays served (MkDocs' own reload hung every request)
        assert wait_for(lambda: any(line.startswith("mkdocs.yml:") for line in said)), said
        assert "Elle décide" in fetch(url)
        config.write_text(good, encoding="utf-8")
        assert wait_for(lambda: "Elle décide tout" in fetch(url)), "the preview did not come back"
    err = "".join(said)
    assert "Traceback" not in err, err
    at = good.split("\n").index("theme:") + 2  # the line after the unclosed list, where YAML finds it unclosed
    assert any(line.startswith(f"mkdocs.yml:{at}:6: erreur de syntaxe YAML") for line in said), err


def _fake_generate(record: list, started: threading.Event, release: threading.Event, version: list):
    state = {"running": 0, "peak": 0}

    def run_generate(project, settings):
        state["running"] += 1
        state["peak"] = max(state["peak"], state["running"])
        record.append(version[0])
        started.set()
        release.wait(60)
        state["running"] -= 1
        return Result(problems=Problems())

    return run_generate, state


def test_one_regeneration_at_a_time_ending_on_the_last_save(fixture_project, monkeypatch):
    """Saves that arrive while a regeneration runs make it run once more, after, reading the
    last save: never two at once (they raced on temporary files and the older could win)."""
    record: list = []
    started, release = threading.Event(), threading.Event()
    version = [1]
    fake, state = _fake_generate(record, started, release, version)
    monkeypatch.setattr(serve_module, "run_generate", fake)
    handler = serve_module._Regenerate(fixture_project, Settings(), [])
    first = threading.Thread(target=handler.request)
    first.start()
    assert started.wait(60)
    for v in (2, 3):  # two saves while the first regeneration runs
        version[0] = v
        again = threading.Thread(target=handler.request)
        again.start()
        again.join(60)
        assert not again.is_alive()  # returned at once: the running one will do it
    release.set()
    first.join(60)
    assert state["peak"] == 1
    assert record == [1, 3]  # one more run, on the last save


#: The line of publish.build_lock where a caller waits for the lock.
_LOCK_LINE = next(start + n for start in [inspect.getsourcelines(build_lock.__wrapped__)[1]]
                  for n, line in enumerate(inspect.getsourcelines(build_lock.__wrapped__)[0])
                  if "fcntl.flock(fd, fcntl.LOCK_EX)" in line)


def _waits_for_the_lock(thread: threading.Thread) -> bool:
    """The thread is blocked in build_lock, asking for the lock."""
    frame = sys._current_frames().get(thread.ident)
    return frame is not None and frame.f_code is build_lock.__wrapped__.__code__ and frame.f_lineno == _LOCK_LINE


def test_the_preview_waits_for_a_build(fixture_project, monkeypatch):
    """A regeneration takes the build's lock: while a build holds it, docs/ is not touched."""
    record: list = []
    started, release = threading.Event(), threading.Event()
    release.set()
    fake, _ = _fake_generate(record, started, release, [1])
    monkeypatch.setattr(serve_module, "run_generate", fake)
    handler = serve_module._Regenerate(fixture_project, Settings(), [])
    with build_lock(fixture_project.root):
        worker = threading.Thread(target=handler.request)
        worker.start()
        # the regeneration comes to the lock and waits there, docs/ untouched
        assert wait_for(lambda: record or _waits_for_the_lock(worker), timeout=60), "the regeneration never ran"
        assert _waits_for_the_lock(worker) and worker.is_alive() and record == [], record
    assert started.wait(60)
    worker.join(60)
    assert record == [1]


def test_a_burst_of_saves_ends_on_the_last_one(fixture_project):
    """12 saves in a row, some while a regeneration runs: docs/ and the served page end on the
    last one, and no valid save is reported as an error."""
    import random
    import time

    root = fixture_project.root
    with _preview(root) as (url, said):
        facts = root / "facts.yml"
        good = facts.read_text(encoding="utf-8")
        shuffle = random.Random(27)
        for n in range(1, 13):
            facts.write_text(good.replace("Elle décide de la fermeture.", f"Elle décide MARQUE{n}."), encoding="utf-8")
            time.sleep(shuffle.uniform(0.02, 0.4))  # the editor's rhythm, not a wait for the program
        assert wait_for(lambda: "MARQUE12" in (root / "docs" / "acteurs.md").read_text(encoding="utf-8"))
        assert wait_for(lambda: "MARQUE12" in fetch(url)), "the served page stayed behind docs/"
    err = "".join(said)
    assert "impossible d'écrire" not in err and "Traceback" not in err, err
