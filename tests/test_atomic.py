from __future__ import annotations

from pathlib import Path

import pytest

from tocsin.atomic import atomic_output, write_text_atomic
from tocsin.errors import TocsinError


def test_success_replaces_and_failure_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    write_text_atomic(path, "first")
    with pytest.raises(RuntimeError), atomic_output(path) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("crash while writing")
    assert path.read_text(encoding="utf-8") == "first"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_refuses_missing_folders_and_folder_targets(tmp_path: Path) -> None:
    with pytest.raises(TocsinError, match="does not exist"), atomic_output(tmp_path / "a" / "b"):
        pass
    with pytest.raises(TocsinError, match="is a folder"), atomic_output(tmp_path):
        pass


def test_one_line_errors() -> None:
    assert str(TocsinError("a\nb   c")) == "a b c"
