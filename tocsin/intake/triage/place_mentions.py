"""Finding the names of places in a text, with how much each one should count.

Matching is on folded words, longest name first. In scripts with capitals a name must start with
one ("Est" the region, not "est" the verb), unless it is a unit's name whose opening qualifier a
sentence writes in lower case ("in rural Damascus", "north Darfur"); a word all in capitals is
taken for an acronym that may name a country ("DRC") but not a town ("VDP", volunteer fighters,
is also a Venezuelan town's code). Each mention gets a salience: names met earlier count more
(reports tend to say where first), and a lone word opening a sentence counts less, since a
capital there says nothing about it being a name ("Police fired ...", and Police is a Polish
town), and a lone word glued to a capitalised word the gazetteer does not know counts less
still, being most likely part of a longer name ("Abu Sleem", "Governor Elias Waya"). English
function words are never one-word towns ("One policeman ..."). A hyphenated compound no name
matches whole is read as its parts when each is a well-known place ("the Mandera-Nairobi road").

Mentions joined only by commas, brackets, unit words or names the gazetteer does not know form
a chain, as in "Tadjo (Gorgadji, Seno)" or "Belehoro (Arbinda), Soum Province": a place and its
parents; so do two joined by "in" ("Mohammadpur in Dhaka city"). The last member of a chain is
the most general, and the surest of its country.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from tocsin.intake.triage.folding import Word, is_unspaced, words
from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind

# Function words of the languages reports arrive in, month and day names, and words of
# institutions' names capitalised inside sentences ("the Presidential Palace", "the High Court"):
# GeoNames lists many of them as towns (Republic, Missouri; Police, Poland), and the P-code file
# has a "Capital" department in several Argentine provinces ("the Capital FM studio" is none).
# Continents and seas too: "Africa" is an old name of Mahdia, Tunisia ("Africa Unity Square",
# Harare), "Asia" a town of the Philippines, "Levant" one of Kansas ("Islamic State in Iraq and
# the Levant").
_NEVER_NAME_WORDS = """
a an the on in at of to by for and or but with from as is was were be this that these those it its
he she they we you his her their our no not all some many several two three four five le la les un
une des du de au aux et ou en dans sur par pour avec ce cette ces il elle ils el los las y o con
por para una uno del al e em na os um uma do da january february march april may june july august
september october november december janvier fevrier mars avril mai juin juillet aout septembre
octobre novembre decembre monday tuesday wednesday thursday friday saturday sunday lundi mardi
mercredi jeudi vendredi samedi dimanche jan feb mar apr jun jul aug sep sept oct nov dec ramadan
eid africa asia america americas europe levant atlantic pacific
"""
_INSTITUTION_WORD_LIST = """
republic president presidential palace police army court
high federal national university union party council ministry forces force air government islamic
democratic liberation front movement justice prison hospital school church mosque market station
camp airport stadium faculty law assembly parliament senate congress commission office embassy
operation brigade battalion division regiment squad unit command capital ward
"""
_INSTITUTION_WORDS = frozenset(_INSTITUTION_WORD_LIST.split())
# Arabic nouns for places and forces ("city", "village", "security"...), as folded (no article),
# which GeoNames also lists as towns (Al Madinah, Emmen).
_NEVER_NAME_WORDS_ARABIC = "مدينه قريه بلده منطقه ولايه محافظه امن جيش شرطه قوات حكومه دوله"
NEVER_NAMES = (
    frozenset(_NEVER_NAME_WORDS.split() + _NEVER_NAME_WORDS_ARABIC.split()) | _INSTITUTION_WORDS
)
# Words of armed groups' names that GeoNames also lists as places ("Boko", a town of Congo, and
# "Haram", of Norway, make "Boko Haram" a chain; Taliban is a village of Turkey; "al-Sham", the
# Levant in "Hayat Tahrir al-Sham" and "Al Sham Corps", is an old name of Damascus; Fano, the
# Amhara militia, a town of Italy; Wagner, the Russian mercenaries, and FAMa, the Malian army,
# towns of Brazil). Unlike the words above they stay names for `country_cues`, where they point
# to where the group fights.
_GROUP_NAME_LIST = """
boko haram taliban hamas hezbollah hizbollah hizbullah houthi houthis huthi huthis shabaab shabab
janjaweed seleka sham fano wagner fama
"""
_GROUP_NAME_WORDS = frozenset(_GROUP_NAME_LIST.split())
NOT_PLACE_WORDS = NEVER_NAMES | _GROUP_NAME_WORDS
# Words for units that may stand between a place and its parent ("Kaya town (Sanmatenga)").
_GAP_UNIT_WORDS = (
    "province|region|state|district|department|county|governorate|township|town|city|village"
    "|area|locality|ward|sub-county|division|neighbou?rhood|oblast|raion|rayon|hromada|tehsil"
    "|upazila|woreda|zone|commune|prefecture|municipality"
)
_CHAIN_GAP = re.compile(r"^(?:[\s,()\[\]]+|" + _GAP_UNIT_WORDS + "|[A-Z][\\w'\u2019-]*)*$")
_MAX_CHAIN_GAP = 48
# "Mohammadpur in Dhaka", "Kaliganj upazila in Gazipur": a place said to be in the next.
_IN_GAP = re.compile(r"^(?:\s+(?:" + _GAP_UNIT_WORDS + r"))?\s+in\s+(?:the\s+)?$")
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n)\W*$")
_OPENING_PENALTY = 0.3
# A one-word town name is taken at its word when a preposition of place comes before it ("in
# Kafe", "near Berlin", "à Kaya", "في كسلا") or when it is part of a chain; otherwise the word
# is as likely a common noun or a person's name ("Forum for Democratic Change", "Grace").
# French "a" for "à" is left out: in English it is the article ("beat a Jubilee MP").
_UNPLACED_PENALTY = 0.4
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|from|to|into|outside|around|towards?|between|and|across|"
    r"à|au|aux|dans|près\s+de|pres\s+de|vers|entre|en|de|du|des|et|sur)"
    r"|(?:في|قرب|من|الى|إلى|بين|و))\s+(?:the\s+|la\s+|le\s+|l')?"
    r"(?:(?:village|town|city|area|commune|district|region|localit[yé]|ville|"
    r"hameau|quartier|camp|مدينة|قرية|بلدة|منطقة|ولاية|محافظة)\s+(?:of\s+|de\s+|d')?)?$",
    re.IGNORECASE,
)
_CHAIN_ANCHOR = 2.0
# A country or its people named as who fights ("Israeli forces", "Russia's armed forces"). French
# says it after the noun and in lower case ("l'armée malienne"), which is never read as a name.
_FORCE_NOUNS = (
    r"forces?|troops|army|military|soldiers|warplanes?|(?:fighter )?jets|aircraft|drones?|navy"
    r"|air ?force|artillery|tanks?|gunboats?|helicopters?|missiles?|(?:air|drone|missile) ?strikes?"
    r"|airstrikes?|shelling|bombardments?|border guards?|marines|militar(?:y|ies)"
)
_AS_WHO_FIGHTS = re.compile(
    r"^(?:'s|\u2019s)?\s+(?:(?:armed|defen[cs]e|national|special|security|air|naval|occupation"
    r"|border|government|regular|coalition|[A-Z][\w-]*)\s+){0,3}(?i:" + _FORCE_NOUNS + r")\b"
)
# A name said of a militia names who fights; the event may be anywhere.
_AS_MILITIA = re.compile(r"^\s+(?:militias?|militiamen|miliciens?|milices?)\b", re.IGNORECASE)
# Whom a protest supports or mourns, up to three words before the name ("in solidarity with the
# people of Gaza", "in support of the Palestinian people"); never across a word of place ("in
# support of the army in Kaya" is in Kaya).
_FOR_WHOM = re.compile(
    r"\b(?:solidarity with|in support of|support for|supporting|solidarit[ée] avec"
    r"|en soutien (?:à|a|au|aux))\s+(?:the\s+|la\s+|le\s+|les\s+)?"
    r"(?:(?!(?:in|at|near|from|to|à|dans)\b)[\w'-]+\s+){0,3}[\"'\u2018\u201c]?$",
    re.IGNORECASE,
)
# What an event is set against, anywhere later in the clause ("in the context of the latest
# round of violence in Israel-Palestine", "to mark the anniversary of Turkey's capture of ...").
_CONTEXT = re.compile(
    r"\b(?:in the context of|anniversary of|dans le contexte d|anniversaire d)[^.;:()]{0,80}$",
    re.IGNORECASE,
)
# A one-word name next to an unknown capitalised word is most likely part of a longer name.
_INSIDE_NAME_PENALTY = 0.3
_UNIT_WORD_LIST = """
province region state district department county governorate prefecture zone commune locality
city town village area municipality division sector wilaya cercle township oblast raion rayon
hromada tehsil upazila woreda kebele payam boma lga
"""
_UNIT_WORDS = frozenset(_UNIT_WORD_LIST.split())
# A unit word beside a name says it names a unit: "Gedo region" is Somalia's region, not the
# Ethiopian town. (A town word says less: "the town of Kwale" is the seat of Kwale county, which
# the gazetteer may not list as a town, so it removes no reading.)
_ADMIN_WORD_LIST = """
province region state district department county governorate prefecture division wilaya cercle
oblast raion rayon lga departement
"""
_ADMIN_WORDS = frozenset(_ADMIN_WORD_LIST.split())
# Countries whose units English calls so, for a name that units of several countries share:
# "Plateau State" is Nigeria's, not Benin's Plateau department.
_STATE_COUNTRIES = """
NGA SSD SDN MMR IND MEX BRA VEN USA MYS AUS DEU AUT SOM ETH FSM
"""
_GOVERNORATE_COUNTRIES = """
YEM SYR IRQ EGY JOR LBN TUN OMN BHR KWT PSE
"""
_UNITS_CALLED = {
    "state": frozenset(_STATE_COUNTRIES.split()),
    "governorate": frozenset(_GOVERNORATE_COUNTRIES.split()),
}
_OF = frozenset(("of", "de", "du", "d"))
# Words that make a place's name the name of a feature of it ("Lamu Island", "Shabelle River").
_FEATURE_WORD_LIST = """
island islands river lake mount mountain mountains hill hills valley road highway bridge border
forest bay coast beach port
"""
_FEATURE_WORDS = frozenset(_FEATURE_WORD_LIST.split())
# Salience halves by the 30th word: reports tend to say where first.
DECAY_WORDS = 30.0
# Code points, not letters: "ရှမ်းပြည်နယ်မြောက်ပိုင်း" (northern Shan State) takes 24.
LONGEST_UNSPACED = 24
# A city this big is well known: its name is meant even inside a compound or misspelt.
LARGE_CITY = 100_000
_SHORTEST_UNSPACED = 3

_Span = tuple[int, int, int, tuple[Place, ...]]
# Lower-case words that open some units' names ("Rural Damascus", "North Darfur", "Upper Nile",
# "Lower Shabelle", "Northern Bahr el Ghazal"), which a sentence may write in lower case.
_QUALIFIER_LIST = """
rural north south east west northern southern eastern western upper lower central middle
"""
_QUALIFIERS = frozenset(_QUALIFIER_LIST.split())
# The Arabic article as transliterations write it: "Al Bayda", "al-Hasakeh", "As Sawadiyah",
# "ad-Dali". Alone it is no place (and "al", "as", "at" are function words of other languages),
# but a name may start with it.
_ARTICLE_LIST = "al el ad an ar as ash at az ed en er es et ez"
_ARTICLES = frozenset(_ARTICLE_LIST.split())
_BARE_ARTICLES = frozenset(("al", "el"))


def _opens_with_article(tokens: Sequence[Word], i: int) -> bool:
    """Whether the word at `i` is an article that starts a name: capitalised, or joined to the
    capitalised word after it by a hyphen, or "al" / "el" before one."""
    word = tokens[i]
    if word.folded not in _ARTICLES or i + 1 >= len(tokens):
        return False
    after = tokens[i + 1]
    if not after.capitalised or after.upper:
        return False
    return word.capitalised or after.hyphenated or word.folded in _BARE_ARTICLES


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that names one or more places."""

    places: tuple[Place, ...]
    start: int
    end: int
    salience: float
    chain: int
    # Said of who acts or for whom ("Israeli forces", "Fano militia", "in solidarity with the
    # Palestinian people"): a party to the event, which is not always where it happened.
    actor: bool = False


