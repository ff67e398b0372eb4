from __future__ import annotations

import pytest

from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind
from tocsin.intake.triage.place_mentions import find_mentions


def named(text: str, gazetteer: Gazetteer) -> list[str]:
    return [text[m.start : m.end] for m in find_mentions(text, gazetteer)]


def test_names_are_found_longest_first(small_gazetteer: Gazetteer) -> None:
    text = "Soldiers shot protesters in Bobo-Dioulasso and in North Sinai."
    assert named(text, small_gazetteer) == ["Bobo-Dioulasso", "North Sinai"]


def test_lower_case_words_acronyms_months_and_institutions_are_not_places(
    small_gazetteer: Gazetteer,
) -> None:
    text = "On 2 August, the VDP and the Presidential Guard met in Ouagadougou; est-ce sûr?"
    assert named(text, small_gazetteer) == ["Ouagadougou"]


def test_english_function_words_are_not_towns(small_gazetteer: Gazetteer) -> None:
    # One is a town of Switzerland, Over a village of England.
    text = "One policeman was killed. Over 100 people fled to Ouagadougou."
    assert named(text, small_gazetteer) == ["Ouagadougou"]


def test_continents_are_not_towns() -> None:
    # "Africa" is an old name of Mahdia, Tunisia; "Asia" a town of the Philippines.
    gazetteer = Gazetteer()
    for town, iso3 in (("Africa", "TUN"), ("Asia", "PHL"), ("Harare", "ZWE")):
        gazetteer.add(Place(PlaceKind.CITY, iso3, town, None, None, 0.0, 0.0, 50000), [town])
    text = "Africa Cup fans and Asia Pacific delegates marched in Harare."
    assert named(text, gazetteer) == ["Harare"]


def test_month_abbreviations_and_ramadan_are_not_towns(small_gazetteer: Gazetteer) -> None:
    # GeoNames has a Nov in Tajikistan, and Ramadan among the other names of a Saudi town.
    towns = [
        (Place(PlaceKind.CITY, "TJK", "Nov", population=20000), ["Nov"]),
        (Place(PlaceKind.CITY, "SAU", "Turabah", population=40000), ["Turabah", "Ramadan"]),
    ]
    gazetteer = small_gazetteer.extended(towns)
    text = "On Nov 1st 2019, during Ramadan, residents protested in Ouagadougou."
    assert named(text, gazetteer) == ["Ouagadougou"]


def test_the_english_article_is_not_a_preposition_of_place(small_gazetteer: Gazetteer) -> None:
    (article,) = find_mentions("Supporters beat a Kaya councillor.", small_gazetteer)
    (place,) = find_mentions("Supporters beat at Kaya councillor.", small_gazetteer)
    assert article.salience < place.salience * 0.5


def test_part_of_a_hyphenated_name_is_not_a_name(small_gazetteer: Gazetteer) -> None:
    # Pobè is a town in Benin; "Pobe-Mengao" is a commune in Burkina Faso.
    assert named("Gunmen killed a man in Pobe-Mengao.", small_gazetteer) == []


def test_a_name_may_start_with_the_arabic_article(small_gazetteer: Gazetteer) -> None:
    units = [
        (Place(PlaceKind.ADMIN1, "YEM", "Al Bayda", admin1="Al Bayda"), ["Al Bayda"]),
        (Place(PlaceKind.ADMIN1, "SYR", "Al-Hasakeh", admin1="Al-Hasakeh"), ["Al-Hasakeh"]),
        (Place(PlaceKind.ADMIN1, "YEM", "As Sawadiyah", admin1="Al Bayda"), ["As Sawadiyah"]),
        (Place(PlaceKind.CITY, "SYR", "Raqqa", population=200000), ["Raqqa"]),
    ]
    gazetteer = small_gazetteer.extended(units)
    text = "Airstrikes hit Al Bayda, As Sawadiyah and al-Hasakeh, then al-Raqqa."
    assert named(text, gazetteer) == ["Al Bayda", "As Sawadiyah", "al-Hasakeh", "Raqqa"]
    # Alone, or before a word that is not a name, the article names nothing.
    assert named("Al said it was known as Kenya and al-qaeda.", gazetteer) == ["Kenya"]


