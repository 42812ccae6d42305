"""Positions: who says or wants what, trimmed to the clause, with the direct quote."""

from __future__ import annotations

import pytest

from summarise.key_actors import extract_actors
from summarise.models import Actor, Position

pytestmark = pytest.mark.usefixtures("model")


def positions(sentences: list[str]) -> dict[str, list[Position]]:
    return {a.name: a.positions for a in extract_actors(sentences)}


def test_speaker_clause_and_quote() -> None:
    found = positions(
        [
            'Finance Minister Maria Lopez said the budget would be "balanced by 2027" despite the '
            "slowdown."
        ]
    )
    (position,) = found["Maria Lopez"]
    assert position.text.startswith("the budget would be")
    assert position.speaker == "Finance Minister Maria Lopez"
    assert position.quote == "balanced by 2027"


def test_quote_followed_by_pronoun_credits_the_nearest_preceding_person() -> None:
    found = positions(
        [
            "Mayor Anna Berg met union leader Tom Field on Monday.",
            "Field spoke first.",
            '"We will not accept cuts to the bus network," he said.',
        ]
    )
    assert [p.quote for p in found["Tom Field"]] == ["We will not accept cuts to the bus network"]
    assert found["Anna Berg"] == []


def test_pronoun_reaches_back_only_a_little() -> None:
    found = positions(
        [
            "Anna Berg opened the meeting with Maria Lopez.",
            "The agenda was long.",
            "The room was full.",
            "The heating had failed.",
            '"It is a disgrace," she said.',
        ]
    )
    assert found["Anna Berg"] == found["Maria Lopez"] == []


def test_according_to_credits_the_source() -> None:
    found = positions(["The deal will close in May, according to Paul Weber, the chief executive."])
    assert found["Paul Weber"][0].text == "The deal will close in May"


def test_speech_after_the_quote_and_inverted_speaker() -> None:
    found = positions(['"The plan is dead," said Senator Laura Chen.'])
    assert found["Laura Chen"][0].quote == "The plan is dead"


def test_stances_beyond_speech() -> None:
    found = positions(
        [
            "Union leader Tom Field rejected the offer and urged members to strike.",
            "Anna Berg, the mayor, has not confirmed the closures.",
            "The talks were led by mediator Karl Jonas.",
        ]
    )
    assert found["Tom Field"][0].text.startswith("rejected the offer")
    assert found["Anna Berg"][0].text == "has not confirmed the closures"
    assert found["Karl Jonas"][0].text == "The talks were led by mediator Karl Jonas"


def test_adjective_participles_are_not_stances() -> None:
    found = positions(
        ["The talks at the White House have clarified the proposed division of labour."]
    )
    assert found["White House"] == []


def test_long_stances_are_cut_at_a_word_to_about_200_characters() -> None:
    filler = ", ".join(f"item number {i} of the long list" for i in range(12))
    sentence = f"Auditor Lena Holm said the review covered {filler} and more."
    (position,) = positions([sentence])["Lena Holm"]
    assert len(position.text) <= 201
    assert position.text.startswith("the review covered item number 0")
    assert position.text.endswith("…")


def test_a_passive_agent_holds_the_stance() -> None:
    sentence = "The review was finished in May, and the report was later backed by Lena Holm."
    (position,) = positions([sentence])["Lena Holm"]
    assert position.text == "the report was later backed by Lena Holm"


def test_every_actor_has_a_list_of_positions() -> None:
    actors: list[Actor] = extract_actors(["Anna Berg and Tom Field met in Oslo."])
    assert {a.name for a in actors} >= {"Anna Berg", "Tom Field"}
    assert all(a.positions == [] for a in actors)


def test_apposition_head_is_the_speaker_and_he_added_follows_them() -> None:
    found = positions(
        [
            "Mayor Anna Berg visited the scene.",
            "Tom Field, a spokesman for the Harbour Authority, said the road was closed.",
            "A car belonging to Anna Berg was parked nearby.",
            "He added that the closure would last a week.",
        ]
    )
    texts = [p.text for p in found["Tom Field"]]
    assert texts == ["the road was closed", "the closure would last a week"]
    assert found["Harbour Authority"] == []
    assert found["Anna Berg"] == []


def test_said_before_a_name_needs_a_quote_or_comma_first() -> None:
    found = positions(["She said Mr Tom Field had not spoken to the board for two years."])
    assert found["Tom Field"] == []


def test_a_who_clause_speaks_for_the_person_before_it() -> None:
    found = positions(
        [
            "The budget passed by seven votes to four.",
            'Mayor Denise Okafor, who proposed the plan in March, called it "the least painful '
            'way" and said the city could not keep drawing on its reserves.',
            "That account was disputed by Henrik Olsen, a spokesman for the riders, who said "
            "several teams had raised concerns.",
        ]
    )
    quotes = [p.quote for p in found["Denise Okafor"]]
    assert "the least painful way" in quotes
    assert any(p.text == "several teams had raised concerns" for p in found["Henrik Olsen"])
