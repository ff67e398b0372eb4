from __future__ import annotations

from tocsin.intake.triage.country_names import (
    capital_cities,
    country_codes,
    country_entries,
    derived_demonyms,
    iso3_of,
)
from tocsin.intake.triage.folding import fold
from tocsin.intake.triage.gazetteer import PlaceKind


def test_country_names_in_several_languages_and_aliases() -> None:
    codes = country_codes()
    assert codes[fold("Burkina Faso")] == "BFA"
    assert codes[fold("بوركينا فاسو")] == "BFA"
    assert codes[fold("Côte d\u2019Ivoire")] == "CIV" == codes[fold("Ivory Coast")]
    assert codes[fold("Burma")] == "MMR" == codes[fold("Myanmar")]
    assert codes[fold("Democratic Republic of Congo")] == "COD"
    assert codes[fold("Soudan du Sud")] == "SSD"


def test_congo_alone_names_either_congo() -> None:
    named = {
        place.iso3
        for place, names in country_entries()
        if place.kind is PlaceKind.COUNTRY and "Congo" in names
    }
    assert named == {"COD", "COG"}


def test_every_country_name_acled_uses_is_known() -> None:
    """ACLED exports of other regions name countries its own way; iso3 is filled from them."""
    acled = [
        "Democratic Republic of Congo",
        "Republic of Congo",
        "Ivory Coast",
        "eSwatini",
        "Palestine",
        "Kosovo",
        "Myanmar",
        "Syria",
        "Iran",
        "Russia",
        "South Korea",
        "Laos",
        "Vietnam",
        "North Macedonia",
        "Turkey",
        "Czech Republic",
        "East Timor",
        "Cape Verde",
        "Bailiwick of Jersey",
        "Bailiwick of Guernsey",
        "US Virgin Islands",
        "Micronesia",
        "Caribbean Netherlands",
        "Sao Tome and Principe",
        "Saint-Barthelemy",
        "Taiwan",
    ]
    codes = country_codes()
    assert [name for name in acled if fold(name) not in codes] == []


def test_words_for_peoples_are_indexed_as_demonyms() -> None:
    peoples = {
        fold(name): place.iso3
        for place, names in country_entries(("en", "fr"))
        if place.kind is PlaceKind.DEMONYM
        for name in names
    }
    assert peoples["burkinabe"] == "BFA"
    assert peoples["kenyan"] == "KEN"
    assert peoples["malien"] == "MLI"
    assert peoples[fold("South African")] == "ZAF"


def test_every_word_for_a_people_names_one_country_but_congolese() -> None:
    # Derived, Niger's and Nigeria's words would each be the other's ("Niger" + "ian").
    countries_of: dict[str, set[str]] = {}
    for place, names in country_entries(("en", "fr")):
        if place.kind is PlaceKind.DEMONYM:
            for name in names:
                countries_of.setdefault(fold(name), set()).add(place.iso3)
    shared = {word for word, isos in countries_of.items() if len(isos) > 1}
    assert shared == {"congolese", "congolais", "congolaise"}
    assert countries_of["nigerian"] == {"NGA"} and countries_of["nigerien"] == {"NER"}


def test_derived_demonyms() -> None:
    assert "Somali" in derived_demonyms("Somalia", ("i",))
    assert "Malien" in derived_demonyms("Mali", ("en",))
    assert derived_demonyms("Chad", ("ian",)) == ["Chadian"]
    assert derived_demonyms("Iran"[:3], ("ian",)) == []  # too short to derive from


def test_iso3_of() -> None:
    assert iso3_of("BF") == "BFA"
    assert iso3_of("XX") is None


def test_every_country_knows_its_capital() -> None:
    capitals = capital_cities()
    assert capitals["BGD"] == "Dhaka" and capitals["BFA"] == "Ouagadougou"
    assert len(capitals) > 190