def test_a_compound_of_well_known_places_names_each(small_gazetteer: Gazetteer) -> None:
    text = "Gunmen fired on a bus on the Ouagadougou-Kaya road."
    assert named(text, small_gazetteer) == ["Ouagadougou", "Kaya"]
    # Both parts must be well known: "Pobe" alone is a town of Benin.
    assert named("Fighting near the Pobe-Djibo junction.", small_gazetteer) == []


def test_a_name_glued_to_an_unknown_capitalised_word_counts_less(
    small_gazetteer: Gazetteer,
) -> None:
    # "Kaya" inside a person's name, then on its own.
    glued, alone = find_mentions(
        "Governor Amadou Kaya Traore visited the market in Kaya", small_gazetteer
    )
    assert glued.salience < alone.salience * 0.5
    # A unit word or a sentence opening next to the name says nothing of the kind.
    (province,) = find_mentions("Soum Province", small_gazetteer)
    assert province.salience == 1.0
    (opened,) = find_mentions("Gunmen Kaya", small_gazetteer)
    (plain,) = find_mentions("gunmen Kaya", small_gazetteer)
    assert opened.salience == plain.salience


def test_a_town_after_a_word_of_institutions_names_is_part_of_an_organisation(
    small_gazetteer: Gazetteer,
) -> None:
    # "Forum for Democratic Change": Kaya stands in for Changé, a town of France.
    (party,) = find_mentions("Police beat members of the Democratic Kaya party.", small_gazetteer)
    (plain,) = find_mentions("Police beat members of the party in Kaya.", small_gazetteer)
    assert party.salience < plain.salience * 0.5
    # An institution named after its town names the town: "Kaya Police", "Gao Airport".
    (police,) = find_mentions("Officers of the Kaya Police fled.", small_gazetteer)
    (town,) = find_mentions("Officers of the Kaya police fled.", small_gazetteer)
    assert police.salience == town.salience


def test_two_town_names_glued_into_one_unknown_name_count_less(
    small_gazetteer: Gazetteer,
) -> None:
    # Abu Salim is a district of Tripoli: neither Abu (India) nor Salim (Palestine).
    abu, salim, tripoli = find_mentions(
        "Shells killed six in Abu Salim (Tripoli).", small_gazetteer
    )
    (alone,) = find_mentions("Shells killed six in Abu.", small_gazetteer)
    assert abu.salience < alone.salience * 0.5 and salim.salience < alone.salience * 0.5
    assert tripoli.salience > abu.salience
    # A feature of a place is still that place ("Lamu Island"), and a people's name is no glue.
    lamu, *_ = find_mentions("Gunmen attacked a base on Lamu Island.", small_gazetteer)
    (plain,) = find_mentions("Gunmen attacked a base on Lamu.", small_gazetteer)
    assert lamu.salience == plain.salience


def test_armed_groups_named_like_places_are_not_places(small_gazetteer: Gazetteer) -> None:
    # Boko is a town of Congo, Haram a municipality of Norway, Taliban a village of Turkey.
    text = "Boko Haram and Taliban fighters attacked; Hamas and Houthi forces fired rockets."
    assert named(text, small_gazetteer) == []
    # Fano a town of Italy; Wagner and Fama towns of Brazil.
    gazetteer = small_gazetteer.extended(
        [
            (Place(PlaceKind.CITY, "ITA", "Fano", population=60978), ["Fano"]),
            (Place(PlaceKind.CITY, "BRA", "Wagner", population=9503), ["Wagner"]),
            (Place(PlaceKind.CITY, "BRA", "Fama", population=2350), ["Fama"]),
        ]
    )
    assert named("FAMa and Wagner forces fought; Fano fighters attacked.", gazetteer) == []


