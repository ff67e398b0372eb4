"""The world risk map, drawn on the server as inline SVG.

Pages must work offline, without JavaScript, and stay light on slow connections, so the map is
plain SVG markup. Shapes come from the vendored world-atlas TopoJSON (Natural Earth 1:50m, see
static/vendor/VENDORED.md) and are projected, simplified and formatted once per process; a
request only picks a class, a link and a tooltip per country and joins strings.

Equal Earth is equal-area, so a country's share of the ink is its share of the land and large
northern states do not look riskier than they are. Arcs are simplified before rings are
assembled, so neighbours keep one shared border and no slivers open between them.

One `<svg>` holds the map and its legend (bottom left, over the South Pacific), so it reads
alone. It has `role="group"`: assistive technology reads it as one labelled figure, its title and
description, and the legend and the countries are `aria-hidden` because the description says the
same. The country links carry `tabindex="-1"` so keyboard users are not walked through ~170 tab
stops (and, hidden, they are not controls nested in a picture); the page's own table is the
accessible way to each country, the map's links serve the pointer. Element ids
are fixed (`world-map-…`): one map per page.
"""

from __future__ import annotations

import itertools
import json
import math
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from tocsin.domain.countries import BY_ISO3

ATLAS = Path(__file__).resolve().parent / "static/vendor/world-atlas/countries-50m.json"
WIDTH = 960.0
TOLERANCE = 0.4  # px: finer detail than a screen shows at full width
TINY_AREA = 6.0  # px², about 10,000 km²: smaller countries also get a round marker to click
MARKER_RADIUS = 2.5

# Shapes without an ISO numeric id. Kosovo is a country of its own in EWP's list; Somaliland and
# Northern Cyprus are counted in Somalia's and Cyprus's country-years, so they share their colour.
_BY_NAME = {"Kosovo": "XKX", "Somaliland": "SOM", "N. Cyprus": "CYP"}
_NOT_DRAWN = {"010"}  # Antarctica: no forecast, and a fifth of the height
_BY_NUMERIC = {c.numeric: c.iso3 for c in BY_ISO3.values() if c.numeric}

Point = tuple[float, float]
Ring = list[Point]


@dataclass(frozen=True)
class MapValue:
    risk: float  # a probability; NaN is drawn as "no forecast"
    rank: int | None
    label: str  # the country's display name
    href: str  # "" draws the country coloured but without a link


@dataclass(frozen=True)
class _Shape:
    iso3: str
    # The country's <path> and, when it is tiny, <circle>, each as the markup before and after
    # its risk class: that class is all a request changes.
    elements: tuple[tuple[Markup, Markup], ...]
    tiny: bool


@dataclass(frozen=True)
class _Atlas:
    height: float
    base: Markup  # the sphere, and land outside our country table: no links
    shapes: tuple[_Shape, ...]  # tiny ones last, so their markers are painted on top


# Equal Earth (Šavrič, Patterson & Jenny 2018), scaled so the equator spans the full width.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2
_K = WIDTH / 2 / (math.pi / (_M * _A1))


def _project(lon: float, lat: float) -> Point:
    t = math.asin(_M * math.sin(math.radians(lat)))
    t2 = t * t
    t6 = t2 * t2 * t2
    dx = _M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2))
    x = math.radians(lon) * math.cos(t) / dx
    return WIDTH / 2 + x * _K, -t * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2)) * _K


def _decode_arcs(topo: dict[str, Any]) -> list[Ring]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:  # quantized; each position is a delta from the one before
        xs, ys = itertools.accumulate(p[0] for p in arc), itertools.accumulate(p[1] for p in arc)
        arcs.append([(x * sx + tx, y * sy + ty) for x, y in zip(xs, ys, strict=True)])
    return arcs


