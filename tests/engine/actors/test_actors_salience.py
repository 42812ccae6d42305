"""Order of actors: the one a story is about comes first, not the most talkative source."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarise import summarise
from summarise.key_actors import extract_actors

SAMPLES = Path(__file__).resolve().parents[3] / "config" / "samples" / "articles"


pytestmark = pytest.mark.usefixtures("model")


def test_the_mayor_who_proposed_the_budget_leads_the_council_story() -> None:
    article = (SAMPLES / "city_council_budget.txt").read_text(encoding="utf-8")
    title, _, body = article.partition("\n")
    actors = summarise(body, title=title).actors
    assert actors[0].name == "Denise Okafor"
    okafor = actors[0]
    assert okafor.mentions == 3  # "Mayor Denise Okafor", "Okafor", "the mayor's office"
    assert any("least painful way" in (p.quote or "") for p in okafor.positions)


def test_a_lead_actor_outranks_a_source_quoted_further_down() -> None:
    actors = extract_actors(
        [
            "Governor Anna Berg signed the water bill on Monday after a long fight.",
            "The bill caps what farmers may draw from the river.",
            "Critics say the caps come too late.",
            "Tom Field, a farmer, said the caps were unfair.",
            '"We were never asked," Field said.',
            '"This will ruin us," Field said.',
            "The governor's office did not comment further.",
        ]
    )
    assert [a.name for a in actors[:2]] == ["Anna Berg", "Tom Field"]
    assert actors[0].mentions == 2  # "the governor's office" refers back to her


def test_a_title_several_people_hold_is_no_reference_to_either() -> None:
    actors = {
        a.name: a
        for a in extract_actors(
            [
                "President Anna Berg met President Tom Field in Oslo.",
                "The president said the talks went well.",
            ]
        )
    }
    assert actors["Anna Berg"].mentions == 1
    assert actors["Tom Field"].mentions == 1
    assert actors["Anna Berg"].positions == actors["Tom Field"].positions == []
