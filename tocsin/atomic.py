"""Writing files so that a crash or an error never leaves a half-written one behind.

Output goes to a temporary file in the same directory (same filesystem, so the final rename is
atomic) and replaces the destination only once complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tocsin.errors import TocsinError


def check_writable(path: Path) -> None:
    """Refuse an output path early, before minutes of work, if it cannot be written."""
    parent = path.parent if str(path.parent) else Path()
    if not parent.is_dir():
        raise TocsinError(f"{path}: folder {parent} does not exist")
    if path.is_dir():
        raise TocsinError(f"{path}: is a folder, expected a file name")


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write; it becomes `path` only if the block succeeds."""
    check_writable(path)
    parent = path.parent if str(path.parent) else Path()
    try:
        fd, name = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise TocsinError(f"{path}: cannot write here: {exc.strerror}") from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str) -> None:
    with atomic_output(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
