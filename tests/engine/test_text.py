"""Cleaning and offline sentence splitting: what the digest engine sees of an article."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarise.segmenter import pysbd_sentences
from summarise.text import OfflineTokenizer, is_heading, normalise, prepare, split_sentences

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = (DATA / "seed_article.txt").read_text(encoding="utf-8")
SEED_HEADINGS = [
    "Diplomacy at the White House: A Crucial Gathering",
    "The Path to Peace: Concessions and Guarantees",
    "The Evolving Role of American and European Support",
    "Sticking Points and Russian Opposition",
    "Historical Context and Future Outlook",
]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("WASHINGTON D.C. – President Donald Trump has spoken.", "President Donald Trump"),
        ("LONDON (Reuters) - Shares fell sharply on Monday.", "Shares fell"),
        ("NEW YORK, March 3 (Reuters) -- Oil prices rose.", "Oil prices rose"),
        ("(CNN)They may not be aliens, a NASA scientist says.", "They may not"),
        ("Boston (CNN)Guilty across the board. The jury agreed.", "Guilty across"),
        ("(The Hollywood Reporter)Stan Freberg has died. He was 88.", "Stan Freberg"),
        ("PARIS — The museum reopened on Friday.", "The museum reopened"),
    ],
)
def test_datelines_are_removed(text: str, first: str) -> None:
    assert prepare(text).sentences[0].startswith(first)


def test_a_company_ticker_in_parentheses_is_not_a_dateline() -> None:
    text = "Apple (AAPL) shares rose 3 percent on Monday after strong results."
    assert prepare(text).sentences == [text]


@pytest.mark.parametrize(
    "text",
    [
        "By Jane Doe\nThe council met on Monday and approved the plan.",
        "By Jane Doe and John Roe, Staff Writers\nThe council met on Monday and approved the plan.",
        "By . Daily Mail Reporter . The council met on Monday and approved the plan.",
        "By . Mark Duell . PUBLISHED: . 08:12 EST, 2 March 2013 . | . UPDATED: . "
        "08:44 EST, 2 March 2013 . The council met on Monday and approved the plan.",
    ],
)
def test_bylines_and_time_stamps_are_removed(text: str) -> None:
    assert prepare(text).sentences == ["The council met on Monday and approved the plan."]


def test_a_sentence_that_starts_with_by_is_kept() -> None:
    text = "By the time the vote came, most members had left the chamber."
    assert prepare(text).sentences == [text]


def test_boilerplate_lines_and_glued_chrome_are_dropped() -> None:
    text = (
        "Share this withEmailFacebookMessengerTwitterPinterestWhatsAppLinkedInCopy this link"
        "The bridge will close for repairs in June.\n"
        "Advertisement\n"
        "Read more: Why bridges fail\n"
        "We use cookies to improve your experience. Accept cookies\n"
        "Subscribe to our newsletter\n"
        "Engineers said the work would take six weeks. Scroll down for video "
        "Drivers will be diverted through the town centre."
    )
    assert prepare(text).sentences == [
        "The bridge will close for repairs in June.",
        "Engineers said the work would take six weeks.",
        "Drivers will be diverted through the town centre.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply on Monday.",
        "Related charges were filed against two other men.",
        "Updated figures show unemployment fell to 4 percent.",
        "The bakery uses cookies from a local supplier.",
        "Sign up rates for the scheme rose by a third.",
        "Published in 1990, the book sold a million copies.",
    ],
)
def test_story_lines_that_look_like_chrome_are_kept(line: str) -> None:
    assert prepare(f"The council met on Monday.\n{line}").sentences[1] == line


def test_seed_headings_are_found_and_never_glued_to_a_sentence() -> None:
    prepared = prepare(SEED)
    assert prepared.headings == SEED_HEADINGS
    for sentence in prepared.sentences:
        assert not any(heading in sentence for heading in SEED_HEADINGS), sentence
    assert prepared.sentences[0].startswith("President Donald Trump has offered")


def test_headings_run_into_the_text_are_split_off() -> None:
    # Pages flattened to one line lose the line break after each heading.
    prepared = prepare(SEED.replace("\n", " "))
    for sentence in prepared.sentences:
        assert not any(heading in sentence for heading in SEED_HEADINGS), sentence
    assert set(SEED_HEADINGS) <= set(prepared.headings)
    assert "Despite the flurry of diplomatic activity, significant sticking points remain." in (
        prepared.sentences
    )


def test_a_heading_like_first_line_is_the_title() -> None:
    prepared = prepare("Council Approves Budget\nThe council approved the budget on Tuesday.")
    assert prepared.title == "Council Approves Budget"
    assert prepared.sentences == ["The council approved the budget on Tuesday."]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("The Path to Peace: Concessions and Guarantees", True),
        ("HISTORICAL CONTEXT", True),
        ("Where the Money Goes", True),
        ("The budget passed by seven votes to four.", False),
        ("Officials said the plan would work", False),
        ("Mr Brown said:", False),
        ("Norrline Software to Cut 1,200 Jobs as It Bets on Data Centre Business", True),
        ("Covid-19: What We Know", True),
        # Results and table lines are data: names on them are people, not heading words.
        ("Scorers : Shkvyrin Igor 78 , Shatskikh Oleg 90", False),
        ("Scorers: Igor Shkvyrin, Oleg Shatskikh", False),
        ("Syria - Nader Jokhadar 7", False),
        ("Japan 2 Syria 1", False),
        ("Uzbekistan 1 1 0 0 2 0 3", False),
        ("Attendance : 3,000", False),
        ("Villeurbanne ( France ) 9 6 3 15", False),
    ],
)
def test_is_heading(line: str, heading: bool) -> None:
    assert is_heading(line) is heading


def test_lines_keep_headings_and_sentences_in_reading_order_without_the_title() -> None:
    prepared = prepare(
        "Council Approves Budget\nNadim Ladki\nThe council met. It voted.\n"
        "Where the Money Goes\nScorers : Shkvyrin Igor 78 , Shatskikh Oleg 90"
    )
    assert prepared.title == "Council Approves Budget"
    assert prepared.lines == [
        "Nadim Ladki",
        "The council met.",
        "It voted.",
        "Where the Money Goes",
        "Scorers : Shkvyrin Igor 78 , Shatskikh Oleg 90",
    ]
    assert "Scorers : Shkvyrin Igor 78 , Shatskikh Oleg 90" in prepared.sentences


def test_quotes_and_spaces_are_normalised() -> None:
    assert normalise("“It’s   fine,”\u00a0she said.\u200b") == '"It\'s fine," she said.'
    assert normalise("It cost Â£50m.") == "It cost £50m."


def test_a_lost_space_after_a_full_stop_is_restored() -> None:
    text = "They were convicted in 1993.Mrs Fergus said she was let down.It hurt."
    assert split_sentences(normalise(text)) == [
        "They were convicted in 1993.",
        "Mrs Fergus said she was let down.",
        "It hurt.",
    ]


def test_a_caption_glued_to_the_first_sentence_is_split_off() -> None:
    text = (
        "People who have never been divorced can expect a retirement income 13% higher than "
        "a colleague The cost of divorce can wreck retirement many years after the break-up "
        "of a marriage, according to research."
    )
    assert prepare(text).sentences == [
        "People who have never been divorced can expect a retirement income 13% higher than "
        "a colleague",
        "The cost of divorce can wreck retirement many years after the break-up of a marriage, "
        "according to research.",
    ]


def test_caption_labels_are_dropped_but_speech_is_kept() -> None:
    assert prepare("Tragic: The man was thrown off his motorbike.").sentences == [
        "The man was thrown off his motorbike."
    ]
    assert prepare("He said: 'We will win.'").sentences == ["He said: 'We will win.'"]


def test_paragraph_index_follows_the_lines() -> None:
    prepared = prepare("One sentence here. Another one here.\n\nA new paragraph starts.")
    assert prepared.paragraph_index == [0, 0, 1]


def test_tokenizer_splits_sentences_and_words() -> None:
    tokenizer = OfflineTokenizer()
    assert tokenizer.language == "en"
    assert tokenizer.to_sentences(
        "Mr. Smith went to Washington. He arrived at 5 p.m. on Monday."
    ) == (
        "Mr. Smith went to Washington.",
        "He arrived at 5 p.m. on Monday.",
    )
    assert tokenizer.to_words("U.S. boots won't be on the ground, 6.5 percent.") == (
        "U.S",
        "boots",
        "won't",
        "be",
        "on",
        "the",
        "ground",
        "6.5",
        "percent",
    )


def test_every_algorithm_works_without_nltk_data(tmp_path: Path) -> None:
    # sumy's own tokenizer would look for NLTK's punkt here and fail; ours must not need it.
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    script = (
        "import json, sys, nltk\n"
        "from summarise import ALGORITHMS, summarise\n"
        "text = sys.stdin.read()\n"
        "out = {a: summarise(text, algorithm=a, actors=False).sentences for a in ALGORITHMS}\n"
        "try:\n"
        "    nltk.data.find('tokenizers/punkt')\n"
        "    out['punkt'] = True\n"
        "except LookupError:\n"
        "    out['punkt'] = False\n"
        "print(json.dumps(out))\n"
    )
    env = {**os.environ, "NLTK_DATA": str(empty), "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=SEED,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out.pop("punkt") is False
    for algorithm, sentences in out.items():
        assert len(sentences) == 3, algorithm


@pytest.mark.parametrize(
    "paragraph",
    [
        "Co. Ltd. and co. met at St. Louis on Jan. 5 with Mr. Smith, e.g. the U.S. team. It won.",
        "The Co. said so. CO. Ltd. rose. Gen. Smith and gen. Jones met at 5 p.m. on Sat. Then no.",
        "He met {mr} Smith. Then no. 5 went. Prof. Ng, Ph.D., i.e. the dean, came at 9 a.m. today.",
        SEED.split("\n")[0],
    ],
)
def test_sentences_are_pysbds_own(paragraph: str) -> None:
    # The abbreviation shortcut must never change where pysbd splits.
    import pysbd

    reference = pysbd.Segmenter(language="en", clean=False).processor(paragraph).process()
    assert pysbd_sentences(paragraph) == reference


def test_a_quote_over_paragraphs_does_not_swallow_the_sentences_after_it() -> None:
    # A quote running over two paragraphs has no closing mark at the first one's end; once
    # the paragraphs are one line, the mark that closes the second one could pair with the
    # next opening mark and make everything between them one sentence.
    paragraph = (
        'Rosa Ilves spent nine days on the glacier. "The wind never stopped. "On the fifth '
        'day the radio died. I kept walking." Then the weather cleared. A helicopter found '
        'her near the pass. "It was a miracle," said the pilot, Ana Lind.'
    )
    assert split_sentences(paragraph) == [
        "Rosa Ilves spent nine days on the glacier.",
        '"The wind never stopped. "On the fifth day the radio died.',
        'I kept walking."',
        "Then the weather cleared.",
        "A helicopter found her near the pass.",
        '"It was a miracle," said the pilot, Ana Lind.',
    ]


def test_a_cue_in_lower_case_after_a_closed_quote_stays_in_its_sentence() -> None:
    paragraph = (
        "The awards mix music and politics. 'We are proud to honour the players' work.' "
        "said Academy president Neil Portman. The evening went on."
    )
    assert split_sentences(paragraph) == [
        "The awards mix music and politics.",
        "'We are proud to honour the players' work.' said Academy president Neil Portman.",
        "The evening went on.",
    ]
