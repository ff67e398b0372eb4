"""Words that name sexual violence, an abduction or a weapon used from afar outright (English,
French, Arabic, Burmese).

Sexual violence is the rarest type in ACLED (6 of 2,980 Burkina Faso notes) and the gravest to
miss, and its notes usually describe an attack as well ("attacked the residence ... and sexually
assaulted his wives"), which the classifier's other features read as an attack. ACLED codes such
an event as sexual violence whenever sexual violence occurs. The presence of one of these words
is therefore given to the classifier as a feature of its own: it learns from the data how
decisive the word is, but no longer has to find it among thousands of character n-grams.

A word that names the violence as what people protest against ("a vigil condemning the sexual
violence women demonstrators faced") reports a protest, as ACLED codes it, not the violence:
a match that a word of protest precedes in its sentence is no cue. ("Marché", a market, and
"March", a month, are no such word.) Nor is violence named as what the event avenges: "militia
clashed ... in a retaliatory response to the rape of a woman" is a clash.

Abductions are the other rare type that files with few of them never teach: in a Kenyan year
with one abduction to learn from, "Al Shabaab militants kidnapped two civilians" reads as an
armed clash. ACLED codes an abduction as "Abduction/forced disappearance" only when it is the
whole of the violence: people killed, wounded or beaten in it make it an attack. So a note that
names an abduction (not an attempted one, not as the cause of a protest) and names no other
harm anywhere is an abduction (`names_abduction`); the classifier takes that as decided.

Remote violence (air and drone strikes, shelling, mines, IEDs, grenades) is common, but the
exemplars of an untrained install hold few of its words, and ACLED's notes bury them behind a
place: Myanmar's "a landmine ... exploded" read as `other`, Syria's "shelled ... with artillery"
as a clash. Naming such a weapon is a feature column too (`names_remote_weapon`), weighed from
the data like the sexual-violence one. A weapon found, defused, recovered or being planted is
ACLED's "Disrupted weapons use", `other`, and no cue; nor is one a sentence about a protest names
("students protested against the Israeli bombardment of Gaza").
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
# Violence named as what provoked the event: "clashed in retaliation for the rape of a woman".
_RETALIATION = re.compile(
    r"(?<!\w)(?:retaliat\w*|response|revenge|reprisals?|vengeance|represailles?)"
    r"\s+(?:for|to|of|against|over|pour|a|contre|de)(?!\w)|انتقاما|ردا علي|ثارا"
)
_SENTENCE_END = re.compile(r"(?<=[.!?؟။])\s+")

# "Hostage" and "ransom" are no cue: attacks in which people die take hostages too.
_ABDUCTION = re.compile(
    r"(?<!\w)(?<!attempted to )(?<!tried to )(?:kidnap\w*|abduct\w*|enleve\w*|enlevements?"
    r"|rapts?|disappeared)(?!\w)|اختطف|خطف|ပြန်ပေးဆွဲ"
)
_OTHER_HARM = re.compile(
    r"(?<!\w)(?:kill\w*|dead|died|dies|death\w*|bod(?:y|ies)|murder\w*|behead\w*"
    r"|execut(?:e|ed|es|ee|ees|ing|ions?)"
    r"|fatalit\w*|violen\w*|clash\w*|fight(?:s|ing)?|fought|affrontements?|combats?|wound\w*"
    r"|injur\w*|tortur\w*|assault\w*|beat(?:en|ing)?|shot|tuee?s?|morts?"
    r"|deced\w*|cadavres?|corps|assassin\w*|blesse\w*|frappe\w*)(?!\w)"
    r"|قتل|جث|جرح|عنف|اشتباك|اصاب|تعذيب|သေဆုံး|ဒဏ်ရာ"
)


def _named_as_the_event(pattern: re.Pattern[str], text: str) -> bool:
    # Texts are folded (hamza seats and taa marbuta unified), so the Arabic above is folded too.
    for sentence in _SENTENCE_END.split(APOSTROPHES.sub(" ", text)):
        folded = fold(sentence)
        for match in pattern.finditer(folded):
            before = folded[: match.start()]
            if not (_PROTEST.search(before) or _RETALIATION.search(before)):
                return True
    return False


# Weapons fired or set off from a distance, ACLED's remote violence: (air/drone) strikes,
# warplanes, shelling, mortars, rockets, missiles, bombs, explosions, IEDs, mines, grenades.
_REMOTE_WEAPON = re.compile(
    r"(?<!\w)(?:air\s*strikes?|airstrikes?|air\s*raids?|air\s*forces?|aerial|aircrafts?|jets?"
    r"|drones?|warplanes?|fighter\s+jets?"
    r"|gunships?|shell(?:s|ed|ing)|artillery|howitzers?|mortars?|rockets?"
    r"|missiles?|projectiles?|bomb(?:s|ed|ing|ings|ard\w*)?|explos\w*|explod\w*|ordnance"
    r"|ieds?|land\s*mines?|mines?\s+explod\w*|grenades?|frappes?\s+aeriennes?|bombard\w*"
    r"|obus|mortiers?|roquettes?|engins?\s+explosifs?|mines?\s+(?:anti\w*|artisanales?)|kamikazes?)(?!\w)"
    r"|قصف|غار[هة]|عبو[هة] ناسف|لغم|صاروخ|قذيف|هاون|انفجر|انفجار|طائر[هة] مسير|طائر[هة] حربي"
    r"|ဗုံး|မိုင်း|လက်နက်ကြီး|လေကြောင်း|ပေါက်ကွဲ"
)


# A weapon found, defused or being planted is ACLED's "Disrupted weapons use" (other), not a use.
_DISRUPTED = re.compile(
    r"(?<!\w)(?:defus\w*|disarm\w*|dismantl\w*|deactivat\w*|neutrali[sz]\w*|plant(?:ing)?"
    r"|found|discover\w*|recover\w*|seiz\w*|caches?|desamorc\w*|decouv\w*|sais\w*)(?!\w)"
    r"|فكك|ابطل|ضبط|عثر"
)
# How near the weapon (characters before and after) such a word must be: "dismantled an IED", "an
# IED planted on the road was defused", not "found the bodies after an airstrike".
_DISRUPTED_BEFORE = 20
_DISRUPTED_AFTER = 40


def names_remote_weapon(text: str) -> bool:
    """Whether `text` names a weapon fired or set off from a distance, other than in a sentence
    about a protest, and not as one found, defused or being planted."""
    for sentence in _SENTENCE_END.split(APOSTROPHES.sub(" ", text)):
        folded = fold(sentence)
        if _PROTEST.search(folded):
            # What a protest denounces ("against the Israeli bombardment of Gaza"), or what
            # put one down, which ACLED codes as the protest's repression.
            continue
        for match in _REMOTE_WEAPON.finditer(folded):
            start, end = max(0, match.start() - _DISRUPTED_BEFORE), match.end() + _DISRUPTED_AFTER
            if _DISRUPTED.search(folded[start:end]) is None:
                return True
    return False


def names_sexual_violence(text: str) -> bool:
    """Whether `text` uses a word that names sexual violence outright, other than as what a
    protest denounces or an attack avenges."""
    return _named_as_the_event(_SEXUAL_VIOLENCE, text)


def names_abduction(text: str) -> bool:
    """Whether `text` names an abduction, other than as what a protest denounces or an attack
    avenges, and no death, wound, beating or clash."""
    if _OTHER_HARM.search(fold(APOSTROPHES.sub(" ", text))):
        return False
    return _named_as_the_event(_ABDUCTION, text)