def _spans(tokens: Sequence[Word], gazetteer: Gazetteer, shouting: bool) -> list[_Span]:
    """(word index, start, end, places) of the names in spaced scripts, longest match first."""
    found: list[_Span] = []
    i = 0
    while i < len(tokens):
        article = _opens_with_article(tokens, i)
        if not article and not tokens[i].capitalised:
            qualified = _qualified_unit(tokens, i, gazetteer)
            if qualified is not None:
                found.append(qualified)
                i = _word_range(tokens, i, qualified[2]).stop
            else:
                i += 1
            continue
        if not article and (tokens[i].folded in NOT_PLACE_WORDS or tokens[i].folded[0].isdigit()):
            unit = _unit_opened_by(tokens, i, gazetteer)
            if unit is not None:
                found.append(unit)
                i = _word_range(tokens, i, unit[2]).stop
            else:
                i += 1  # a number opens a date ("28 May"), not a name ("28 May", a town)
            continue
        if article and i + 1 < len(tokens) and tokens[i + 1].folded in _GROUP_NAME_WORDS:
            i += 2  # "Ahrar al-Sham", "Faylaq al Sham": a group, not Damascus
            continue
        if tokens[i].hyphenated and not (i > 0 and _opens_with_article(tokens, i - 1)):
            i += 1
            continue
        longest = gazetteer.words_from(tokens[i].folded)
        for n in range(min(longest, len(tokens) - i), 1 if article else 0, -1):
            if i + n < len(tokens) and tokens[i + n].hyphenated:
                continue  # "Pobe" of "Pobe-Mengao" is not Pobe
            places = gazetteer.names.get(" ".join(t.folded for t in tokens[i : i + n]))
            if not places:
                continue
            if n == 1 and tokens[i].upper and not shouting:
                places = [p for p in places if p.kind is PlaceKind.COUNTRY]
            if n == 1 and tokens[i].folded in ENGLISH_STOP_WORDS:
                places = []  # "One policeman ...", "Over 100 ...": villages of Switzerland, England
            if n == 1 and tokens[i].folded in _QUALIFIERS and _name_at(tokens, i + 1, gazetteer):
                places = []  # "Northern Sinai", "Central Darfur town": the direction of a name
            if places:
                found.append((i, tokens[i].start, tokens[i + n - 1].end, tuple(places)))
            i += n
            break
        else:
            if article:  # the name after it may still be known without it: "al-Hasakah"
                i += 1
                continue
            end = i + 1
            while end < len(tokens) and tokens[end].hyphenated:
                end += 1
            found.extend(_compound_parts(tokens, i, end, gazetteer))
            i = end
    return found


