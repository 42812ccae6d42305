"""Actors and who said what in German, Spanish, Dutch and French news (rule-based path)."""

from __future__ import annotations

import pytest

from summarise import nlp
from summarise.key_actors import extract_actors
from summarise.models import Actor

GERMAN = [
    "Bundeskanzler Helmut Kohl hat am Montag in Bonn die Pläne der Regierung verteidigt.",
    "Die Sitzung der Koalition dauerte bis in die Nacht, die Opposition blieb der Abstimmung fern.",
    "„Wir werden die Steuern nicht erhöhen“, sagte Kohl vor Journalisten.",
    "Die Deutsche Bank und der Verband der Chemischen Industrie begrüßten den Plan.",
    "Die frühere Kommissarin Ursula von der Leyen war ebenfalls in Frankfurt.",
]
SPANISH = [
    "El presidente del Gobierno, José María Aznar, viajó ayer a Bruselas.",
    "«No vamos a subir los impuestos», dijo Aznar en la rueda de prensa.",
    "La Junta de Andalucía y el Ayuntamiento de Sevilla criticaron la Reforma Fiscal.",
    "El alcalde Agustín Díaz de Mera visitó la Comunidad de Madrid.",
]
DUTCH = [
    "Burgemeester Patrick Janssens van Antwerpen opende gisteren het Nieuwe Stadhuis.",
    '"We zijn trots op deze stad", zei Janssens.',
    "De Vlaamse Regering en de Europese Commissie vergaderden in Brussel.",
    "Ook minister Koen Van de Steene was aanwezig in het Vlaams Parlement.",
]
FRENCH = [
    "Le président Jacques Chirac a reçu hier le Premier ministre Lionel Jospin à l'Élysée.",
    "« Nous devons agir ensemble », a déclaré Jacques Chirac.",
    "La Banque de France et l'Assemblée nationale ont salué la réforme.",
    "Le ministre Dominique de Villepin est arrivé à Marseille.",
]


@pytest.fixture(autouse=True)
def rules_only() -> None:
    """No pipeline is configured for these languages, whatever the English choice is."""
    for code in ("de", "es", "nl", "fr"):
        assert nlp.pipeline(code) is None


def people(actors: list[Actor]) -> dict[str, Actor]:
    return {a.name: a for a in actors if a.type == "person"}


@pytest.mark.parametrize(
    ("language", "lines", "wanted", "not_people"),
    [
        (
            "de",
            GERMAN,
            {"Helmut Kohl", "Ursula von der Leyen"},
            {"Sitzung", "Koalition", "Opposition", "Deutsche Bank", "Bonn", "Frankfurt"},
        ),
        (
            "es",
            SPANISH,
            {"José María Aznar", "Agustín Díaz de Mera"},
            {"Junta de Andalucía", "Ayuntamiento", "Reforma Fiscal", "Bruselas", "Sevilla"},
        ),
        (
            "nl",
            DUTCH,
            {"Patrick Janssens", "Koen Van de Steene"},
            {"Vlaamse Regering", "Europese Commissie", "Nieuwe Stadhuis", "Vlaams Parlement"},
        ),
        (
            "fr",
            FRENCH,
            {"Jacques Chirac", "Lionel Jospin", "Dominique de Villepin"},
            {"Banque de France", "Assemblée", "Élysée", "Marseille"},
        ),
    ],
)
def test_people_found_and_nouns_places_orgs_left_out(
    language: str, lines: list[str], wanted: set[str], not_people: set[str]
) -> None:
    found = people(extract_actors(lines, language=language))
    assert set(found) == wanted
    assert not set(found) & not_people


def test_particles_stay_inside_names_but_not_after_them() -> None:
    assert "Ursula von der Leyen" in people(extract_actors(GERMAN, language="de"))
    assert "Agustín Díaz de Mera" in people(extract_actors(SPANISH, language="es"))
    dutch = people(extract_actors(DUTCH, language="nl"))
    assert "Koen Van de Steene" in dutch
    assert "Patrick Janssens" in dutch  # "van Antwerpen" says where he is mayor of


