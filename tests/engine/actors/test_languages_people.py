"""Who counts as a person in German news when little stands beside the name: relatives and
ages before it, match reports and results lists, genitives of a name the text gives."""

from __future__ import annotations

import pytest

from summarise import nlp
from summarise.key_actors import extract_actors


@pytest.fixture(autouse=True)
def rules_only() -> None:
    assert nlp.pipeline("de") is None


def names(lines: list[str]) -> set[str]:
    """Every name a person goes by (canonical names and aliases)."""
    actors = extract_actors(lines, language="de")
    return {n for a in actors if a.type == "person" for n in (a.name, *a.aliases)}


def canonical(lines: list[str]) -> set[str]:
    return {a.name for a in extract_actors(lines, language="de") if a.type == "person"}


def test_a_given_name_that_is_also_a_creed_opens_its_own_person() -> None:
    lines = [
        "Christian und Renate Wollenhaupt haben das Fest vorbereitet.",
        "„Es kamen mehr Gäste als erwartet“, sagte Renate Wollenhaupt.",
        "Christian Wollenhaupt stand den ganzen Abend am Grill.",
    ]
    assert {"Christian Wollenhaupt", "Renate Wollenhaupt"} <= canonical(lines)


def test_a_relative_or_an_age_before_a_name_says_it_is_a_person() -> None:
    lines = [
        "Der Abend gehörte den Kindern der Siedlung.",
        "Die neunjährige Lena malte mit Kreide auf den Hof.",
        "Ihr Bruder Wendtland half beim Aufbau der Bühne.",
        "Ein 38jähriger Familienvater aus dem Viertel spendete die Getränke.",
    ]
    found = names(lines)
    assert {"Lena", "Wendtland"} <= found
    assert not any("Familienvater" in n or "Bruder" in n for n in found)


def test_substitutes_and_minutes_in_a_match_report_are_people() -> None:
    lines = [
        "Der SV Oberhain gewann das Derby mit 3:1.",
        "Brakel (20. / 39.) brachte die Gastgeber in Führung.",
        "Den Anschlusstreffer erzielte Lüttgens (52. / FE) vom Punkt.",
        "In der Schlussphase kam Dorsch (77. Wengert) für den müden Angreifer.",
    ]
    found = names(lines)
    assert {"Brakel", "Lüttgens", "Wengert"} <= found
    assert "Oberhain" not in found


def test_ranked_results_with_club_and_score_are_people() -> None:
    lines = [
        "Beim Sportfest wurden auch die Kreismeister ermittelt.",
        "Ergebnisse Weitsprung:",
        "1. Pfannkuch (TV Seckbach) 5,42",
        "2. Hollerbach TGS 5,10",
        "3. Bauernfeind (SG Nied) 4,98",
    ]
    found = names(lines)
    assert {"Pfannkuch", "Hollerbach", "Bauernfeind"} <= found
    assert not found & {"Seckbach", "Nied", "Weitsprung", "Ergebnisse"}


def test_the_genitive_of_a_named_person_is_that_person() -> None:
    lines = [
        "Trainer Olbrisch war nach dem Spiel zufrieden.",
        "Olbrischs Mannschaft blieb auch im fünften Spiel ohne Niederlage.",
        "Die Taktik des Trainers ging auf.",
    ]
    found = names(lines)
    assert {"Olbrisch", "Olbrischs"} <= found
    # No genitive without the person: "Trainers" is a noun's genitive, never a name.
    assert "Trainers" not in found
