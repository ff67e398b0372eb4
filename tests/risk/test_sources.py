from __future__ import annotations

import http.server
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from tests.conftest import shared_path
from tocsin.errors import TocsinError
from tocsin.risk.dataset import DatasetError
from tocsin.risk.sources import EWP_FILES, ewp_path, fetch_ewp, read_provenance
from tocsin.risk.spec import load_spec


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def ewp_folder() -> Path:
    return shared_path("ewp")


@pytest.fixture
def http_root(tmp_path: Path, ewp_folder: Path) -> Iterator[str]:
    """A real HTTP server laid out like EWP's repository (no internet needed)."""
    root = tmp_path / "www"
    for item in EWP_FILES:
        dest = root / item.remote_path
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(next(ewp_folder.glob(item.pattern)), dest)
    handler = partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_import_a_folder_of_ewp_files(tmp_path: Path, ewp_folder: Path) -> None:
    record = fetch_ewp(tmp_path, load_spec(), source=ewp_folder, base_url="unused")
    assert set(record) == {"predictors", "foos", "forecasts"}
    assert record["predictors"]["years"] == [1960, 2024]
    assert len(record["predictors"]["sha256"]) == 64
    assert ewp_path(tmp_path, "predictors").exists()
    assert read_provenance(tmp_path) == record
    assert not list((tmp_path / "ewp").glob(".incoming-*"))


def test_import_the_predictors_file_alone(tmp_path: Path, ewp_folder: Path) -> None:
    csv = next(ewp_folder.glob("prepared*predictors*.csv"))
    record = fetch_ewp(tmp_path, load_spec(), source=csv, base_url="unused")
    assert set(record) == {"predictors"}


def test_download_over_http(tmp_path: Path, http_root: str) -> None:
    roles: list[str] = []
    record = fetch_ewp(tmp_path, load_spec(), base_url=http_root, on_file=roles.append)
    assert roles == ["predictors", "foos", "forecasts"]
    assert record["foos"]["source"].startswith(http_root)


def test_download_errors_are_one_line(tmp_path: Path, http_root: str) -> None:
    with pytest.raises(TocsinError, match="HTTP 404"):
        fetch_ewp(tmp_path, load_spec(), base_url=http_root + "/nowhere")
    with pytest.raises(TocsinError, match="use --from PATH"):
        fetch_ewp(tmp_path, load_spec(), base_url="http://127.0.0.1:9")
    with pytest.raises(TocsinError, match="only http"):
        fetch_ewp(tmp_path, load_spec(), base_url="ftp://example.org")


def test_a_bad_file_changes_nothing(tmp_path: Path, ewp_folder: Path) -> None:
    fetch_ewp(tmp_path, load_spec(), source=ewp_folder, base_url="unused")
    before = ewp_path(tmp_path, "predictors").read_bytes()
    provenance = read_provenance(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("ewp_name,year\nX,1990\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="missing column"):
        fetch_ewp(tmp_path, load_spec(), source=bad, base_url="unused")
    assert ewp_path(tmp_path, "predictors").read_bytes() == before
    assert read_provenance(tmp_path) == provenance
    with pytest.raises(TocsinError, match="no file matching"):
        fetch_ewp(tmp_path, load_spec(), source=tmp_path / "ewp", base_url="unused")
    with pytest.raises(TocsinError, match="no such file or folder"):
        fetch_ewp(tmp_path, load_spec(), source=tmp_path / "nope", base_url="unused")
