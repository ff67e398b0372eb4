from __future__ import annotations

import pytest

from tocsin.intake.triage.violation_cues import (
    names_abduction,
    names_remote_weapon,
    names_sexual_violence,
)


@pytest.mark.parametrize(
    "text",
    [
        "the militants sexually assaulted his three wives",
        "two women were raped near the well",
        "Des soldats ont violé deux femmes",
        "des viols ont été signalés",
        "victimes de violences sexuelles liées au conflit",
        "a survivor of sexual and gender-based violence",
        "reports of sexual slavery in the camps",
        "اغتصب جنود امرأتين",
        "تعرضت فتيات لاعتداء جنسي",
        "အမျိုးသမီးကို မုဒိမ်းကျင့်ခဲ့သည်",
        "Residents protested on Monday. Two days later, soldiers raped a woman at the market.",
        "Au marché, des soldats ont violé une femme.",
        "In retaliation, soldiers raped two women.",
    ],
)
def test_words_that_name_sexual_violence(text: str) -> None:
    assert names_sexual_violence(text)


@pytest.mark.parametrize(
    "text",
    [
        "a violent attack on the market",
        "un acte violent",
        "rapeseed fields were burned",
        "the militants accused the victims of sexual misconduct",  # a pretext, no violence named
        "a march for the rights of sexual minorities",
        "الجنسية السودانية",  # nationality, not sexual
        "women activists staged a protest vigil condemning the sexual violence demonstrators faced",
        "Des femmes ont manifesté pour dénoncer les viols",
        "two clan militias clashed; it arose as a retaliatory response to the rape of a woman",
        "the militia attacked the village in revenge for the rape of a girl",
        "هاجمت الميليشيا القرية ردا على اغتصاب امرأة",
        "",
    ],
)
def test_words_that_only_look_alike(text: str) -> None:
    assert not names_sexual_violence(text)


@pytest.mark.parametrize(
    "text",
    [
        "Al Shabaab militants kidnapped two civilians near Liboi. They were released later.",
        "three people were kidnapped by suspected militants between Riba and Konton",
        "Des hommes armés ont enlevé le chef du village",
        "اختطف مسلحون ثلاثة مزارعين قرب القرية",
        "Residents protested on Monday. On Tuesday, gunmen abducted a trader.",
        "Al Shabaab fighters kidnapped the executive director of a charity",
    ],
)
def test_words_that_name_an_abduction_alone(text: str) -> None:
    assert names_abduction(text)


@pytest.mark.parametrize(
    "text",
    [
        "militants abducted three farmers and killed one of them",
        "gunmen attacked civilians, wounding one and abducting three",
        "they abducted two teachers, who were assaulted",
        "militants pillaged the pharmacy and attempted to abduct a civilian",
        "اختطف مسلحون ثلاثة مزارعين وقتلوا واحدا",
        "Residents protested the kidnapping of a trader",
        "the army and the militia clashed; two soldiers were abducted",
        "militants held the village hostage and demanded a ransom",
        "",
    ],
)
def test_an_abduction_with_other_harm_or_none_named_is_no_cue(text: str) -> None:
    assert not names_abduction(text)


@pytest.mark.parametrize(
    "text",
    [
        "On 27 April 2021, the Myanmar military carried out airstrikes against the KIA.",
        "Two villagers stepped on a landmine and died.",
        "An IED hit an army convoy near Djibo.",
        "Turkish forces shelled the village with artillery.",
        "KDF jets strike al Shabaab locations in Gedo region.",
        "An explosion occurred near the junction; nobody claimed it.",
        "Soldiers found the bodies of the victims after an airstrike.",
        "Des obus sont tombés sur le quartier.",
        "قصفت القوات الحكومية مواقع المتمردين",
    ],
)
def test_words_that_name_a_weapon_used_from_afar(text: str) -> None:
    assert names_remote_weapon(text)


@pytest.mark.parametrize(
    "text",
    [
        "JNIM militants attacked the village and killed five.",
        "The army dismantled an IED on the road to Djibo.",
        "Two militants were killed while planting IEDs on the road.",
        "An IED planted near the bridge was defused by the army.",
        "The army recovered IEDs and bomb-making material at the base.",
        "Les démineurs ont désamorcé un engin explosif.",
        "Gunmen shot dead a trader at the gold mine.",
    ],
)
def test_a_weapon_disrupted_or_none_named_is_no_cue(text: str) -> None:
    assert not names_remote_weapon(text)


def test_a_weapon_named_in_a_sentence_about_a_protest_is_no_cue() -> None:
    # Lebanon 2024: read as remote violence once the cue did not look at the sentence.
    assert not names_remote_weapon(
        "University students protested at the campus against the Israeli bombardment of Gaza."
    )
    assert not names_remote_weapon("Families of the victims of the port explosion protested.")
    assert names_remote_weapon("Students protested on Monday. On Tuesday, a drone struck a car.")
