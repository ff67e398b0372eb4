"""The violation types a report is triaged into, and how ACLED's event types map onto them.

The codes are stable: they are stored with every triage result and used by analysts' confirmed
labels, so a code is never renamed, only added. The mapping makes ACLED's `notes` labelled data:
a note of sub-event "Attack" is an example of `attack_on_civilians`, and so on (issue #4).
"""

from __future__ import annotations

from enum import StrEnum


class ViolationType(StrEnum):
    ATTACK_ON_CIVILIANS = "attack_on_civilians"
    SEXUAL_VIOLENCE = "sexual_violence"
    ABDUCTION_DISAPPEARANCE = "abduction_disappearance"
    LOOTING_DESTRUCTION = "looting_destruction"
    ARMED_CLASH = "armed_clash"
    REMOTE_VIOLENCE = "remote_violence"
    PROTEST_REPRESSION = "protest_repression"
    ARREST_DETENTION = "arrest_detention"
    OTHER = "other"


VIOLATION_CODES: tuple[str, ...] = tuple(v.value for v in ViolationType)

# Current ACLED schema (2019-): sub-event type -> violation type. Every sub-event not listed,
# including "Chemical weapon", "Agreement", "Change to group/activity", "Disrupted weapons use",
# "Headquarters or base established", "Non-violent transfer of territory" and "Other", is
# `other`, as the issue says.
_BY_SUB_EVENT = {
    "attack": ViolationType.ATTACK_ON_CIVILIANS,
    "sexual violence": ViolationType.SEXUAL_VIOLENCE,
    "abduction/forced disappearance": ViolationType.ABDUCTION_DISAPPEARANCE,
    "looting/property destruction": ViolationType.LOOTING_DESTRUCTION,
    "armed clash": ViolationType.ARMED_CLASH,
    "government regains territory": ViolationType.ARMED_CLASH,
    "non-state actor overtakes territory": ViolationType.ARMED_CLASH,
    "air/drone strike": ViolationType.REMOTE_VIOLENCE,
    "shelling/artillery/missile attack": ViolationType.REMOTE_VIOLENCE,
    "remote explosive/landmine/ied": ViolationType.REMOTE_VIOLENCE,
    "suicide bomb": ViolationType.REMOTE_VIOLENCE,
    "grenade": ViolationType.REMOTE_VIOLENCE,
    "peaceful protest": ViolationType.PROTEST_REPRESSION,
    "protest with intervention": ViolationType.PROTEST_REPRESSION,
    "excessive force against protesters": ViolationType.PROTEST_REPRESSION,
    "violent demonstration": ViolationType.PROTEST_REPRESSION,
    "mob violence": ViolationType.PROTEST_REPRESSION,
    "arrests": ViolationType.ARREST_DETENTION,
}

# Event types alone: the legacy schema (before 2019: "Battle-No change of territory", "Riots/
# Protests", ...) had no sub-event column, and a current file may leave a sub-event blank.
# Legacy "Violence against civilians" cannot tell an abduction or a rape from a killing; it maps
# to the largest of the three, `attack_on_civilians`. Legacy "Strategic development" held
# looting and arrests among much else; it maps to `other`.
_BY_EVENT_TYPE = {
    "battles": ViolationType.ARMED_CLASH,
    "battle-no change of territory": ViolationType.ARMED_CLASH,
    "battle-government regains territory": ViolationType.ARMED_CLASH,
    "battle-non-state actor overtakes territory": ViolationType.ARMED_CLASH,
    "explosions/remote violence": ViolationType.REMOTE_VIOLENCE,
    "remote violence": ViolationType.REMOTE_VIOLENCE,
    "violence against civilians": ViolationType.ATTACK_ON_CIVILIANS,
    "protests": ViolationType.PROTEST_REPRESSION,
    "riots": ViolationType.PROTEST_REPRESSION,
    "riots/protests": ViolationType.PROTEST_REPRESSION,
    "strategic developments": ViolationType.OTHER,
    "strategic development": ViolationType.OTHER,
    "non-violent transfer of territory": ViolationType.OTHER,
    "headquarters or base established": ViolationType.OTHER,
}


def _key(value: str | None) -> str:
    return " ".join((value or "").split()).casefold()


def violation_type_of(event_type: str | None, sub_event_type: str | None = None) -> str | None:
    """The violation code of an ACLED event, or None for an event type ACLED never used.

    A known sub-event decides; an unknown one (a sub-event ACLED adds later) is `other` when
    the event type is known, as the issue's "every remaining sub-event" says; a blank one
    falls back to the event type.
    """
    sub = _key(sub_event_type)
    event = _key(event_type)
    if sub:
        if sub in _BY_SUB_EVENT:
            return _BY_SUB_EVENT[sub].value
        return ViolationType.OTHER.value if event in _BY_EVENT_TYPE or not event else None
    found = _BY_EVENT_TYPE.get(event)
    return found.value if found else None