def test_al_sham_in_a_group_s_name_is_not_damascus(small_gazetteer: Gazetteer) -> None:
    # GeoNames keeps "Al Sham" as an old name of Damascus; groups carry it as the Levant's.
    text = "Al Sham Corps and Hayat Tahrir al-Sham fighters clashed in Damascus."
    assert named(text, small_gazetteer) == ["Damascus"]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("A mine exploded in rural Damascus.", "rural Damascus", "Rural Damascus"),
        ("Gunmen attacked a camp in north Darfur.", "north Darfur", "North Darfur"),
        ("Clashes in northern Shan State.", "northern Shan", "Shan (North)"),
    ],
)
def test_a_unit_whose_name_opens_with_a_qualifier_in_lower_case(
    text: str, name: str, expected: str
) -> None:
    gazetteer = Gazetteer()
    for iso3, unit in (("SYR", "Rural Damascus"), ("SYR", "Damascus"), ("SDN", "North Darfur")):
        gazetteer.add(Place(PlaceKind.ADMIN1, iso3, unit, admin1=unit), [unit])
    north = Place(PlaceKind.ADMIN1, "MMR", "Shan (North)", admin1="Shan (North)")
    gazetteer.add(north, ["Shan (North)", "Northern Shan"])
    gazetteer.add(Place(PlaceKind.ADMIN1, "MMR", "Shan (South)", admin1="Shan (South)"), ["Shan"])
    (mention,) = find_mentions(text, gazetteer)
    assert text[mention.start : mention.end] == name
    assert mention.places[0].name == expected


def test_a_lower_case_qualifier_before_a_country_is_only_a_direction() -> None:
    # "south Sudan" is the south of Sudan; only a unit's name is read with its qualifier.
    gazetteer = Gazetteer()
    gazetteer.add(Place(PlaceKind.COUNTRY, "SDN", "Sudan"), ["Sudan"])
    gazetteer.add(Place(PlaceKind.COUNTRY, "SSD", "South Sudan"), ["South Sudan"])
    (mention,) = find_mentions("Fighting spread in south Sudan.", gazetteer)
    assert [p.iso3 for p in mention.places] == ["SDN"]


def test_a_capitalised_qualifier_before_a_known_name_is_only_its_direction() -> None:
    # "Northern" is a unit of Fiji, Ghana and Sudan; "Northern Sinai" is the north of Sinai.
    gazetteer = Gazetteer()
    gazetteer.add(Place(PlaceKind.ADMIN1, "FJI", "Northern", admin1="Northern"), ["Northern"])
    sinai = Place(PlaceKind.ADMIN1, "EGY", "North Sinai", admin1="North Sinai")
    gazetteer.add(sinai, ["Sinai"])
    assert named("A policeman was shot in the Northern Sinai town.", gazetteer) == ["Sinai"]
    # Before no name it is still the unit: "Northern Province" names no other place.
    assert named("Fighting in the Northern Province.", gazetteer) == ["Northern"]


def test_a_name_said_of_a_militia_names_who_fights() -> None:
    gazetteer = Gazetteer()
    for unit in ("Amhara", "Oromia"):
        gazetteer.add(Place(PlaceKind.ADMIN1, "ETH", unit, admin1=unit), [unit])
    amhara, oromia = find_mentions("Amhara militia attacked a village in Oromia.", gazetteer)
    assert amhara.actor and not oromia.actor


@pytest.mark.parametrize(("text", "country"), [("Plateau State", "NGA"), ("Plateau", "BEN")])
def test_a_unit_word_says_whose_unit_a_shared_name_is(text: str, country: str) -> None:
    # Nigeria's states and Benin's departments: both have a Plateau.
    gazetteer = Gazetteer()
    for iso3 in ("BEN", "NGA"):
        gazetteer.add(Place(PlaceKind.ADMIN1, iso3, "Plateau", admin1="Plateau"), ["Plateau"])
    (mention,) = find_mentions(f"Gunmen attacked a village in {text}.", gazetteer)
    assert {p.iso3 for p in mention.places} >= {country}
    if text.endswith("State"):
        assert [p.iso3 for p in mention.places] == ["NGA"]


