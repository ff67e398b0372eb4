from __future__ import annotations

from tocsin.intake.triage.cue_matching import CueMatcher, fold_for_cues

MATCHER = CueMatcher(
    {
        "word": ["arms"],
        "stem": ["massacr*"],
        "phrase": ["state of emergency", "enfant* soldat*"],
        "inside": ["اغتصب", "မုဒိမ်း"],
    }
)


def found(text: str) -> list[str]:
    return MATCHER.matches(fold_for_cues(text))


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
