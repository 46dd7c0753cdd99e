"""The check beside the build (`explainer/beside.py`): with the check in a forked child while
the parent plans and renders, a build makes what the stages one after the other make — the
same problems, the same pages and files, nothing written when the check refuses — and a
child that fails is not trusted."""

from __future__ import annotations

import os
import select
import signal
import threading

import pytest

from explainer import beside
from explainer.pipeline import run_build, run_generate
from helpers import edit, make_project, tree_digest


@pytest.fixture(autouse=True)
def _cores_allowed(monkeypatch):
    """These tests are about the child: `EXPLAINER_ONE_CORE=1` in a developer's shell does not
    turn them off."""
    monkeypatch.delenv("EXPLAINER_ONE_CORE", raising=False)


def _both_ways(tmp_path, monkeypatch, change=None, run=run_generate):
    """The fixture story, `change`d, built with the check beside and then in line (each in its
    own copy): the two results and the two projects."""
    out = []
    for way in ("beside", "in-line"):
        project = make_project(tmp_path / way)
        if change:
            change(project.root)
        monkeypatch.setattr(beside, "ENABLED", way == "beside")
        out.append((run(project), project))
    return out


def test_a_good_story_builds_the_same_both_ways(tmp_path, monkeypatch):
    (fork, a), (line, b) = _both_ways(tmp_path, monkeypatch, run=run_build)
    assert fork.ok and line.ok, (fork.problems.items, line.problems.items)
    assert "check" in fork.beside and fork.beside["check"] > 0  # the check did run in a child
    assert line.beside == {}
    assert tree_digest(a.path("docs")) == tree_digest(b.path("docs"))
    assert a.path("generated").read_bytes() == b.path("generated").read_bytes()
    assert sorted(fork.pages) == sorted(line.pages) and fork.pages == line.pages
    assert fork.changed == line.changed and fork.warnings == line.warnings


def _sheet(old: str, new: str):
    return lambda root: edit(root / "facts.yml", old, new)


# stories the check refuses (the last one also breaks the plan: a fact under an unknown theme
# has no page), and one refused after the check (a link in docs/)
REFUSED = [
    ("quote-not-in-article", _sheet("quote: La mairie avait d'abord parlé du 1er mars.",
                                    "quote: La mairie avait parlé du 1er mars.")),
    ("unknown-theme-breaks-the-plan", _sheet("themes: [echeances]\n    status: rapporté\n    updated",
                                             "themes: [nulle-part]\n    status: rapporté\n    updated")),
    ("two-problems", lambda root: (_sheet("quote: La mairie avait d'abord parlé du 1er mars.", "quote: Rien de tel.")(root),
                                   _sheet("quote: Nous demandons un délai", "quote: Nous demandons un répit")(root))),
    ("link-in-docs-after-the-check", lambda root: (root / "docs").mkdir(exist_ok=True) or (root / "docs" / "x.md").symlink_to("/etc/hostname")),
]


@pytest.mark.parametrize("change", [c for _, c in REFUSED], ids=[n for n, _ in REFUSED])
def test_a_refused_story_is_refused_the_same_both_ways(tmp_path, monkeypatch, change):
    (fork, a), (line, b) = _both_ways(tmp_path, monkeypatch, change)
    assert line.problems, "the row must be a story the build refuses"
    assert [str(p) for p in fork.problems.items] == [str(p) for p in line.problems.items]
    assert fork.pages == line.pages == {} and fork.changed == line.changed == []
    assert sorted(p.name for p in a.path("docs").glob("**/*.md")) == sorted(p.name for p in b.path("docs").glob("**/*.md"))


def test_the_check_runs_beside_only_where_it_is_safe(monkeypatch):
    assert beside.available()  # Linux, two cores, one thread: the machines the team and CI use
    monkeypatch.setenv("EXPLAINER_ONE_CORE", "1")
    assert not beside.available() and beside.start(lambda: 1) is None
    monkeypatch.delenv("EXPLAINER_ONE_CORE")
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait)  # the live preview's watchers: no fork then
    watcher.start()
    try:
        assert not beside.available() and beside.start(lambda: 1) is None
    finally:
        stop.set()
        watcher.join()
    assert beside.available()