def test_a_doubled_name_counts_less(small_gazetteer: Gazetteer) -> None:
    # Tanga Tanga is a Kenyan political faction; Tanga a region and town of Tanzania.
    text = "Members of the Tanga Tanga faction clashed in Nyeri."
    first, second, nyeri = find_mentions(text, small_gazetteer)
    (alone,) = find_mentions("Members of the Tanga faction clashed.", small_gazetteer)
    assert first.salience < alone.salience * 0.5 and second.salience < alone.salience * 0.5
    assert text[nyeri.start : nyeri.end] == "Nyeri"


def test_chains_and_the_anchor_at_the_end_of_brackets(small_gazetteer: Gazetteer) -> None:
    text = "Militants attacked Tadjo (Gorgadji, Seno) and later Djibo, far away."
    mentions = find_mentions(
        "Fighting in Dori (Dori, Oudalan). Later, Kaya was calm.", small_gazetteer
    )
    names = [m.places[0].name for m in mentions]
    assert names[:3] == ["Dori", "Dori", "Oudalan"]
    assert mentions[0].chain == mentions[1].chain == mentions[2].chain != mentions[3].chain
    assert mentions[2].salience > mentions[1].salience  # "Oudalan" closes the brackets
    assert named(text, small_gazetteer)[-1] == "Djibo"


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("A bus was torched at Kaya in Sanmatenga on Monday.", True),
        ("A bus was torched at Kaya town in the Sanmatenga area.", True),
        ("Men from Kaya were arrested in Sanmatenga.", False),
    ],
)
def test_a_place_said_to_be_in_the_next_makes_a_chain(
    small_gazetteer: Gazetteer, text: str, linked: bool
) -> None:
    kaya, sanmatenga = find_mentions(text, small_gazetteer)
    assert (kaya.chain == sanmatenga.chain) is linked


def test_ward_is_a_unit_word_not_a_town() -> None:
    # "Ward" is also a town of Arkansas; "Ward No-30" is a ward of a Bangladeshi city.
    gazetteer = Gazetteer()
    gazetteer.add(
        Place(PlaceKind.CITY, "USA", "Ward", "Arkansas", None, 35.0, -91.9, 4000), ["Ward"]
    )
    gazetteer.add(
        Place(PlaceKind.CITY, "BFA", "Kaya", "Centre-Nord", None, 13.1, -1.1, 66000), ["Kaya"]
    )
    assert named("A bomb went off near the Ward No-30 office in Kaya.", gazetteer) == ["Kaya"]


@pytest.mark.parametrize(
    "unit", ["township", "commune", "oblast", "woreda", "Province", "town", "ward", "sub-county"]
)
def test_unit_words_other_regions_use_keep_a_chain(small_gazetteer: Gazetteer, unit: str) -> None:
    mentions = find_mentions(f"Airstrikes hit Kaya {unit} (Sanmatenga).", small_gazetteer)
    assert [m.places[0].name for m in mentions] == ["Kaya", "Sanmatenga"]
    assert mentions[0].chain == mentions[1].chain


def test_a_lone_town_opening_a_sentence_counts_less(small_gazetteer: Gazetteer) -> None:
    opening, inside = find_mentions("Kaya. Protests in Kaya", small_gazetteer)
    assert opening.salience < inside.salience


def test_names_inside_burmese_text(small_gazetteer: Gazetteer) -> None:
    mentions = find_mentions("မြန်မာနိုင်ငံ စစ်တပ်က ရွာကို မီးရှို့ခဲ့သည်", small_gazetteer)
    assert any(p.iso3 == "MMR" for m in mentions for p in m.places)


def test_nothing_to_find() -> None:
    assert find_mentions("", Gazetteer()) == []
    assert find_mentions("Nothing here", Gazetteer()) == []


