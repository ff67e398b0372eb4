from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from tocsin.domain.countries import BY_ISO3
from tocsin.web.worldmap import MAP_CSS, MapValue, map_css, render_world_map

NS = "{http://www.w3.org/2000/svg}"
HISTORICAL = {"CSK", "DDR", "YMD", "XYA", "XSV"}
CURRENT = {c.iso3 for c in BY_ISO3.values() if c.numeric and c.iso3 not in HISTORICAL} | {"XKX"}
TINY = {"BHR", "SGP", "MDV", "MLT", "COM", "MUS"}


def value(iso3: str, risk: float, rank: int | None = 1) -> MapValue:
    return MapValue(risk=risk, rank=rank, label=BY_ISO3[iso3].name, href=f"/countries/{iso3}")


def parse(values: dict[str, MapValue], **kwargs: Any) -> ET.Element:
    return ET.fromstring(str(render_world_map(values, **kwargs)))


def shapes(root: ET.Element, iso3: str) -> list[ET.Element]:
    return [e for e in root.iter() if e.get("data-iso3") == iso3]


def classes(root: ET.Element, iso3: str) -> set[str]:
    return {c for e in shapes(root, iso3) for c in (e.get("class") or "").split()}


def link_of(root: ET.Element, iso3: str) -> ET.Element | None:
    for a in root.iter(f"{NS}a"):
        if any(e.get("data-iso3") == iso3 for e in a.iter()):
            return a
    return None


def group_title(root: ET.Element, iso3: str) -> str:
    for g in root.iter():
        if g.tag in {f"{NS}a", f"{NS}g"} and any(e.get("data-iso3") == iso3 for e in g):
            title = g.find(f"{NS}title")
            assert title is not None
            return title.text or ""
    raise AssertionError(f"{iso3} not drawn")


def subpaths(d: str) -> list[list[tuple[float, float]]]:
    """Absolute points of each subpath of the map's path data (M, relative l, z)."""
    rings: list[list[tuple[float, float]]] = []
    x = y = 0.0
    command, pending = "", []
    for token in re.findall(r"[MLlz]|-?(?:\d+\.?\d*|\.\d+)", d):
        if token in "MLlz":
            command = token
            if token == "M":
                rings.append([])
            continue
        pending.append(float(token))
        if len(pending) == 2:
            dx, dy = pending
            pending = []
            x, y = (x + dx, y + dy) if command == "l" else (dx, dy)
            rings[-1].append((x, y))
    return rings


def area(ring: list[tuple[float, float]]) -> float:
    pairs = zip(ring, ring[1:] + ring[:1], strict=True)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs)) / 2


@pytest.fixture(scope="module")
def all_values() -> dict[str, MapValue]:
    return {iso3: value(iso3, 0.001 * (i + 1), i + 1) for i, iso3 in enumerate(sorted(CURRENT))}


def test_the_map_is_an_accessible_picture() -> None:
    root = parse({"SDN": value("SDN", 0.062, 3)}, title="Risk in 2026")
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "group"
    # Its links serve the pointer; for assistive technology the description says it all.
    [countries] = [g for g in root.iter(f"{NS}g") if g.get("class") == "countries"]
    assert countries.get("aria-hidden") == "true"
    assert all(a.get("tabindex") == "-1" for a in countries.iter(f"{NS}a"))
    ids = (root.get("aria-labelledby") or "").split()
    found = {e.get("id"): e for e in root.iter() if e.get("id") in ids}
    assert [found[i].tag for i in ids] == [f"{NS}title", f"{NS}desc"]
    assert found[ids[0]].text == "Risk in 2026"
    assert "Sudan 6.2%" in (found[ids[1]].text or "")


def test_every_current_country_is_drawn_and_no_historical_one() -> None:
    drawn = {e.get("data-iso3") for e in parse({}).iter() if e.get("data-iso3")}
    assert drawn >= CURRENT
    assert not drawn & HISTORICAL
    assert "XKX" in drawn  # Kosovo has no ISO numeric code in the atlas, only its name


def test_bins_map_to_classes() -> None:
    risks = {"USA": 0.0, "BRA": 0.0099, "IND": 0.01, "CHN": 0.0199, "SDN": 0.02}
    risks |= {"MMR": 0.05, "SYR": 0.08, "SSD": 0.5}
    root = parse({iso3: value(iso3, r) for iso3, r in risks.items()})
    got = {iso3: classes(root, iso3) - {"country"} for iso3 in risks}
    assert got == {
        "USA": {"risk-0"},
        "BRA": {"risk-0"},
        "IND": {"risk-1"},
        "CHN": {"risk-1"},
        "SDN": {"risk-2"},
        "MMR": {"risk-3"},
        "SYR": {"risk-4"},
        "SSD": {"risk-4"},
    }


def test_custom_bins_and_bad_bins() -> None:
    root = parse({"SDN": value("SDN", 0.2), "USA": value("USA", 0.05)}, bins=(0.1,))
    assert "risk-1" in classes(root, "SDN")
    assert "risk-0" in classes(root, "USA")
    for bad in [(), (0.02, 0.01), (0.01, 0.01), tuple(i / 100 for i in range(1, 8))]:
        with pytest.raises(ValueError):
            render_world_map({}, bins=bad)


