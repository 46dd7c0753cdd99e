"""Work done beside the build, on a second core: a function run in a forked child while the
parent goes on; its (pickled) value read back when the parent needs it.

The pipeline runs the check this way while it plans and renders (`pipeline.run_generate`):
the check reads the loaded story and returns problems, nothing else, so a child can do it on
a copy of the parent's memory, and nothing the parent made is kept unless the check passed.

A child is used only where forking is safe and pays: Linux, two cores or more, and no other
thread in the process (the live preview's watchers: a lock another thread held at the fork
would stay held in the child). Elsewhere `start` returns None and the caller runs the work
itself. A child that fails in any way (an exception, a value that cannot be pickled, killed)
is not trusted: `Pending.result()` runs the function again in the parent, so an error is
raised, with its traceback, where it would have been without a child.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import sys
import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

#: Off: every `start` returns None (the tests compare both ways; `EXPLAINER_ONE_CORE=1` too).
ENABLED = True


def available() -> bool:
    """Whether `start` would fork: Linux, at least two cores, only this thread running."""
    return (ENABLED and os.environ.get("EXPLAINER_ONE_CORE") != "1" and sys.platform.startswith("linux")
            and (os.cpu_count() or 1) >= 2 and threading.active_count() == 1)


class Pending(Generic[T]):
    """A function running in a child; `result()` waits for its value (once)."""

    def __init__(self, fn: Callable[[], T], pid: int, read_fd: int):
        self._fn = fn
        self._pid = pid
        self._fd = read_fd
        self.seconds = 0.0  # the child's own time on the work (wall-clock), once `result()` returned
        self._status: int | None = None  # the child's exit status, once reaped

    def alive(self) -> bool:
        """Whether the child is still running (reaped, and its status kept, if it is not)."""
        if self._status is None:
            pid, status = os.waitpid(self._pid, os.WNOHANG)
            if pid:
                self._status = status
        return self._status is None

    def result(self) -> T:
        """The function's value; if the child failed, the function run again here."""
        with os.fdopen(self._fd, "rb") as stream:
            data = stream.read()
        status = self._status if self._status is not None else os.waitpid(self._pid, 0)[1]
        if status == 0 and data:
            try:
                ok, value, seconds = pickle.loads(data)
            except Exception:  # a value that cannot be read back: the work is done again here
                ok = False
            if ok:
                self.seconds = seconds
                return value
        start = time.perf_counter()
        value = self._fn()
        self.seconds = time.perf_counter() - start
        return value

    def cancel(self) -> None:
        """The parent gives up (an exception on its side): the child is stopped and reaped."""
        try:
            os.kill(self._pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(self._fd)
        if self._status is None:
            os.waitpid(self._pid, 0)


def start(fn: Callable[[], T]) -> Pending[T] | None:
    """`fn` started in a forked child; None when `available()` says no (run it yourself)."""
    if not available():
        return None
    for stream in (sys.stdout, sys.stderr):  # what the parent printed is not printed twice
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs the parent's exit handlers
        code = 1
        try:
            os.close(read_fd)
            begin = time.perf_counter()
            payload = pickle.dumps((True, fn(), time.perf_counter() - begin), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_fd, "wb") as out:
                out.write(payload)
            code = 0
        except BaseException:  # noqa: BLE001 - the parent does the work again and raises it there
            pass
        finally:
            os._exit(code)
    os.close(write_fd)
    return Pending(fn, pid, read_fd)


def each(fn: Callable[[int], T], n: int, progress: Callable[[int], None] | None = None) -> list[T]:
    """`[fn(i) for i in range(n)]`, shared with a forked child where `available()`: this
    process and the child each take the next index as they finish the last (`_Counter`), so
    a slow item (a page with pictures) does not hold the other's share back. A child that
    fails is not trusted: what it did not return is done here. `progress(done)` counts the
    items this process did, then all `n` once the child's are in."""
    counter = _Counter()
    parent = os.getpid()
    pending = start(lambda: {i: fn(i) for i in counter.taken(n, lambda: os.getppid() == parent)})
    if pending is None:
        counter.close()
        out = []
        for i in range(n):
            out.append(fn(i))
            if progress:
                progress(i + 1)
        return out
    mine: dict[int, T] = {}
    try:
        for i in counter.taken(n, pending.alive):
            mine[i] = fn(i)
            if progress:
                progress(len(mine))
    except BaseException:
        pending.cancel()
        counter.close()
        raise
    theirs = pending.result()  # a failed child's function runs again here: the counter is spent, {}
    counter.close()
    if progress and len(mine) < n:  # the child's items are in too
        progress(n)
    return [mine[i] if i in mine else theirs[i] if i in theirs else fn(i) for i in range(n)]


class _Counter:
    """The next index, shared across a fork: one 4-byte number in a pipe. Taking it empties
    the pipe until the taker writes back the next one, so two processes never take the same
    index. A process that died holding it (the other's `alive()` says so) ends the sharing:
    what remains is done by whoever is left."""

    def __init__(self) -> None:
        self._r, self._w = os.pipe()
        os.set_blocking(self._r, False)
        os.write(self._w, struct.pack("=I", 0))

    def taken(self, n: int, other_alive: Callable[[], bool]):
        """The indices below `n` this process takes, one at a time."""
        while True:
            value = self._take(other_alive)
            if value is None:
                return
            os.write(self._w, struct.pack("=I", min(value + 1, n)))
            if value >= n:
                return
            yield value

    def _take(self, other_alive: Callable[[], bool]) -> int | None:
        while True:
            select.select([self._r], [], [], 0.5)
            try:
                data = os.read(self._r, 4)
            except BlockingIOError:  # the other took it first, or holds it: wait
                if not other_alive():
                    return None
                continue
            return struct.unpack("=I", data)[0]

    def close(self) -> None:
        for fd in (self._r, self._w):
            try:
                os.close(fd)
            except OSError:
                pass
