"""Which language a report is written in, offline (py3langid, 97 languages incl. Burmese).

Short texts fool any character model ("Gunmen attacked" scores Swedish), so below a confidence
floor the answer is "und" (undetermined, ISO 639-2) rather than a confident wrong language: an
analyst who reads the language field trusts it to route the report.
"""

from __future__ import annotations

import functools
from typing import Any

UNDETERMINED = "und"
MIN_CONFIDENCE = 0.5
# The identifier walks the text byte by byte in Python; the opening says enough.
_SAMPLE_CHARS = 160
# Dialect codes the identifier returns, folded into the language analysts are assigned by.
_MACROLANGUAGE = {"ary": "ar", "arz": "ar", "uzs": "uz"}


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """An ISO 639 code, or "und" for a text too short, too mixed or without letters."""
    text = text[:_SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in text):
        return UNDETERMINED
    code, confidence = _identifier().classify(text)
    code = _MACROLANGUAGE.get(code, code)
    if code == "ar" and confidence < MIN_CONFIDENCE:
        # Arabic's probability is split between its dialect models; together they are sure.
        ranked = dict(_identifier().rank(text))
        confidence = sum(ranked.get(c, 0.0) for c in ("ar", "ary", "arz"))
    if code == "zxx" or confidence < MIN_CONFIDENCE:
        return UNDETERMINED
    return str(code)
