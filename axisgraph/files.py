"""Files the CLI writes appear complete or not at all.

Each output goes to a temp file in the same folder (so the rename never crosses file
systems), is fsynced, then renamed over the final name. Any ``OSError`` on the way (disk
full, no permission, a folder where the file should be) removes the temp file and becomes
one ``OutputError`` naming the path; whatever was under the final name stays as it was.

A ``kill -9`` cannot run clean-up code, so temp names carry the writer's pid: the next
write to the same name removes temp files whose writer is gone, and logs what it removed.
"""

from __future__ import annotations

import glob
import logging
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

from axisgraph.errors import OutputError

log = logging.getLogger("axisgraph.files")

TEMP_SUFFIX = ".axisgraph-tmp"


def temp_name(path: Path, pid: int | None = None) -> Path:
    """The temp file for ``path`` written by process ``pid`` (this one by default)."""
    pid = os.getpid() if pid is None else pid
    return path.with_name(f".{path.name}.{pid}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def remove_stale(path: Path) -> list[Path]:
    """Remove temp files for ``path`` left by writers that no longer run; return them."""
    removed: list[Path] = []
    prefix = f".{path.name}."
    try:
        candidates = list(path.parent.glob(f"{glob.escape(prefix)}*{TEMP_SUFFIX}"))
    except OSError:
        return removed
    for candidate in candidates:
        middle = candidate.name[len(prefix) : -len(TEMP_SUFFIX)]
        pid_text, _, token = middle.partition(".")
        if not pid_text.isdigit() or len(token) != 8 or _alive(int(pid_text)):
            continue
        try:
            candidate.unlink()
        except OSError:
            continue
        removed.append(candidate)
        log.warning("removed %s, a temp file left by an interrupted run", candidate)
    return removed


def _fail(path: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    return OutputError(f"{path}: cannot write the file ({reason}); nothing was changed")


@contextmanager
def _staged(path: Path, mode: int | None) -> Iterator[int]:
    """Yield the descriptor of a fresh temp file; on a clean exit, rename it to ``path``."""
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        raise OutputError(
            f"{path}: cannot write the file (a file is where its folder should be)"
        ) from exc
    except OSError as exc:
        raise _fail(path, exc) from exc
    remove_stale(path)
    tmp = temp_name(path)
    try:
        # the umask shapes an ordinary file's mode, as open() would; reading the umask
        # means setting it, which would race with other threads creating files
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else mode)
    except OSError as exc:
        raise _fail(path, exc) from exc
    try:
        yield fd  # the caller's file object owns and closes the descriptor
        if mode is not None:
            os.chmod(tmp, mode)  # exactly, whatever the umask
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _fail(path, exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    # the rename itself is durable only once the folder is synced; not every OS allows it
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_text(path: Path, *, mode: int | None = None) -> Iterator[TextIO]:
    """Open ``path`` for writing UTF-8 text so that it appears complete or not at all.

    Args:
        path: the final file.
        mode: its permission bits (default: ``0o666`` less the umask, as ``open`` gives).

    Raises:
        OutputError: the file cannot be written; nothing under ``path`` changed.
    """
    with _staged(Path(path), mode) as fd, open(fd, "w", encoding="utf-8", newline="") as handle:
        yield handle
        handle.flush()
        os.fsync(fd)


@contextmanager
def atomic_bytes(path: Path, *, mode: int | None = None) -> Iterator[BinaryIO]:
    """As ``atomic_text``, for bytes."""
    with _staged(Path(path), mode) as fd, open(fd, "wb") as handle:
        yield handle
        handle.flush()
        os.fsync(fd)


def write_text(path: Path, text: str, *, mode: int | None = None) -> None:
    """Write ``text`` to ``path`` atomically."""
    with atomic_text(path, mode=mode) as handle:
        handle.write(text)


def write_bytes(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_bytes(path, mode=mode) as handle:
        handle.write(data)
