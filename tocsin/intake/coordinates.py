"""Coordinates a reporter sends, coarsened before they are stored.

A precise position can be the reporter's home or hiding place. Two decimals of a degree (about
1.1 km of latitude) is enough to place an incident in a village or a district of a town and is
the default; a deployment may choose more or fewer. Rounding is done once, at intake, so no
precise value is ever written anywhere.
"""

from __future__ import annotations

import math

from tocsin.intake.errors import IntakeInputError

DEFAULT_DECIMALS = 2
# Six decimals is about 11 cm: finer than any phone's GPS, so asking for more is a mistake.
MAX_DECIMALS = 6


def coarsen(
    latitude: float, longitude: float, decimals: int = DEFAULT_DECIMALS
) -> tuple[float, float]:
    """Validate a position and round it to `decimals` decimal places of a degree.

    Longitude 180 is folded to -180 (the same meridian), so one place has one stored value.
    """
    if isinstance(decimals, bool) or not isinstance(decimals, int):
        raise TypeError("decimals must be an int")
    if not 0 <= decimals <= MAX_DECIMALS:
        raise ValueError(f"decimals must be between 0 and {MAX_DECIMALS}")
    lat = _finite(latitude, "latitude")
    lon = _finite(longitude, "longitude")
    if not -90.0 <= lat <= 90.0:
        raise IntakeInputError("latitude must be between -90 and 90")
    if not -180.0 <= lon <= 180.0:
        raise IntakeInputError("longitude must be between -180 and 180")
    lat, lon = round(lat, decimals), round(lon, decimals)
    if lon == 180.0:
        lon = -180.0
    # round() can return -0.0, which compares equal to 0.0 but prints and hashes as a sign.
    return lat + 0.0, lon + 0.0


def _finite(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise IntakeInputError(f"{name} must be a number")
    number = float(value)
    if not math.isfinite(number):
        raise IntakeInputError(f"{name} must be a finite number")
    return number
