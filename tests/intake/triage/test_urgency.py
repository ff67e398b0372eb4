from __future__ import annotations

import pytest

from tocsin.intake.triage.urgency import HIGH, IMMINENT, ROUTINE, assess_urgency


@pytest.mark.parametrize(
    "text",
    [
        "Armed men have surrounded our village and say they will burn it tonight. Please help!",
        "Des hommes armés encerclent le village et menacent de tuer tout le monde demain.",
        "المسلحون يحاصرون القرية ويهددون بإحراقها الليلة",
        "They are going house to house with a list of names right now.",
        "Fighters are massing near the camp and gave an ultimatum to leave.",
    ],
)
def test_imminent_threats(text: str) -> None:
    assert assess_urgency(text).level == IMMINENT


@pytest.mark.parametrize(
    "text",
    [
        "The army warned residents to leave the area.",
        "Militia convoys were seen advancing towards the town.",
        "Les tirs sont toujours en cours dans le quartier.",
    ],
)
def test_one_signal_of_danger_is_high(text: str) -> None:
    assert assess_urgency(text).level == HIGH


@pytest.mark.parametrize(
    "text",
    [
        "On 13 November 2020, French forces conducted airstrikes. Casualties unknown.",
        "Students marched peacefully last week to demand their grants.",
        "The village was not surrounded and nobody threatened anyone.",
        "Les soldats n'ont pas menacé les habitants.",
        "",
    ],
)
def test_reports_of_past_events_are_routine(text: str) -> None:
    assessment = assess_urgency(text)
    assert assessment.level == ROUTINE and assessment.signals == () and assessment.score == 0.0


def test_score_orders_reports_within_a_level() -> None:
    stronger = assess_urgency("They surrounded us and threatened to kill us tonight, please help!")
    weaker = assess_urgency("They threatened to come back tonight.")
    assert stronger.level == weaker.level == IMMINENT
    assert stronger.score > weaker.score
    assert set(stronger.signals) == {"threat", "mobilisation", "immediacy", "plea"}


def test_a_negation_in_another_clause_leaves_the_warning() -> None:
    assert assess_urgency(
        "Nobody came to help, they are surrounding the village tonight."
    ).level == (IMMINENT)
