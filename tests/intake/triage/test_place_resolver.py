from __future__ import annotations

import pytest

from tocsin.intake.triage.country_cues import CountryCues, learn_country_cues
from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind
from tocsin.intake.triage.place_resolver import (
    PlaceResolver,
    ResolvedPlace,
    _agreeing_with_chain_units,
    _Reading,
)


@pytest.fixture(scope="module")
def resolver(small_gazetteer: Gazetteer) -> PlaceResolver:
    return PlaceResolver(small_gazetteer)


def test_a_unit_the_p_code_file_splits_is_found_by_its_bare_name(resolver: PlaceResolver) -> None:
    # The P-code file has only "Shan (North)", "(South)" and "(East)"; Shan alone is a town of
    # China.
    place = resolver.resolve("Artillery shells fell on a village in Shan State.")
    assert place.country_iso3 == "MMR"
    assert place.admin1 in {"Shan (North)", "Shan (South)", "Shan (East)"}


def test_a_script_of_one_country_places_a_report_that_names_no_place(
    resolver: PlaceResolver,
) -> None:
    # "The army burned the village": Burmese, and nothing else, says Myanmar.
    assert resolver.resolve("ရွာကို စစ်တပ်က မီးရှို့ခဲ့သည်").country_iso3 == "MMR"
    # A place it names outvotes the script.
    place = resolver.resolve("Ouagadougou ရွာကို စစ်တပ်က မီးရှို့ခဲ့သည်")
    assert place.country_iso3 == "BFA"


@pytest.mark.parametrize(
    ("text", "country", "admin1"),
    [
        (
            "On 13 November 2020, airstrikes hit the area of Tin-Akoff (Tin-Akoff, Oudalan).",
            "BFA",
            "Sahel",
        ),
        ("Protesters were beaten in Ouagadougou by the police.", "BFA", "Centre"),
        ("A roadside bomb exploded near Rafah, North Sinai.", "EGY", "North Sinai"),
        ("Des hommes armés ont attaqué un village près de Fada N'Gourma.", "BFA", "Est"),
        ("هاجم مسلحون قرية قرب الخرطوم", "SDN", "Khartoum"),
        ("Burkinabe soldiers patrolled the border.", "BFA", None),
        (  # India has no P-codes: its units come from GeoNames.
            "Residents protested in Siliguri town (Darjeeling district, West Bengal).",
            "IND",
            "West Bengal",
        ),
    ],
)
def test_country_and_admin1_from_text(
    resolver: PlaceResolver, text: str, country: str, admin1: str | None
) -> None:
    place = resolver.resolve(text)
    assert place.country_iso3 == country
    assert place.admin1 == admin1


def test_a_chain_is_decided_by_its_most_general_member(resolver: PlaceResolver) -> None:
    # Solhan is also a Turkish district; Soum settles it.
    place = resolver.resolve("Gunmen killed two people in Solhan (Solhan, Soum).")
    assert (place.country_iso3, place.admin1, place.admin2) == ("BFA", "Sahel", "Soum")


def reading(admin1: str, chain: int, mention: int, unit: bool) -> _Reading:
    return _Reading(admin1, None, None, None, 1.0, chain, mention, unit)


def test_the_unit_ending_a_chain_decides_its_first_level_unit() -> None:
    # "Kitengela town, Kajiado county": the town lies nearest places of Machakos, the county
    # named at the end of the chain says Kajiado; a learned town there may spell it otherwise.
    town = reading("Machakos", 1, 0, unit=False)
    county = reading("Kajiado", 1, 1, unit=True)
    learned = reading("Kajiado County", 1, 1, unit=False)
    assert _agreeing_with_chain_units([town, county, learned]) == [county, learned]
    # A chain ending in a town, and a lone town, keep every reading.
    towns = [reading("Machakos", 2, 2, unit=False), reading("Kajiado", 2, 3, unit=False)]
    assert _agreeing_with_chain_units(towns) == towns
    assert _agreeing_with_chain_units([town]) == [town]


