"""A digest is read without its article: it opens on a sentence that stands alone and carries
no caption, byline or page chrome. Each rule is checked through ``summarise``."""

from __future__ import annotations

import pytest

from summarise import summarise

# Longer than the budgets below, so the digest has to choose from the sentences after it.
LONG_LEAD = (
    "The city council voted on Tuesday evening, after a debate that lasted more than four "
    "hours and drew a crowd that filled the public gallery of the old town hall, to close the "
    "Victoria Bridge to all traffic for the whole of the coming summer."
)
STANDALONE = "Engineers found deep cracks in two of the bridge's supports in March."


def _digest(middle: str, *, algorithm: str = "lead", sentences: int = 1) -> list[str]:
    text = f"{LONG_LEAD} {middle} {STANDALONE}"
    return summarise(
        text, sentences=sentences, max_chars=120, algorithm=algorithm, actors=False
    ).sentences


@pytest.mark.parametrize("algorithm", ["lead", "default"])
@pytest.mark.parametrize(
    "leaning",
    [
        "He added that the closure could not wait.",
        "She said the repairs were long overdue.",
        "But shop owners warned that trade would suffer.",
        "However, buses will still cross at night.",
        "And the ferry will run every twenty minutes.",
        "The 26-year-old had campaigned for the closure.",
        "It was the third closure in ten years.",
        "They will meet again in September.",
        "This means a detour of three miles.",
        "'We had no choice,' added the mayor.",
        "The work is urgent, the mayor added.",
        "The mayor went on to say that the work was urgent.",
        'We know the risks," the mayor said.',
        "meanwhile the ferry timetable was changed.",
    ],
)
def test_a_digest_never_opens_on_a_sentence_that_needs_an_earlier_one(
    algorithm: str, leaning: str
) -> None:
    assert _digest(leaning, algorithm=algorithm) == [STANDALONE]


@pytest.mark.parametrize(
    "standalone",
    [
        "The mayor said the repairs were long overdue.",
        "There are two other bridges in the town centre.",
        "It is not known how long the repairs will take.",
        "The former mayor said the repairs were long overdue.",
        "The bridge company added two ferries to the timetable.",
        "Traffic continued to build on the ring road.",
    ],
)
def test_a_sentence_that_stands_alone_may_open_a_digest(standalone: str) -> None:
    assert _digest(standalone) == [standalone]


def test_the_articles_first_sentence_may_always_open_a_digest() -> None:
    text = "He was 88. The singer died at home on Sunday, his family said."
    assert summarise(text, sentences=1, algorithm="lead", actors=False).sentences == ["He was 88."]


def test_a_sentence_that_leans_on_another_may_follow_one_that_stands() -> None:
    text = (
        "The council closed the Victoria Bridge on Tuesday. "
        "But shop owners warned that trade would suffer. "
        "The bridge carries twenty thousand cars a day."
    )
    assert summarise(text, sentences=2, algorithm="lead", actors=False).sentences == [
        "The council closed the Victoria Bridge on Tuesday.",
        "But shop owners warned that trade would suffer.",
    ]


def test_when_every_candidate_leans_on_another_the_digest_still_has_a_sentence() -> None:
    text = f"{LONG_LEAD} But the ferry will run all summer. He said so on Tuesday."
    assert summarise(text, sentences=1, max_chars=120, algorithm="lead", actors=False).sentences


@pytest.mark.parametrize("algorithm", ["lead", "default", "lexrank"])
@pytest.mark.parametrize(
    "caption",
    [
        "Mayor Jane Holt (pictured) opened the debate with a warning about safety.",
        "The bridge (left) and the old ferry landing (right) on Tuesday morning.",
        "Pictured: the bridge on the day it opened in 1921.",
        "Council leader Tom Reyes, pictured, voted for the closure on Tuesday.",
        "The cracked support is pictured above in a council photograph.",
        "A council photograph of the cracked support (file photo).",
    ],
)
def test_a_digest_never_carries_a_picture_caption(algorithm: str, caption: str) -> None:
    text = (
        "The council closed the Victoria Bridge to traffic on Tuesday. "
        f"{caption} "
        "Repairs to the two cracked supports will take at least ten weeks. "
        "Buses will use the ring road until the bridge reopens."
    )
    digest = summarise(text, sentences=3, algorithm=algorithm, actors=False).sentences
    assert len(digest) == 3
    assert caption not in digest


@pytest.mark.parametrize(
    "chrome",
    [
        "By Jane Doe",
        "By . Jane Doe and John Roe .",
        "PUBLISHED: 12:01 EST, 3 March 2013 | UPDATED: 14:20 EST, 3 March 2013",
        "Scroll down for video",
        "Read more: Why old bridges crack",
        "Click here to see the council's plans.",
        "Share this article",
        "Share or comment on this article",
        "Follow Jane Doe on Twitter: @janedoe",
        "You can follow our reporters on Twitter and Facebook.",
        "Like us on Facebook",
        "Watch the video below.",
        "Sign up for our free newsletter today",
    ],
)
def test_a_digest_never_carries_a_byline_or_page_chrome(chrome: str) -> None:
    text = (
        f"{chrome}\n"
        "The council closed the Victoria Bridge to traffic on Tuesday.\n"
        f"{chrome}\n"
        "Repairs to the two cracked supports will take at least ten weeks.\n"
        "Buses will use the ring road until the bridge reopens."
    )
    digest = summarise(text, sentences=3, algorithm="lead", actors=False).sentences
    assert digest == [
        "The council closed the Victoria Bridge to traffic on Tuesday.",
        "Repairs to the two cracked supports will take at least ten weeks.",
        "Buses will use the ring road until the bridge reopens.",
    ]


def test_chrome_glued_into_a_paragraph_is_left_out() -> None:
    text = (
        "The council closed the Victoria Bridge to traffic on Tuesday. Scroll down for video "
        "Repairs will take at least ten weeks. Click here to read the engineers' report. "
        "Buses will use the ring road."
    )
    assert summarise(text, sentences=3, algorithm="lead", actors=False).sentences == [
        "The council closed the Victoria Bridge to traffic on Tuesday.",
        "Repairs will take at least ten weeks.",
        "Buses will use the ring road.",
    ]


def test_a_caption_glued_to_the_next_sentence_is_split_from_it() -> None:
    text = (
        "The council closed the Victoria Bridge to traffic on Tuesday. "
        "Council leader Tom Reyes on the bridge with engineers last week While repairs go on, "
        "buses will use the ring road and a ferry will cross every twenty minutes."
    )
    digest = summarise(text, sentences=3, algorithm="lead", actors=False).sentences
    assert (
        "While repairs go on, buses will use the ring road and a ferry will cross every twenty "
        "minutes." in digest
    )


def test_an_article_of_captions_alone_still_has_a_digest() -> None:
    text = "Firefighters at the warehouse on Monday night\nThe harbour district from the air"
    assert summarise(text, sentences=1, actors=False).sentences == [
        "Firefighters at the warehouse on Monday night"
    ]
