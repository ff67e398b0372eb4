from __future__ import annotations

import pytest

from tocsin.intake.triage.country_cues import CountryCues
from tocsin.intake.triage.country_names import countries
from tocsin.intake.triage.known_actors import _KNOWN_ACTOR_LINES, known_actor_cues


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("FARDC soldiers clashed with Mai-Mai militiamen in a village.", "COD"),
        ("Houthis shelled the old town.", "YEM"),
        ("Al Shabaab militants attacked a checkpoint.", "SOM"),
        ("The RSF looted the market.", "SDN"),
        ("Suspected UPND cadres beat a PF member.", "ZMB"),
        ("Tatmadaw troops burned the village.", "MMR"),
        ("Jubo League activists attacked the BNP chairperson's office.", "BGD"),
        ("Los Choneros gunmen stormed the prison.", "ECU"),
        ("هاجمت قوات الدعم السريع قرية", "SDN"),  # the RSF attacked a village
        ("قصف الحوثيون المدينة", "YEM"),  # the Houthis shelled the city
    ],
)
def test_a_known_group_points_to_where_it_fights(text: str, country: str) -> None:
    votes = known_actor_cues().votes(text)
    assert max(votes, key=lambda iso3: votes[iso3]) == country


def test_a_group_of_several_countries_votes_for_each_by_its_share() -> None:
    votes = known_actor_cues().votes("Boko Haram raided the village.")
    assert votes["NGA"] == 1.0 and 0 < votes["CMR"] < 1.0 and "KEN" not in votes


def test_every_country_is_a_real_code_and_every_share_a_fraction() -> None:
    codes = {iso3 for iso3, _ in countries().values()}
    for name, gains in known_actor_cues().table.items():
        assert name and name == name.lower() and name == name.strip(), name
        assert gains[0][1] == 1.0, name  # the first country is where most of its events are
        for iso3, share in gains:
            assert iso3 in codes and 0 < share <= 1.0, (name, iso3)


def test_every_name_as_written_is_found() -> None:
    # Names with small or common words inside ("Clan del Golfo", "Sudan Liberation Army") too.
    cues = known_actor_cues()
    for line in _KNOWN_ACTOR_LINES.strip().splitlines():
        for name in line.partition("|")[0].split(";"):
            assert cues.votes(f"Members of {name.strip()} attacked the town."), name
    assert "jamaat e islami" in cues.phrases and "awami league" not in cues.phrases
    # Kept through merging and filtering, as the pipeline does.
    merged = CountryCues({"upnd": (("ZMB", 1.0),)}).over(cues)
    assert merged.votes("Clan del Golfo fighters attacked a village.") == {"COL": 1.0}
    assert cues.only_for("COL").phrases == {"clan del golfo"}


def test_groups_active_everywhere_say_nothing() -> None:
    assert known_actor_cues().votes("Islamic State and al-Qaeda claimed it.") == {}


def test_arabic_words_that_are_also_common_words_are_no_cue() -> None:
    # "The youth of the village", "two students were killed", "with zeal".
    for text in ("تظاهر شباب القرية", "قتل طالبان", "هتفوا بحماس"):
        assert known_actor_cues().votes(text) == {}
