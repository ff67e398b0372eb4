from __future__ import annotations

import pytest

from tocsin.intake.triage.cue_matching import CueMatcher, cue_text, fold_for_cues

MATCHER = CueMatcher(
    {
        "word": ["arms"],
        "stem": ["massacr*"],
        "phrase": ["state of emergency", "enfant* soldat*"],
        "inside": ["اغتصب", "မုဒိမ်း"],
    }
)


def found(text: str) -> list[str]:
    return MATCHER.matches(text)


def test_each_kind_of_cue() -> None:
    assert found("They carried ARMS.") == ["word"]
    assert found("Villagers were massacred") == ["stem"]
    assert found("A State  of Emergency was declared") == ["phrase"]
    assert found("des enfants soldats") == ["phrase"]
    assert found("واغتصبوا امرأة") == ["inside"]  # the particle is attached to the word
    assert found("မုဒိမ်းကျင့်ခဲ့သည်") == ["inside"]


def test_whole_words_only_and_lists_in_their_order() -> None:
    assert found("the armsmith and the state emergency") == []
    assert found("a massacre of people carrying arms") == ["word", "stem"]
    assert found("") == []


def test_folding_splits_elisions_and_drops_accents() -> None:
    assert fold_for_cues("l'école ÉTAT") == "l ecole etat"


@pytest.mark.parametrize(
    "text",
    [
        "No arms were found in the village.",
        "They didn't carry arms.",
        "Villagers were not massacred",
        "Il n'y a pas de état d'urgence",
        "sans enfants soldats",
        "لم يغتصبوا أحدا",
    ],
)
def test_a_negated_cue_does_not_count(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "No one was spared, they carried arms.",  # another clause
        "No food or water for many days now and men with arms",  # too far back
        "Not only arms but explosives",  # "not only" negates nothing
        "The non-state group carried arms",
    ],
)
def test_a_negation_elsewhere_leaves_the_cue(text: str) -> None:
    assert found(text) != []


def test_a_cue_counts_when_any_occurrence_is_not_negated() -> None:
    assert found("No arms in the north. In the south, arms everywhere.") == ["word"]


def test_words_keep_the_clause_they_started_in() -> None:
    text = cue_text("Help! They are here, tonight.")
    assert text.folded == fold_for_cues("Help! They are here, tonight.")
    assert text.clause_start == (0, 1, 1, 1, 4)
