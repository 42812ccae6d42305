"""Offsets in cleaned sentences mapped back to the text as the caller gave it."""

from __future__ import annotations

import re

import pytest

from summarise.offsets import TextMap, article_sentences
from summarise.text import normalise, prepare
from summarise.tokens import detokenise

_WORD = re.compile(r"\S+")


def _span(original: str, sentence: str, part: str, *, nth: int = 0) -> str:
    """The original text under `part` of `sentence`, mapped on its own."""
    start = -1
    for _ in range(nth + 1):
        start = sentence.index(part, start + 1)
    found = TextMap(original, [sentence]).span(0, start, start + len(part))
    assert found is not None
    return original[found[0] : found[1]]


def _same_words(original: str, text_map: TextMap) -> None:
    """Every word of every located sentence maps onto the same word in the original, up to
    the cleaning (quotes, mojibake, zero-width chars) and the spaces detokenising removed."""
    for index, sentence in enumerate(text_map.sentences):
        for word in _WORD.finditer(sentence):
            found = text_map.span(index, word.start(), word.end())
            assert found is not None, sentence
            start, end = found
            assert 0 <= start < end <= len(original)
            assert normalise(original[start:end]).replace(" ", "") == word.group(), sentence


def test_curly_quotes_map_onto_straight_ones() -> None:
    original = "She called the deal \u201ca disgrace\u201d and \u2018unfair\u2019 on Monday."
    sentence = "She called the deal \"a disgrace\" and 'unfair' on Monday."
    assert _span(original, sentence, '"a disgrace"') == "\u201ca disgrace\u201d"
    assert _span(original, sentence, "'unfair'") == "\u2018unfair\u2019"


def test_a_quotation_mark_written_as_two_apostrophes_maps_onto_both() -> None:
    # Some newspapers' feeds write '' for a double mark; cleaning makes it one '"'.
    original = "''We are America,'' the mayor added. ''We always were.''"
    sentences = ['"We are America," the mayor added.', '"We always were."']
    text_map = TextMap(original, sentences)
    assert text_map.span(1, 0, len(sentences[1])) == (37, 56)
    assert _span(original, sentences[0], '"We are America,"') == "''We are America,''"
    _same_words(original, text_map)


def test_removed_and_replaced_characters_are_skipped() -> None:
    original = "The co\u00adoperative\u00a0board met\u200b in\u2009Leeds\x07 today."
    sentence = "The cooperative board met in Leeds today."
    assert _span(original, sentence, "cooperative") == "co\u00adoperative"
    assert _span(original, sentence, "board met in Leeds") == "board met\u200b in\u2009Leeds"
    assert _span(original, sentence, "today.") == "today."


def test_collapsed_spaces_and_paragraph_breaks() -> None:
    original = "  The river   rose overnight.\n\n\n   Residents   left\ttheir homes.  \r\n"
    sentences = ["The river rose overnight.", "Residents left their homes."]
    text_map = TextMap(original, sentences)
    assert text_map.span(0, 0, len(sentences[0])) == (2, 29)
    assert original[slice(*text_map.span(1, 0, 14) or (0, 0))] == "Residents   left"
    _same_words(original, text_map)


def test_space_inserted_after_a_full_stop() -> None:
    original = "The mill closed in 1993.Mrs Fergus bought it."
    text_map = TextMap(original, ["The mill closed in 1993.", "Mrs Fergus bought it."])
    assert text_map.span(0, 19, 24) == (19, 24)
    assert text_map.span(1, 0, 3) == (24, 27)
    # The space that was inserted has no place of its own: it maps to the gap, which is empty.
    assert TextMap(original, ["in 1993. Mrs"]).span(0, 8, 9) == (24, 24)


def test_mojibake_maps_to_the_whole_broken_sequence() -> None:
    original = (
        "The fee wasn\u00e2\u20ac\u2122t \u00c2\u00a35 but \u00e2\u20ac\u0153more\u00e2\u20ac\x9d."
    )
    sentence = 'The fee wasn\'t £5 but "more".'
    assert _span(original, sentence, "wasn't") == "wasn\u00e2\u20ac\u2122t"
    assert _span(original, sentence, "£5") == "\u00c2\u00a35"
    assert _span(original, sentence, '"more"') == "\u00e2\u20ac\u0153more\u00e2\u20ac\x9d"


