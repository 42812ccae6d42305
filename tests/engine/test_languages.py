"""Digests in the article's language: detection, splitting, stemming and stop words per
language, and no English rules for a language nobody supports."""

from __future__ import annotations

import pytest

from summarise import (
    check_language,
    content_words,
    detect_language,
    language_code,
    stemmer,
    stop_words,
    summarise,
)
from summarise.text import split_sentences

GERMAN = (
    "Die Stadtverwaltung hat am Dienstag einen neuen Plan für den Nahverkehr vorgestellt. "
    "Busse und Straßenbahnen sollen künftig alle zehn Minuten fahren. "
    "Die Kosten trägt zum größten Teil das Land, sagte die Bürgermeisterin."
)
SPANISH = (
    "El ayuntamiento presentó el martes un nuevo plan para el transporte público. "
    "Los autobuses pasarán cada diez minutos a partir del próximo año. "
    "La alcaldesa dijo que la región pagará la mayor parte de los costes."
)
DUTCH = (
    "De gemeente heeft dinsdag een nieuw plan voor het openbaar vervoer gepresenteerd. "
    "Bussen en trams gaan voortaan elke tien minuten rijden. "
    "De provincie betaalt het grootste deel van de kosten, zei de burgemeester."
)
FRENCH = (
    "La mairie a présenté mardi un nouveau plan pour les transports en commun. "
    "Les bus et les tramways passeront toutes les dix minutes dès l'an prochain. "
    "La région paiera la plus grande partie des coûts, a déclaré la maire."
)
ENGLISH = (
    "The city council presented a new plan for public transport on Tuesday. "
    "Buses and trams will run every ten minutes from next year. "
    "The region will pay most of the costs, the mayor said."
)


@pytest.mark.parametrize(
    ("text", "code"),
    [(GERMAN, "de"), (SPANISH, "es"), (DUTCH, "nl"), (FRENCH, "fr"), (ENGLISH, "en")],
)
def test_each_language_is_detected_and_the_digest_says_which(text: str, code: str) -> None:
    assert detect_language(text) == code
    digest = summarise(text, sentences=2, actors=False)
    assert digest.language == code
    assert digest.to_dict()["language"] == code
    assert all(sentence in text for sentence in digest.sentences)


def test_a_declared_language_is_a_hint_not_the_answer() -> None:
    # A feed that says "en" about a German article: the text decides.
    assert detect_language(GERMAN, hint="en-US") == "de"
    # Where the text fits the declared language, the declaration is taken.
    assert detect_language(SPANISH, hint="es_ES") == "es"
    # A text without letters is in the declared language.
    assert detect_language("2:1 (1:0)", hint="nl") == "nl"


def test_language_codes_are_checked_with_a_clear_error() -> None:
    assert check_language(" DE ") == "de"
    assert language_code("fr-CA") == "fr"
    assert language_code("klingon") is None
    with pytest.raises(ValueError, match="ISO 639-1"):
        check_language("german")
    with pytest.raises(ValueError, match="unknown language"):
        summarise(ENGLISH, language="xx")


@pytest.mark.parametrize(
    ("language", "paragraph", "expected"),
    [
        (
            "de",
            "Das sagte Dr. Müller am Montag. Es gibt z. B. viele Gründe. Der Rest folgt.",
            [
                "Das sagte Dr. Müller am Montag.",
                "Es gibt z. B. viele Gründe.",
                "Der Rest folgt.",
            ],
        ),
        (
            "es",
            "Lo dijo el Sr. García el lunes. Nadie respondió. El resto sigue.",
            ["Lo dijo el Sr. García el lunes.", "Nadie respondió.", "El resto sigue."],
        ),
        (
            "nl",
            "Dat zei dr. Jansen maandag. Er zijn bijv. veel redenen. De rest volgt.",
            ["Dat zei dr. Jansen maandag.", "Er zijn bijv. veel redenen.", "De rest volgt."],
        ),
        (
            "fr",
            "Selon M. Dupont, le projet avance. Le Dr. Martin a parlé. La suite vient.",
            ["Selon M. Dupont, le projet avance.", "Le Dr. Martin a parlé.", "La suite vient."],
        ),
    ],
)
def test_abbreviations_of_each_language_do_not_end_a_sentence(
    language: str, paragraph: str, expected: list[str]
) -> None:
    assert split_sentences(paragraph, language) == expected


@pytest.mark.parametrize(
    ("language", "stop", "forms"),
    [
        ("de", "und", ("zeitungen", "zeitung")),
        ("es", "los", ("trabajando", "trabajar")),
        ("nl", "het", ("kranten", "krant")),
        ("fr", "les", ("journaux", "journal")),
    ],
)
def test_each_language_has_its_own_stop_words_and_stemmer(
    language: str, stop: str, forms: tuple[str, str]
) -> None:
    assert stop in stop_words(language)
    assert stop not in stop_words("en")
    stem = stemmer(language)
    assert stem(forms[0]) == stem(forms[1])
    # English rules would not have joined the two forms.
    assert stemmer("en")(forms[0]) != stemmer("en")(forms[1])
    sentence = f"{stop} {forms[0]}"
    assert content_words(sentence, language) == {stem(forms[1])}


def test_a_language_without_rules_gets_no_english_ones() -> None:
    # Turkish has no stemmer or stop-word list here: words are compared whole.
    assert stemmer("tr")("running") == "running"
    assert stop_words("tr") == frozenset()
    assert content_words("the running dogs", "tr") == {"the", "running", "dogs"}
    assert content_words("the running dogs", "en") == {stemmer("en")("running"), "dog"}


def test_a_language_without_rules_is_split_by_punctuation_only() -> None:
    # English rules keep "Gen." inside a sentence; neutral splitting does not know it, and
    # still keeps initials and two-letter titles with the name that follows.
    text = "Takım kazandı. Dr. Yılmaz geldi! J. Demir gitti? Gen. Ali kaldı."
    assert split_sentences(text, "en")[-1] == "Gen. Ali kaldı."
    assert split_sentences(text, "tr") == [
        "Takım kazandı.",
        "Dr. Yılmaz geldi!",
        "J. Demir gitti?",
        "Gen.",
        "Ali kaldı.",
    ]
    turkish = (
        "Belediye salı günü toplu taşıma için yeni bir plan açıkladı. "
        "Otobüsler gelecek yıl her on dakikada bir çalışacak. "
        "Başkan, maliyetin çoğunu bölgenin ödeyeceğini söyledi."
    )
    digest = summarise(turkish, sentences=2, actors=False)
    assert digest.language == "tr"
    assert len(digest.sentences) == 2


def test_a_table_of_names_is_read_by_its_lower_case_words() -> None:
    # Names of one country fill a results table; the few English words still decide.
    rows = [
        "Joko Suprianto ( Indonesia ) beat Hermawan Susanto ( Indonesia ) 15-12 15-4",
        "Ardy Wiranata ( Indonesia ) beat Budi Santoso ( Indonesia ) 15-5 17-14",
        "Alan Budikusuma ( Indonesia ) beat Hariyanto Arbi ( Indonesia ) 15-9 15-6",
        "Susi Susanti ( Indonesia ) beat Mia Audina ( Indonesia ) 11-4 11-2",
        "Yuliani Santosa ( Indonesia ) beat Lidya Djaelawijaya ( Indonesia ) 11-7 11-5",
    ]
    text = (
        "BADMINTON - GRAND PRIX RESULTS .\nBALI 1996-12-06\nResults in the last of the group "
        "matches at the Grand Prix finals on Friday :\n" + "\n".join(rows)
    )
    assert detect_language(text) == "en"
