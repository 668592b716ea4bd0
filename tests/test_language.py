"""Language detection from stop-word shares (reports warn about non-English documents)."""

from __future__ import annotations

from wpslint.nlp.language import detect_language


def test_english() -> None:
    text = "The Ministry shall protect women peacebuilders and report to the Parliament."
    assert detect_language(text) == "en"


def test_french() -> None:
    text = "Le ministère est chargé de la protection des femmes artisanes de paix dans le pays."
    assert detect_language(text) == "fr"


def test_spanish() -> None:
    text = "El ministerio protegerá a las mujeres constructoras de paz y a sus familias en el país."
    assert detect_language(text) == "es"


def test_no_words_is_undetermined() -> None:
    assert detect_language("12 34 -- 56") == "und"
    assert detect_language("") == "und"
