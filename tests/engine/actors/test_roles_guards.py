"""What is not a role: ages, dates, places, clauses, verbs and text run together, with and
without spaCy. Every person here is invented."""

from __future__ import annotations

import pytest

from summarise import summarise


def roles(text: str) -> dict[str, str | None]:
    return {a.name: a.role for a in summarise(text).actors if a.type == "person"}


@pytest.mark.parametrize(
    "text",
    [
        "Tom Reed, 45, said the road was closed.",
        "Tom Reed, on Monday, said the road was closed.",
        "Tom Reed, from Leeds, said the road was closed.",
        "Tom Reed, who lives nearby, said the road was closed.",
        "Tom Reed, pictured, said the road was closed.",
        "Tom Reed, the day before, had called the police.",
        "Tom Reed was the last person to see her.",
    ],
)
def test_ages_dates_places_and_clauses_are_no_roles(model: str, text: str) -> None:
    assert roles(text) == {"Tom Reed": None}


def test_an_opening_phrase_is_not_an_apposition(model: str) -> None:
    text = "Like his father, Tom Reed trained in Leeds for years."
    assert roles(text) == {"Tom Reed": None}


def test_and_after_the_age_is_not_a_role(model: str) -> None:
    found = roles("Chris Dalby, 31, and his wife, Kate Dalby, 28, were hurt outside the club.")
    assert found["Chris Dalby"] is None
    assert found["Kate Dalby"] == "Chris Dalby's wife"


def test_a_plain_noun_before_a_rank_is_no_title(model: str) -> None:
    assert roles("The letter Lord Anwell signed was read out in the chamber.") == {"Anwell": "Lord"}


def test_a_verb_before_a_title_stays_out(model: str) -> None:
    found = roles("Tom Reed will host Jane Orwin on his show tonight.")
    assert found == {"Tom Reed": None, "Jane Orwin": None}


def test_two_titles_run_together_keep_the_nearer(model: str) -> None:
    text = "Ann Hale flew home to be with his wife Masters chairman Bob Tilney said on Friday."
    assert roles(text)["Bob Tilney"] == "Masters chairman"


def test_a_noun_of_a_title_is_not_part_of_it(model: str) -> None:
    assert roles("The murder of soldier Dan Mercer shocked the town.") == {"Dan Mercer": "soldier"}


def test_a_caption_repeating_a_club_keeps_it_once(model: str) -> None:
    text = "A priceless goal for Harwick Harwick boss Ian Cole celebrates with the fans."
    assert roles(text)["Ian Cole"] == "Harwick boss"


def test_a_player_position_after_was_is_no_role(model: str) -> None:
    assert roles("A nervous Jane Orwin was back at the club on Friday to watch the final.") == {
        "Jane Orwin": None
    }


def test_a_statement_needs_a_role_noun_not_a_verb(model: str) -> None:
    text = "The man, John, acts as a self-appointed hunter of fraudsters online."
    assert roles(text).get("John") is None


def test_a_clause_between_dashes_is_no_role(model: str) -> None:
    assert roles("Tom Reed - who blamed the police - said little.") == {"Tom Reed": None}


def test_a_caption_run_into_an_owner_keeps_the_organisation_only(model: str) -> None:
    text = "The scene was captured in southeast Asia The Flash Pack's Lee Thompson said."
    assert roles(text)["Lee Thompson"] == "Flash Pack"


def test_an_opening_clause_or_a_plain_phrase_is_no_role(model: str) -> None:
    text = "After meeting the owner of the club, John Smith said he was happy."
    assert roles(text) == {"John Smith": None}
    assert roles("The best of the bunch, John Smith won easily.") == {"John Smith": None}


def test_a_speaker_opening_the_story_is_someone_else(model: str) -> None:
    text = (
        "A spokesman for the council said the road would reopen soon. "
        "Tom Reed was driving home when the bridge fell."
    )
    assert roles(text)["Tom Reed"] is None


def test_a_clause_subject_after_a_name_is_no_apposition(model: str) -> None:
    for text in (
        "The share rose among men named Nigel Parr, the poll of 4,000 people found.",
        "The share rose among men named Nigel Parr, the poll of voters found.",
    ):
        assert roles(text) == {"Nigel Parr": None}


def test_a_title_after_of_belongs_to_the_name(model: str) -> None:
    text = "Tom Hunt, a friend of Bishop Ann Lee, said the church was full."
    assert roles(text) == {"Tom Hunt": "friend of Bishop Ann Lee", "Ann Lee": "Bishop"}


def test_what_a_quotation_calls_someone_is_no_role(model: str) -> None:
    text = (
        "Tom Hunt said: 'Ann Lee is a proven leader and she has a strong record.' "
        "Rita Moss is a teacher."
    )
    assert roles(text) == {"Tom Hunt": None, "Ann Lee": None, "Rita Moss": "teacher"}


def test_a_description_inside_a_quotation_gives_no_role(model: str) -> None:
    text = (
        "Dale Fenn would not comment. One player said: 'We were tired, but the manager "
        "wanted us to go on.'"
    )
    assert roles(text)["Dale Fenn"] is None
