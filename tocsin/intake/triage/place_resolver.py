"""Where a report happened, from the place names in its text alone.

A name alone rarely settles a place: "Centre" is a region of three countries, "Kaya" a town of
Burkina Faso and of Japan. The resolver collects every name the gazetteer knows, lets them vote
for a country (unique names and larger places weigh more, names mentioned first weigh more, names
written as a chain such as "Tin-Akoff (Tin-Akoff, Oudalan)" or "Rafah, North Sinai" that agree on
a country weigh more), then, within that country, for a first-level unit; where a chain ends in
a unit ("Kitengela town, Kajiado county"), that unit decides the chain's first-level unit; a
name a chain repeats ("Cantonment (Cantonment)", a town and its district) counts once. A
country named as whose forces fight ("Russian forces shelled ..."), a militia named after a
place ("Fano militia") and whom a protest supports ("in solidarity with the Palestinian people")
vote apart from the places: only where they do not place the event elsewhere. A country's own
name means the country, not a town or district of that name abroad ("Egypt", Pennsylvania).
Names of armed groups and parties known to fight in a country ("FARDC", `known_actors`) and a
script written in one country (Burmese) vote too, below any place.

A trained model adds what its file taught: a home country (the answer when nothing else is
said) or else the file's countries (a place in another counts for less), country cues (names
of groups and people, weighed below places), the file's own names for first-level units, in
which the answer is given, and the unit where the file codes events whose notes name no place
(its capital, as a rule): the answer, without coordinates, for a report placed in a country but
in none of its places.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from tocsin.intake.triage.admin_keys import admin_key
from tocsin.intake.triage.country_cues import CountryCues
from tocsin.intake.triage.gazetteer import REGION_LAYER_COUNTRIES, Gazetteer, Place, PlaceKind
from tocsin.intake.triage.misspelt_places import MisspeltPlaces
from tocsin.intake.triage.place_mentions import Mention, find_mentions
from tocsin.intake.triage.script_countries import script_countries
from tocsin.intake.triage.unit_spellings import Spellings
from tocsin.intake.triage.written_unit_names import written_unit_name

_KIND_WEIGHT = {
    PlaceKind.COUNTRY: 1.5,
    PlaceKind.ADMIN1: 2.0,
    PlaceKind.ADMIN2: 1.75,
    PlaceKind.DEMONYM: 1.0,
    PlaceKind.CITY: 2.0,
}
_UNITS = frozenset({PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.CITY})
_CHAIN_BONUS = 2.0
# A place located for an event of the model's own training data outweighs any homonym.
_CONFIRMED_WEIGHT = 2.5
# A town's unit as GeoNames names it, when the P-code file of its country has no such name:
# kept when nothing better is said, outvoted by a unit the text names itself.
_UNMATCHED_UNIT_FACTOR = 0.5
_MIN_COUNTRY_SCORE = 0.25
_KINDS_BONUS = 0.05
# A country's own name, or its people's, means that country rather than a town or district:
# "Egypt" is also a town of Pennsylvania and an old name of Goodyear, Arizona, "Iraq" one of
# Arak in Iran, "Jordan" a municipality of Colombia, and a report that writes one means none of
# them. These keep this share of their weight. A first-level unit named so keeps all of it:
# "the Somali region" and "Niger State" are written.
_HOMONYM_OF_COUNTRY = 0.25
_HOMONYM_KINDS = frozenset({PlaceKind.CITY, PlaceKind.ADMIN2})
_COUNTRY_KINDS = frozenset({PlaceKind.COUNTRY, PlaceKind.DEMONYM})
_SIZE_TIE_BREAK = 0.001
_HOME_PRIOR = 1.0
# Without a home, the countries of the training file weigh by their share of its events, so
# little that they only settle a name several countries share ("North" of Lebanon, the file's,
# over Haiti's) and never place a report that names nothing.
_FILE_PRIOR = 0.25
# A regional desk's reports come from its region: a name read in a country of which the file
# holds no event is more likely a village no gazetteer has than a place abroad ("Taka" of Japan
# in "the Mironge and Taka villages of Mutongo locality", where the NDC-R fights), so it counts
# for less.
_OUTSIDE_FILE = 0.7
# A country named as whose forces fight ("Russian forces shelled near Nadiia, Donetsk") says who,
# not where: where the text places the event in another country more than in its own, it counts
# for nothing once that place is clear (Donetsk, the Ukrainian region, over Donetsk, a town of
# Russia) and for less while it is a faint homonym; where nothing else places the event, the
# army is most likely at home ("Kenyan forces kill four members of al Shabaab in Milimani").
_ACTOR_FACTOR = 0.3
_CLEARLY_PLACED = 0.5
# Learned cues (names of groups and people) count below places, and together at most this much.
_CUE_WEIGHT = 0.75
_CUE_CAP = 1.5
# A script written in one country (`script_countries`): enough to place a report that names no
# known place, too little to outvote one it names.
_SCRIPT_WEIGHT = 0.5
# "The capital" of the report's own country, unnamed ("the capital of Kenya" names its country
# and is read like any name; "the provincial capital" is not the country's).
_THE_CAPITAL = re.compile(
    # Not "the capital of ...", nor a name that begins with the word ("the Capital FM studio").
    r"\bthe (?:country's |nation's |national )?"
    r"(?-i:capital|Capital(?! [A-Z]))(?:'s| city)?\b(?! of\b)"
    r"|\bla capitale\b(?! (?:de|du|des|d')\b)"
    r"|العاصمة",
    re.IGNORECASE,
)


def _within(place: Place, anchor: tuple[Place, ...]) -> bool:
    """Whether `place` may lie in what a chain's last member names: in one of its countries,
    and in its first-level unit where both say which ("Soledad, Veracruz" is not the Soledad of
    El Paraiso, Honduras, since Honduras' Veracruz is in Copan)."""
    same_country = [a for a in anchor if a.iso3 == place.iso3]
    units = {a.admin1 for a in same_country if a.admin1 is not None}
    return bool(same_country) and (place.admin1 is None or not units or place.admin1 in units)


def _unit_readings_of_anchor(members: list[Mention]) -> tuple[Place, ...]:
    """What the last member of a chain may mean: where it ends a chain of several names and is
    a first-level unit somewhere, only that unit, as reports write "village, region" ("Azov,
    Donetsk" is in Ukraine's Donetsk oblast, not in Donetsk and Azov, towns of Russia). Not a
    second-level unit: there are so many that a list of towns ("Dedougou, Manga and Po") often
    ends in one abroad. A country where the training file placed an earlier member keeps its
    readings too ("El Mina (Tripoli, Tripoli)": El Mina is a town of Lebanon the file knows, and
    Tripoli a first-level unit only of Libya)."""
    anchor = members[-1].places
    if len(members) < 2:
        return anchor
    units = {p.iso3 for p in anchor if p.kind is PlaceKind.ADMIN1}
    if not units:
        return anchor
    units |= {p.iso3 for m in members[:-1] for p in m.places if p.confirmed}
    return tuple(p for p in anchor if p.iso3 in units)


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """The place a text is about, as precisely as its names allow; None where they do not."""

    country_iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None


def _place_weight(place: Place) -> float:
    if place.confirmed:
        return _CONFIRMED_WEIGHT
    if place.kind is PlaceKind.CITY:
        # Capped, so that one city does not outvote the units around it; the population still
        # breaks a tie between big cities of one name (Tripoli of Libya over that of Lebanon).
        size = math.log10(place.population + 10)
        return min(2.0, 0.5 + 0.3 * size) + _SIZE_TIE_BREAK * size
    return _KIND_WEIGHT[place.kind]


def _named_countries(mention: Mention) -> frozenset[str]:
    """The countries `mention` names as such, by their names or their people's."""
    return frozenset(p.iso3 for p in mention.places if p.kind in _COUNTRY_KINDS)


def _country_weight(place: Place, named: frozenset[str]) -> float:
    """What `place` says for its country, read from a mention naming the countries `named`."""
    weight = _place_weight(place)
    homonym = place.kind in _HOMONYM_KINDS and named and place.iso3 not in named
    return weight * _HOMONYM_OF_COUNTRY if homonym else weight


def _place_weight_of(mention: Mention, iso3: str) -> float:
    """What `mention` says for `iso3`, shared among the countries it may mean."""
    named = _named_countries(mention)
    weights = [_country_weight(p, named) for p in mention.places if p.iso3 == iso3]
    ambiguity = math.sqrt(len({p.iso3 for p in mention.places}))
    return max(weights) * mention.salience / ambiguity


@dataclass(frozen=True, slots=True)
class _Reading:
    """One way of reading a mention inside the chosen country: the units and position it implies."""

    admin1: str
    admin2: str | None
    latitude: float | None
    longitude: float | None
    weight: float
    chain: int
    mention: int
    unit: bool  # read from an administrative unit's name, not a town's


def _distinct_names(members: list[Mention]) -> list[Mention]:
    """A chain's members, each name once: "Cantonment (Cantonment)" is a town and the district
    named after it, one name that says its country once, not twice (a homonym abroad, a town
    of Florida, would otherwise outvote "Dhaka" before it)."""
    seen: set[tuple[Place, ...]] = set()
    distinct: list[Mention] = []
    for mention in members:
        if mention.places not in seen:
            seen.add(mention.places)
            distinct.append(mention)
    return distinct


def _agreeing_with_chain_units(readings: list[_Reading]) -> list[_Reading]:
    """Readings of a chain that agree with the unit at its end, where it ends in one: the most
    general member decides, as it does the country. A town near a border is often placed in
    the neighbouring unit ("Kitengela" lies nearest places of Machakos), while the text says
    which one it is in."""
    last: dict[int, int] = {}
    for reading in readings:
        last[reading.chain] = max(last.get(reading.chain, -1), reading.mention)
    ends = [r for r in readings if r.mention == last[r.chain]]
    in_units = {r.chain for r in ends if r.unit}
    # Every reading of the end counts, a learned town's among them: it may spell the unit as
    # the training file does ("Addis Abeba").
    anchors: dict[int, set[str]] = defaultdict(set)
    for reading in ends:
        if reading.chain in in_units:
            anchors[reading.chain].add(reading.admin1)
    return [r for r in readings if r.chain not in in_units or r.admin1 in anchors[r.chain]]


class PlaceResolver:
    """Resolves texts against one gazetteer; cheap to call, so one instance serves many texts."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        home_country: str | None = None,
        cues: CountryCues | None = None,
        spellings: Spellings | None = None,
        misspelt: MisspeltPlaces | None = None,
        admin2_countries: dict[str, frozenset[str]] | None = None,
        country_shares: dict[str, float] | None = None,
        placeless_units: dict[str, str] | None = None,
        file_units: dict[str, frozenset[str]] | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.home_country = home_country
        self.cues = cues
        self.spellings = spellings or {}
        self.misspelt = misspelt
        self.admin2_countries = admin2_countries or {}
        self.country_shares = country_shares or {}
        self.placeless_units = placeless_units or {}
        self.file_units = file_units or {}

    def resolve(self, text: str) -> ResolvedPlace:
        place, mentions = self._resolve(text)
        country, admin1 = place.country_iso3, place.admin1
        if country is None:
            return place
        if admin1 is None:
            # Already in the file's spelling: learned from its events.
            return dataclasses.replace(place, admin1=self.placeless_units.get(country))
        key = admin_key(admin1)
        level_down = self.admin2_countries.get(country)
        region = country in REGION_LAYER_COUNTRIES and key in self.gazetteer.admin1_names.get(
            country, {}
        )
        if region or (level_down and key not in level_down):
            # The deployment's first level is the gazetteer's second (`unit_spellings`).
            if place.admin2 is not None:
                admin1 = place.admin2
                place = dataclasses.replace(place, admin1=admin1, admin2=None)
            elif region:
                return dataclasses.replace(place, admin1=None)  # "western Libya"
        key = admin_key(admin1)
        own = self.spellings.get(country, {}).get(key)
        # A unit the training file names as the gazetteer does is answered so, as the desk
        # writes it ("Duhok"), not as one report spells it ("Dahuk").
        if own is None and admin1 == place.admin1 and key not in self.file_units.get(country, ()):
            own = written_unit_name(text, mentions, country, admin1)
        if own is None:
            own = self.gazetteer.common_names.get(country, {}).get(admin1)
        return place if own is None else dataclasses.replace(place, admin1=own)

    def _resolve(self, text: str) -> tuple[ResolvedPlace, list[Mention]]:
        """The place `text` names, with the names of the gazetteer it writes (misspelt ones
        aside: "Nangrhar" is no spelling to answer in)."""
        found = find_mentions(text, self.gazetteer)
        mentions = found
        if self.misspelt is not None:
            extra = self.misspelt.mentions(text, found)
            mentions = sorted(found + extra, key=lambda m: m.start) if extra else found
        country = self._country(text, mentions)
        if country is None:
            return ResolvedPlace(), found
        # A name said of a party ("Amhara militia", "in support of Gaza") places the event only
        # where no other name does.
        placing = [m for m in mentions if not m.actor]
        readings = _agreeing_with_chain_units(list(self._readings(placing, country)))
        if not readings and len(placing) < len(mentions):
            readings = _agreeing_with_chain_units(list(self._readings(mentions, country)))
        if not readings:
            return self._in_the_capital(text, country) or ResolvedPlace(country), found
        votes: dict[str, float] = defaultdict(float)
        for reading in readings:
            votes[reading.admin1] += reading.weight
        # A unit named by two members of one chain ("Dori, Seno" both in Sahel) is confirmed.
        chains: dict[tuple[int, str], set[int]] = defaultdict(set)
        for reading in readings:
            chains[(reading.chain, reading.admin1)].add(reading.mention)
        for (_, admin1), mentions_of_unit in chains.items():
            votes[admin1] += _CHAIN_BONUS * (len(mentions_of_unit) - 1)
        admin1 = max(votes, key=lambda a: votes[a])
        mine = [r for r in readings if r.admin1 == admin1]
        admin2_votes: dict[str, float] = defaultdict(float)
        for reading in mine:
            if reading.admin2 is not None:
                admin2_votes[reading.admin2] += reading.weight
        admin2 = max(admin2_votes, key=lambda a: admin2_votes[a]) if admin2_votes else None
        located = [r for r in mine if r.latitude is not None and r.admin2 in (admin2, None)]
        if located:
            best = max(located, key=lambda r: r.weight)
            return ResolvedPlace(country, admin1, admin2, best.latitude, best.longitude), found
        centroid = self.gazetteer.centroid(country, admin1, admin2)
        lat, lon = centroid if centroid else (None, None)
        return ResolvedPlace(country, admin1, admin2, lat, lon), found

    def _in_the_capital(self, text: str, country: str) -> ResolvedPlace | None:
        """The capital's units, for a report placed in a country that names no place in it but
        says "the capital" ("buses were torched in the capital"): as a local reader takes it."""
        capital = self.gazetteer.capitals.get(country)
        if capital is None or not _THE_CAPITAL.search(text):
            return None
        place, _ = self._resolve(capital)
        return place if place.country_iso3 == country and place.admin1 else None

    def _country(self, text: str, mentions: list[Mention]) -> str | None:
        """The country with most votes. Within a chain, the last (most general) member decides:
        the others vote only for a country it may be in ("Solhan (Solhan, Yagha)" is in
        Burkina Faso, whatever Solhan means in Turkey)."""
        scores: dict[str, float] = defaultdict(float)
        actors: dict[str, float] = defaultdict(float)
        chains: dict[int, list[Mention]] = defaultdict(list)
        for mention in mentions:
            if mention.actor:
                for iso3 in {place.iso3 for place in mention.places}:
                    actors[iso3] = max(actors[iso3], _place_weight_of(mention, iso3))
            else:
                chains[mention.chain].append(mention)
        for members in chains.values():
            anchor = _unit_readings_of_anchor(members)
            agreeing: dict[str, dict[str, float]] = defaultdict(dict)
            for mention in _distinct_names(members):
                best: dict[str, float] = {}
                kinds: dict[str, set[PlaceKind]] = defaultdict(set)
                named = _named_countries(mention)
                for place in mention.places:
                    if _within(place, anchor):
                        weight = _country_weight(place, named)
                        best[place.iso3] = max(best.get(place.iso3, 0.0), weight)
                        kinds[place.iso3].add(place.kind)
                for iso3, its_kinds in kinds.items():
                    # A name that is a unit and a town of one country ("Al Bayda" of Yemen)
                    # means that country more than a town of the name elsewhere (of Libya).
                    best[iso3] += _KINDS_BONUS * (len(its_kinds) - 1)
                ambiguity = math.sqrt(len(best)) if best else 1.0
                for iso3, weight in best.items():
                    scores[iso3] += weight * mention.salience / ambiguity
                    names = agreeing[iso3]
                    name = mention.places[0].name
                    names[name] = max(names.get(name, 0.0), min(1.0, mention.salience))
            for iso3, names in agreeing.items():
                # Each name beyond the first confirms the chain as much as it is believed to be
                # a place: a word glued to an unknown name ("Soledad Doblado") barely does.
                scores[iso3] += _CHAIN_BONUS * (sum(names.values()) - max(names.values()))
        if self.home_country is None and self.country_shares:
            for iso3 in scores.keys() - self.country_shares.keys():
                scores[iso3] *= _OUTSIDE_FILE
        for iso3, weight in actors.items():
            elsewhere = max((v for c, v in scores.items() if c != iso3), default=0.0)
            if elsewhere < max(scores.get(iso3, 0.0), _MIN_COUNTRY_SCORE):
                scores[iso3] += weight
            elif elsewhere < _CLEARLY_PLACED:
                scores[iso3] += weight * _ACTOR_FACTOR
        if self.cues is not None:
            placed = dict(scores)
            for iso3, votes in self.cues.votes(text).items():
                weight = min(_CUE_CAP, _CUE_WEIGHT * votes)
                # A group's name learned where it mostly fought does not move an event the text
                # places in another of the file's countries ("Turkish forces ... shelled Abu
                # Serra town in Ar Raqqa countryside", of a file with more Turkish strikes in
                # Iraq than in Syria).
                elsewhere = max(
                    (v for c, v in placed.items() if c != iso3 and c in self.country_shares),
                    default=0.0,
                )
                if not placed.get(iso3) and elsewhere >= _CLEARLY_PLACED:
                    weight *= _ACTOR_FACTOR
                scores[iso3] += weight
        for iso3, share in script_countries(text):
            scores[iso3] += _SCRIPT_WEIGHT * share
        if self.home_country is not None:
            # The deployment's home country wins unless other places clearly outvote it, and
            # is the answer for a report that names no place at all.
            scores[self.home_country] += _HOME_PRIOR
        else:
            for iso3 in scores.keys() & self.country_shares.keys():
                scores[iso3] += _FILE_PRIOR * self.country_shares[iso3]
        if not scores:
            return None
        country = max(scores, key=lambda c: scores[c])
        return country if scores[country] >= _MIN_COUNTRY_SCORE else None

    def _readings(self, mentions: list[Mention], country: str) -> Iterator[_Reading]:
        for index, mention in enumerate(mentions):
            places = [p for p in mention.places if p.iso3 == country]
            units = [p for p in places if p.kind in _UNITS]
            learned = [p.population for p in units if p.confirmed]
            for place in units:
                weight = _place_weight(place) * mention.salience / len(units)
                if place.confirmed and len(learned) > 1 and place.population and all(learned):
                    # One name learned in several units: shared by how often training events
                    # were at each (a learned town's population counts them).
                    weight *= len(learned) * place.population / sum(learned)
                if place.admin1 is not None:
                    yield _Reading(
                        place.admin1,
                        place.admin2,
                        place.latitude,
                        place.longitude,
                        weight,
                        mention.chain,
                        index,
                        unit=place.kind is not PlaceKind.CITY,
                    )
                elif place.latitude is not None:
                    unit = self.gazetteer.unit_at(place.latitude, place.longitude or 0.0, country)
                    if unit is None:
                        continue
                    _, admin1, admin2 = unit
                    official = self.gazetteer.admin1_names.get(country, {})
                    if official and admin1 not in official.values():
                        weight *= _UNMATCHED_UNIT_FACTOR
                    yield _Reading(
                        admin1,
                        admin2,
                        place.latitude,
                        place.longitude,
                        weight,
                        mention.chain,
                        index,
                        unit=False,
                    )