@pytest.mark.parametrize(
    ("language", "lines", "name", "role"),
    [
        ("de", GERMAN, "Helmut Kohl", "Bundeskanzler"),
        ("es", SPANISH, "José María Aznar", "presidente del Gobierno"),
        ("es", SPANISH, "Agustín Díaz de Mera", "alcalde"),
        ("nl", DUTCH, "Patrick Janssens", "Burgemeester"),
        ("fr", FRENCH, "Jacques Chirac", "président"),
    ],
)
def test_roles_come_from_the_language_titles(
    language: str, lines: list[str], name: str, role: str
) -> None:
    assert people(extract_actors(lines, language=language))[name].role == role


@pytest.mark.parametrize(
    ("language", "lines", "name", "said"),
    [
        ("de", GERMAN, "Helmut Kohl", "Wir werden die Steuern nicht erhöhen"),
        ("es", SPANISH, "José María Aznar", "No vamos a subir los impuestos"),
        ("nl", DUTCH, "Patrick Janssens", "We zijn trots op deze stad"),
        ("fr", FRENCH, "Jacques Chirac", "Nous devons agir ensemble"),
    ],
)
def test_quotes_in_the_language_marks_go_to_the_speaker(
    language: str, lines: list[str], name: str, said: str
) -> None:
    actor = people(extract_actors(lines, language=language))[name]
    assert [p.quote for p in actor.positions] == [said]


def test_reported_speech_and_source_phrases() -> None:
    lines = [
        "SPD-Fraktionschef Rudolf Scharping erklärte, die Regierung habe keinen Plan.",
        "Laut Scharping fehlen in Hessen mehr als 10.000 Lehrstellen.",
        "Die Ministerin Renate Schmidt betonte, sie werde das Gesetz ändern.",
    ]
    found = people(extract_actors(lines, language="de"))
    scharping = found["Rudolf Scharping"]
    assert scharping.role == "SPD-Fraktionschef"
    assert [p.text for p in scharping.positions] == [
        "die Regierung habe keinen Plan",
        "fehlen in Hessen mehr als 10.000 Lehrstellen",
    ]
    assert [p.text for p in found["Renate Schmidt"].positions] == ["sie werde das Gesetz ändern"]


def test_a_stance_reads_with_its_verb() -> None:
    lines = ["Der Vorsitzende der Opposition, Gerd Lenzen, kritisierte den Haushalt scharf."]
    lenzen = people(extract_actors(lines, language="de"))["Gerd Lenzen"]
    assert [p.text for p in lenzen.positions] == ["kritisierte den Haushalt scharf"]


ENGLISH = [
    "Chancellor Helmut Kohl said on Monday that taxes would not rise.",
    "The Coalition Talks ended late, and Die Zeit reported that Kohl was tired.",
    '"We will not raise taxes," Kohl told reporters in Bonn.',
]


def test_english_is_read_as_before_when_language_is_en() -> None:
    default = extract_actors(ENGLISH)
    assert extract_actors(ENGLISH, language="en") == default
    assert extract_actors(ENGLISH, language="EN") == default
    kohl = people(default)["Helmut Kohl"]
    assert kohl.role == "Chancellor"
    assert any(p.quote == "We will not raise taxes" for p in kohl.positions)


def test_match_report_names_with_goals_or_minutes_are_people() -> None:
    lines = [
        "Die Gäste aus Rodgau gewannen verdient mit 24:19.",
        "Für Rodgau trafen Brenneisen (7/2), Wiesmeier (5) und Kallweit (je 4) am besten.",
        "Nach der roten Karte gegen Tamsel (51.) kam die Wende.",
    ]
    found = people(extract_actors(lines, language="de"))
    assert {"Brenneisen", "Wiesmeier", "Kallweit", "Tamsel"} <= set(found)
    assert "Rodgau" not in found