def test_of_two_big_cities_of_one_name_the_bigger_is_meant(resolver: PlaceResolver) -> None:
    # Tripoli of Libya (1.3 million) and of Lebanon (230,000) both weigh the most a town can.
    assert resolver.resolve("Shells fell on Mitiga Airport (Tripoli).").country_iso3 == "LBY"


def test_coordinates_come_from_the_town_or_the_unit(resolver: PlaceResolver) -> None:
    town = resolver.resolve("Shooting in Kaya (Kaya, Sanmatenga) overnight.")
    assert town.latitude is not None and town.longitude is not None
    assert abs(town.latitude - 13.09) < 0.1 and abs(town.longitude + 1.08) < 0.1
    unit = resolver.resolve("Clashes were reported across Soum.")
    assert unit.admin2 == "Soum" and unit.latitude is not None


def test_no_place_means_nothing_unless_a_home_country_is_known(small_gazetteer: Gazetteer) -> None:
    text = "Unknown gunmen attacked the village of Xyzzyq at night."
    assert PlaceResolver(small_gazetteer).resolve(text) == ResolvedPlace()
    home = PlaceResolver(small_gazetteer, home_country="BFA").resolve(text)
    assert home == ResolvedPlace("BFA")


def test_a_report_naming_no_place_goes_where_the_file_codes_such_events(
    small_gazetteer: Gazetteer,
) -> None:
    # ACLED codes an event reported only nationally at the capital; the file's spelling is kept.
    resolver = PlaceResolver(small_gazetteer, home_country="BFA", placeless_units={"BFA": "Centre"})
    assert resolver.resolve("The nationwide strike entered its third day.") == ResolvedPlace(
        "BFA", "Centre"
    )
    assert resolver.resolve("Gunmen attacked Dori.").admin1 == "Sahel"  # a named place decides
    # A unit learned for another country says nothing here.
    elsewhere = PlaceResolver(
        small_gazetteer, home_country="BFA", placeless_units={"MLI": "Bamako"}
    )
    assert elsewhere.resolve("The nationwide strike entered its third day.") == ResolvedPlace("BFA")


def test_learned_places_win_over_foreign_homonyms(small_gazetteer: Gazetteer) -> None:
    learned = Place(
        PlaceKind.CITY, "BFA", "Pensa", "Centre-Nord", "Sanmatenga", 13.2, -1.2, 0, True
    )
    text = "Militants ambushed a patrol near Pensa."
    extended = small_gazetteer.extended([(learned, ["Pensa"])])
    place = PlaceResolver(extended).resolve(text)
    assert (place.country_iso3, place.admin1, place.latitude) == ("BFA", "Centre-Nord", 13.2)


@pytest.mark.parametrize(("at_dhaka", "at_khulna", "admin1"), [(4, 1, "Dhaka"), (1, 4, "Khulna")])
def test_a_name_learned_in_two_units_goes_where_training_events_were_more_often(
    small_gazetteer: Gazetteer, at_dhaka: int, at_khulna: int, admin1: str
) -> None:
    # A learned town's population counts its training events (`learn_places`).
    dhaka = Place(PlaceKind.CITY, "BGD", "Mirpur", "Dhaka", "Dhaka", 23.8, 90.4, at_dhaka, True)
    khulna = Place(
        PlaceKind.CITY, "BGD", "Mirpur", "Khulna", "Kushtia", 23.9, 89.0, at_khulna, True
    )
    extended = small_gazetteer.extended([(dhaka, ["Mirpur"]), (khulna, ["Mirpur"])])
    resolver = PlaceResolver(extended, home_country="BGD")
    assert resolver.resolve("A bus was torched in Mirpur.").admin1 == admin1


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("Soldiers fired on protesters in the capital on Monday.", "Centre"),
        ("Des manifestants ont été dispersés dans la capitale.", "Centre"),
        ("اعتقلت الشرطة ناشطين في العاصمة", "Centre"),
        ("Gunmen attacked Dori, far from the capital.", "Sahel"),  # a named place decides
        ("Exiles protested in the capital of their host country.", None),
        ("Soldiers were sent to the provincial capital.", None),
        ("Police raided the Capital FM studio.", None),  # a name, not the city
        ("Police raided a studio In The Capital.", "Centre"),
    ],
)
def test_the_capital_of_the_reports_country(
    small_gazetteer: Gazetteer, text: str, admin1: str | None
) -> None:
    place = PlaceResolver(small_gazetteer, home_country="BFA").resolve(text)
    assert (place.country_iso3, place.admin1) == ("BFA", admin1)
    # With no country to read it in, "the capital" alone places nothing.
    assert PlaceResolver(small_gazetteer).resolve(text).country_iso3 in {None, "BFA"}


