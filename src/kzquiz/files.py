"""Reading and writing the files kzquiz is given and makes, safely.

Reading takes only regular files, never blocks (a FIFO, ``/dev/urandom`` or ``/dev/zero`` is refused at once,
before a byte is read) and stops at a size limit, so a hostile or mistaken path cannot hang kzquiz or fill the
memory. Writing goes through a temporary file renamed into place: a reader never sees half a file, a failure
leaves no temporary file behind, and the file gets the mode a plain ``open()`` would give it (the umask decides),
or keeps its mode when it is replaced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

from kzquiz.errors import KzquizError

MAX_DECK_MB = 64
"""Deck files and files to import larger than this many megabytes are refused (``KZQUIZ_MAX_DECK_MB`` changes it).

A deck of 100,000 facts takes about 16 MB, so the limit only stops files that are not decks at all.
"""

LIMIT_VARIABLE = "KZQUIZ_MAX_DECK_MB"


class UnreadableFileError(KzquizError, OSError):
    """A file that cannot be read as text input: not a regular file, too large, or an error from the system.

    ``reason`` is one short phrase ("a named pipe (FIFO), not a file"); callers put the path in front.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def size_limit() -> int:
    """The largest deck or import file, in bytes: ``KZQUIZ_MAX_DECK_MB`` megabytes, or :data:`MAX_DECK_MB`."""
    text = os.environ.get(LIMIT_VARIABLE, "").strip()
    if not text:
        return MAX_DECK_MB * 1_000_000
    try:
        megabytes = float(text)
    except ValueError:
        megabytes = -1.0
    if not 0 < megabytes < 1e9:
        raise KzquizError(f"{LIMIT_VARIABLE} must be a number of megabytes greater than 0, not {text!r}")
    return int(megabytes * 1_000_000)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    return "not a regular file"


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB" if size < 10_000_000 else f"{size // 1_000_000:,} MB"


def read_limited(path: str | Path, max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file at ``path``, at most ``max_bytes`` of them (default: :func:`size_limit`).

    Raises :class:`UnreadableFileError` for anything else: a folder, a FIFO, a device, a socket, a file over the
    limit, or a system error (missing, no permission), with the reason in words.
    """
    limit = size_limit() if max_bytes is None else max_bytes
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise UnreadableFileError(error.strerror or str(error)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFileError(_kind(info.st_mode))
        too_big = UnreadableFileError(
            f"the file is larger than the limit of {_megabytes(limit)}"
            f" (set {LIMIT_VARIABLE} to a larger number of megabytes to read it)"
        )
        if info.st_size > limit:
            raise too_big
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # the file grew while it was read
                raise too_big
        return b"".join(chunks)
    except OSError as error:
        if isinstance(error, UnreadableFileError):
            raise
        raise UnreadableFileError(error.strerror or str(error)) from None
    finally:
        os.close(fd)


def _create_temporary(folder: Path, name: str) -> tuple[int, Path]:
    """A new, empty file beside the target, created as ``open()`` creates one: mode 0666 less the umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temporary = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(17, "cannot find a free temporary file name", str(folder))


def _write_through(path: Path, raw: bytes, mode: int) -> None:
    """Write ``raw`` into the character device or pipe at ``path`` (``/dev/null``, ``/dev/stdout``, a named pipe a
    program reads), as a shell's ``>`` does: it cannot be replaced by a file, and replacing ``/dev/null`` would
    break every program that uses it. A folder, a block device (a disk) or a socket is refused."""
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        kind = "a disk (block device)" if stat.S_ISBLK(mode) else _kind(mode).removesuffix(", not a file")
        raise OSError(errno.EISDIR if stat.S_ISDIR(mode) else errno.EINVAL, f"{kind}, not a file", str(path))
    try:  # without blocking: a named pipe that nothing reads is an error, not a hang
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "a named pipe (FIFO) that no program is reading", str(path)) from None
        raise
    try:
        os.set_blocking(fd, True)
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all, through a temporary file in the same folder.

    A new file gets the mode ``open()`` would give it (0666 less the umask); a replaced file keeps its mode, and a
    symbolic link keeps pointing at the file, which is the one replaced. A character device or a pipe is written
    straight to (:func:`_write_through`). The
    temporary file is removed whatever goes wrong, even on Ctrl-C. Errors are the system's :class:`OSError`.
    """
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        found: int | None = path.stat().st_mode
    except FileNotFoundError:
        found = None
    if found is not None and not stat.S_ISREG(found):
        _write_through(path, raw, found)
        return
    if path.is_symlink():  # write where the link points, as open() would, instead of replacing the link
        path = path.resolve()
    mode = None if found is None else stat.S_IMODE(found)
    fd, temporary = _create_temporary(path.parent, path.name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(raw)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            temporary.chmod(mode)
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
