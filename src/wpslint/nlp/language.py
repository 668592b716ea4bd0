"""Guess a document's language from the share of each language's stop words.

The rules are written for English; a French plan checked with them would come out as
missing nearly everything, so reports say which language was found, and a document with too
little English is not checked at all (see ``wpslint.api``). A bilingual plan, or an English
plan with a French annex, is still checked: ``profile`` measures the share of English over
windows spread across the whole text, not only its opening. Stop-word lists come from spaCy's
language data: no model and no extra package.
"""

from __future__ import annotations

import functools
import importlib.util
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

#: Languages compared; codes are spaCy's (ISO 639-1).
LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "nl", "sv", "id", "tl")
SAMPLE_WORDS = 3_000
#: Below this share of stop words no language is claimed ("und", undetermined).
MIN_SHARE = 0.12
#: ``profile`` reads up to ``WINDOWS`` stretches of ``WINDOW_CHARS`` characters (about 60
#: words each: enough to tell the language, short enough that few straddle two languages),
#: evenly spread over the text.
WINDOWS = 100
WINDOW_CHARS = 400
_PUNCTUATION = ".,;:()[]\"'!?"
#: A text with less English than this is not checked: the rules would find nothing in it.
MIN_ENGLISH_SHARE = 0.25
#: A checked text with less English than this gets a warning that the rest went unread.
MOSTLY_ENGLISH_SHARE = 0.8
#: English names of the languages ``profile`` can tell apart.
LANGUAGE_NAMES = {
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "de": "German",
    "it": "Italian",
    "nl": "Dutch",
    "sv": "Swedish",
    "id": "Indonesian",
    "tl": "Tagalog",
    "und": "not determined",
}
#: The message of every check of a document that was not checked for its language.
NOT_CHECKED = "Not checked: the checks are written for English and the document is not in English."


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


@functools.lru_cache(maxsize=1)
def _any_stop_words() -> frozenset[str]:
    """The words that are a stop word in at least one language."""
    return frozenset().union(*_stop_words().values())


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the most likely language of the start of ``text``, or "und"."""
    return _classify(_words(text.split()[:SAMPLE_WORDS]))


@dataclass(frozen=True, slots=True)
class LanguageProfile:
    """The main language of a text and how much of it is English."""

    #: ISO 639-1 code of the language most words are in, or "und" when none could be told.
    language: str
    #: Share of the words in windows of a known language that are in English windows; 1.0
    #: when no window's language could be told (nothing says the text is not English).
    english: float
    #: The main language other than English, if any window is in one ("fr" in a plan with a
    #: French annex), else None.
    other: str | None


def profile(text: str) -> LanguageProfile:
    """The language profile of ``text``, from windows spread evenly over all of it."""
    counts: Counter[str] = Counter()
    for window in _windows(text):
        words = _words(window.split())
        language = _classify(words)
        if language != "und":
            counts[language] += len(words)
    if not counts:
        return LanguageProfile("und", 1.0, None)
    total = sum(counts.values())
    others = [code for code, _ in counts.most_common() if code != "en"]
    return LanguageProfile(
        language=counts.most_common(1)[0][0],
        english=round(counts["en"] / total, 4),
        other=others[0] if others else None,
    )


def _windows(text: str) -> list[str]:
    """Up to ``WINDOWS`` stretches of ``text``, the whole of it when it is short enough."""
    if len(text) <= WINDOWS * WINDOW_CHARS:
        return [text[i : i + WINDOW_CHARS] for i in range(0, len(text), WINDOW_CHARS)]
    step = len(text) // WINDOWS
    # A stretch may start or end inside a word; the cut words are left out.
    return [" ".join(text[i : i + WINDOW_CHARS].split()[1:-1]) for i in range(0, len(text), step)]


def _words(tokens: list[str]) -> list[str]:
    words = [token.strip(_PUNCTUATION).lower() for token in tokens]
    return [word for word in words if word.isalpha()]


def _classify(words: list[str]) -> str:
    """The language whose stop words are the largest share of ``words``, or "und".

    The words are counted once and narrowed to the stop words of any language, so each
    language looks up only those few, in C (a set intersection), rather than every word in a
    Python loop per language.
    """
    if not words:
        return "und"
    counts = Counter(words)
    known = _any_stop_words().intersection(counts)
    shares = {
        code: sum(map(counts.__getitem__, stops.intersection(known))) / len(words)
        for code, stops in _stop_words().items()
    }
    best = max(shares, key=lambda code: shares[code])
    return best if shares[best] >= MIN_SHARE else "und"


@dataclass(frozen=True, slots=True)
class Assessment:
    """Whether a text can be checked with the English rules, and what to tell the reader."""

    check: bool
    warnings: tuple[str, ...]


def assess(found: LanguageProfile, *, assume_english: bool = False) -> Assessment:
    """Check a text with enough English (or every text with ``assume_english``); warn when
    much of it is in another language, since the checks cannot read that part."""
    if found.other is None or found.english >= MOSTLY_ENGLISH_SHARE:
        return Assessment(True, ())
    other = LANGUAGE_NAMES.get(found.other, found.other)
    english = f"{found.english:.0%} English"
    if assume_english and found.english < MIN_ENGLISH_SHARE:
        return Assessment(
            True,
            (
                f"the text is in {other} ({english}) and was checked as English as asked "
                "(--assume-english): most protections will show as missing",
            ),
        )
    if found.english < MIN_ENGLISH_SHARE:
        return Assessment(
            False,
            (
                f"the text is in {other} ({english}); the checks are written for English, so "
                "it was not checked (use --assume-english to check it anyway)",
            ),
        )
    return Assessment(
        True,
        (
            f"only {english}, the rest mostly {other}: the checks are written for English "
            "and find nothing in the other parts",
        ),
    )