def _raises():
    raise ValueError("dans l'enfant comme ici")


def test_a_child_that_fails_is_not_trusted():
    here = []

    def counted():
        here.append(1)
        return {"problèmes": [1, 2]}

    pending = beside.start(counted)
    assert pending is not None and pending.result() == {"problèmes": [1, 2]}
    assert here == [] and pending.seconds > 0  # done in the child, not here
    pending = beside.start(_raises)
    assert pending is not None
    with pytest.raises(ValueError, match="dans l'enfant comme ici"):  # raised again here, with its traceback
        pending.result()
    unpicklable = beside.start(lambda: (lambda: 42))  # a value that cannot travel back: computed here
    assert unpicklable is not None and unpicklable.result()() == 42


def test_a_cancelled_child_is_stopped_and_reaped():
    pending = beside.start(lambda: threading.Event().wait(60))
    assert pending is not None
    pending.cancel()
    with pytest.raises(ChildProcessError):  # already reaped: no zombie left
        os.waitpid(pending._pid, 0)


class _ChildTakesOne:
    """`fn`, with each process's first item waiting until the other has taken one: both surely
    do some of the work (a fast process would otherwise take everything). Each says so, then
    waits (30 s at most: a test that fails, never one that hangs)."""

    def __init__(self, fn):
        self.fn, self.here, self.waited = fn, os.getpid(), False
        self.to_child = os.pipe()
        self.to_parent = os.pipe()

    def __call__(self, i: int):
        if not self.waited:
            self.waited = True
            mine, theirs = (self.to_child, self.to_parent) if os.getpid() == self.here else (self.to_parent, self.to_child)
            os.write(mine[1], b"x")
            if select.select([theirs[0]], [], [], 30)[0]:
                os.read(theirs[0], 1)
        return self.fn(i)

    def close(self) -> None:
        for fd in (*self.to_child, *self.to_parent):
            os.close(fd)


def _each(fn, n):
    shared = _ChildTakesOne(fn)
    try:
        return beside.each(shared, n)
    finally:
        shared.close()


def test_each_shares_the_items_and_keeps_their_order():
    here = os.getpid()
    out = _each(lambda i: (i * i, os.getpid()), 60)
    assert [v for v, _ in out] == [i * i for i in range(60)]
    pids = {pid for _, pid in out}
    assert here in pids and len(pids) == 2  # both processes took some


def test_each_does_here_what_a_failed_child_did_not_return():
    here = os.getpid()

    def fragile(i: int) -> int:
        if os.getpid() != here:
            raise RuntimeError("seulement dans l'enfant")
        return i + 1

    assert _each(fragile, 40) == [i + 1 for i in range(40)]

    def killed(i: int) -> int:
        if os.getpid() != here:
            os.kill(os.getpid(), signal.SIGKILL)  # the child dies mid-way
        return -i

    assert _each(killed, 30) == [-i for i in range(30)]
    with pytest.raises(ZeroDivisionError):  # an error of the work itself is raised here
        _each(lambda i: 1 // (i - 17), 30)


def test_a_counter_held_by_a_dead_process_ends_the_sharing():
    counter = beside._Counter()
    try:
        os.read(counter._r, 4)  # taken, never given back: its holder died
        assert list(counter.taken(10, lambda: False)) == []
    finally:
        counter.close()
    counter = beside._Counter()
    try:
        assert list(counter.taken(3, lambda: True)) == [0, 1, 2]
        assert list(counter.taken(3, lambda: True)) == []  # spent: the other process sees the end too
    finally:
        counter.close()


def test_each_counts_every_item_at_the_end():
    seen: list[int] = []
    beside.each(lambda i: i, 40, seen.append)  # this process's count, then all 40 with the child's
    assert seen[-1] == 40 and seen == sorted(seen)
