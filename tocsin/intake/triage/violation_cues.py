"""Words that name sexual violence outright, in English, French, Arabic and Burmese.

Sexual violence is the rarest type in ACLED (6 of 2,980 Burkina Faso notes) and the gravest to
miss, and its notes usually describe an attack as well ("attacked the residence ... and sexually
assaulted his wives"), which the classifier's other features read as an attack. ACLED codes such
an event as sexual violence whenever sexual violence occurs. The presence of one of these words
is therefore given to the classifier as a feature of its own: it learns from the data how
decisive the word is, but no longer has to find it among thousands of character n-grams.

A word that names the violence as what people protest against ("a vigil condemning the sexual
violence women demonstrators faced") reports a protest, as ACLED codes it, not the violence:
a match that a word of protest precedes in its sentence is no cue. ("Marché", a market, and
"March", a month, are no such word.)
"""

from __future__ import annotations

import re

from tocsin.intake.triage.folding import APOSTROPHES, fold

# Folded forms; Arabic and Burmese attach particles to words, so they match inside words.
# "Sexual" alone is no cue: "accused of sexual misconduct", "sexual minorities" name no violence.
_SEXUAL_HARMS = (
    "violence|assault|abuse|exploitation|slavery|enslavement|harassment|attack|violation|crime"
    "|torture|mutilation|servitude"
)
_SEXUELLES = (
    "violences?|agressions?|abus|exploitations?|esclavage|harcelements?|crimes?|mutilations?"
)
_LATIN = (
    r"rapes?|raped|raping|rapists?|gang\s+rap\w*|sexually"
    rf"|sexual\s+(?:and\s+gender\W*based\s+)?(?:{_SEXUAL_HARMS})\w*"
    rf"|molest\w*|viols?|violee?s?|violer|sexuellement|(?:{_SEXUELLES})\s+sexuel\w*"
)
_OTHER = "اغتص|عنف جنسي|اعتداء جنسي|تحرش جنسي|استعباد جنسي|မုဒိမ်း|လိင်ပိုင်း"
_SEXUAL_VIOLENCE = re.compile(rf"(?<!\w)(?:{_LATIN})(?!\w)|{_OTHER}")
_PROTEST = re.compile(
    r"(?<!\w)(?:protest\w*|vigils?|demonstrat\w*|marched|marchers?|marcheurs?|rall(?:y|ied|ies)"
    r"|sit\W?ins?"
    r"|condemn\w*|denounc\w*|demand\w*|manifest\w*|denon\w*|condamn\w*|reclam\w*)(?!\w)"
    r"|احتج|تظاهر|ندد|استنكر|ဆန္ဒပြ"
)
_SENTENCE_END = re.compile(r"(?<=[.!?؟။])\s+")


def names_sexual_violence(text: str) -> bool:
    """Whether `text` uses a word that names sexual violence outright, other than as the cause
    of a protest."""
    for sentence in _SENTENCE_END.split(APOSTROPHES.sub(" ", text)):
        folded = fold(sentence)
        for match in _SEXUAL_VIOLENCE.finditer(folded):
            if not _PROTEST.search(folded[: match.start()]):
                return True
    return False
