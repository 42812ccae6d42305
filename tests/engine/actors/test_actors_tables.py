"""People in newswire layouts: tokenised text, capital headlines, results tables, squads,
bylines; teams and places are never people."""

from __future__ import annotations

import pytest

from summarise.key_actors import extract_actors

pytestmark = pytest.mark.usefixtures("model")


def people(text: str) -> set[str]:
    return {a.name for a in extract_actors(text.split("\n")) if a.type == "person"}


def test_tokenised_text_and_capital_headline() -> None:
    text = (
        "SOCCER - KOVAC SCORES TWICE AS ZAGREB WIN .\n"
        "ZAGREB 1996-12-06\n"
        "Striker Ivan Kovac scored twice as Dinamo beat Hajduk on Friday .\n"
        "Kovac 's first goal came after 12 minutes , coach Ante Juric said ."
    )
    found = people(text)
    assert {"Ivan Kovac", "Ante Juric"} <= found
    assert not found & {"KOVAC", "Kovac", "Zagreb", "ZAGREB", "Dinamo", "Hajduk"}


def test_results_with_countries_in_brackets() -> None:
    text = (
        "Results of the badminton finals on Friday :\n"
        "Liu Wei ( China ) beat Jonas Berg ( Denmark ) 15-12 15-6\n"
        "Tomas Holm ( Sweden ) beat Arif Salleh ( Malaysia ) 15-8 15-2"
    )
    assert people(text) >= {"Liu Wei", "Jonas Berg", "Tomas Holm", "Arif Salleh"}


def test_score_lines_name_teams_and_scorers() -> None:
    text = (
        "Summaries of matches played on Friday :\n"
        "Westbury 2 ( Hollis 30th pen , Marek 89th ) Eastfield United 1 ( Dorne 18th ) .\n"
        "Standings :\n"
        "Westbury 10 7 2 1 20 8 23"
    )
    found = people(text)
    assert {"Hollis", "Marek", "Dorne"} <= found
    assert not found & {"Westbury", "Eastfield United"}


def test_squad_lists_and_line_ups() -> None:
    text = (
        "Squad :\n"
        "Goalkeepers - Bogdan Arsen , Florin Matei .\n"
        "Defenders - Dan Lupu , Radu Oprea , Tibor Szasz , Iulian Popa ."
    )
    assert people(text) >= {"Bogdan Arsen", "Florin Matei", "Dan Lupu", "Tibor Szasz"}


def test_cricket_scorecard() -> None:
    text = (
        "Pakistan innings\n"
        "Saeed Rana c Fleet b Marsh 91\n"
        "Imran Baig lbw b Marsh 12\n"
        "Bowling : Marsh 10-0-42-5 , Fleet 9-1-55-1"
    )
    assert people(text) >= {"Saeed Rana", "Imran Baig", "Marsh", "Fleet"}


def test_byline_before_dateline() -> None:
    text = "RUGBY - BLACKS NAME SQUAD .\nRobert Kent\nLONDON 1996-12-06\nThe squad was named ."
    assert "Robert Kent" in people(text)


def test_places_are_not_people_even_when_alone() -> None:
    text = "The match in Leeds was moved to Twickenham .\nExeter beat Bath 20-10 in Exeter ."
    assert people(text) == set()


def test_race_results_with_times() -> None:
    text = (
        "Results of the men 's downhill on Saturday :\n"
        "1. Lukas Brandt 1:51.37\n"
        "2. Kristof Gedin 1:51.92\n"
        "3. Lasse Kjell 1:52.10"
    )
    assert people(text) >= {"Lukas Brandt", "Kristof Gedin", "Lasse Kjell"}
