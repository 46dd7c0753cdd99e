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
import signal
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

    def result(self) -> T:
        """The function's value; if the child failed, the function run again here."""
        with os.fdopen(self._fd, "rb") as stream:
            data = stream.read()
        _, status = os.waitpid(self._pid, 0)
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