def test_learned_cues_place_a_report_that_names_no_known_place(
    small_gazetteer: Gazetteer,
) -> None:
    cues = learn_country_cues(
        ["UPND cadres protested in Lusaka."] * 3 + ["Protesters blocked a road."] * 3,
        ["ZMB"] * 3 + ["KEN"] * 3,
    )
    resolver = PlaceResolver(small_gazetteer, cues=cues)
    assert resolver.resolve("UPND members attacked a rival.").country_iso3 == "ZMB"
    # A place the text names outweighs a cue.
    assert resolver.resolve("UPND cadres rioted in Ouagadougou.").country_iso3 == "BFA"


def test_a_chain_agrees_only_with_places_in_its_last_members_unit(
    small_gazetteer: Gazetteer,
) -> None:
    # Honduras has a Soledad (El Paraiso) and a Veracruz (Copan): "Soledad, Veracruz" cannot
    # be both there, so it does not confirm Honduras; it is Soledad de Doblado, Mexico.
    honduras = [
        (Place(PlaceKind.ADMIN2, "HND", "Soledad", "El Paraiso", "Soledad"), ["Soledad"]),
        (Place(PlaceKind.ADMIN2, "HND", "Veracruz", "Copan", "Veracruz"), ["Veracruz"]),
    ]
    resolver = PlaceResolver(small_gazetteer.extended(honduras))
    text = "In Soledad Doblado municipality, Veracruz, residents blocked the village entrance."
    assert resolver.resolve(text).country_iso3 == "MEX"


def test_a_name_that_is_a_unit_and_a_town_of_one_country_means_that_country() -> None:
    # Al Bayda is a governorate and a town of Yemen, and a bigger town of Libya.
    gazetteer = Gazetteer()
    gazetteer.add(Place(PlaceKind.ADMIN1, "YEM", "Al Bayda", admin1="Al Bayda"), ["Al Bayda"])
    gazetteer.add(Place(PlaceKind.CITY, "LBY", "Al Bayda", population=129439), ["Al Bayda"])
    place = PlaceResolver(gazetteer).resolve("Airstrikes hit Al Bayda overnight.")
    assert place.country_iso3 == "LBY"  # a unit alone weighs as much as a big town
    gazetteer.add(Place(PlaceKind.CITY, "YEM", "Al Bayda", population=37821), ["Al Bayda"])
    place = PlaceResolver(gazetteer).resolve("Airstrikes hit Al Bayda overnight.")
    assert (place.country_iso3, place.admin1) == ("YEM", "Al Bayda")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Protest in Egypt.", "EGY"),
        ("Workers went on strike in Lebanon.", "LBN"),
        ("Protest in Jordan.", "JOR"),
        # A first-level unit named like a country or people keeps its weight: it is written so.
        ("Clashes were reported in the Somali region.", "ETH"),
    ],
)
def test_a_country_s_own_name_means_that_country(text: str, country: str) -> None:
    # Egypt is a town of Pennsylvania and an old name of Goodyear, Arizona (79,000 people);
    # Lebanon a town of Tennessee; Jordan a municipality of Colombia; Somali a region of Ethiopia.
    gazetteer = Gazetteer()
    for iso3, name in (("EGY", "Egypt"), ("LBN", "Lebanon"), ("JOR", "Jordan"), ("SOM", "Somalia")):
        gazetteer.add(Place(PlaceKind.COUNTRY, iso3, name), [name])
    gazetteer.add(Place(PlaceKind.DEMONYM, "SOM", "Somalia"), ["Somali"])
    gazetteer.add(Place(PlaceKind.CITY, "USA", "Goodyear", population=79003), ["Egypt"])
    gazetteer.add(Place(PlaceKind.CITY, "USA", "Lebanon", population=30262), ["Lebanon"])
    jordan = Place(PlaceKind.ADMIN2, "COL", "Jordan", admin1="Santander", admin2="Jordan")
    gazetteer.add(jordan, ["Jordan"])
    gazetteer.add(Place(PlaceKind.ADMIN1, "ETH", "Somali", admin1="Somali"), ["Somali"])
    assert PlaceResolver(gazetteer).resolve(text).country_iso3 == country


