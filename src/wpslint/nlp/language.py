"""Guess a document's language from the share of each language's stop words.

The rules are written for English; a French plan checked with them would come out as
missing nearly everything, so reports say which language was found and warn when it is not
English. Stop-word lists come from spaCy's language data: no model and no extra package.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

#: Languages compared; codes are spaCy's (ISO 639-1).
LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "nl", "sv", "id", "tl")
SAMPLE_WORDS = 3_000
#: Below this share of stop words no language is claimed ("und", undetermined).
MIN_SHARE = 0.12


@functools.lru_cache(maxsize=1)
def _stop_words() -> dict[str, frozenset[str]]:
    """Each language's stop words, read from spaCy's ``lang/<code>/stop_words.py``.

    The modules are loaded by file: importing ``spacy.lang.fr`` itself would first compile
    its tokenizer exceptions, a regular expression that took 3.4 s here.
    """
    spacy_dir = Path(importlib.util.find_spec("spacy").origin).parent
    lists = {}
    for code in LANGUAGES:
        path = spacy_dir / "lang" / code / "stop_words.py"
        spec = importlib.util.spec_from_file_location(f"_wpslint_stop_words_{code}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        lists[code] = frozenset(module.STOP_WORDS)
    return lists


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the most likely language, or "und"."""
    words = [w.strip(".,;:()[]\"'!?").lower() for w in text.split()[:SAMPLE_WORDS]]
    words = [w for w in words if w.isalpha()]
    if not words:
        return "und"
    shares = {
        code: sum(word in stops for word in words) / len(words)
        for code, stops in _stop_words().items()
    }
    best = max(shares, key=lambda code: shares[code])
    return best if shares[best] >= MIN_SHARE else "und"
