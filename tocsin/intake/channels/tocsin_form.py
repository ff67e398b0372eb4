"""Tocsin's own form for field teams: its questions, in four languages, and how its answers map.

The questions and the FormMapping live together so that renaming a question cannot silently
send its answer to `fields` (or a reporter's name out of the sealed identity). The French,
Arabic and Burmese wording is ours and should be reviewed by native speakers before a
deployment; the English labels of violation types come from the domain vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass

from tocsin.domain.violations import VIOLATION_TYPES
from tocsin.intake.channels.mapping import FormMapping, FormRegistry

FORM_ID = "tocsin_report"
FORM_VERSION = "2026112701"
FORM_TITLE = "Tocsin report"
LANGUAGES = ("English (en)", "French (fr)", "Arabic (ar)", "Burmese (my)")

Text = tuple[str, str, str, str]
"""One wording per language, in the order of LANGUAGES."""


@dataclass(frozen=True)
class Question:
    type: str
    name: str
    label: Text | None = None
    hint: Text | None = None
    required: bool = False
    relevant: str = ""
    constraint: str = ""
    constraint_message: Text | None = None


@dataclass(frozen=True)
class Choice:
    list_name: str
    name: str
    label: Text


_OPTIONAL: Text = ("(optional)", "(facultatif)", "(اختياري)", "(မဖြေလည်းရသည်)")


def _optional(text: Text) -> Text:
    en, fr, ar, my = (f"{t} {o}" for t, o in zip(text, _OPTIONAL, strict=True))
    return en, fr, ar, my


_YES_NO = "yes_no"

QUESTIONS: tuple[Question, ...] = (
    Question(
        "note",
        "intro",
        label=(
            "This form sends a report to Tocsin. Answer only what is safe for you to answer.",
            "Ce formulaire envoie un signalement à Tocsin. Ne répondez qu'à ce qui est sans danger"
            " pour vous.",
            "يرسل هذا النموذج بلاغًا إلى توكسين. أجب فقط عمّا هو آمن لك.",
            "ဤပုံစံသည် Tocsin ထံ သတင်းပို့ချက် ပေးပို့သည်။ သင့်အတွက် လုံခြုံသည့် မေးခွန်းများကိုသာ ဖြေပါ။",
        ),
    ),
    Question("begin_group", "incident", label=("What happened", "Les faits", "ما حدث", "ဖြစ်ရပ်")),
    Question(
        "text",
        "what_happened",
        required=True,
        label=(
            "What happened?",
            "Que s'est-il passé ?",
            "ماذا حدث؟",
            "ဘာဖြစ်ခဲ့သလဲ။",
        ),
        hint=(
            "Describe what you saw or heard, and how many people were affected.",
            "Décrivez ce que vous avez vu ou entendu, et combien de personnes ont été touchées.",
            "صف ما رأيته أو سمعته، وعدد الأشخاص المتضررين.",
            "သင်မြင်ခဲ့ သို့မဟုတ် ကြားခဲ့သည့်အရာနှင့် ထိခိုက်ခံရသူ အရေအတွက်ကို ဖော်ပြပါ။",
        ),
    ),
    Question(
        "date",
        "occurred_on",
        label=(
            "When did it happen?",
            "Quand cela s'est-il produit ?",
            "متى حدث ذلك؟",
            "မည်သည့်နေ့တွင် ဖြစ်ပွားခဲ့သနည်း။",
        ),
        constraint=". <= today()",
        constraint_message=(
            "The date cannot be in the future.",
            "La date ne peut pas être dans le futur.",
            "لا يمكن أن يكون التاريخ في المستقبل.",
            "ရက်စွဲသည် အနာဂတ်ရက် မဖြစ်ရပါ။",
        ),
    ),
    Question(
        "text",
        "place",
        label=(
            "Where did it happen? (village, town, district)",
            "Où cela s'est-il produit ? (village, ville, district)",
            "أين حدث ذلك؟ (القرية، المدينة، المنطقة)",
            "မည်သည့်နေရာတွင် ဖြစ်ပွားခဲ့သနည်း။ (ကျေးရွာ၊ မြို့၊ ခရိုင်)",
        ),
    ),
    Question(
        "geopoint",
        "location",
        label=_optional(
            (
                "Location on a map, only if it is safe to record it",
                "Position sur une carte, seulement s'il est sans danger de l'enregistrer",
                "الموقع على الخريطة، فقط إن كان تسجيله آمنًا",
                "လုံခြုံမှသာ မြေပုံပေါ်ရှိ တည်နေရာ",
            )
        ),
    ),
    Question(
        "select_one violation_types",
        "violation_type",
        label=(
            "What kind of violence was it?",
            "De quel type de violence s'agit-il ?",
            "ما نوع العنف؟",
            "မည်သည့် အကြမ်းဖက်မှု အမျိုးအစား ဖြစ်သနည်း။",
        ),
    ),
    Question("end_group", "incident"),
    Question(
        "begin_group",
        "evidence",
        label=(
            "Photo or video",
            "Photo ou vidéo",
            "صورة أو فيديو",
            "ဓာတ်ပုံ သို့မဟုတ် ဗီဒီယို",
        ),
    ),
    Question(
        "image",
        "photo",
        label=_optional(("Photo", "Photo", "صورة", "ဓာတ်ပုံ")),
        hint=(
            "Only if taking it put no one at risk.",
            "Seulement si la prendre n'a mis personne en danger.",
            "فقط إذا لم يعرّض التقاطها أحدًا للخطر.",
            "ရိုက်ယူခြင်းကြောင့် မည်သူမျှ အန္တရာယ်မဖြစ်ခဲ့မှသာ။",
        ),
    ),
    Question("video", "video", label=_optional(("Video", "Vidéo", "فيديو", "ဗီဒီယို"))),
    Question("end_group", "evidence"),
    Question(
        "begin_group",
        "consent",
        label=(
            "Your consent",
            "Votre consentement",
            "موافقتك",
            "သင်၏ သဘောတူညီချက်",
        ),
    ),
    Question(
        f"select_one {_YES_NO}",
        "share_with_partners",
        required=True,
        label=(
            "May we share this report with partner organisations?",
            "Pouvons-nous partager ce signalement avec des organisations partenaires ?",
            "هل يمكننا مشاركة هذا البلاغ مع المنظمات الشريكة؟",
            "ဤသတင်းပို့ချက်ကို မိတ်ဖက်အဖွဲ့အစည်းများနှင့် မျှဝေနိုင်ပါသလား။",
        ),
    ),
    Question(
        f"select_one {_YES_NO}",
        "use_as_evidence",
        required=True,
        label=(
            "May this report be used as evidence, for example by an investigation or a court?",
            "Ce signalement peut-il servir de preuve, par exemple à une enquête ou à un tribunal ?",
            "هل يمكن استخدام هذا البلاغ دليلًا، مثلًا في تحقيق أو أمام محكمة؟",
            "ဤသတင်းပို့ချက်ကို စုံစမ်းစစ်ဆေးမှု သို့မဟုတ် တရားရုံးကဲ့သို့ နေရာများတွင် သက်သေအထောက်အထားအဖြစ် အသုံးပြုနိုင်ပါသလား။",
        ),
    ),
    Question(
        f"select_one {_YES_NO}",
        "contact_back",
        required=True,
        label=(
            "May we contact you about this report?",
            "Pouvons-nous vous contacter au sujet de ce signalement ?",
            "هل يمكننا التواصل معك بشأن هذا البلاغ؟",
            "ဤသတင်းပို့ချက်နှင့် ပတ်သက်၍ သင့်ကို ဆက်သွယ်နိုင်ပါသလား။",
        ),
    ),
    Question(
        f"select_one {_YES_NO}",
        "keep_original_media",
        required=True,
        relevant="${photo} != '' or ${video} != ''",
        label=(
            "May we keep the original photo or video files, including their location data?",
            "Pouvons-nous conserver les fichiers photo ou vidéo d'origine, y compris leurs"
            " données de localisation ?",
            "هل يمكننا الاحتفاظ بملفات الصورة أو الفيديو الأصلية، بما فيها بيانات الموقع؟",
            "မူရင်း ဓာတ်ပုံ သို့မဟုတ် ဗီဒီယိုဖိုင်များကို ၎င်းတို့၏ တည်နေရာအချက်အလက်များ အပါအဝင် သိမ်းဆည်းထားနိုင်ပါသလား။",
        ),
    ),
    Question("end_group", "consent"),
    Question(
        "begin_group",
        "reporter",
        label=_optional(
            (
                "About you",
                "À propos de vous",
                "عنك",
                "သင့်အကြောင်း",
            )
        ),
    ),
    Question("text", "name", label=("Your name", "Votre nom", "اسمك", "သင့်အမည်")),
    Question(
        "text",
        "contact",
        relevant="${contact_back} = 'yes'",
        label=(
            "A phone number, email or other way to reach you safely",
            "Un numéro de téléphone, un e-mail ou un autre moyen sûr de vous joindre",
            "رقم هاتف أو بريد إلكتروني أو وسيلة أخرى آمنة للتواصل معك",
            "သင့်ကို လုံခြုံစွာ ဆက်သွယ်နိုင်မည့် ဖုန်းနံပါတ်၊ အီးမေးလ် သို့မဟုတ် အခြားနည်းလမ်း",
        ),
    ),
    Question("end_group", "reporter"),
)

_VIOLATION_WORDING: dict[str, tuple[str, str, str]] = {
    "attack_on_civilians": (
        "Attaque contre des civils",
        "هجوم على المدنيين",
        "အရပ်သားများကို တိုက်ခိုက်မှု",
    ),
    "sexual_violence": ("Violences sexuelles", "عنف جنسي", "လိင်ပိုင်းဆိုင်ရာ အကြမ်းဖက်မှု"),
    "abduction_disappearance": (
        "Enlèvement ou disparition forcée",
        "اختطاف أو إخفاء قسري",
        "ပြန်ပေးဆွဲမှု သို့မဟုတ် အတင်းအဓမ္မ ပျောက်ဆုံးစေမှု",
    ),
    "looting_destruction": (
        "Pillage ou destruction de biens",
        "نهب أو تدمير الممتلكات",
        "လုယက်မှု သို့မဟုတ် ပစ္စည်းဥစ္စာ ဖျက်ဆီးမှု",
    ),
    "armed_clash": ("Affrontement armé", "اشتباك مسلح", "လက်နက်ကိုင် တိုက်ပွဲ"),
    "remote_violence": (
        "Violence à distance (frappe aérienne, bombardement, explosifs)",
        "عنف عن بُعد (غارة جوية، قصف، متفجرات)",
        "အဝေးမှ အကြမ်းဖက်မှု (လေကြောင်းတိုက်ခိုက်မှု၊ အမြောက်ပစ်ခတ်မှု၊ ပေါက်ကွဲစေတတ်သောပစ္စည်း)",
    ),
    "protest_repression": (
        "Manifestation et sa répression",
        "احتجاج وقمعه",
        "ဆန္ဒပြပွဲနှင့် ၎င်းကို ဖိနှိပ်မှု",
    ),
    "arrest_detention": (
        "Arrestation ou détention",
        "اعتقال أو احتجاز",
        "ဖမ်းဆီးမှု သို့မဟုတ် ထိန်းသိမ်းမှု",
    ),
    "other": ("Autre", "أخرى", "အခြား"),
}

CHOICES: tuple[Choice, ...] = (
    Choice(_YES_NO, "yes", ("Yes", "Oui", "نعم", "ဟုတ်ကဲ့")),
    Choice(_YES_NO, "no", ("No", "Non", "لا", "မဟုတ်ပါ")),
    *(
        Choice("violation_types", code, (english, *_VIOLATION_WORDING[code]))
        for code, english in VIOLATION_TYPES.items()
    ),
)

TOCSIN_REPORT = FormMapping(
    form_id=FORM_ID,
    text="incident/what_happened",
    occurred_on="incident/occurred_on",
    place="incident/place",
    geopoint="incident/location",
    identity={"name": "reporter/name", "contact": "reporter/contact"},
    consent={
        "share_with_partners": "consent/share_with_partners",
        "use_as_evidence": "consent/use_as_evidence",
        "contact_back": "consent/contact_back",
        "keep_original_media": "consent/keep_original_media",
    },
    attachments=("evidence/photo", "evidence/video"),
)

KNOWN_FORMS = FormRegistry([TOCSIN_REPORT])
"""The forms every channel reads without being told about them."""