def test_countries_without_values_are_no_data_and_unlinked() -> None:
    root = parse({"SDN": value("SDN", 0.062, 3)})
    assert classes(root, "FRA") == {"country", "no-data"}
    assert link_of(root, "FRA") is None
    assert group_title(root, "FRA") == "France: no forecast"
    link = link_of(root, "SDN")
    assert link is not None and link.get("href") == "/countries/SDN"
    assert group_title(root, "SDN") == "Sudan: 6.2% (rank 3)"


def test_missing_rank_nan_risk_and_empty_href() -> None:
    values = {
        "SDN": MapValue(0.062, None, "Sudan", "/countries/SDN"),
        "TCD": MapValue(math.nan, 4, "Chad", "/countries/TCD"),
        "MLI": MapValue(0.03, 9, "Mali", ""),
    }
    root = parse(values)
    assert group_title(root, "SDN") == "Sudan: 6.2%"
    assert "no-data" in classes(root, "TCD")
    assert group_title(root, "TCD") == "Chad: no forecast"
    assert link_of(root, "MLI") is None
    assert "risk-2" in classes(root, "MLI")


def test_hostile_labels_links_and_titles_come_out_inert() -> None:
    label, href = "<script>alert(1)</script>", '/c/SDN"><script>alert(2)</script>'
    markup = str(
        render_world_map({"SDN": MapValue(0.06, 1, label, href)}, title="<img src=x onerror=y>")
    )
    assert "<script" not in markup and "<img" not in markup
    root = ET.fromstring(markup)
    assert group_title(root, "SDN") == f"{label}: 6.0% (rank 1)"
    link = link_of(root, "SDN")
    assert link is not None and link.get("href") == href
    title = root.find(f"{NS}title")
    assert title is not None and title.text == "<img src=x onerror=y>"


@pytest.mark.parametrize("href", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,"])
def test_links_that_would_run_code_are_refused(href: str) -> None:
    with pytest.raises(ValueError):
        render_world_map({"SDN": MapValue(0.06, 1, "Sudan", href)})


def test_tiny_countries_get_a_clickable_marker() -> None:
    root = parse({iso3: value(iso3, 0.05) for iso3 in TINY})
    for iso3 in TINY:
        circles = [e for e in shapes(root, iso3) if e.tag == f"{NS}circle"]
        assert len(circles) == 1, iso3
        assert "risk-3" in (circles[0].get("class") or "")
        assert link_of(root, iso3) is not None
    assert not [e for e in shapes(root, "BRA") if e.tag == f"{NS}circle"]


def test_legend_names_every_band_and_no_forecast() -> None:
    root = parse({})
    legend = next(g for g in root.iter(f"{NS}g") if g.get("class") == "legend")
    texts = [t.text for t in legend.iter(f"{NS}text")]
    assert texts[1:] == [
        "under 1%",
        "1% to 2%",
        "2% to 4%",
        "4% to 8%",
        "8% or more",
        "no forecast",
    ]
    keys = [r.get("class") for r in legend.iter(f"{NS}rect") if "key" in (r.get("class") or "")]
    assert keys == [f"key risk-{k}" for k in range(5)] + ["key no-data"]


def test_css_has_a_rule_for_every_class() -> None:
    for cls in ["risk-0", "risk-4", "no-data", "land", "sphere"]:
        assert f".{cls}" in MAP_CSS
    assert ".risk-5" not in MAP_CSS
    assert ".risk-2" in map_css(3) and ".risk-3" not in map_css(3)
    with pytest.raises(ValueError):
        map_css(1)


def test_the_whole_map_is_small(all_values: dict[str, MapValue]) -> None:
    assert len(str(render_world_map(all_values)).encode()) < 200_000


def test_no_edge_spans_half_the_map(all_values: dict[str, MapValue]) -> None:
    """An edge that long is a streak across the map from a ring crossing the antimeridian."""
    root = parse(all_values)
    paths = [p for p in root.iter(f"{NS}path") if p.get("class") != "sphere" and p.get("d")]
    assert len(paths) > 150
    for path in paths:
        for ring in subpaths(path.get("d") or ""):
            for (x0, _), (x1, _) in zip(ring, ring[1:] + ring[:1], strict=True):
                assert abs(x1 - x0) <= 480, (path.get("data-iso3"), x0, x1)


def test_countries_are_where_they_belong() -> None:
    root = parse({})
    height = float((root.get("viewBox") or "").split()[3])

    def centre(iso3: str) -> tuple[float, float]:
        """Centre of the bounding box of the country's largest ring (the mainland)."""
        (d,) = [e.get("d") or "" for e in shapes(root, iso3) if e.tag == f"{NS}path"]
        ring = max(subpaths(d), key=area)
        xs, ys = [x for x, _ in ring], [y for _, y in ring]
        return (min(xs) + max(xs)) / 2 / 960, (min(ys) + max(ys)) / 2 / height

    assert all(0 <= v <= 1 for iso3 in CURRENT - TINY for v in centre(iso3))
    usa, bra, fra, jpn, aus = (centre(c) for c in ["USA", "BRA", "FRA", "JPN", "AUS"])
    assert usa[0] < 0.3 and usa[1] < 0.45
    assert 0.25 < bra[0] < 0.45 and bra[1] > 0.5
    assert 0.45 < fra[0] < 0.55 and fra[1] < 0.35
    assert jpn[0] > 0.8 and aus[0] > 0.8 and aus[1] > 0.6


def test_rendering_is_deterministic(all_values: dict[str, MapValue]) -> None:
    assert render_world_map(all_values) == render_world_map(dict(all_values))
