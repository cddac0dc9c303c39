"""One writer at a time for the embedded engine's saved graph, across processes.

A load reads the saved graph, merges its records in and replaces the file. Two loads doing
that at once would each replace the file with its own merge, and one load's records would
be lost. Writers hold an exclusive ``flock`` on a lock file next to the graph for the whole
read-merge-write; readers need none, since the file is replaced atomically.

The lock file is never removed: removing it while another process waits on it would let a
third take a fresh lock beside theirs. ``flock`` locks end with the process, so a killed
load leaves nothing to clean.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from axisgraph.errors import StoreUnavailable

log = logging.getLogger(__name__)

_POLL = 0.1
_held: dict[Path, int] = {}  # lock file -> depth, for this process
_guard = threading.RLock()  # threads of one process share its flock: they queue here


class StoreBusy(StoreUnavailable):
    """Another writer held the saved graph for longer than the wait allowed."""


def _try(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextmanager
def exclusive(lock_file: Path, *, timeout: float, what: str) -> Iterator[None]:
    """Hold the lock on ``lock_file`` (re-entrant within a process).

    Args:
        lock_file: the lock file (created 0600 if missing).
        timeout: seconds to wait for another writer before giving up.
        what: what is locked, for the messages (``"the saved graph at …"``).

    Raises:
        StoreBusy: another writer kept the lock past ``timeout``.
    """
    with _guard:
        if _held.get(lock_file):
            _held[lock_file] += 1
            try:
                yield
            finally:
                _held[lock_file] -= 1
            return
        lock_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if not _try(fd):
                log.warning("waiting for another load to finish writing %s", what)
                deadline = time.monotonic() + timeout
                while not _try(fd):
                    if time.monotonic() > deadline:
                        raise StoreBusy(
                            f"another load kept {what} locked for over {timeout:g} s "
                            f"(lock file {lock_file}); try again when it is done, or set "
                            "AXISGRAPH_LOCK_TIMEOUT"
                        )
                    time.sleep(_POLL)
            _held[lock_file] = 1
            try:
                yield
            finally:
                del _held[lock_file]
        finally:
            os.close(fd)  # closing the only descriptor releases the flock
