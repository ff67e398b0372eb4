"""Words that point to the UN Framework of Analysis for Atrocity Crimes' risk factors (RF1-14).

Our own reading of the Framework's indicators (docs: /shared/DOMAIN.md section 1), turned into
words a report might use, in English, French, Arabic and Burmese. A cue ending in "*" matches
any word it starts ("massacr*": massacre, massacred, massacres). Cues are folded like the text
(no accents or case; Arabic without the article), and in Arabic and Burmese match inside words,
since both attach particles to them.

This is a heuristic: a cue says the report touches on a factor, not that the factor is present
in the country. RF tags help analysts sort reports; they are not an assessment.
"""

from __future__ import annotations

# One string of cues per factor, separated by semicolons.
_CUES: dict[int, str] = {
    1: """
armed conflict; fighting; clash*; airstrike*; air strike*; drone strike*; shelling;
bombard*; frappe* aerienne*; bombardement*; insurgen*; rebel*; militant*; jihadist*; offensive;
ambush*; coup; mutiny; conflit arme; combats; affrontement*; rebelle*; jihadiste*;
terroriste*; embuscade*; coup d etat; اشتباك; قتال; معارك; متمرد; مسلح; انقلاب; قصف; غاره;
တိုက်ပွဲ; တော်လှန်ရေး
""",
    2: """
massacr*; impunity; again; once more; repeated*; previous attack*; second time; third
time; impunite; a nouveau; encore une fois; de nouveau; mass grave*; fosse* commune*;
مجزرة; مجازر; افلات من عقاب; مرة اخرى; مقابر جماعية; ထပ်မံ; အစုလိုက်အပြုံလိုက်
""",
    3: """
no police; no state presence; absence of the state; authorities fled; officials fled;
corrupt*; courts closed; schools closed; lawless*; absence de l etat; fonctionnaires ont
fui; ecoles fermees; غياب دولة; فساد; فرار مسؤولين; اغلاق مدارس; အစိုးရမရှိ
""",
    4: """
revenge; reprisal*; retaliat*; land dispute*; grazing; gold mine*; mining site*; cattle
theft; represaille*; vengeance; conflit foncier; site aurifere; site d orpaillage; انتقام;
ثار; نزاع على اراضي; منجم; လက်စားချေ
""",
    5: """
weapon*; arms; ammunition; rifle*; heavy artillery; militia*; armed men; gunmen; recruit*;
child soldier*; armes; munition*; milice*; miliciens; hommes armes; recrutement; enfant*
soldat*; اسلحه; سلاح; مسلح; ذخيره; ميليشيا; تجنيد; လက်နက်; စစ်တပ်; ကလေးစစ်သား
""",
    6: """
no protection; unprotected; peacekeepers withdrew; withdrawal of peacekeepers; no
response; abandoned by; ignored; sans protection; retrait des casques bleus; abandonnes;
aucune reaction; دون حمايه; بلا حمايه; انسحاب قوات حفظ سلام; ကာကွယ်မှုမရှိ
""",
    7: """
state of emergency; emergency law*; curfew; internet shutdown; internet cut; network cut;
media ban*; journalists expelled; ngos expelled; list* of names; marked houses; camps;
segregat*; forced transfer; deport*; rape*; sexual violence; sexually; etat d urgence;
couvre feu; coupure d internet; liste* de noms; expuls*; viol; viols; viole*; violences
sexuelles; حاله طوارئ; حظر تجول; قطع انترنت; قوائم; ترحيل; اغتصاب; اغتصب; عنف جنسي;
ညမထွက်ရ; အင်တာနက်ဖြတ်; မုဒိမ်း
""",
    8: """
election*; electoral; referendum; census; assassinat*; coup; president killed; religious
holiday; commemoration; blasphem*; scrutin; recensement; coup d etat; انتخابات; استفتاء;
تعداد; اغتيال; ذكرى; ရွေးကောက်ပွဲ; သန်းခေါင်စာရင်း
""",
    9: """
ethnic*; tribal; tribe*; communit*; fulani; peul*; christian*; muslim*; minorit*;
discriminat*; rohingya; hate speech; ethnie*; communaut*; chretien*; musulman*; عرقي;
قبيله; قبائل; طائفي; تمييز; اقليه; مسيحي; လူမျိုး; ရိုဟင်ဂျာ; ဘာသာ
""",
    10: """
exterminat*; wipe out; wiped out; kill them all; cockroach*; vermin; ethnic cleansing;
genocid*; cleanse; exterminer; aneantir; cafard*; nettoyage ethnique; genocide; اباده;
تطهير عرقي; قضاء على; صراصير; လူမျိုးတုံး
""",
    11: """
civilians killed; killed civilians; villages burned; villages were burned; several
villages; dozens of civilians; mass killing*; house to house; civils tues; villages
incendies; plusieurs villages; tuerie*; مدنيين; حرق قرى; قرى; အရပ်သား; ရွာများ; မီးရှို့
""",
    12: """
ordered; orders to; plan to; planned; systematic*; coordinated attack*; instructions;
ordre de; ordonne; planifie*; systematique*; coordonne*; امر; اوامر; خطه; ممنهج; منظم;
အမိန့်; စနစ်တကျ
""",
    13: """
hospital*; clinic*; health cent*; school*; wounded; prisoner*; detainee*; executed;
execution*; summar* execut*; tortur*; displaced; idp*; refugee*; siege; besieged; starv*;
blockade; hopital; centre de sante; ecole*; blesses; prisonnier*; detenu*; sommairement;
deplace*; refugie*; assiege*; مستشفى; مدرسه; جرحى; اسرى; معتقلين; اعدام; اعدم; تعذيب;
نازحين; لاجئين; حصار; ဆေးရုံ; ကျောင်း; ဒုက္ခသည်; ညှဉ်းပန်း
""",
    14: """
aid worker*; humanitarian*; ngo; ngos; relief; peacekeep*; un convoy; minusma; monusco;
unmiss; red cross; msf; humanitaire*; ong; casques bleus; croix rouge; عمال اغاثه; اغاثه;
انساني; منظمه غير حكوميه; حفظ سلام; صليب احمر; လူသားချင်းစာနာ; ကယ်ဆယ်ရေး
""",
}


def _split(cues: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in cues.replace("\n", " ").split(";") if c.strip())


RISK_FACTOR_CUES: dict[int, tuple[str, ...]] = {rf: _split(cues) for rf, cues in _CUES.items()}