def test_where_the_first_level_is_regions_the_second_answers() -> None:
    # Libya's P-code file groups its 22 districts in three regions no one reports by.
    gazetteer = Gazetteer()
    gazetteer.add(Place(PlaceKind.ADMIN1, "LBY", "West", admin1="West"), ["West"])
    tripoli = Place(PlaceKind.ADMIN2, "LBY", "Tripoli", admin1="West", admin2="Tripoli")
    gazetteer.add(tripoli, ["Tripoli"])
    gazetteer.add(Place(PlaceKind.COUNTRY, "LBY", "Libya"), ["Libya"])
    resolver = PlaceResolver(gazetteer)
    place = resolver.resolve("Shells fell on Abu Salim (Tripoli).")
    assert (place.country_iso3, place.admin1, place.admin2) == ("LBY", "Tripoli", None)
    place = resolver.resolve("Clashes were reported in the West of Libya.")
    assert (place.country_iso3, place.admin1) == ("LBY", None)


def test_a_unit_is_answered_by_the_name_it_goes_by() -> None:
    gazetteer = Gazetteer(common_names={"MEX": {"Michoacan de Ocampo": "Michoacan"}})
    official = Place(PlaceKind.ADMIN1, "MEX", "Michoacan de Ocampo", admin1="Michoacan de Ocampo")
    gazetteer.add(official, ["Michoacan de Ocampo", "Michoacan"])
    place = PlaceResolver(gazetteer).resolve("A man was found dead in Michoacan.")
    assert (place.country_iso3, place.admin1) == ("MEX", "Michoacan")
    # The training file's own name for the unit comes first.
    spellings = {"MEX": {"michoacan ocampo": "Michoacán"}}
    place = PlaceResolver(gazetteer, spellings=spellings).resolve("Shots in Michoacan.")
    assert place.admin1 == "Michoacán"


@pytest.fixture(scope="module")
def across_borders() -> PlaceResolver:
    gazetteer = Gazetteer()
    for iso3, country, people in (
        ("RUS", "Russia", "Russian"),
        ("UKR", "Ukraine", "Ukrainian"),
        ("KEN", "Kenya", "Kenyan"),
        ("SOM", "Somalia", "Somali"),
    ):
        gazetteer.add(Place(PlaceKind.COUNTRY, iso3, country), [country])
        gazetteer.add(Place(PlaceKind.DEMONYM, iso3, country), [people])
    polohy = Place(PlaceKind.CITY, "UKR", "Polohy", latitude=47.5, longitude=36.3, population=18000)
    gazetteer.add(polohy, ["Polohy"])
    gazetteer.add(Place(PlaceKind.ADMIN1, "KEN", "Lamu", admin1="Lamu"), ["Lamu"])
    return PlaceResolver(gazetteer)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # Who shelled a village the gazetteer barely knows does not say where it lies...
        ("Russian forces shelled Huliaipole (Polohy, Zaporizhia). No casualties.", "UKR"),
        # ... but an army is at home where nothing else is placed, or where its country is.
        ("Kenyan forces kill four members of al Shabaab in Milimani.", "KEN"),
        ("Al Shabaab attacked a base of Kenyan troops in Lamu near the Somalia border.", "KEN"),
    ],
)
def test_a_country_named_as_who_fights_counts_less_than_where(
    across_borders: PlaceResolver, text: str, country: str
) -> None:
    assert across_borders.resolve(text).country_iso3 == country


