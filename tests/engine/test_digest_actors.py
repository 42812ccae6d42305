"""Actors as summarise() reports them: what cleaning hands over (bylines, results lines) and
what a headline may add (only actors the body names), with spaCy and with the rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarise import Digest, summarise

SAMPLES = Path(__file__).resolve().parents[2] / "config" / "samples" / "articles"
SEED_TITLE = "Trump Rules Out U.S. Ground Troops for Ukraine After White House Talks"

RESULTS = """SOCCER - ASIAN CUP GROUP C RESULTS .
Nadim Ladki
AL-AIN , United Arab Emirates 1996-12-06
Results of Asian Cup group C matches played on Friday :
China 0 Uzbekistan 2 ( halftime 0-0 )
Scorers : Shkvyrin Igor 78 , Shatskikh Oleg 90
Attendence : 3,000
"""


def people(digest: Digest) -> list[str]:
    return [a.name for a in digest.actors if a.type == "person"]


def sample(name: str) -> tuple[str, str]:
    """(title, body) of a bundled sample article whose first line is its headline."""
    title, _, body = (SAMPLES / name).read_text(encoding="utf-8").partition("\n")
    return title, body


def test_names_on_results_lines_and_bylines_reach_the_actors(model: str) -> None:
    found = people(summarise(RESULTS))
    assert {"Shkvyrin Igor", "Shatskikh Oleg"} <= set(found)
    if model == "auto":  # a lone name line counts as a byline when the model calls it a person
        assert "Nadim Ladki" in found
    assert not {"Uzbekistan", "China", "Attendence"} & set(found)


def test_headline_fragments_are_not_actors(model: str) -> None:
    digest = summarise((SAMPLES / "seed_article.txt").read_text(encoding="utf-8"), title=SEED_TITLE)
    names = {a.name for a in digest.actors}
    assert not {n for n in names if "Rules" in n or "Ground Troops" in n or "Talks" in n}
    # Names the body confirms still gain from the headline.
    assert digest.actors[0].name == "Donald Trump"
    assert "White House" in names


@pytest.mark.parametrize(
    "name",
    [
        "central_bank_rates.txt",
        "cycling_tour_of_the_alps.txt",
        "tech_company_layoffs.txt",
        "city_council_budget.txt",
        "rail_strike_talks.txt",
    ],
)
def test_no_headline_word_becomes_an_actor_of_a_sample(model: str, name: str) -> None:
    title, body = sample(name)
    names = {a.name for a in summarise(body, title=title).actors}
    body_names = {n for n in names if n in body}
    assert names == body_names, names - body_names
    for fragment in ("Cut", "Jobs", "Stage", "Valdoria Holds Rates", "Favourite Crashes Out"):
        assert fragment not in names


def test_a_headline_name_the_body_confirms_counts_towards_salience(model: str) -> None:
    body = (
        "Anna Berg met Tom Field in Oslo on Monday. Tom Field said little. "
        "Anna Berg said the vote would pass."
    )
    assert summarise(body, title="Berg Wins the Vote").actors[0].name == "Anna Berg"
    assert summarise(body, title="Field Loses the Vote").actors[0].name == "Tom Field"
