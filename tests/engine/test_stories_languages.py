"""Stories across languages: articles in different languages meet only through the names they
agree on, and a story's digest keeps each sentence in its own language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from summarise import SourcedSentence, StoryArticle, cluster_articles, select_across
from summarise.stories.terms import story_terms

T0 = datetime(2025, 9, 3, 7, 0, tzinfo=UTC)

ENGLISH_SUMMIT = (
    "Chancellor Olaf Scholz received President Emmanuel Macron in Berlin on Wednesday. "
    "Scholz and Macron discussed gas supplies for the winter and aid for Kyiv. "
    "Macron said Berlin and Paris would present a joint plan in October."
)
GERMAN_SUMMIT = (
    "Bundeskanzler Olaf Scholz hat am Mittwoch den Präsidenten Emmanuel Macron in Berlin "
    "empfangen. Scholz und Macron sprachen über die Gasversorgung im Winter und Hilfen für "
    "Kyiv. Macron sagte, Berlin und Paris wollten im Oktober einen gemeinsamen Plan vorlegen."
)
SPANISH_FIRE = (
    "Un incendio forestal obligó el miércoles a evacuar a 300 vecinos de Valdemoro. "
    "Los bomberos de Castilla trabajaron durante toda la noche para controlar las llamas. "
    "La alcaldesa Lucía Ferrer pidió a los vecinos que no regresaran a sus casas."
)
ENGLISH_RAIL = (
    "Rail operator Northlink cancelled trains between Leeds and York on Wednesday. "
    "Engineers found damaged track near Tadcaster after heavy rain. "
    "Northlink said services would resume on Friday."
)
# The same common words as ENGLISH_RAIL, in Spanish, about a different event with other names.
SPANISH_RAIL = (
    "La operadora Ferrosur canceló los trenes entre Cádiz y Jerez el miércoles. "
    "Los ingenieros encontraron vías dañadas cerca de Arcos tras las lluvias. "
    "Ferrosur dijo que los servicios se reanudarían el viernes."
)


def at(key: str, title: str, text: str, language: str, hours: float) -> StoryArticle:
    return StoryArticle(key, title, text, T0 + timedelta(hours=hours), language)


def test_articles_in_two_languages_naming_the_same_people_share_a_story() -> None:
    stories = cluster_articles(
        [
            at("en", "Scholz and Macron meet in Berlin", ENGLISH_SUMMIT, "en", 0),
            at("es", "Incendio en Valdemoro", SPANISH_FIRE, "es", 0.5),
            at("de", "Scholz empfängt Macron in Berlin", GERMAN_SUMMIT, "de", 1),
        ]
    )
    assert stories["de"] == stories["en"]
    assert stories["es"] != stories["en"]


def test_shared_common_words_across_languages_do_not_join_a_story() -> None:
    # Spanish words are kept apart from English ones: "trenes", "miércoles" never meet
    # "trains", "Wednesday", and the names differ.
    stories = cluster_articles(
        [
            at("en", "Northlink cancels Leeds trains", ENGLISH_RAIL, "en", 0),
            at("es", "Ferrosur cancela los trenes de Cádiz", SPANISH_RAIL, "es", 0.5),
        ]
    )
    assert stories["en"] != stories["es"]
    spanish = story_terms("Ferrosur cancela los trenes de Cádiz", SPANISH_RAIL, "es")
    english = story_terms("Northlink cancels Leeds trains", ENGLISH_RAIL)
    assert not set(spanish) & set(english)


def test_two_articles_in_one_other_language_join_by_their_common_words_too() -> None:
    second = (
        "Cientos de vecinos de Valdemoro fueron evacuados por un incendio forestal. "
        "Los bomberos lucharon toda la noche contra las llamas, según la alcaldesa."
    )
    stories = cluster_articles(
        [
            at("es1", "Incendio en Valdemoro", SPANISH_FIRE, "es", 0),
            at("en", "Northlink cancels Leeds trains", ENGLISH_RAIL, "en", 0.2),
            at("es2", "Evacuados por el incendio de Valdemoro", second, "es", 1),
        ]
    )
    assert stories["es2"] == stories["es1"]
    assert stories["en"] != stories["es1"]


def test_a_story_digest_keeps_each_sentence_in_its_own_language() -> None:
    english = ENGLISH_SUMMIT.split(". ")
    german = GERMAN_SUMMIT.split(". ")
    pool = [SourcedSentence(t, "Wire", 0, i, "en") for i, t in enumerate(english)] + [
        SourcedSentence(t, "Zeitung", 1, i, "de") for i, t in enumerate(german)
    ]
    chosen = select_across(pool, count=4)
    assert {s.language for s in chosen} == {"en", "de"}
    for sentence in chosen:
        source = english if sentence.language == "en" else german
        assert sentence.text in source


def test_articles_in_any_script_are_filed() -> None:
    # General word lists of Japanese and Thai are read without their tokenisers.
    stories = cluster_articles(
        [
            at("ja", "東京で首脳会談", "岸田首相は東京で Joe Biden 大統領と会談した。", "ja", 0),
            at("th", "การประชุม", "Prayut met Biden in Bangkok on Monday.", "th", 0.5),
        ]
    )
    assert set(stories) == {"ja", "th"}