def test_a_chain_ending_in_a_first_level_unit_means_that_unit() -> None:
    gazetteer = Gazetteer()
    oblast = Place(PlaceKind.ADMIN1, "UKR", "Donetsk", admin1="Donetsk")
    town = Place(PlaceKind.CITY, "RUS", "Donetsk", "Rostov", None, 48.3, 39.9, 47_000)
    azov = Place(PlaceKind.CITY, "RUS", "Azov", "Rostov", None, 47.1, 39.4, 82_000)
    for known in (oblast, town, azov):
        gazetteer.add(known, [known.name])
    resolver = PlaceResolver(gazetteer)
    place = resolver.resolve("Mortars were fired at positions in the area of Azov, Donetsk.")
    assert (place.country_iso3, place.admin1) == ("UKR", "Donetsk")
    # Alone, a town's name still means the town.
    assert resolver.resolve("Shelling was heard in Azov.").country_iso3 == "RUS"


def test_a_town_the_training_file_placed_keeps_its_country_in_such_a_chain() -> None:
    # Lebanon 2024: "El Mina (Tripoli, Tripoli)"; Tripoli is a first-level unit only of Libya.
    gazetteer = Gazetteer()
    district = Place(PlaceKind.ADMIN1, "LBY", "Tripoli", admin1="Tripoli")
    capital = Place(PlaceKind.CITY, "LBY", "Tripoli", "Tripoli", None, 32.9, 13.2, 1_300_000)
    city = Place(PlaceKind.CITY, "LBN", "Tripoli", "North", None, 34.4, 35.8, 229_000)
    for known in (district, capital, city):
        gazetteer.add(known, [known.name])
    learned = Place(PlaceKind.CITY, "LBN", "El Mina", "North", None, 34.45, 35.8, 3, True)
    gazetteer.add(learned, ["El Mina"])
    text = "Retirees blocked the road in El Mina (Tripoli, Tripoli) over low wages."
    place = PlaceResolver(gazetteer, home_country="LBN").resolve(text)
    assert (place.country_iso3, place.admin1) == ("LBN", "North")
    # A town no training event placed leaves the chain to the first-level unit.
    unknown = Place(PlaceKind.CITY, "LBN", "El Mina", "North", None, 34.45, 35.8, 3)
    bare = Gazetteer()
    for known in (district, capital, city, unknown):
        bare.add(known, [known.name])
    assert PlaceResolver(bare).resolve(text).country_iso3 == "LBY"


def test_russia_is_answered_at_its_federal_subjects() -> None:
    # The P-code file's first level is eight federal districts; ACLED's is the oblasts.
    gazetteer = Gazetteer()
    district = "Central Federal District"
    gazetteer.add(Place(PlaceKind.ADMIN1, "RUS", district, admin1=district), [district])
    belgorod = Place(PlaceKind.ADMIN2, "RUS", "Belgorod", admin1=district, admin2="Belgorod")
    gazetteer.add(belgorod, ["Belgorod"])
    place = PlaceResolver(gazetteer).resolve("Drones hit a depot in Belgorod.")
    assert (place.country_iso3, place.admin1, place.admin2) == ("RUS", "Belgorod", None)


def test_a_militia_named_after_a_place_does_not_place_the_event() -> None:
    gazetteer = Gazetteer()
    gazetteer.add(Place(PlaceKind.COUNTRY, "ETH", "Ethiopia"), ["Ethiopia"])
    for unit in ("Amhara", "Oromia"):
        gazetteer.add(Place(PlaceKind.ADMIN1, "ETH", unit, admin1=unit), [unit])
    resolver = PlaceResolver(gazetteer)
    place = resolver.resolve("Amhara militia attacked civilians in Oromia.")
    assert (place.country_iso3, place.admin1) == ("ETH", "Oromia")
    # Where nothing else is named, the militia's name is all there is.
    place = resolver.resolve("Amhara militia attacked civilians.")
    assert (place.country_iso3, place.admin1) == ("ETH", "Amhara")