def _simplify(arc: Ring) -> Ring:
    """Douglas-Peucker on projected positions, keeping lon/lat so the seam can still be cut.

    A step across the antimeridian is no line on the map, so both its ends are kept and each
    side is simplified alone.
    """
    xy = [_project(*p) for p in arc]
    keep, spans, start = {0, len(arc) - 1}, [], 0
    for i in range(1, len(arc)):
        if abs(arc[i][0] - arc[i - 1][0]) > 180:
            keep |= {i - 1, i}
            spans.append((start, i - 1))
            start = i
    spans.append((start, len(arc) - 1))
    while spans:
        a, b = spans.pop()
        (ax, ay), (bx, by) = xy[a], xy[b]
        dx, dy, worst, far = bx - ax, by - ay, TOLERANCE, -1
        norm = math.hypot(dx, dy)
        for i in range(a + 1, b):
            px, py = xy[i]
            dist = abs(dx * (ay - py) - dy * (ax - px)) / norm if norm else math.dist(xy[i], xy[a])
            if dist > worst:
                worst, far = dist, i
        if far >= 0:
            keep.add(far)
            spans += [(a, far), (far, b)]
    return [arc[i] for i in sorted(keep)]


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    points: Ring = []
    for i in indexes:  # a negative index ~i is arc i walked backwards
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _clip(ring: Ring, edge: float, keep_east: bool) -> Ring:
    """The part of a ring on one side of a meridian (Sutherland-Hodgman against one line)."""
    out: Ring = []
    for p, q in zip(ring, ring[1:] + ring[:1], strict=True):
        p_in, q_in = (p[0] >= edge, q[0] >= edge) if keep_east else (p[0] <= edge, q[0] <= edge)
        if p_in:
            out.append(p)
        if p_in != q_in:
            out.append((edge, p[1] + (edge - p[0]) / (q[0] - p[0]) * (q[1] - p[1])))
    return out


def _split_at_antimeridian(ring: Ring) -> list[Ring]:
    """A ring that steps across ±180° (Russia's Chukotka, Fiji), cut into one ring per side.

    Drawn as given, such a ring has edges from one side of the map to the other: the streaks
    across the Pacific this avoids. A ring that winds round a pole cannot be cut like this; only
    Antarctica's does, and it is not drawn.
    """
    shift, unwrapped = 0.0, ring[:1]
    for (x0, _), (x1, y1) in itertools.pairwise(ring):
        shift += -360.0 if x1 - x0 > 180 else 360.0 if x0 - x1 > 180 else 0.0
        unwrapped.append((x1 + shift, y1))
    if shift:
        return []
    lo, hi = min(x for x, _ in unwrapped), max(x for x, _ in unwrapped)
    if lo >= -180 and hi <= 180:
        return [unwrapped]
    pieces = []
    for w in range(math.floor((lo + 180) / 360), math.ceil((hi - 180) / 360) + 1):
        piece = _clip(_clip(unwrapped, 360 * w - 180, True), 360 * w + 180, False)
        if len(piece) >= 3:
            pieces.append([(x - 360 * w, y) for x, y in piece])
    return pieces


