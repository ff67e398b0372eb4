"""Armed groups, forces, parties and missions whose name says in which country a report is.

A model trained on an ACLED file learns such names from its notes (`country_cues`); an install
with no trained model yet, or a file with few events of a country, knows none, and a report
that names only "al Shabaab" or "the FARDC" and a village missing from every gazetteer stays
unplaced, or worse, is placed at a namesake abroad. These are the names conflict reporting uses
most, each with the countries it is active in: the first is where most of its events are, the
others count as much as their share says. They are cues, weighed below places, and a name the
training file itself ties to countries overrides them.

Only names of two or more letters that are not common words, and written as reports write
them (capitalised: "Mai-Mai" matches as "mai mai"; a name with small words inside, "Clan del
Golfo", "Jamaat-e-Islami", as the whole phrase in any case; in Arabic, which has no capitals,
as whole words: "الدعم السريع", the RSF, but not "الشباب", which is also "the youth", nor "طالبان",
"two students", nor "حماس" alone, "zeal"); groups active everywhere (Islamic State, al-Qaeda,
Wagner) say nothing of where and are left out.
"""

from __future__ import annotations

import functools

from tocsin.intake.triage.country_cues import CountryCues, names_in
from tocsin.intake.triage.folding import folded_words

# name | ISO3 (share 1) [ISO3:share ...]; several names of one actor on one line, split by ";".
_KNOWN_ACTOR_LINES = """
FARDC; MONUSCO; CODECO; Raia Mutomboki; Nyatura; Twirwaneho; Wazalendo; Mai-Mai; Mayi-Mayi | COD
Kamuina Nsapu; FRPI; NDC-R; Zaire militia; Chini ya Kilima; APCLS; Bana Mura | COD
M23 | COD RWA:0.2
ADF; ADF-Nalu | COD UGA:0.3
FDLR | COD RWA:0.3
Red Tabara; RED-Tabara | BDI COD:0.6
Imbonerakure; CNDD-FDD | BDI
Anti-Balaka; Seleka; FPRC; MPC; MINUSCA; FACA | CAF
UPC | CAF UGA:0.2
FAMa; MINUSMA; GATIA; Dan Na Ambassagou; Katiba Macina; HCUA; MNLA | MLI
JNIM | MLI BFA:0.8 NER:0.4
ISGS; ISSP | NER MLI:0.8 BFA:0.6
AQIM | MLI DZA:0.4 NER:0.3
Dozo | MLI BFA:0.5 CIV:0.4
Koglweogo; VDP; Ansaroul Islam; Ansarul Islam | BFA
Boko Haram | NGA CMR:0.5 NER:0.4 TCD:0.3
ISWAP | NGA NER:0.4 TCD:0.3 CMR:0.3
JAS; CJTF; Civilian JTF; IPOB; Amotekun; Lakurawa; Ansaru; ESN | NGA
Ambazonia; Ambazonian; Ambazonians; Amba Boys; BIR | CMR
Fano; TPLF; TDF; ENDF; OLA; OLF; Shene; ONLF; Qeerroo | ETH
Shabaab; Shabab | SOM KEN:0.3
AMISOM; ATMIS; AUSSOM; Ahlu Sunna; Macawisley; Ahlu Sunna Waljamaa | SOM
RSF; SAF; NISS; Janjaweed; SPLM-N; JEM; Sudan Liberation Army; SLM-AW | SDN
SPLA; SPLA-IO; SPLM-IO; SSPDF; UNMISS | SSD
UPDF; NRM; NUP; FDC | UGA
KDF; Mungiki | KEN
ZANU-PF; MDC; MDC-T | ZWE
ANC; EFF; IFP | ZAF
UPND | ZMB
RENAMO; FRELIMO; SAMIM; ASWJ | MOZ
LNA; Haftar; Misratan | LBY
Hamas; Qassam; Al-Qassam | PSE ISR:0.4
IDF | PSE ISR:0.4 LBN:0.3 SYR:0.2
Hezbollah; Hizbollah; Hizbullah | LBN SYR:0.3
Houthi; Houthis; Huthi; Huthis; Ansar Allah; AQAP; Southern Transitional; STC | YEM
Giants Brigades; Security Belt | YEM
Peshmerga; PMF; Hashd; Kataib Hezbollah; Asaib Ahl | IRQ
PKK | TUR IRQ:0.6 SYR:0.3
HDP | TUR
SDF; YPG; HTS; Hayat Tahrir; SAA | SYR
Taliban | AFG PAK:0.3
ISKP; ISIS-K; ANDSF | AFG
TTP; Tehreek-e-Taliban; BLA; BLF; PTI | PAK
PML-N; MQM; Tehreek-e-Labbaik; TLP; Lashkar-e-Jhangvi | PAK
Lashkar-e-Taiba; Jaish-e-Mohammed; Hizbul Mujahideen | IND PAK:0.5
Naxal; Naxals; Naxalite; Naxalites; CPI-Maoist; CRPF; Hurriyat; Bajrang Dal; VHP; Trinamool | IND
Awami League; Chhatra League; Jubo League; Swechchasebak League; Chhatra Dal; Jubo Dal | BGD
Jatiyatabadi; Chhatra Shibir; Shibir; BNP; BGB; Rapid Action Battalion; Hefazat | BGD
Jamaat-e-Islami | BGD PAK:0.5
CPN-UML; CPN-Maoist; Nepali Congress | NPL
LTTE; SLPP; JVP | LKA
Tatmadaw; Arakan; KIA; KNU; KNLA; TNLA; MNDAA; KNDF; Karenni; Pyu Saw Htee; NUG | MMR
People's Defence Force; People's Defense Force; State Administration Council; Chinland | MMR
Barisan Revolusi Nasional; BRN | THA
OPM; TPNPB; Free Papua Movement | IDN
NPA; Abu Sayyaf; BIFF; MILF; Maute | PHL
IRGC; Basij; Jaish al-Adl | IRN
Islamic Jihad; PIJ; Al-Aqsa Martyrs | PSE
ELN; FARC; Clan del Golfo; ESMAD; FARC-EP | COL
CJNG; Sinaloa Cartel; Jalisco Cartel; Los Zetas; Cartel del Noreste; Familia Michoacana | MEX
MS-13; Mara Salvatrucha; Barrio 18 | SLV HND:0.8 GTM:0.5
Comando Vermelho; Primeiro Comando da Capital | BRA
SEBIN; FAES; FANB; GNB | VEN
FSLN | NIC
Los Choneros; Los Lobos | ECU
FACT; CCMSR | TCD
MFDC | SEN
FNDC | GIN
Yan Sakai; Yansakai | NGA
Viv Ansanm; Mawozo; Gran Grif; PNH; Bwa Kale | HTI
DPR; DNR; LPR; LNR; SMM; Azov | UKR
الدعم السريع; الجنجويد | SDN
الحوثي; الحوثيون; الحوثيين; أنصار الله; المجلس الانتقالي الجنوبي | YEM
حزب الله | LBN SYR:0.3
حركة حماس; كتائب القسام | PSE ISR:0.4
هيئة تحرير الشام; قسد | SYR
الحشد الشعبي; البيشمركة | IRQ
حركة الشباب | SOM KEN:0.3
بوكو حرام | NGA CMR:0.5 NER:0.4 TCD:0.3
حفتر | LBY
"""


@functools.cache
def known_actor_cues() -> CountryCues:
    """The table above as cues: folded name -> ((iso3, share), ...)."""
    table: dict[str, tuple[tuple[str, float], ...]] = {}
    phrases: set[str] = set()
    for line in _KNOWN_ACTOR_LINES.strip().splitlines():
        names, _, countries = line.partition("|")
        gains = []
        for code in countries.split():
            iso3, _, share = code.partition(":")
            gains.append((iso3, float(share or 1.0)))
        for name in names.split(";"):
            key, written = folded_words(name), name.strip()
            table[key] = tuple(gains)
            if written[:1].isupper() and key not in names_in(written, True):
                phrases.add(key)  # small or common words inside ("Clan del Golfo")
    return CountryCues(table, frozenset(phrases))
