"""A story's digest across outlets' reports, and the reports left out as junk."""

from __future__ import annotations

from summarise import Actor, Position, Report, StoryText, digest_story, summarise_story
from summarise.stories.junk import junk_reports

LEAD = "The Alden harbour ferry will stop running on Friday after Bluewake Lines lost its licence."
OLSEN = "Port director Maria Olsen said a new operator would be found within weeks."
COMMUTERS = "About 900 commuters use the Alden ferry every day."
APPEAL = "Bluewake Lines said it would appeal the licence decision in court."
SCHOOL = "The island school has asked the port for a temporary boat for its pupils."
TWEET = "Add a location to your posts. You can always delete your location history."
LONG = 3000  # characters of a full report


def test_a_page_about_something_else_far_shorter_than_the_reports_is_junk() -> None:
    digests = [[LEAD, OLSEN, COMMUTERS], [APPEAL, SCHOOL], [TWEET]]
    assert junk_reports(digests, [LONG, LONG, 180]) == {2}


def test_a_brief_report_of_the_same_event_is_kept() -> None:
    brief = ["Alden ferry stops on Friday as Bluewake Lines loses its licence."]
    assert junk_reports([[LEAD, OLSEN], [APPEAL, SCHOOL], brief], [LONG, LONG, 120]) == set()


def test_a_page_about_something_else_is_kept_unless_far_shorter() -> None:
    # Two reports of different length on different things: neither is junk by words alone,
    # and the longest report is never junk, whatever it says.
    assert junk_reports([[LEAD, OLSEN], [TWEET]], [LONG, LONG // 2]) == set()
    assert junk_reports([[TWEET], [LEAD]], [LONG, 200]) == {1}
    assert junk_reports([[LEAD], []], [LONG, LONG]) == {1}  # nothing to read


def test_sources_are_parallel_to_the_sentences_and_junk_never_speaks() -> None:
    reports = [
        Report([LEAD, OLSEN, COMMUTERS], "Coast News", LONG),
        Report([TWEET], "Social", 150),
        Report([APPEAL, SCHOOL], "Island Radio", LONG),
    ]
    story = digest_story(reports, sentences=4)
    assert story.dropped == [1]
    assert story.sentences == [LEAD, OLSEN, APPEAL, SCHOOL]
    assert story.sources == ["Coast News", "Coast News", "Island Radio", "Island Radio"]
    assert len(digest_story(reports, sentences=2).sentences) == 2
    within = digest_story(reports, sentences=4, max_chars=len(LEAD) + len(APPEAL) + 1)
    assert within.sentences == [LEAD, APPEAL]


def test_one_report_is_its_own_digest() -> None:
    story = digest_story([Report([LEAD, OLSEN, COMMUTERS], "Coast News", 400)], sentences=2)
    assert story.sentences == [LEAD, OLSEN] and story.sources == ["Coast News"] * 2


def test_actors_are_merged_across_reports_with_every_position() -> None:
    said = Position("a new operator would be found", actor="Maria Olsen")
    expects = Position("a temporary service before the summer", actor="Olsen")
    reports = [
        Report(
            [LEAD], "A", LONG, actors=[Actor("Maria Olsen", "person", "Port director", 2, [said])]
        ),
        Report([APPEAL], "B", LONG, actors=[Actor("Olsen", "person", None, 1, [expects])]),
    ]
    [olsen] = digest_story(reports, sentences=2).actors
    assert (olsen.name, olsen.role, olsen.mentions) == ("Maria Olsen", "Port director", 3)
    assert olsen.positions == [said, expects]
    assert reports[0].actors[0].positions == [said]  # the reports' own actors are not changed


def test_summarise_story_names_articles_without_a_source_by_their_place() -> None:
    story = summarise_story(
        [StoryText(f"{LEAD} {OLSEN}"), StoryText(f"{APPEAL} {SCHOOL}", source="Island Radio")],
        sentences=4,
        actors=False,
    )
    assert story.sources == ["article 1", "article 1", "Island Radio", "Island Radio"]
