from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from tocsin.web.charts import CHART_CSS, bar_chart, line_chart

NS = "{http://www.w3.org/2000/svg}"
HISTORY = [(2019, 0.034), (2020, 0.041), (2021, 0.062), (2022, 0.055), (2023, 0.048)]
DRIVERS = [("Coup attempt", 0.42), ("Population (log)", -0.31), ("Trade openness", 0.0)]


def parse(chart: Markup) -> ET.Element:
    return ET.fromstring(str(chart))


def label_parts(root: ET.Element) -> tuple[str, str]:
    """The texts of the title and description that aria-labelledby points at."""
    assert root.tag == f"{NS}svg" and root.get("role") == "img"
    title_id, desc_id = (root.get("aria-labelledby") or "").split()
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    assert by_id[title_id].tag == f"{NS}title" and by_id[desc_id].tag == f"{NS}desc"
    return by_id[title_id].text or "", by_id[desc_id].text or ""


def circles(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{NS}circle"))


def classes(e: ET.Element) -> set[str]:
    return set((e.get("class") or "").split())


# line_chart


def test_line_chart_is_an_accessible_picture_of_the_data() -> None:
    root = parse(line_chart(HISTORY, title="Sudan: risk by year", highlight=2021))
    title, desc = label_parts(root)
    assert title == "Sudan: risk by year"
    assert "2019 to 2023" in desc
    assert "Highest: 6.2% in 2021" in desc and "Lowest: 3.4% in 2019" in desc
    assert "Latest, 2023: 4.8%" in desc and "Highlighted: 2021, 6.2%" in desc


def test_line_chart_has_a_dot_per_year_with_its_value() -> None:
    root = parse(line_chart(HISTORY, title="t"))
    tips = [c.findtext(f"{NS}title") for c in circles(root)]
    assert tips == ["2019: 3.4%", "2020: 4.1%", "2021: 6.2%", "2022: 5.5%", "2023: 4.8%"]


def test_the_highlighted_year_stands_out() -> None:
    root = parse(line_chart(HISTORY, title="t", highlight=2021))
    (big,) = [c for c in circles(root) if "highlight" in classes(c)]
    assert big.findtext(f"{NS}title") == "2021: 6.2%"
    assert float(big.get("r") or 0) > max(
        float(c.get("r") or 0) for c in circles(root) if c is not big
    )
    assert "6.2%" in [t.text for t in root.iter(f"{NS}text") if "highlight" in classes(t)]
    plain = parse(line_chart(HISTORY, title="t", highlight=1990))
    assert not [c for c in circles(plain) if "highlight" in classes(c)]


def test_y_axis_starts_at_zero_with_three_to_five_round_ticks() -> None:
    for values in ([0.062], [0.034, 0.0], [0.5, 0.9], [12.0, 40.0], [0.0, 0.0]):
        points = list(enumerate(values, start=2000))
        root = parse(line_chart(points, title="t", y_format="{:g}"))
        grid = [float(g.get("y1") or 0) for g in root.iter(f"{NS}line") if "grid" in classes(g)]
        labels = [t.text or "" for t in root.iter(f"{NS}text") if t.get("text-anchor") == "end"]
        assert 3 <= len(grid) <= 5, (values, labels)
        assert float(labels[0]) == 0.0
        assert float(labels[-1]) >= max(values)
        assert grid == sorted(grid, reverse=True)  # upwards on screen


def test_x_axis_ticks_are_years() -> None:
    points = [(y, 0.01) for y in range(1990, 2024)]
    root = parse(line_chart(points, title="t"))
    years = [t.text for t in root.iter(f"{NS}text") if t.get("text-anchor") == "middle"]
    assert years == ["1990", "1995", "2000", "2005", "2010", "2015", "2020"]
    root = parse(line_chart(HISTORY, title="t"))
    assert [t.text for t in root.iter(f"{NS}text") if t.get("text-anchor") == "middle"] == [
        "2019",
        "2020",
        "2021",
        "2022",
        "2023",
    ]


def test_missing_years_break_the_line() -> None:
    points = [(2015, 0.01), (2016, 0.02), (2019, 0.03), (2020, math.nan), (2021, 0.02)]
    root = parse(line_chart(points, title="t"))
    (line,) = [p for p in root.iter(f"{NS}path") if "line" in classes(p)]
    assert (line.get("d") or "").count("M") == 3
    assert len(circles(root)) == 4


def test_line_chart_of_one_point_and_of_nothing() -> None:
    one = parse(line_chart([(2020, 0.034)], title="one", highlight=2020))
    assert label_parts(one)[0] == "one"
    (dot,) = circles(one)
    assert dot.findtext(f"{NS}title") == "2020: 3.4%"
    grid = next(g for g in one.iter(f"{NS}line") if "grid" in classes(g))
    middle = (float(grid.get("x1") or 0) + float(grid.get("x2") or 0)) / 2
    assert float(dot.get("cx") or 0) == pytest.approx(middle, abs=0.5)
    for empty in ([], [(2020, math.nan)]):
        root = parse(line_chart(empty, title="nothing"))
        assert label_parts(root) == ("nothing", "No data to show.")
        assert [t.text for t in root.iter(f"{NS}text")] == ["No data"]


def test_line_chart_escapes_its_title() -> None:
    hostile = '<script>alert(1)</script> & "x"'
    markup = str(line_chart(HISTORY, title=hostile))
    assert "<script" not in markup
    assert label_parts(ET.fromstring(markup))[0] == hostile
    assert "<script" not in str(line_chart([], title=hostile))


# bar_chart


def test_bar_chart_is_an_accessible_picture_of_the_data() -> None:
    root = parse(bar_chart(DRIVERS, title="What drives it"))
    title, desc = label_parts(root)
    assert title == "What drives it"
    assert "Raising the risk: Coup attempt (+0.42)" in desc
    assert "Lowering it: Population (log) (-0.31)" in desc


def test_bars_diverge_from_zero_with_sign_and_class() -> None:
    root = parse(bar_chart(DRIVERS, title="t"))
    (zero,) = [ln for ln in root.iter(f"{NS}line") if "baseline" in classes(ln)]
    zero_x = float(zero.get("x1") or 0)
    rows = [g for g in root.iter(f"{NS}g") if "row" in classes(g)]
    assert [classes(g) - {"row"} for g in rows] == [{"raises"}, {"lowers"}, {"zero"}]
    values = [t.text for g in rows for t in g.iter(f"{NS}text") if "value" in classes(t)]
    assert values == ["+0.42", "-0.31", "+0.00"]
    up, down = (g.find(f"{NS}rect") for g in rows[:2])
    assert up is not None and down is not None
    assert float(up.get("x") or 0) == pytest.approx(zero_x)
    assert float(down.get("x") or 0) + float(down.get("width") or 0) == pytest.approx(zero_x)
    assert float(up.get("width") or 0) > float(down.get("width") or 0)  # 0.42 > 0.31
    assert rows[0].findtext(f"{NS}title") == "Coup attempt: +0.42, raises risk"
    assert rows[1].findtext(f"{NS}title") == "Population (log): -0.31, lowers risk"
    directions = [t.text for t in root.iter(f"{NS}text") if "direction" in classes(t)]
    assert directions == ["← lowers risk", "raises risk →"]


def test_bar_chart_escapes_labels_and_title() -> None:
    hostile = "<img src=x onerror=alert(1)> and more words"
    markup = str(bar_chart([(hostile, 0.1), ("a & b", -0.1)], title=hostile))
    assert "<img" not in markup
    root = ET.fromstring(markup)
    assert label_parts(root)[0] == hostile
    labels = [t.text for t in root.iter(f"{NS}text") if "label" in classes(t)]
    assert labels == [hostile[:29].rstrip() + "…", "a & b"]  # cut; whole in <title>
    tips = [g.findtext(f"{NS}title") for g in root.iter(f"{NS}g") if "row" in classes(g)]
    assert tips[0] == f"{hostile}: +0.10, raises risk"


def test_bar_chart_of_one_item_and_of_nothing() -> None:
    root = parse(bar_chart([("Only", -0.2)], title="one"))
    (row,) = [g for g in root.iter(f"{NS}g") if "row" in classes(g)]
    assert "lowers" in classes(row)
    for empty in ([], [("x", math.inf)]):
        root = parse(bar_chart(empty, title="nothing"))
        assert label_parts(root) == ("nothing", "No data to show.")


def test_ids_are_stable_and_differ_between_charts() -> None:
    a, b = line_chart(HISTORY, title="a"), line_chart(HISTORY, title="b")
    assert a == line_chart(HISTORY, title="a")
    ids_a = {e.get("id") for e in parse(a).iter() if e.get("id")}
    ids_b = {e.get("id") for e in parse(b).iter() if e.get("id")}
    assert ids_a and not ids_a & ids_b


def test_css_styles_the_classes_the_charts_use() -> None:
    for cls in ["line", "point", "highlight", "bar.raises", "bar.lowers", "baseline", "grid"]:
        assert f".{cls}" in CHART_CSS
