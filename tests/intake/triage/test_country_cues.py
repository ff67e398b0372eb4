from __future__ import annotations

import pytest

from tocsin.intake.triage.country_cues import CountryCues, learn_country_cues, names_in


def test_names_are_runs_of_capitalised_words_and_acronyms() -> None:
    text = "On 3 May, Boko Haram fighters and the FARDC met Governor Elias Waya. Gunmen fled."
    found = names_in(text)
    assert {"boko haram", "boko", "haram", "fardc", "elias waya", "governor elias waya"} <= found
    # A word opening a sentence is capitalised whatever it is; months are never names.
    assert "gunmen" not in found and "on" not in found and "may" not in found


def test_cues_need_enough_events_mostly_in_one_country() -> None:
    texts = ["Boko Haram attacked."] * 3 + ["Boko Haram attacked Kolofata."] + ["Al Shabaab."] * 2
    countries = ["NGA", "NGA", "NGA", "CMR", "SOM", "SOM"]
    cues = learn_country_cues(texts, countries)
    # Votes are what the name adds to each country's share of the events: Nigeria holds half
    # of them and three quarters of the Boko Haram ones, (0.75 - 0.5) / (1 - 0.5).
    assert cues.votes("A Boko Haram raid") == pytest.approx({"NGA": 0.5, "CMR": 0.1})
    assert cues.votes("Al Shabaab struck") == {}  # two events are not enough
    assert "kolofata" not in cues.table


def test_names_spread_over_countries_are_not_cues() -> None:
    texts = ["Islamic State claimed it."] * 4
    cues = learn_country_cues(texts, ["IRQ", "SYR", "NGA", "AFG"])
    assert len(cues) == 0
    assert CountryCues().votes("Islamic State") == {}


def test_events_without_a_country_teach_nothing() -> None:
    assert len(learn_country_cues(["Boko Haram attacked."] * 5, [""] * 5)) == 0


def test_in_a_file_of_one_country_no_name_is_a_cue() -> None:
    assert len(learn_country_cues(["Boko Haram attacked."] * 5, ["NGA"] * 5)) == 0


def test_a_word_the_notes_also_write_in_lower_case_is_no_cue() -> None:
    texts = ["The Luhansk People's Militia fired."] * 3 + ["Many people fled the militia."]
    cues = learn_country_cues([*texts, "Al Shabaab struck."], ["UKR"] * 4 + ["SOM"])
    assert "people" not in cues.table and "militia" not in cues.table
    assert "luhansk" in cues.table and "luhansk people militia" in cues.table


def test_a_known_name_opening_a_sentence_votes_though_learning_skips_it() -> None:
    cues = CountryCues({"houthis": (("YEM", 1.0),)})
    assert "houthis" not in names_in("Houthis shelled Taiz.")
    assert cues.votes("Houthis shelled Taiz.") == {"YEM": 1.0}


def test_cues_over_a_fallback_keep_their_own_reading_of_a_name() -> None:
    learned = CountryCues({"shabaab": (("KEN", 0.6),)})
    known = CountryCues({"shabaab": (("SOM", 1.0),), "fardc": (("COD", 1.0),)})
    both = learned.over(known)
    assert both.votes("Al Shabaab and the FARDC") == {"KEN": 0.6, "COD": 1.0}
    assert learned.over(CountryCues()) is learned


def test_cues_for_one_country_keep_only_its_votes() -> None:
    cues = CountryCues({"shabaab": (("SOM", 1.0), ("KEN", 0.3)), "fardc": (("COD", 1.0),)})
    kenyan = cues.only_for("KEN")
    assert kenyan.table == {"shabaab": (("KEN", 0.3),)}
    assert kenyan.votes("Al Shabaab and the FARDC") == {"KEN": 0.3}


def test_names_in_a_script_without_capitals_match_as_whole_words() -> None:
    cues = CountryCues({"دعم سريع": (("SDN", 1.0),), "shabaab": (("SOM", 1.0),)})
    # The article and the prefix "and" fold away: "والدعم السريع" is "دعم سريع".
    assert cues.votes("اشتباكات بين الجيش والدعم السريع") == {"SDN": 1.0}
    assert cues.votes("دعم الأسعار السريع") == {}  # the words, but not the name
