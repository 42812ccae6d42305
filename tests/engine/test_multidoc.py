"""Choosing a story's sentences across articles: best first, each fact once, credited."""

from __future__ import annotations

import pytest

from summarise.sentences.multidoc import SourcedSentence, is_redundant, select_across

HELD = "The European Central Bank held interest rates at 4 percent on Thursday."
EASING = "President Christine Lagarde said inflation was easing but the bank was not done yet."
EXPECTED = "Markets had expected the decision."
KEPT = "The ECB kept its key interest rate at 4 percent, the bank said on Thursday."
JUNE = "Lagarde said a cut in June was possible if wages cool."
ECONOMISTS = "Economists at Nordbank now expect two cuts this year."


def digest(source: str, document: int, *sentences: str) -> list[SourcedSentence]:
    return [SourcedSentence(text, source, document, n) for n, text in enumerate(sentences)]


@pytest.mark.parametrize(
    ("sentence", "repeat"),
    [
        (KEPT, True),  # the same fact in other words
        ("Rates were held at 4 percent.", True),  # a shorter telling of it
        ("European Central Bank leaves interest rates unchanged at 4 percent.", True),
        ("The bank will meet again in June, when analysts expect a cut.", False),
        (EASING, False),
        ("Lagarde said the bank would cut rates in June if inflation kept easing.", False),
    ],
)
def test_a_repeat_is_a_sentence_whose_words_were_mostly_said(sentence: str, repeat: bool) -> None:
    assert is_redundant(sentence, [HELD]) is repeat


def test_one_article_keeps_its_own_digest_order() -> None:
    only = digest("wire", 0, HELD, EASING, EXPECTED)
    assert [s.text for s in select_across(only, count=2)] == [HELD, EASING]
    # Its own sentences are never dropped as repeats of each other: its digest chose them.
    same = digest("wire", 0, HELD, HELD, HELD)
    assert len(select_across(same, count=3)) == 3


def test_sentences_across_articles_each_fact_once_first_reporter_first() -> None:
    pool = digest("wire", 0, HELD, EASING, EXPECTED) + digest("agency", 1, KEPT, JUNE, ECONOMISTS)
    chosen = select_across(pool, count=3)
    # The agency's first sentence tells the wire's first fact again: it is left out.
    assert [(s.text, s.source) for s in chosen] == [
        (HELD, "wire"),
        (EASING, "wire"),
        (JUNE, "agency"),
    ]


def test_a_fact_several_outlets_report_comes_before_a_lone_detail() -> None:
    pool = (
        digest("wire", 0, EXPECTED, HELD)
        + digest("city", 1, KEPT)
        + digest("agency", 2, "Rates were held at 4 percent.")
    )
    [best] = select_across(pool, count=1)
    assert best.text in (HELD, KEPT)  # the rate decision, which three outlets report


def test_covered_sentences_are_not_offered_again() -> None:
    later = digest("agency", 3, KEPT, JUNE, ECONOMISTS)
    chosen = select_across(later, count=3, covered=[HELD, EASING])
    assert [s.text for s in chosen] == [JUNE, ECONOMISTS]
    assert select_across(digest("city", 4, KEPT), count=3, covered=[HELD]) == []


def test_nothing_asked_nothing_given() -> None:
    assert select_across(digest("wire", 0, HELD), count=0) == []
    assert select_across([], count=3) == []


def test_across_articles_a_plain_lead_comes_before_a_caption_or_a_long_run_on() -> None:
    caption = "ECB President Christine Lagarde at a news conference in Frankfurt"
    run_on = " ".join(["Lagarde spoke for an hour and answered questions"] * 6) + "."
    for odd in (caption, run_on):
        pool = [*digest("photo desk", 0, odd), *digest("wire", 1, ECONOMISTS)]
        assert [s.text for s in select_across(pool, count=1)] == [ECONOMISTS]
    # One article's own digest keeps its order, whatever the form of its sentences.
    only = digest("photo desk", 0, caption, ECONOMISTS)
    assert [s.text for s in select_across(only, count=1)] == [caption]
