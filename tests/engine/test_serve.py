"""`build_site.py serve`: an edit of facts.yml reaches the served page; a broken edit keeps
the last good page and says why."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.request

from explainer.yamlsource import DEEP_MESSAGE, MAX_DEPTH
from helpers import ROOT, site_prefix


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        return urllib.request.urlopen(url, timeout=2).read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, timeout: float = 120.0) -> bool:  # a bound for a busy machine, not a wait
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_edit_reaches_the_preview(fixture_project):
    root = fixture_project.root
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build_site.py"), "serve", "--root", str(root), "--addr", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    said: list[str] = []  # what the preview writes, read as it comes
    reader = threading.Thread(target=lambda: said.extend(iter(proc.stderr.readline, "")), daemon=True)
    reader.start()
    unknown_key = "facts.yml:84:5: clé inconnue « soruces »"
    too_deep = f"facts.yml:1:{len('story: ') + MAX_DEPTH + 1}: {DEEP_MESSAGE}"
    try:
        url = f"http://127.0.0.1:{port}{site_prefix(root / 'mkdocs.yml')}acteurs/"
        assert wait_for(lambda: "Elle décide de la fermeture" in fetch(url)), "the preview did not start"
        facts = root / "facts.yml"
        good = facts.read_text(encoding="utf-8")
        facts.write_text(good.replace("Elle décide de la fermeture.", "Elle décide tout."), encoding="utf-8")
        assert wait_for(lambda: "Elle décide tout" in fetch(url))
        facts.write_text(good.replace("    status: contesté\n    sources:", "    status: contesté\n    soruces:"), encoding="utf-8")
        # the broken edit has been read (the preview says why), and the last good page stays
        # (waited for: on a loaded machine the server may still be busy with the previous
        # rebuild, and a fetch then times out)
        assert wait_for(lambda: any(unknown_key in line for line in said)), said
        assert wait_for(lambda: "Elle décide tout" in fetch(url))
        # deep nesting killed the watcher thread with a RecursionError (issue 18, D2)
        facts.write_text("story: " + "[" * 330 + "]" * 330 + "\na: &x 1\nb: *x\n", encoding="utf-8")
        assert wait_for(lambda: any(too_deep in line for line in said)), said
        facts.write_text(good.replace("Elle décide de la fermeture.", "Elle décide encore."), encoding="utf-8")
        assert wait_for(lambda: "Elle décide encore" in fetch(url)), "the preview stopped following edits"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        reader.join(10)
    err = "".join(said)
    assert "Aperçu sur http://127.0.0.1" in err
    assert "Traceback" not in err, err
    assert too_deep in err
    assert unknown_key in err
