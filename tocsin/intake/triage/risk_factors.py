"""Tagging a report with the UN Framework risk factors its words point to (heuristic).

Each factor's cues (`risk_factor_cues`) are matched against the folded text (`cue_matching`). A
report gets every factor with at least one cue; most get two to four. The tags are a sorting aid
for analysts, documented as heuristic in docs/guides/triage.md: a negated cue ("no weapons were
found") does not count, but a lexicon reads no further into context than that.
"""

from __future__ import annotations

import functools

from tocsin.intake.triage.cue_matching import CueMatcher
from tocsin.intake.triage.risk_factor_cues import RISK_FACTOR_CUES


@functools.cache
def _matcher() -> CueMatcher[int]:
    return CueMatcher(RISK_FACTOR_CUES)


def risk_factors(text: str) -> tuple[int, ...]:
    """The RF numbers (1-14) whose cues occur in `text`, in increasing order."""
    return tuple(sorted(_matcher().matches(text)))