def _name_at(tokens: Sequence[Word], i: int, gazetteer: Gazetteer) -> bool:
    """Whether a capitalised name the gazetteer knows opens at word `i`."""
    if i >= len(tokens) or not tokens[i].capitalised:
        return False
    longest = gazetteer.words_from(tokens[i].folded)
    return any(
        " ".join(t.folded for t in tokens[i : i + n]) in gazetteer.names
        for n in range(min(longest, len(tokens) - i), 0, -1)
    )


def _qualified_unit(tokens: Sequence[Word], i: int, gazetteer: Gazetteer) -> _Span | None:
    """A unit whose name opens with a word of direction or setting, written in lower case as a
    sentence would ("in rural Damascus", "in north Darfur", "upper Nile"): the whole name must
    be a unit's, and the word after the qualifier capitalised."""
    if tokens[i].folded not in _QUALIFIERS:
        return None
    return _unit_opened_by(tokens, i, gazetteer)


def _unit_opened_by(tokens: Sequence[Word], i: int, gazetteer: Gazetteer) -> _Span | None:
    """A unit's name of two words or more opening at word `i`, a word no name may open alone
    ("north", "federal", ولاية "state"): "Federal Capital Territory", "ولاية الجزيرة" (Aj Jazirah
    state, whose name alone is "the island")."""
    if i + 1 >= len(tokens) or not tokens[i + 1].capitalised:
        return None
    longest = gazetteer.words_from(tokens[i].folded)
    for n in range(min(longest, len(tokens) - i), 1, -1):
        if i + n < len(tokens) and tokens[i + n].hyphenated:
            continue
        places = gazetteer.names.get(" ".join(t.folded for t in tokens[i : i + n]), [])
        units = tuple(p for p in places if p.kind in (PlaceKind.ADMIN1, PlaceKind.ADMIN2))
        if units:
            return (i, tokens[i].start, tokens[i + n - 1].end, units)
    return None


