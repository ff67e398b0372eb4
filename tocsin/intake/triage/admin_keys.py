"""A unit's name as two sources can agree on it: the key by which units are matched across the
P-code file, GeoNames, ACLED and a deployment's own files.
"""

from __future__ import annotations

import functools
import re

from tocsin.intake.triage.folding import fold

# Words that name the kind of an administrative unit rather than the unit ("Soum Province",
# "Province du Soum", "Wilayat Kassala"), and articles: dropped when names from two sources are
# compared. The Arabic article is written as said before some letters: "Aj Jazirah" (the P-code
# file) is ACLED's "Al Jazirah".
_KIND_WORDS = """
province provincia region regione state etat estado governorate gouvernorat muhafazah muhafazat
wilaya wilayah district departement department county municipality prefecture territory division
zone city oblast raion rayon rayonu
"""
_ARTICLES = """
of de du des la le l d al el ad adh an ar as ash at ath az aj
"""
# A word of a unit's kind alone names no place in a text: "Sports City" and "Modern Basra City"
# of a report from Basra are no Saint Lucian district "City".
UNIT_KIND_WORDS = frozenset(_KIND_WORDS.split())
_DESIGNATORS = UNIT_KIND_WORDS | frozenset(_ARTICLES.split())
# "Province de l'Oudalan": the elided article is a word of its own here.
_ELISION = re.compile("\\b([ldLD])['\u2019]")


# An opening title one source abbreviates and another spells out ("Mt. Elgon", "Mount Elgon").
TITLES = {"mt": "mount", "st": "saint", "ste": "sainte", "sta": "santa"}


# Kept: duplicate detection compares every close pair's units, the same few names many times.
@functools.lru_cache(maxsize=65_536)
def admin_key(name: str) -> str:
    """A unit's name as two sources can agree on it: folded, without designator words, with
    an opening title spelt out."""
    folded = fold(_ELISION.sub(" ", name))
    parts = [w for w in folded.split() if w not in _DESIGNATORS]
    if len(parts) > 1 and parts[0] in TITLES:
        parts[0] = TITLES[parts[0]]
    return " ".join(parts) or folded
