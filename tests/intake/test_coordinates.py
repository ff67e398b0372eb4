from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tocsin.intake.coordinates import DEFAULT_DECIMALS, coarsen
from tocsin.intake.errors import IntakeInputError


def test_default_is_two_decimals() -> None:
    assert DEFAULT_DECIMALS == 2
    assert coarsen(48.857712, 2.295034) == (48.86, 2.3)
    assert coarsen(-33.868819, 151.209295) == (-33.87, 151.21)


@pytest.mark.parametrize(
    ("decimals", "expected"),
    [(0, (49.0, 2.0)), (1, (48.9, 2.3)), (3, (48.858, 2.295)), (6, (48.857712, 2.295034))],
)
def test_precision_is_configurable(decimals: int, expected: tuple[float, float]) -> None:
    assert coarsen(48.857712, 2.295034, decimals) == expected


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [(90.01, 0.0), (-90.5, 0.0), (0.0, 180.001), (0.0, -181.0), (1e300, 0.0)],
)
def test_out_of_range_is_refused(latitude: float, longitude: float) -> None:
    with pytest.raises(IntakeInputError, match="between"):
        coarsen(latitude, longitude)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_is_refused(bad: float) -> None:
    with pytest.raises(IntakeInputError, match="finite"):
        coarsen(bad, 0.0)
    with pytest.raises(IntakeInputError, match="finite"):
        coarsen(0.0, bad)


@pytest.mark.parametrize("bad", [True, "48.85", None, [48.85]])
def test_non_numbers_are_refused(bad: object) -> None:
    with pytest.raises(IntakeInputError, match="number"):
        coarsen(bad, 0.0)  # type: ignore[arg-type]


def test_edges_and_signs() -> None:
    assert coarsen(90, -180) == (90.0, -180.0)
    assert coarsen(-90.0, 180.0) == (-90.0, -180.0)  # the same meridian, one stored value
    assert coarsen(0.0, 179.996) == (0.0, -180.0)
    latitude, longitude = coarsen(-0.001, -0.004)
    assert math.copysign(1.0, latitude) == math.copysign(1.0, longitude) == 1.0  # no -0.0


@pytest.mark.parametrize("decimals", [-1, 7])
def test_bad_precision_is_a_programming_error(decimals: int) -> None:
    with pytest.raises(ValueError, match="decimals"):
        coarsen(1.0, 1.0, decimals)
    with pytest.raises(TypeError):
        coarsen(1.0, 1.0, 2.0)  # type: ignore[arg-type]


@given(
    st.floats(-90, 90),
    st.floats(-180, 180),
    st.integers(0, 6),
)
def test_rounded_position_is_near_and_valid(
    latitude: float, longitude: float, decimals: int
) -> None:
    lat, lon = coarsen(latitude, longitude, decimals)
    step = 10.0**-decimals
    assert -90 <= lat <= 90 and -180 <= lon < 180
    assert abs(lat - latitude) <= step / 2 + 1e-9
    assert min(abs(lon - longitude), 360 - abs(lon - longitude)) <= step / 2 + 1e-9
    assert round(lat, decimals) == lat and round(lon, decimals) == lon
    assert coarsen(lat, lon, decimals) == (lat, lon)
