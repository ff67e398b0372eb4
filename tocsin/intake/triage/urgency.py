"""Whether a report warns of violence about to happen: "imminent", "high" or "routine".

Most reports describe what already happened; a few warn of what is coming, and those are the
ones an early-warning desk must read first. We look for five kinds of signal, in English, French,
Arabic and Burmese: a threat or ultimatum; forces massing, advancing or encircling; lists of
targets or marked houses; a time that is now or soon ("tonight", "demain", "الليلة"); a plea for
help. Violence described as still going on counts as well.

The output is a level rather than a bare flag because desks triage in three tiers: `imminent`
when a threat, mobilisation, target list or ongoing violence comes with immediacy or a plea, or
two of those four come together (or any three kinds of signal), `high` for any one signal of
danger on its own, `routine` otherwise. `UrgencyAssessment.score` keeps the weighted count,
for sorting within a level.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from tocsin.intake.triage.cue_matching import CueMatcher

IMMINENT, HIGH, ROUTINE = "imminent", "high", "routine"
URGENCY_LEVELS = (IMMINENT, HIGH, ROUTINE)

_SIGNALS: dict[str, tuple[float, str]] = {
    "threat": (
        2.0,
        "threaten*; ultimatum; will kill; will burn; will attack; will come back; warned; "
        "gave us until; leave or; or be killed; menac*; vont tuer; vont bruler; vont revenir; "
        "ont averti; quitter le village; sinon; هدد; تهديد; انذار; مهله; سيقتل; سيعود; "
        "سيحرق; ခြိမ်းခြောက်",
    ),
    "mobilisation": (
        2.0,
        "massing; amass*; gathering near; convoy heading; heading towards; advancing; "
        "approaching; surround*; encircl*; besieg*; preparing to attack; reinforcements; "
        "encercl*; assieg*; se rassemblent; se dirige* vers; avancent; approchent; "
        "prepar* une attaque; renforts; حشد; تحشد; تطويق; يطوقون; محاصر; يحاصر; يقترب; "
        "تتقدم; ဝိုင်းထား; စုရုံး",
    ),
    "targets": (
        2.0,
        "list of names; lists of; names on a list; marked houses; houses were marked; "
        "house to house; door to door; liste de noms; listes; maisons marquees; "
        "porte a porte; قائمه; قوائم; منزل منزل; بيتا بيتا; စာရင်း",
    ),
    "ongoing": (
        1.5,
        "are shooting; still shooting; is ongoing; ongoing; are burning; are being killed; "
        "currently; en cours; tirent; sont en train; toujours en train; جاري; مستمر; "
        "يطلقون نار; ဆက်လက်",
    ),
    "immediacy": (
        1.0,
        "tonight; tomorrow; right now; at this moment; within hours; in the coming hours; "
        "imminent*; this evening; before dawn; any moment; ce soir; cette nuit; demain; "
        "maintenant; en ce moment; dans les prochaines heures; d un moment a l autre; "
        "ليله; غدا; الان; حاليا; خلال ساعات; وشيك; ယနေ့ည; မနက်ဖြန်; အခု",
    ),
    "plea": (
        1.0,
        "help us; please help; urgent*; sos; trapped; save us; aidez; au secours; "
        "pris au piege; sauvez; ساعدونا; نجده; عاجل; انقذونا; ကူညီ; အရေးပေါ်",
    ),
}
_DANGER = frozenset({"threat", "mobilisation", "targets", "ongoing"})
_PRESSING = frozenset({"immediacy", "plea"})


@dataclass(frozen=True, slots=True)
class UrgencyAssessment:
    level: str
    score: float
    signals: tuple[str, ...]


@functools.cache
def _matcher() -> CueMatcher[str]:
    return CueMatcher({name: cues.split(";") for name, (_, cues) in _SIGNALS.items()})


def assess_urgency(text: str) -> UrgencyAssessment:
    found = tuple(_matcher().matches(text))
    score = sum((_SIGNALS[name][0] for name in found), 0.0)
    danger = _DANGER.intersection(found)
    if (danger and _PRESSING.intersection(found)) or len(danger) >= 2 or len(found) >= 3:
        level = IMMINENT
    elif danger or len(found) >= 2:
        level = HIGH
    else:
        level = ROUTINE
    return UrgencyAssessment(level, score, found)
