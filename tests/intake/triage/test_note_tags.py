from __future__ import annotations

import pytest

from tocsin.intake.triage.note_tags import leading_tag, tagged_type
from tocsin.intake.triage.violation_types import ViolationType


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Movement of forces: On 27 December 2022, armed men were seen.", ViolationType.OTHER),
        ("Displacement: Around 15 October 2022 (month of), residents left.", ViolationType.OTHER),
        ("Non-violent activity: On 21 October 2022, a sermon.", ViolationType.OTHER),
        ("Coup/Military takeover: On 24 January 2022, soldiers ...", ViolationType.OTHER),
        ("Security Measures: On 3 May 2013, a curfew.", ViolationType.OTHER),
        (
            "Property destruction: On 8 February 2022, youths burned camps.",
            ViolationType.LOOTING_DESTRUCTION,
        ),
        (
            "Land seizure: Around 1 September 2022, residents grabbed land.",
            ViolationType.LOOTING_DESTRUCTION,
        ),
        ("Arrests: On 2 May 2021, police arrested ten.", ViolationType.ARREST_DETENTION),
    ],
)
def test_acled_tags_stand_for_their_type(text: str, expected: ViolationType) -> None:
    assert tagged_type(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "On 13 November 2020, French forces struck near Tin-Akoff.",
        "Gunfire signalled in Djibo: On 3 May 2017, shots were heard.",  # not one of ACLED's tags
        "At 13:45: soldiers opened fire.",
        "They came at night: the whole village fled. Displacement: all of us.",
        "",
    ],
)
def test_other_openings_are_not_tags(text: str) -> None:
    assert tagged_type(text) is None


def test_the_tag_is_read_as_written() -> None:
    assert leading_tag("Movement of forces: armed men") == "Movement of forces"
    assert leading_tag("armed men: seen") is None
