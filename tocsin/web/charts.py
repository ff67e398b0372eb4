"""Two small charts for a country's page, drawn on the server as inline SVG.

Like the world map they need no JavaScript and no download, and they are pictures
(`role="img"`): the title names the chart and the description says in words what it shows, for
readers who cannot see it. The page renders the exact figures in its own table. Colours come
from CHART_CSS by class; what a colour means is also said another way (a sign, a direction, a
size), so the charts read in greyscale and with any colour vision.

Element ids derive from the chart's title and data, so the output is deterministic (cacheable)
and two different charts on one page do not share ids.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

from markupsafe import Markup

WIDTH = 480

CHART_CSS = (
    ".tocsin-chart{max-width:100%;height:auto;font:11px system-ui,sans-serif}"
    ".tocsin-chart text{fill:#333}"
    ".tocsin-chart .grid{stroke:#e2e2e2}"
    ".tocsin-chart .axis{stroke:#888}"
    ".tocsin-chart .line{stroke:#b42a3c;stroke-width:2;fill:none}"
    ".tocsin-chart .point{fill:#b42a3c;stroke:#fff;stroke-width:1}"
    ".tocsin-chart .point.highlight{fill:#6f1239;stroke:#000;stroke-width:1.5}"
    ".tocsin-chart .guide{stroke:#6f1239;stroke-dasharray:3 3}"
    ".tocsin-chart text.highlight{font-weight:bold}"
    ".tocsin-chart .bar.raises{fill:#d95f02}"
    ".tocsin-chart .bar.lowers{fill:#1f78b4}"
    ".tocsin-chart .baseline{stroke:#333}"
)

_OPEN = Markup(
    '<svg xmlns="http://www.w3.org/2000/svg" class="tocsin-chart {kind}" viewBox="0 0 {w} {h}"'
    ' role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{title}</title>'
    '<desc id="{id}-desc">{desc}</desc>'
)
_CLOSE = Markup("</svg>")
_TEXT = Markup('<text class="{cls}" x="{x}" y="{y}" text-anchor="{anchor}">{text}</text>')
_LINE = Markup('<line class="{cls}" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>')


def _r(v: float) -> float:
    return round(v, 1)


def _open(kind: str, height: float, title: str, desc: str, data: object) -> Markup:
    digest = hashlib.blake2s(repr((kind, title, data)).encode(), digest_size=4).hexdigest()
    return _OPEN.format(
        kind=kind, w=WIDTH, h=_r(height), id=f"chart-{digest}", title=title, desc=desc
    )


def _empty(kind: str, title: str) -> Markup:
    text = _TEXT.format(cls="empty", x=WIDTH / 2, y=28, anchor="middle", text="No data")
    return _open(kind, 44, title, "No data to show.", ()) + text + _CLOSE


def _nice_ticks(lo: float, hi: float) -> list[float]:
    """3 to 5 round values covering lo..hi, a step of 1, 2, 2.5 or 5 times a power of ten."""
    if hi - lo <= 0:
        hi = lo + (abs(lo) or 1.0)
    magnitude = 10 ** math.floor(math.log10((hi - lo) / 4))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if (hi - lo) / (m * magnitude) <= 4)
    first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
    return [k * step for k in range(first, max(last, first + 2) + 1)]


def _year_ticks(first: int, last: int) -> list[int]:
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 1000) if (last - first) / s <= 8)
    return [y for y in range(first, last + 1) if y % step == 0] or [first]


def line_chart(
    points: Sequence[tuple[int, float]],
    *,
    title: str,
    y_format: str = "{:.1%}",
    highlight: int | None = None,
) -> Markup:
    """A yearly series as a line with a dot per year; the y axis starts at zero.

    Missing years break the line rather than being bridged, and non-finite values count as
    missing. `highlight` (a year) gets a larger dot, a guide line and its value written out.
    """
    series = sorted((year, value) for year, value in points if math.isfinite(value))
    if not series:
        return _empty("line-chart", title)
    height, left, right, top, bottom = 200, 48, 16, 20, 28
    fmt = y_format.format
    years, values = [y for y, _ in series], [v for _, v in series]
    first, last = years[0], years[-1]
    ticks = _nice_ticks(min(0.0, *values), max(0.0, *values))
    plot_w, plot_h = WIDTH - left - right, height - top - bottom

    def x_of(year: int) -> float:
        return _r(
            left + (plot_w / 2 if first == last else (year - first) / (last - first) * plot_w)
        )

    def y_of(value: float) -> float:
        return _r(top + plot_h * (ticks[-1] - value) / (ticks[-1] - ticks[0]))

    low = min(series, key=lambda p: p[1])
    high = max(series, key=lambda p: p[1])
    desc = (
        f"{len(series)} {'year' if len(series) == 1 else 'years'}, {first} to {last}. "
        f"Lowest: {fmt(low[1])} in {low[0]}. Highest: {fmt(high[1])} in {high[0]}. "
        f"Latest, {last}: {fmt(values[-1])}."
    )
    by_year = dict(series)
    if highlight in by_year:
        desc += f" Highlighted: {highlight}, {fmt(by_year[highlight])}."
    parts = [_open("line-chart", height, title, desc, series)]
    for t in ticks:
        parts.append(_LINE.format(cls="grid", x1=left, y1=y_of(t), x2=WIDTH - right, y2=y_of(t)))
        parts.append(_TEXT.format(cls="tick", x=left - 6, y=y_of(t) + 4, anchor="end", text=fmt(t)))
    base = y_of(ticks[0])
    parts.append(_LINE.format(cls="axis", x1=left, y1=base, x2=WIDTH - right, y2=base))
    for year in _year_ticks(first, last):
        parts.append(_LINE.format(cls="axis", x1=x_of(year), y1=base, x2=x_of(year), y2=base + 4))
        parts.append(
            _TEXT.format(cls="tick", x=x_of(year), y=base + 16, anchor="middle", text=str(year))
        )
    path, previous = [], None
    for year, value in series:
        step = "L" if previous is not None and year - previous == 1 else "M"
        path.append(f"{step}{x_of(year)} {y_of(value)}")
        previous = year
    parts.append(Markup('<path class="line" fill="none" d="{d}"/>').format(d="".join(path)))
    if highlight in by_year:
        x, y = x_of(highlight), y_of(by_year[highlight])
        parts.append(_LINE.format(cls="guide", x1=x, y1=top, x2=x, y2=base))
        label = fmt(by_year[highlight])
        parts.append(_TEXT.format(cls="highlight", x=x, y=y - 9, anchor="middle", text=label))
    for year, value in series:
        cls, radius = ("point highlight", 5) if year == highlight else ("point", 3)
        parts.append(
            Markup(
                '<circle class="{cls}" cx="{x}" cy="{y}" r="{r}"><title>{tip}</title></circle>'
            ).format(cls=cls, x=x_of(year), y=y_of(value), r=radius, tip=f"{year}: {fmt(value)}")
        )
    parts.append(_CLOSE)
    return Markup("").join(parts)


def _short(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    value_format: str = "{:+.2f}",
) -> Markup:
    """Signed contributions as horizontal bars from a zero line, in the order given.

    Right of zero (class `raises`) pushes the risk up, left (class `lowers`) pulls it down. The
    direction is in the bar's side, the value's sign and the words on the axis, not in colour
    alone. `value_format` must show the sign (the default does). Non-finite values are left out.
    """
    rows = [(label, value) for label, value in items if math.isfinite(value)]
    if not rows:
        return _empty("bar-chart", title)
    row_h, top, label_w, value_w = 22, 22, 184, 60
    height = top + row_h * len(rows) + 8
    lo, hi = min(0.0, *(v for _, v in rows)), max(0.0, *(v for _, v in rows))
    if lo == hi:
        hi = 1.0
    bar_x, bar_w = label_w, WIDTH - label_w - value_w

    def x_of(value: float) -> float:
        return _r(bar_x + (value - lo) / (hi - lo) * bar_w)

    def kind(value: float) -> str:
        return "raises" if value > 0 else "lowers" if value < 0 else "zero"

    def words(value: float) -> str:
        return {"raises": "raises risk", "lowers": "lowers risk", "zero": "no effect"}[kind(value)]

    up = [f"{label} ({value_format.format(v)})" for label, v in rows if v > 0]
    down = [f"{label} ({value_format.format(v)})" for label, v in rows if v < 0]
    desc = f"{len(rows)} {'factor' if len(rows) == 1 else 'factors'}."
    desc += f" Raising the risk: {', '.join(up)}." if up else " None raises the risk."
    desc += f" Lowering it: {', '.join(down)}." if down else " None lowers it."
    parts = [_open("bar-chart", height, title, desc, rows)]
    zero = x_of(0.0)
    if lo < 0:
        parts.append(
            _TEXT.format(cls="direction", x=zero - 4, y=14, anchor="end", text="← lowers risk")
        )
    if hi > 0:
        parts.append(
            _TEXT.format(cls="direction", x=zero + 4, y=14, anchor="start", text="raises risk →")
        )
    for i, (label, value) in enumerate(rows):
        y, text = top + i * row_h, value_format.format(value)
        x0, x1 = sorted((zero, x_of(value)))
        parts.append(
            Markup(
                '<g class="row {k}"><title>{tip}</title>'
                '<text class="label" x="{lx}" y="{ty}" text-anchor="end">{label}</text>'
                '<rect class="bar {k}" x="{x}" y="{y}" width="{w}" height="{h}"/>'
                '<text class="value {k}" x="{vx}" y="{ty}" text-anchor="end">{text}</text></g>'
            ).format(
                k=kind(value),
                tip=f"{label}: {text}, {words(value)}",
                lx=label_w - 8,
                ty=y + 15,
                label=_short(label),
                x=x0,
                y=y + 4,
                w=_r(max(x1 - x0, 1.0)),
                h=row_h - 8,
                vx=WIDTH - 4,
                text=text,
            )
        )
    parts.append(_LINE.format(cls="baseline", x1=zero, y1=top, x2=zero, y2=height - 8))
    parts.append(_CLOSE)
    return Markup("").join(parts)