def test_composed_accents_map_onto_decomposed_ones() -> None:
    original = "Jose\u0301 Mari\u0301a runs the cafe\u0301."
    sentence = "José María runs the café."
    assert _span(original, sentence, "José") == "Jose\u0301"
    assert _span(original, sentence, "café") == "cafe\u0301"


def test_detokenised_line_maps_onto_the_tokenised_one() -> None:
    original = "Mr. Smith 's plan , he said , is ( in part ) a 3 - 2 vote ."
    sentence = detokenise(original)
    assert sentence == "Mr. Smith's plan, he said, is (in part) a 3-2 vote."
    assert _span(original, sentence, "Smith's") == "Smith 's"
    assert _span(original, sentence, "plan,") == "plan ,"
    assert _span(original, sentence, "(in part)") == "( in part )"
    assert _span(original, sentence, "3-2") == "3 - 2"
    assert _span(original, sentence, "Smith") == "Smith"


def test_sentence_with_its_start_stripped_maps_to_what_is_left() -> None:
    original = "Wanted: Police in Dunmore are looking for a grey van."
    [sentence] = prepare(original).lines
    assert sentence.startswith("Police")
    found = TextMap(original, [sentence]).span(0, 0, len(sentence))
    assert found == (8, len(original))


def test_sentence_not_in_the_original_does_not_stop_the_next() -> None:
    original = "Bridges were closed. Trains ran late. Schools stayed open."
    sentences = [
        "Bridges were closed.",
        "A ferry sank off the coast of Norway.",
        "Schools stayed open.",
    ]
    text_map = TextMap(original, sentences)
    assert text_map.located(0)
    assert not text_map.located(1)
    assert text_map.span(1, 0, 5) is None
    assert text_map.span(2, 0, 7) == (38, 45)


def test_repeated_sentences_map_to_their_own_occurrences_in_order() -> None:
    original = "He said no. Then he paused. He said no. He said no."
    text_map = TextMap(original, ["He said no.", "He said no.", "He said no."])
    assert [text_map.span(i, 0, 2) for i in range(3)] == [(0, 2), (28, 30), (40, 42)]


def test_a_changed_sentence_is_aligned_around_the_change() -> None:
    original = "The council approved the new colour scheme for the town hall on Tuesday."
    sentence = "The council approved the new color scheme for the town hall on Tuesday."
    text_map = TextMap(original, [sentence])
    assert text_map.located(0)
    start = sentence.index("town hall")
    at = original.index("town hall")
    assert text_map.span(0, start, start + 9) == (at, at + 9)
    found = text_map.span(0, 0, len(sentence))
    assert found == (0, len(original))


def test_changed_sentences_map_their_unchanged_words_and_keep_the_order() -> None:
    original = (
        "Officials organised a meeting in the harbour office, where the plans were shown. "
        "Fishermen said the new rules would cost them dearly this coming winter season. "
        "The meeting ended late."
    )
    sentences = [
        "Officials organized a meeting in the harbor office where the plans were shown.",
        "Fishermen said that the new rules would cost them very dearly this winter season.",
        "The meeting ended late.",
    ]
    text_map = TextMap(original, sentences)
    assert all(text_map.located(i) for i in range(3))
    for index, sentence in enumerate(sentences):
        for word in ("meeting", "office", "plans", "rules", "dearly", "winter", "late."):
            if word in sentence:
                start = sentence.index(word)
                found = text_map.span(index, start, start + len(word))
                assert found is not None
                assert original[found[0] : found[1]] == word
    spans = [text_map.span(i, 0, len(s)) for i, s in enumerate(sentences)]
    assert spans == sorted(spans)


def test_title_given_apart_from_the_text() -> None:
    original = "Rates held steady on Thursday. Markets rose."
    text_map = TextMap.for_article(
        original, ["Rates held steady on Thursday.", "Markets rose."], "Banks pause"
    )
    assert text_map.sentences[0] == "Banks pause"
    assert text_map.span(0, 0, 5) is None
    assert text_map.span(1, 0, 5) == (0, 5)
    assert text_map.span(2, 0, 7) == (31, 38)


def test_title_at_the_top_of_the_text() -> None:
    original = "Storm Warning\n\nStorm warning issued for the coast. Storm warning lifted."
    prepared = prepare(original)
    assert prepared.title == "Storm Warning"
    text_map = TextMap.for_article(original, prepared.lines, prepared.title)
    assert text_map.span(0, 0, 13) == (0, 13)
    assert text_map.span(1, 0, 13) == (15, 28)
    assert text_map.span(2, 0, 13) == (51, 64)


