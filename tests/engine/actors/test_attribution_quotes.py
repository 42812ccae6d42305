"""Quotations that the sentence splitter or the layout sets apart from their cue."""

from __future__ import annotations

from summarise import Position, summarise


def by_actor(text: str, name: str) -> list[Position]:
    return [a for a in summarise(text, sentences=1).attributions if a.actor == name]


def test_a_question_quote_before_its_cue_sentence(model: str) -> None:
    # The splitter ends a sentence at `?"`; the cue after it still claims the quote.
    text = (
        "Senator Ruth Calder questioned the bank's chief for an hour. "
        '"Why did nobody stop this?" Calder demanded. The hearing ended at noon.'
    )
    (found,) = by_actor(text, "Ruth Calder")
    assert found.quote == "Why did nobody stop this?"
    assert found.cue == "demanded"


def test_an_exclamation_quote_before_a_cue_with_a_trailing_clause(model: str) -> None:
    text = (
        "Mayor Leon Duarte opened the new bridge on Sunday. "
        '"What a day for this town!" Duarte said, looking out over the river.'
    )
    (found,) = by_actor(text, "Leon Duarte")
    assert found.quote == "What a day for this town!"


def test_a_statement_before_its_sentence_is_not_claimed_by_a_later_cue(model: str) -> None:
    text = (
        'Mayor Leon Duarte opened the bridge. "It took four years." '
        "Engineer Mia Holt said the steel came from Norway."
    )
    assert all(a.quote is None for a in by_actor(text, "Mia Holt"))


def test_an_inverted_cue_with_an_aged_description(parsed: str) -> None:
    text = (
        "The novel was praised by critics and by Greta Lindqvist. "
        "'I think the ending is the best part,' continued the 71-year-old author."
    )
    (found,) = by_actor(text, "Greta Lindqvist")
    assert found.quote == "I think the ending is the best part"


def test_a_quote_signed_with_a_horizontal_bar(model: str) -> None:
    text = (
        "Readers wrote in after the debate.\n"
        "\u201cThe candidates never answered the question about rents.\u201d\u2015 Paula Brandt\n"
        "\u201cI stopped watching after ten minutes.\u201d \u2015 Omar Reyes"
    )
    (brandt,) = by_actor(text, "Paula Brandt")
    assert brandt.quote == "The candidates never answered the question about rents"
    (reyes,) = by_actor(text, "Omar Reyes")
    assert reyes.quote == "I stopped watching after ten minutes"