def _compound_parts(
    tokens: Sequence[Word], start: int, end: int, gazetteer: Gazetteer
) -> list[_Span]:
    """The parts of a compound no name matches whole, when each part is a well-known place, as
    in "the Mandera-Nairobi route". Units and large cities only, and all parts or none, since a
    name in a compound is more often part of another name ("Pobe", a town of Benin, in the
    village "Pobe-Mengao")."""
    found: list[_Span] = []
    for k in range(start, end):
        token = tokens[k]
        places = tuple(
            p
            for p in gazetteer.names.get(token.folded, ())
            if p.kind is not PlaceKind.CITY or p.confirmed or p.population >= LARGE_CITY
        )
        if not places or not token.capitalised or token.upper or token.folded in NOT_PLACE_WORDS:
            return []
        found.append((k, token.start, token.end, places))
    return found if len(found) > 1 else []


def _unspaced_spans(tokens: Sequence[Word], gazetteer: Gazetteer) -> list[_Span]:
    """Names inside runs of Burmese, Thai, Khmer or CJK text, found as substrings."""
    found: list[_Span] = []
    for token in tokens:
        run = token.folded
        if not is_unspaced(run):
            continue
        i = 0
        while i < len(run):
            for n in range(min(LONGEST_UNSPACED, len(run) - i), _SHORTEST_UNSPACED - 1, -1):
                places = gazetteer.unspaced.get(run[i : i + n])
                if places:
                    found.append((-1, token.start + i, token.start + i + n, tuple(places)))
                    i += n
                    break
            else:
                i += 1
    return found


