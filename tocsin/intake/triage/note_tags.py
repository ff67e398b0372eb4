"""The tags ACLED opens some notes with ("Movement of forces: On 27 December 2022, ...").

Since about 2017, and for most of them since 2022, ACLED's coders open the note of a strategic
development with a short tag naming what kind it is: "Displacement:", "Non-violent activity:",
"Security measures:", "Looting:", "Property destruction:", "Arrests:". The tag is the coder's
own classification, and the type it stands for is fixed: the looting tags are ACLED's
"Looting/property destruction" sub-event, "Arrests:" its "Arrests", every other tag one of the
sub-events that map to `other`. A classifier trained on notes from before the tags spread (the
Burkina Faso file ends in 2020) has seen few of them: trained on Benin's notes up to 2021, it
found 2 of the 42 strategic developments of 2022, of which 35 carry a tag. So the classifier
takes a known tag as the coder's word for the type (`ViolationClassifier.predict_proba`), and
the embedding, cut after 24 tokens, keeps the tag in front of the text and drops the date
after it. A feature column for the tag, weighed from the data, did as well on tagged notes but
worse on untagged arrests, whose word "arrested" it made the model trust less. Community
reports do not open with these tags; one that does ("Displacement: ...") means the same.
"""

from __future__ import annotations

import re

from tocsin.intake.triage.violation_types import ViolationType

# A leading "Tag:" of at most five words, no digits (not "13:45") and no sentence in it.
LEADING_TAG = re.compile(r"^\s*([A-Z][A-Za-z'/-]*(?:[ -][A-Za-z'/-]+){0,4})\s*:\s+")

# The tags ACLED uses, folded to lower case, by the violation type each one stands for.
_TAGS: dict[ViolationType, tuple[str, ...]] = {
    ViolationType.LOOTING_DESTRUCTION: (
        "looting",
        "property destruction",
        "looting/property destruction",
        "land seizure",
    ),
    ViolationType.ARREST_DETENTION: ("arrests", "arrest"),
    ViolationType.OTHER: (
        "agreement",
        "peace agreement",
        "ceasefire",
        "change to armed group",
        "change to group/activity",
        "coup/military takeover",
        "coup",
        "defusal",
        "detonation",
        "disrupted weapons use",
        "displacement",
        "formation of armed group",
        "headquarters or base established",
        "movement of forces",
        "non-violent activity",
        "non-violent transfer of territory",
        "other",
        "recruitment",
        "security measures",
        "strikes",
        "weapons seizure",
    ),
}
TAG_TYPES: dict[str, ViolationType] = {tag: kind for kind, tags in _TAGS.items() for tag in tags}


def leading_tag(text: str) -> str | None:
    """The note's opening tag as written ("Movement of forces"), or None."""
    found = LEADING_TAG.match(text)
    return found.group(1) if found else None


def tagged_type(text: str) -> ViolationType | None:
    """The violation type an ACLED tag at the head of `text` stands for, if it opens with one."""
    tag = leading_tag(text)
    return TAG_TYPES.get(tag.lower()) if tag else None
