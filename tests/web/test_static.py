"""Static assets: served by the app itself, kept in step with the Python that needs them."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from tocsin.web.charts import CHART_CSS
from tocsin.web.worldmap import MAP_CSS

STATIC = Path(__file__).resolve().parents[2] / "tocsin" / "web" / "static"


def test_stylesheet_carries_the_map_and_chart_rules() -> None:
    css = (STATIC / "css" / "tocsin.css").read_text(encoding="utf-8")
    assert MAP_CSS in css and CHART_CSS in css


def test_vendored_files_match_their_recorded_hashes() -> None:
    manifest = (STATIC / "vendor" / "VENDORED.md").read_text(encoding="utf-8")
    rows = re.findall(r"\| `[^`]+` \| `([^`]+)` \| `([0-9a-f]{64})` \|", manifest)
    assert len(rows) >= 6
    for path, digest in rows:
        data = (STATIC / "vendor" / path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, path
    for folder in (STATIC / "vendor").iterdir():
        if folder.is_dir():
            assert (folder / "LICENSE").exists(), f"{folder.name} has no licence file"


def test_no_asset_reaches_for_the_network() -> None:
    css = (STATIC / "css" / "tocsin.css").read_text(encoding="utf-8")
    assert "http://" not in css and "https://" not in css and "@import" not in css