def _chains(text: str, spans: list[_Span]) -> list[int]:
    chain, chains = 0, []
    for k, (_, start, _, _) in enumerate(spans):
        gap = text[spans[k - 1][2] : start] if k else ""
        linked = k > 0 and len(gap) <= _MAX_CHAIN_GAP and any(c in gap for c in ",()")
        if not (linked and _CHAIN_GAP.match(gap)) and not (k > 0 and _IN_GAP.match(gap)):
            chain += 1
        chains.append(chain)
    return chains


def _closes_brackets(text: str, start: int, end: int) -> bool:
    """Whether a name ends a bracketed list, as "Oudalan" in "Tin-Akoff (Tin-Akoff, Oudalan)"."""
    before = text[:start].rstrip()
    opened = before.rfind("(")
    return (
        text[end:].lstrip().startswith(")") and opened > before.rfind(")") and before.endswith(",")
    )


def _word_range(tokens: Sequence[Word], first: int, end: int) -> range:
    last = first
    while last + 1 < len(tokens) and tokens[last + 1].end <= end:
        last += 1
    return range(first, last + 1)


def _in_unknown_name(
    text: str, tokens: Sequence[Word], first: int, last: int, covered: set[int], lone: set[int]
) -> bool:
    """Whether a one-word name is glued to a capitalised word we know nothing of, and so is
    likely part of a longer name: a person ("Governor Elias Waya"), an organisation ("Tripoli
    Good Project") or a place missing from the gazetteer ("Abu Sleem", "East Harerge"); or
    follows a word of institutions' names, as in "Forum for Democratic Change" (Changé is a town
    of France), where "Kaya Police" names the town's own; or to
    itself, as in the name of a faction ("Tanga Tanga"); or to another one-word name (`lone`)
    with which it names nothing known: "Abu Salim", a district of Tripoli, is neither Abu in
    India nor Salim in Palestine."""
    for k, gap in ((first - 1, (first - 1, first)), (last + 1, (last, last + 1))):
        if not 0 <= k < len(tokens):
            continue
        word = tokens[k]
        between = text[tokens[gap[0]].end : tokens[gap[1]].start]
        if between == " " and first == last and word.folded == tokens[first].folded:
            return True  # a doubled name ("the Tanga Tanga faction") is no place's name
        if (k in covered and k not in lone) or between != " " or word.upper:
            continue
        if not text[word.start].isupper():
            continue
        if k < first and SENTENCE_START.search(text[: word.start]):
            continue  # "Gunmen Kaya"-like openings say nothing: any first word is capitalised
        if k < first and word.folded in _INSTITUTION_WORDS:
            return True  # "Democratic Alliance", "National Freedom Party": an organisation's
        if word.folded in NEVER_NAMES or word.folded in _UNIT_WORDS | _FEATURE_WORDS:
            continue  # "Kaya Police", "Gao Airport": the place's own institution
        return True
    return False


