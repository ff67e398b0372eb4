"""The kinds of violation a community report is filed under, and the UN Framework's risk factors.

The violation types follow ACLED's sub-events, grouped so that a reporter's account and an
ACLED event note land in the same place (the mapping itself lives with triage). The risk
factors are the 14 of the UN Framework of Analysis for Atrocity Crimes (2014).
"""

from __future__ import annotations

VIOLATION_TYPES: dict[str, str] = {
    "attack_on_civilians": "Attack on civilians",
    "sexual_violence": "Sexual violence",
    "abduction_disappearance": "Abduction or enforced disappearance",
    "looting_destruction": "Looting or destruction of property",
    "armed_clash": "Armed clash",
    "remote_violence": "Remote violence (air strike, shelling, explosives)",
    "protest_repression": "Protest and its repression",
    "arrest_detention": "Arrest or detention",
    "other": "Other",
}

RISK_FACTORS: dict[int, str] = {
    1: "Situations of armed conflict or other forms of instability",
    2: "Record of serious violations of international human rights and humanitarian law",
    3: "Weakness of State structures",
    4: "Motives or incentives",
    5: "Capacity to commit atrocity crimes",
    6: "Absence of mitigating factors",
    7: "Enabling circumstances or preparatory action",
    8: "Triggering factors",
    9: "Intergroup tensions or patterns of discrimination against protected groups",
    10: "Signs of an intent to destroy in whole or in part a protected group",
    11: "Signs of a widespread or systematic attack against any civilian population",
    12: "Signs of a plan or policy to attack any civilian population",
    13: "Serious threats to those protected under international humanitarian law",
    14: "Serious threats to humanitarian or peacekeeping operations",
}

URGENCY_LEVELS = ("imminent", "high", "routine")
