"""Sentence selection: every algorithm by name, lead, the default, and the character budget."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarise import ALGORITHMS, summarise
from summarise.sentences.budget import ELLIPSIS, shorten
from summarise.text import prepare

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = (DATA / "seed_article.txt").read_text(encoding="utf-8")
SEED_SENTENCES = prepare(SEED).sentences
HEADINGS = prepare(SEED).headings


def _positions(chosen: list[str]) -> list[int]:
    return [SEED_SENTENCES.index(sentence) for sentence in chosen]


def test_algorithm_names() -> None:
    assert set(ALGORITHMS) == {
        "lexrank",
        "textrank",
        "lsa",
        "luhn",
        "edmundson",
        "kl",
        "sumbasic",
        "reduction",
        "lead",
        "default",
    }


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("count", [1, 3, 5])
def test_every_algorithm_returns_at_most_n_article_sentences_in_order(
    algorithm: str, count: int
) -> None:
    digest = summarise(SEED, sentences=count, algorithm=algorithm, actors=False)
    assert len(digest.sentences) == count
    positions = _positions(digest.sentences)
    assert positions == sorted(positions)
    assert len(set(positions)) == count
    for sentence in digest.sentences:
        assert not any(heading in sentence for heading in HEADINGS)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("max_chars", [120, 300, 600])
def test_max_chars_is_respected_with_whole_sentences(algorithm: str, max_chars: int) -> None:
    digest = summarise(SEED, sentences=3, max_chars=max_chars, algorithm=algorithm, actors=False)
    assert digest.sentences
    assert len(" ".join(digest.sentences)) <= max_chars
    assert all(sentence in SEED_SENTENCES for sentence in digest.sentences)


def test_a_budget_below_every_sentence_shortens_one_at_a_word_boundary() -> None:
    digest = summarise(SEED, sentences=3, max_chars=40, algorithm="lead", actors=False)
    assert digest.sentences == ["President Donald Trump has offered…"]
    assert len(digest.sentences[0]) <= 40


def test_shorten_keeps_short_text_and_cuts_long_text() -> None:
    assert shorten("Short.", 10) == "Short."
    cut = shorten("The quick brown fox jumps over the lazy dog.", 20)
    assert cut == "The quick brown fox…"
    assert len(cut) <= 20
    assert shorten("Unbreakableveryveryverylongword", 10) == "Unbreakab" + ELLIPSIS


def test_lead_takes_the_first_sentences() -> None:
    digest = summarise(SEED, sentences=2, algorithm="lead", actors=False)
    assert digest.sentences == SEED_SENTENCES[:2]


def test_default_does_not_repeat_itself() -> None:
    text = (
        "The city council approved a new budget for the library on Tuesday night. "
        "The city council approved the new library budget on Tuesday night. "
        "The plan adds two new branches in the north of the city. "
        "Opening hours will grow by ten hours a week. "
        "The mayor said residents had asked for the change for years."
    )
    digest = summarise(text, sentences=2, actors=False)
    assert len(digest.sentences) == 2
    assert digest.sentences[0] == (
        "The city council approved a new budget for the library on Tuesday night."
    )
    assert "The city council approved the new library budget on Tuesday night." not in (
        digest.sentences
    )


@pytest.mark.parametrize("algorithm", ["default", "lead"])
def test_a_caption_glued_between_sentences_is_left_out(algorithm: str) -> None:
    text = (
        "A fire destroyed a furniture warehouse in the harbour district on Monday. "
        "Firefighters battle the blaze at the warehouse on Monday night "
        "The owner said the warehouse had been empty for a month before the fire. "
        "Nobody was hurt, the fire service said."
    )
    assert summarise(text, sentences=2, algorithm=algorithm, actors=False).sentences == [
        "A fire destroyed a furniture warehouse in the harbour district on Monday.",
        "The owner said the warehouse had been empty for a month before the fire.",
    ]


def test_repeated_sentences_are_used_once() -> None:
    text = "The bridge is closed. The bridge is closed. Traffic is diverted. Buses run late."
    assert summarise(text, sentences=3, algorithm="lead", actors=False).sentences == [
        "The bridge is closed.",
        "Traffic is diverted.",
        "Buses run late.",
    ]


def test_short_texts_work_with_every_algorithm() -> None:
    for algorithm in ALGORITHMS:
        assert summarise(
            "Only one sentence here.", algorithm=algorithm, actors=False
        ).sentences == ["Only one sentence here."]
        assert summarise("It is. So it was.", algorithm=algorithm, actors=False).sentences == [
            "It is.",
            "So it was.",
        ]


def test_title_is_kept_and_taken_from_a_heading_line() -> None:
    assert summarise("Rates Held\nThe bank held rates.", actors=False).title == "Rates Held"
    digest = summarise("The bank held rates.", title=" Bank Decision ", actors=False)
    assert digest.title == "Bank Decision"


def test_unknown_algorithm_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown algorithm 'best'.*lexrank.*default"):
        summarise(SEED, algorithm="best", actors=False)


@pytest.mark.parametrize("text", ["", "   \n\t", "Advertisement\nRead more\n"])
def test_no_text_after_cleaning_is_an_error(text: str) -> None:
    with pytest.raises(ValueError, match=r"^no text to summarise$"):
        summarise(text, actors=False)
