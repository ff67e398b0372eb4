from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tocsin.intake.triage.stated_dates import stated_day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("On 30 December 2021, demonstrators marched in Atbara.", (12, 30)),
        ("Around Oct 27th 2019 (exact date not reported), clans clashed.", (10, 27)),
        ("On the 3rd of May, soldiers arrived.", (5, 3)),
        ("Dec. 5, 2020: a mine exploded.", (12, 5)),
        ("Le 1er juin 2020, des hommes armés ont attaqué Djibo.", (6, 1)),
        ("Le 14 février, des manifestants à Niamey.", (2, 14)),
        ("في ٣٠ ديسمبر ٢٠٢١ خرج متظاهرون في الخرطوم", (12, 30)),
        ("في 5 أيار هاجم مسلحون القرية", (5, 5)),
        ("2021-12-30: clashes near Kismayo.", (12, 30)),
        # The first date is the event's; a later one is context.
        ("On 2 March, protesters recalled the attack of 18 February.", (3, 2)),
    ],
)
def test_the_first_stated_day_is_read(text: str, day: tuple[int, int]) -> None:
    assert stated_day(text) == day


@pytest.mark.parametrize(
    "text",
    [
        "Armed men attacked the village last night.",
        "Four people were killed, 30 injured.",
        "On 32 May nothing happened.",
        "The Marchand family and the Junebug café.",
    ],
)
def test_no_day_is_read_where_none_is_stated(text: str) -> None:
    assert stated_day(text) is None


@given(st.text(max_size=300))
def test_any_text_gives_a_real_day_or_none(text: str) -> None:
    day = stated_day(text)
    assert day is None or (1 <= day[0] <= 12 and 1 <= day[1] <= 31)
