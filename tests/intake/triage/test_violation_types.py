from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import shared_path
from tocsin.intake.triage.violation_types import VIOLATION_CODES, violation_type_of


def test_codes_are_the_stable_nine() -> None:
    assert VIOLATION_CODES == (
        "attack_on_civilians",
        "sexual_violence",
        "abduction_disappearance",
        "looting_destruction",
        "armed_clash",
        "remote_violence",
        "protest_repression",
        "arrest_detention",
        "other",
    )


@pytest.mark.parametrize(
    ("event", "sub", "code"),
    [
        ("Violence against civilians", "Attack", "attack_on_civilians"),
        ("Violence against civilians", "Sexual violence", "sexual_violence"),
        ("Violence against civilians", "Abduction/forced disappearance", "abduction_disappearance"),
        ("Strategic developments", "Looting/property destruction", "looting_destruction"),
        ("Battles", "Government regains territory", "armed_clash"),
        ("Explosions/Remote violence", "Remote explosive/landmine/IED", "remote_violence"),
        ("Explosions/Remote violence", "Chemical weapon", "other"),  # not listed in the issue
        ("Riots", "Mob violence", "protest_repression"),
        ("Protests", "Excessive force against protesters", "protest_repression"),
        ("Strategic developments", "Arrests", "arrest_detention"),
        ("Strategic developments", "Agreement", "other"),
        ("Strategic developments", "A sub-event added next year", "other"),
        ("  battles ", " armed  CLASH ", "armed_clash"),
    ],
)
def test_current_schema(event: str, sub: str, code: str) -> None:
    assert violation_type_of(event, sub) == code


@pytest.mark.parametrize(
    ("event", "code"),
    [
        ("Battle-No change of territory", "armed_clash"),
        ("Battle-Non-state actor overtakes territory", "armed_clash"),
        ("Remote violence", "remote_violence"),
        ("Riots/Protests", "protest_repression"),
        ("Violence against civilians", "attack_on_civilians"),
        ("Strategic development", "other"),
        ("Headquarters or base established", "other"),
    ],
)
def test_legacy_schema_without_sub_event(event: str, code: str) -> None:
    assert violation_type_of(event, None) == code
    assert violation_type_of(event, "") == code


def test_unknown_event_types_are_not_guessed() -> None:
    assert violation_type_of("Picnic", None) is None
    assert violation_type_of("Picnic", "Sandwiches") is None
    assert violation_type_of(None, None) is None


@pytest.mark.shared_data
@pytest.mark.parametrize("name", ["acled_burkina_faso.csv", "acled_africa_2016_legacy_schema.csv"])
def test_every_event_of_the_reference_files_maps(name: str) -> None:
    frame = pd.read_csv(shared_path("acled", name), dtype=str, keep_default_na=False)
    subs = frame["sub_event_type"] if "sub_event_type" in frame else [""] * len(frame)
    codes = [violation_type_of(e, s) for e, s in zip(frame["event_type"], subs, strict=True)]
    assert None not in codes