def _reading_named_by_unit_word(
    text: str, tokens: Sequence[Word], first: int, last: int, places: tuple[Place, ...]
) -> tuple[Place, ...] | None:
    """The unit readings of a name a unit word stands beside ("Gedo region", "the province of
    Soum", "région de Mopti"); None where no unit word does, or no reading is a unit."""
    word = None
    if last + 1 < len(tokens) and text[tokens[last].end : tokens[last + 1].start] == " ":
        word = tokens[last + 1].folded
    if word not in _ADMIN_WORDS and first >= 2 and tokens[first - 1].folded in _OF:
        word = tokens[first - 2].folded
    if word not in _ADMIN_WORDS:
        return None
    units = tuple(p for p in places if p.kind in (PlaceKind.ADMIN1, PlaceKind.ADMIN2))
    named_so = tuple(p for p in units if p.iso3 in _UNITS_CALLED.get(word, ()))
    return named_so or units or None


def _names_a_party(text: str, start: int, end: int, places: Sequence[Place]) -> bool:
    """Whether a name is said of a party to the event rather than of its place: a country's
    name or its people's word said of armed forces, any name said of a militia ("Fano
    militia", Fano being a town of Italy), whom a protest supports ("in solidarity with the
    Palestinian people", in a Yemeni town) or what the event is set against ("in the context
    of the latest round of violence in Israel-Palestine")."""
    before = text[max(0, start - 100) : start]
    if _FOR_WHOM.search(before[-60:]) or _CONTEXT.search(before):
        return True
    if any(p.kind not in (PlaceKind.COUNTRY, PlaceKind.DEMONYM) for p in places):
        return bool(_AS_MILITIA.match(text[end : end + 30]))
    return bool(_AS_WHO_FIGHTS.match(text[end : end + 80]))


def find_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Every place name in `text`, in order of appearance."""
    tokens = words(text)
    shouting = sum(t.upper for t in tokens) > len(tokens) / 2
    spans = _spans(tokens, gazetteer, shouting)
    if is_unspaced(text):
        spans += _unspaced_spans(tokens, gazetteer)
        spans.sort(key=lambda s: s[1])
    chains = _chains(text, spans)
    chained = [
        (k > 0 and chains[k - 1] == chains[k])
        or (k + 1 < len(chains) and chains[k + 1] == chains[k])
        for k in range(len(chains))
    ]
    covered = {
        k for index, _, end, _ in spans if index >= 0 for k in _word_range(tokens, index, end)
    }
    lone = {
        index
        for index, _, end, places in spans
        if index >= 0
        and len(_word_range(tokens, index, end)) == 1
        and all(p.kind is PlaceKind.CITY and not p.confirmed for p in places)
    }
    mentions: list[Mention] = []
    for order, (index, start, end, places) in enumerate(spans):
        position = index if index >= 0 else order
        named = None
        if index >= 0:
            last = _word_range(tokens, index, end)[-1]
            named = _reading_named_by_unit_word(text, tokens, index, last, places)
        places = named or places
        salience = 1.0 / (1.0 + position / DECAY_WORDS)
        single_word = " " not in text[start:end].strip()
        only_towns = all(p.kind is PlaceKind.CITY for p in places)
        confirmed = any(p.confirmed for p in places)
        if single_word and not confirmed and index >= 0:
            towns_beside = lone if only_towns else set()
            if _in_unknown_name(text, tokens, index, last, covered, towns_beside):
                salience *= _INSIDE_NAME_PENALTY
        if single_word and only_towns and not confirmed and named is None:
            if SENTENCE_START.search(text[:start]):
                salience *= _OPENING_PENALTY
            elif not _LOCATIVE.search(text[:start]) and not chained[order]:
                salience *= _UNPLACED_PENALTY
        if _closes_brackets(text, start, end):
            salience *= _CHAIN_ANCHOR
        actor = _names_a_party(text, start, end, places)
        mentions.append(Mention(places, start, end, salience, chains[order], actor))
    return mentions