def test_a_unit_word_beside_a_name_keeps_its_unit_readings() -> None:
    # Gedo is a region of Somalia and a town of Ethiopia.
    gazetteer = Gazetteer()
    gazetteer.add(Place(PlaceKind.ADMIN1, "SOM", "Gedo", admin1="Gedo"), ["Gedo"])
    gazetteer.add(Place(PlaceKind.CITY, "ETH", "Gedo", population=20000), ["Gedo"])
    for text in ("Shells fell in Gedo region.", "Shells fell in the region of Gedo."):
        (mention,) = find_mentions(text, gazetteer)
        assert [p.iso3 for p in mention.places] == ["SOM"]
    for text in ("Shells fell in Gedo town.", "Shells fell in Gedo."):
        (mention,) = find_mentions(text, gazetteer)
        assert {p.iso3 for p in mention.places} == {"SOM", "ETH"}


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Russian forces shelled the village.", True),
        ("The Israeli Defense Forces struck a car.", True),
        ("Russia's armed forces advanced.", True),
        ("An Israeli drone strike hit a car.", True),
        ("Kenyan police arrested five protesters.", False),
        ("Russian officials said nothing.", False),
        ("Protesters marched to the Russian embassy.", False),
    ],
)
def test_a_country_said_of_armed_forces_is_marked_as_who_fights(
    small_gazetteer: Gazetteer, text: str, actor: bool
) -> None:
    mention, *_ = find_mentions(text, small_gazetteer)
    assert mention.actor is actor


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Tribesmen marched in support of the Palestinian people.", True),
        ("Students rallied in solidarity with the people of Gaza.", True),
        ("Des étudiants ont manifesté en soutien aux Palestiniens.", True),
        # A word of place between says where after all.
        ("Residents rallied in support of the army in Kaya.", False),
        ("Residents rallied in Kaya.", False),
        # What the event is set against, later in its clause.
        ("Tribesmen marched in the context of the latest round of violence in Gaza.", True),
    ],
)
def test_whom_a_protest_supports_is_a_party_not_a_place(text: str, actor: bool) -> None:
    gazetteer = Gazetteer()
    gazetteer.add(Place(PlaceKind.DEMONYM, "PSE", "Palestine"), ["Palestinian", "Palestiniens"])
    gazetteer.add(Place(PlaceKind.ADMIN1, "PSE", "Gaza Strip", admin1="Gaza Strip"), ["Gaza"])
    gazetteer.add(Place(PlaceKind.CITY, "BFA", "Kaya", population=66851), ["Kaya"])
    (mention,) = find_mentions(text, gazetteer)
    assert mention.actor is actor


def test_a_date_is_not_a_town_named_after_one() -> None:
    # "28 May" is a town of Azerbaijan, named after a day.
    gazetteer = Gazetteer()
    gazetteer.add(Place(PlaceKind.CITY, "AZE", "28 May", population=9000), ["28 May"])
    gazetteer.add(Place(PlaceKind.CITY, "SYR", "Atmah", population=3000), ["Atmah"])
    assert named("On 28 May 2024, locals protested in Atmah.", gazetteer) == ["Atmah"]


def test_a_word_that_never_names_a_place_alone_may_open_a_unit_s_name() -> None:
    gazetteer = Gazetteer()
    fct = Place(
        PlaceKind.ADMIN1, "NGA", "Federal Capital Territory", admin1="Federal Capital Territory"
    )
    jazirah = Place(PlaceKind.ADMIN1, "SDN", "Aj Jazirah", admin1="Aj Jazirah")
    gazetteer.add(fct, ["Federal Capital Territory"])
    gazetteer.add(jazirah, ["ولاية الجزيرة"])
    gazetteer.add(Place(PlaceKind.CITY, "USA", "Federal", population=5000), ["Federal"])
    (mention,) = find_mentions(
        "Protesters were arrested in the Federal Capital Territory", gazetteer
    )
    assert mention.places == (fct,)
    (mention,) = find_mentions("هجوم على قرية في ولاية الجزيرة", gazetteer)
    assert mention.places == (jazirah,)
    assert find_mentions("Federal police arrested protesters", gazetteer) == []
