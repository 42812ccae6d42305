"""Keyword filters on stories in other languages: each story's words are stemmed as its own
language stems them, accents folded as for English ones."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.filters.index import StoryIndex
from bot.filters.match import ChatFilters, parse_terms
from summarise.models import Actor


@dataclass
class Story:
    title: str
    summary: list[str] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    url: str = "https://news.example/2026/03/02/story"
    id: int = 0
    language: str = "en"


GERMAN = Story(
    "Zeitungen erhöhen die Preise",
    ["Mehrere Verlage in München kündigten höhere Abopreise an.", "Die Leser protestieren."],
    [Actor("Jürgen Weiß", "person")],
    language="de",
)
SPANISH = Story(
    "Los trabajadores del puerto convocan una huelga",
    ["Los estibadores de Cádiz dejarán de trabajar el lunes."],
    language="es",
)
DUTCH = Story(
    "Kranten worden duurder",
    ["Uitgevers in Utrecht verhogen de prijzen van hun kranten."],
    language="nl",
)
ENGLISH = Story("Newspapers raise prices", ["Publishers in Leeds raised subscription prices."])
ALL = [GERMAN, SPANISH, DUTCH, ENGLISH]


def kept(include: str = "", exclude: str = "") -> list[str]:
    """Titles kept, checking that the index decides exactly as the filters do."""
    filters = ChatFilters(tuple(parse_terms(include)), tuple(parse_terms(exclude)))
    direct = filters.split(ALL)
    assert StoryIndex().split(filters, ALL) == direct
    return [story.title for story in direct[0]]


def test_a_term_matches_other_forms_of_a_word_in_the_story_language() -> None:
    # German stems join "Zeitung" and "Zeitungen"; English stemming would not.
    assert kept(include="Zeitung") == [GERMAN.title]
    assert kept(include="trabajar") == [SPANISH.title]  # "trabajadores" and "trabajar"
    assert kept(include="krant") == [DUTCH.title]
    assert kept(exclude="Zeitung") == [SPANISH.title, DUTCH.title, ENGLISH.title]


def test_english_stories_keep_english_stemming() -> None:
    assert kept(include="newspaper") == [ENGLISH.title]
    assert kept(include="publisher") == [ENGLISH.title]


def test_accents_are_folded_in_every_language() -> None:
    assert kept(include="munchen") == [GERMAN.title]
    assert kept(include="cadiz") == [SPANISH.title]
    assert kept(include="actor:weiss") == [GERMAN.title]


def test_phrases_match_in_the_story_language() -> None:
    assert kept(include='"hoehere abopreise"') == []
    assert kept(include='"höhere abopreis"') == [GERMAN.title]
    assert kept(include='"estibador de cadiz"') == [SPANISH.title]