@pytest.mark.parametrize("sentence", ["He left.  Then  she   came back.", '"Fine," she said.'])
def test_spans_are_never_reversed_or_outside_the_text(sentence: str) -> None:
    original = "Intro.\n\n" + sentence.replace(" ", " \u200b ") + "\n\nOutro."
    text_map = TextMap(original, ["Intro.", sentence, "Outro."])
    for start in range(-2, len(sentence) + 3):
        for end in range(-2, len(sentence) + 3):
            found = text_map.span(1, start, end)
            assert found is not None
            assert 0 <= found[0] <= found[1] <= len(original)
            assert found[0] >= 8 and found[1] <= len(original) - 8


def test_empty_and_whitespace_spans_map_to_gaps() -> None:
    original = "Rain   fell."
    text_map = TextMap(original, ["Rain fell."])
    assert text_map.span(0, 4, 5) == (4, 7)  # the space: the run of spaces it stands for
    assert text_map.span(0, 5, 5) == (7, 7)  # before "fell"
    assert text_map.span(0, 4, 4) == (4, 4)  # after "Rain"
    assert text_map.span(0, 10, 10) == (12, 12)


def test_other_scripts_and_symbols() -> None:
    original = "İstanbul\u00a0и Київ 東京 🙂\ufe0f 5\u202f% up."
    sentence = normalise(original)
    _same_words(original, TextMap(original, [sentence]))


ARTICLE = (
    "\ufeffOld Pier To Close\n\n"
    "By Tom Reed and Ana Silva . PORTVALE (Wire) - The harbour board voted on Tuesday to close "
    "the old pier, ending a "
    "\u201cdecade of delay\u201d.\u00a0Its chair, Dr. Lena Ortiz, said the vote was "
    "\u2018long overdue\u2019.\n"
    "\n\n"
    "Scroll down for video\n"
    "Fishermen objected.The pier had been their base since 1974.Several\u200b of them "
    "said they would co\u00adoperate.\n"
    "\n"
    "Pictured: The pier at dawn last spring, when repairs were still planned\n"
    "\n"
    "Advertisement\n"
    "Mr. Hale 's company , Hale Marine , said it would "
    "\u00e2\u20ac\u0153look at options\u00e2\u20ac\x9d .\n"
    "The board said repairs would cost \u00c2\u00a34m. Fishermen objected.\n"
    "What Happens Next\n"
    "A public meeting is set for March\u2009 3. The board said it wasn\u00e2\u20ac\u2122t "
    "going to change course.\r\n"
)


def test_every_word_of_the_engines_sentences_maps_onto_the_same_word() -> None:
    prepared = prepare(ARTICLE)
    # The sentence list exactly as summarise.key_actors.extract_actors builds it.
    title = prepared.title
    head = [detokenise(title.strip())] if title and title.strip() else []
    expected = head + [detokenise(s.strip()) for s in prepared.lines if s and s.strip()]
    assert article_sentences(prepared.lines, title) == expected
    text_map = TextMap.for_article(ARTICLE, prepared.lines, title)
    assert text_map.sentences == expected
    assert len(expected) > 10
    assert all(text_map.located(i) for i in range(len(expected)))
    _same_words(ARTICLE, text_map)
    # Byline and dateline stripped from the first body sentence, a label from the caption.
    assert text_map.span(1, 0, 11) == (ARTICLE.index("The harbour"), ARTICLE.index(" board"))
    assert text_map.span(6, 0, 8) == (ARTICLE.index("The pier at"), ARTICLE.index(" at dawn"))
    # Repeated "Fishermen objected." maps to each occurrence in turn.
    starts = [
        found[0]
        for i, s in enumerate(expected)
        if s == "Fishermen objected." and (found := text_map.span(i, 0, 9))
    ]
    assert starts == [m.start() for m in re.finditer("Fishermen objected", ARTICLE)]


def test_engine_sentences_with_a_title_given_apart() -> None:
    prepared = prepare(ARTICLE)
    text_map = TextMap.for_article(ARTICLE, prepared.lines, "Portvale pier to close")
    assert not text_map.located(0)
    assert all(text_map.located(i) for i in range(1, len(text_map.sentences)))
    _same_words(ARTICLE, TextMap(ARTICLE, text_map.sentences[1:]))