def _area_centroid(ring: Ring) -> tuple[float, float, float]:
    """Unsigned area and centroid of a projected ring (shoelace formula)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a, cx, cy = a + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    if abs(a) < 1e-12:
        return 0.0, ring[0][0], ring[0][1]
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def _num(tenths: int) -> str:
    whole, tenth = divmod(abs(tenths), 10)
    text = (str(whole) if whole else "") + (f".{tenth}" if tenth else "")
    return ("-" if tenths < 0 else "") + (text or "0")


def _path_data(rings: list[Ring], dy: float) -> str:
    """Path data in tenths of a pixel as relative steps: about half the bytes of absolute."""
    out = []
    for ring in rings:
        tenths = ((round(x * 10), round((y + dy) * 10)) for x, y in ring)
        pts = [p for p, _ in itertools.groupby(tenths)]
        while len(pts) > 1 and pts[-1] == pts[0]:
            pts.pop()
        if len(pts) < 3:
            continue
        steps = (_num(v) for p, q in itertools.pairwise(pts) for v in (q[0] - p[0], q[1] - p[1]))
        joined = "".join(n if n[0] == "-" else " " + n for n in steps).lstrip()
        out.append(f"M{_num(pts[0][0])} {_num(pts[0][1])}l{joined}z")
    return "".join(out)


@lru_cache(maxsize=1)
def _atlas() -> _Atlas:
    """Everything that does not depend on the values: read, project and format once (~1 s)."""
    topo = json.loads(ATLAS.read_text(encoding="utf-8"))
    raw = _decode_arcs(topo)
    arcs = [_simplify(arc) for arc in raw]
    rings: dict[str, list[Ring]] = {}  # by alpha-3; "" is land outside our country table
    outers: dict[str, list[tuple[float, float, float]]] = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id", "")
        if numeric in _NOT_DRAWN:
            continue
        owner = _BY_NUMERIC.get(numeric) or _BY_NAME.get(geometry["properties"]["name"], "")
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for n, indexes in enumerate(polygon):
                if n == 0:  # unsimplified outer rings give a country's size and marker place
                    for piece in _split_at_antimeridian(_ring(indexes, raw)):
                        area, cx, cy = _area_centroid([_project(*p) for p in piece])
                        outers.setdefault(owner, []).append((area + 1e-9, cx, cy))
                for piece in _split_at_antimeridian(_ring(indexes, arcs)):
                    projected = [_project(*p) for p in piece]
                    if _area_centroid(projected)[0] >= 0.05:  # smaller is invisible
                        rings.setdefault(owner, []).append(projected)
    ys = [y for owned in rings.values() for ring in owned for _, y in ring]
    top = min(ys) - 4
    shapes = []
    for iso3, parts in sorted(outers.items()):
        d, elements = _path_data(rings.get(iso3, []), -top), []
        if d:
            elements.append((_PATH_HEAD, _PATH_TAIL.format(iso3=iso3, d=d)))
        total = sum(a for a, _, _ in parts)
        if tiny := total < TINY_AREA:
            x = round(sum(a * x for a, x, _ in parts) / total, 1)
            y = round(sum(a * y for a, _, y in parts) / total - top, 1)
            elements.append((_DOT_HEAD, _DOT_TAIL.format(iso3=iso3, x=x, y=y, r=MARKER_RADIUS)))
        if iso3:
            shapes.append(_Shape(iso3, tuple(elements), tiny))
    shapes.sort(key=lambda s: s.tiny)
    rim = [_project(180, lat) for lat in range(90, -91, -5)]
    rim += [_project(-180, lat) for lat in range(-90, 91, 5)]
    base = _BASE.format(sphere=_path_data([rim], -top), land=_path_data(rings.get("", []), -top))
    return _Atlas(round(max(ys) + 4 - top, 1), base, tuple(shapes))


# A sequential yellow to dark red ramp whose lightness falls steadily, so the order reads the
# same with any colour vision and in greyscale. The classes of a map are spread along it.
_RAMP = ("#fef0c0", "#fdd08a", "#fcaa5e", "#f67e45", "#e04f39", "#b42a3c", "#6f1239")


def _ramp(t: float) -> str:
    pos = t * (len(_RAMP) - 1)
    i = min(int(pos), len(_RAMP) - 2)
    a, b = bytes.fromhex(_RAMP[i][1:]), bytes.fromhex(_RAMP[i + 1][1:])
    return "#" + "".join(f"{round(u + (v - u) * (pos - i)):02x}" for u, v in zip(a, b, strict=True))


def map_css(classes: int = 5) -> str:
    """Style rules for a map of `classes` risk bands (len(bins) + 1); MAP_CSS is for 5."""
    if not 2 <= classes <= len(_RAMP):
        raise ValueError(f"the palette has 2 to {len(_RAMP)} classes, not {classes}")
    fills = "".join(
        f".tocsin-map .risk-{k}{{fill:{_ramp(k / (classes - 1))}}}" for k in range(classes)
    )
    return (
        ".tocsin-map{max-width:100%;height:auto;font:11px system-ui,sans-serif}"
        ".tocsin-map .sphere{fill:#e8eef4}"
        ".tocsin-map .land{fill:#d0d0d0;stroke:#fff;stroke-width:.3}"
        ".tocsin-map .country{stroke:#7a7a7a;stroke-width:.3;stroke-linejoin:round}"
        ".tocsin-map circle.country{stroke:#333;stroke-width:.6}"
        f".tocsin-map .no-data{{fill:url(#world-map-nodata)}}{fills}"
        ".tocsin-map a:hover .country,.tocsin-map a:focus .country{stroke:#000;stroke-width:1.2}"
        ".tocsin-map .legend-bg{fill:#fff;fill-opacity:.85}"
        ".tocsin-map .legend .key{stroke:#7a7a7a;stroke-width:.5}"
    )


MAP_CSS = map_css()

_HEAD = Markup(
    '<svg xmlns="http://www.w3.org/2000/svg" class="tocsin-map" viewBox="0 0 960 {h}" role="group"'
    ' aria-labelledby="world-map-title world-map-desc"><title id="world-map-title">{title}</title>'
    '<desc id="world-map-desc">{desc}</desc><defs><pattern id="world-map-nodata" width="4"'
    ' height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4"'
    ' height="4" fill="#f2f2f2"/><path d="M0 0v4" stroke="#9a9a9a" stroke-width="1.2"/></pattern>'
    "</defs>{base}"
)
_BASE = Markup('<path class="sphere" d="{sphere}"/><path class="land" d="{land}"/>')
_PATH_HEAD, _PATH_TAIL = Markup('<path class="country '), Markup('" data-iso3="{iso3}" d="{d}"/>')
_DOT_HEAD = Markup('<circle class="country ')
_DOT_TAIL = Markup('" data-iso3="{iso3}" cx="{x}" cy="{y}" r="{r}"/>')
_OPEN_LINK, _OPEN_GROUP = Markup('<a tabindex="-1" href="'), Markup("<g>")
_OPEN_COUNTRIES = Markup('<g class="countries" aria-hidden="true">')
_OPEN_TITLE, _END_HREF = Markup("<title>"), Markup('">')
_CLOSE_TITLE, _CLOSE_LINK, _CLOSE_GROUP = Markup("</title>"), Markup("</a>"), Markup("</g>")
_LEGEND = Markup(
    '<g class="legend" aria-hidden="true" transform="translate(8 {top})"><rect class="legend-bg"'
    ' width="120" height="{box}" rx="3"/><text x="6" y="14" font-weight="bold">Forecast risk'
    "</text>{keys}</g>"
)
_KEY = Markup(
    '<rect class="key {cls}" x="6" y="{y}" width="14" height="10"/>'
    '<text x="26" y="{ty}">{text}</text>'
)


def _safe_href(href: str) -> str:
    """Only web links: a `javascript:` URL runs on click however well it is escaped."""
    if urlsplit(href).scheme.lower() not in {"", "http", "https"}:
        raise ValueError(f"refusing a link that is neither relative nor http(s): {href!r}")
    return href


def _bands(bins: Sequence[float]) -> list[str]:
    pc = [f"{b * 100:.4g}%" for b in bins]
    return [
        f"under {pc[0]}",
        *(f"{a} to {b}" for a, b in itertools.pairwise(pc)),
        f"{pc[-1]} or more",
    ]


def _describe(values: Mapping[str, MapValue], bands: list[str]) -> str:
    shown = sorted(
        (v for k, v in values.items() if k in BY_ISO3 and math.isfinite(v.risk)),
        key=lambda v: -v.risk,
    )
    text = f"{len(shown)} countries shaded by forecast risk in {len(bands)} bands: "
    text += ", ".join(bands) + "; hatched grey: no forecast."
    if shown:
        text += " Highest: " + ", ".join(f"{v.label} {v.risk:.1%}" for v in shown[:5]) + "."
    return text


def _legend(bands: list[str], height: float) -> Markup:
    rows = [*((f"risk-{k}", b) for k, b in enumerate(bands)), ("no-data", "no forecast")]
    box = 16 * (len(rows) + 1) + 4
    keys = Markup("").join(
        _KEY.format(cls=cls, y=16 * i + 4, ty=16 * i + 13, text=text)
        for i, (cls, text) in enumerate(rows, 1)
    )
    return _LEGEND.format(top=round(height - box - 8, 1), box=box, keys=keys)


def render_world_map(
    values: Mapping[str, MapValue],
    *,
    bins: Sequence[float] = (0.01, 0.02, 0.04, 0.08),
    title: str = "Forecast risk of a new mass killing, by country",
) -> Markup:
    """The map and its legend as one `<svg>` element, styled by MAP_CSS (or map_css(n)).

    `values` is keyed by ISO alpha-3; countries missing from it are hatched, without a link. A
    country is in band k (class `risk-k`, k = 0..len(bins)) when bins[k-1] <= risk < bins[k].
    Every label, title and link is escaped here; a link must be relative or http(s).
    """
    if not bins or any(a >= b for a, b in itertools.pairwise(bins)):
        raise ValueError(f"bins must be a non-empty increasing sequence, not {list(bins)}")
    if len(bins) >= len(_RAMP):
        raise ValueError(f"at most {len(_RAMP) - 1} bins, not {len(bins)}")
    atlas, bands = _atlas(), _bands(bins)
    desc = _describe(values, bands)
    # Markup pieces are trusted templates; every str piece is text, escaped by the join.
    out: list[str] = [_HEAD.format(h=atlas.height, title=title, desc=desc, base=atlas.base)]
    out.append(_OPEN_COUNTRIES)
    for shape in atlas.shapes:
        value = values.get(shape.iso3)
        name = value.label if value and value.label else BY_ISO3[shape.iso3].name
        if value is None or not math.isfinite(value.risk):
            cls, tip = "no-data", f"{name}: no forecast"
        else:
            cls = f"risk-{bisect_right(bins, value.risk)}"
            rank = f" (rank {value.rank})" if value.rank is not None else ""
            tip = f"{name}: {value.risk:.1%}{rank}"
        if value is not None and value.href:
            out += [_OPEN_LINK, _safe_href(value.href), _END_HREF, _OPEN_TITLE]
        else:
            out += [_OPEN_GROUP, _OPEN_TITLE]
        out += [tip, _CLOSE_TITLE]
        for head, tail in shape.elements:
            out += [head, cls, tail]
        out.append(_CLOSE_LINK if value is not None and value.href else _CLOSE_GROUP)
    out += [_CLOSE_GROUP, _legend(bands, atlas.height), Markup("</svg>")]
    return Markup("").join(out)