def test_without_a_home_the_file_s_countries_settle_a_shared_name() -> None:
    # Lebanon, Haiti and Botswana all have a first-level unit called North.
    gazetteer = Gazetteer()
    for iso3 in ("HTI", "LBN", "BWA"):
        gazetteer.add(Place(PlaceKind.ADMIN1, iso3, "North", admin1="North"), ["North"])
    shares = {"LBN": 0.4, "SYR": 0.6}
    resolver = PlaceResolver(gazetteer, country_shares=shares)
    place = resolver.resolve("Two clans clashed in Dahr el Ain (Al Kura, North).")
    assert (place.country_iso3, place.admin1) == ("LBN", "North")
    # They never place a report that names nothing.
    assert resolver.resolve("Two clans clashed.").country_iso3 is None


def test_a_name_repeated_in_a_chain_says_its_country_once() -> None:
    # ACLED writes a town and the district named after it: "Cantonment (Cantonment)", also
    # a town of Florida, after "Dhaka".
    gazetteer = Gazetteer()
    gazetteer.add(Place(PlaceKind.ADMIN1, "BGD", "Dhaka", admin1="Dhaka"), ["Dhaka"])
    florida = Place(PlaceKind.CITY, "USA", "Cantonment", admin1="Florida", population=1000)
    gazetteer.add(florida, ["Cantonment"])
    text = "Officers gathered in Dhaka - Cantonment (Cantonment) on Monday."
    assert PlaceResolver(gazetteer).resolve(text).country_iso3 == "BGD"


def test_a_place_in_a_country_the_file_never_had_counts_for_less() -> None:
    # "Taka" is a town of Japan and, in this report, a village of Congo that no gazetteer has;
    # a known group's name says Congo.
    gazetteer = Gazetteer()
    gazetteer.add(Place(PlaceKind.CITY, "JPN", "Taka", admin1="Hyogo", population=1000), ["Taka"])
    cues = CountryCues({"ndc r": (("COD", 1.0),)})
    text = "The NDC-R militia clashed with soldiers in Taka village."
    outside = PlaceResolver(gazetteer, cues=cues, country_shares={"COD": 0.5, "UGA": 0.5})
    assert outside.resolve(text).country_iso3 == "COD"
    inside = PlaceResolver(gazetteer, cues=cues, country_shares={"COD": 0.5, "JPN": 0.5})
    assert inside.resolve(text).country_iso3 == "JPN"


def test_a_learned_cue_does_not_move_an_event_placed_in_another_of_the_file_s_countries() -> None:
    # A Middle East file of 2024 holds more Turkish strikes in Iraq than in Syria.
    gazetteer = Gazetteer()
    gazetteer.add(Place(PlaceKind.ADMIN1, "SYR", "Ar-Raqqa", admin1="Ar-Raqqa"), ["Ar Raqqa"])
    cues = CountryCues({"turkish": (("IRQ", 1.0),), "ops": (("IRQ", 1.0),)})
    shares = {"IRQ": 0.7, "SYR": 0.3}
    resolver = PlaceResolver(gazetteer, cues=cues, country_shares=shares)
    text = (
        "On 5 July 2024, Turkish forces supported by opposition rebels, operating under OPS,"
        " shelled Abu Serra town in Ar Raqqa countryside with heavy artillery."
    )
    assert resolver.resolve(text).country_iso3 == "SYR"
    # A place in a country the file does not hold leaves the cue its full weight.
    iraq_only = PlaceResolver(gazetteer, cues=cues, country_shares={"IRQ": 1.0})
    assert iraq_only.resolve(text).country_iso3 == "IRQ"
