"""Keyword filters: terms as users type them, matching as users expect, and their storage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config.settings import load_config
from bot.errors import ConfigError
from bot.filters.index import StoryIndex, bit_positions, run_index
from bot.filters.match import (
    MAX_TERM_CHARS,
    MAX_TERMS,
    ChatFilters,
    FilterError,
    Term,
    fold,
    parse_term,
    parse_terms,
    story_terms,
)
from bot.ports import ChatRef
from bot.store.chats import ensure_chat, list_subscriptions
from bot.store.database import Database, insert_ignore
from bot.store.filters import (
    add_filter_terms,
    chat_filters,
    clear_filter_terms,
    list_filter_terms,
    load_filters,
    remove_filter_term,
    static_chat_ref,
    sync_static_subscriptions,
)
from bot.store.sources import sync_sources
from summarise.models import Actor
from tests.support.fakes import NOW


@dataclass
class Story:
    title: str
    summary: list[str] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    url: str = "https://news.example/2026/03/02/story"
    id: int = 0


RACE = Story(
    "Hollis wins the queen stage",
    ["Dutch rider Marten Hollis won the fifth stage.", "Quintero was second."],
    [Actor("Marten Hollis", "person", aliases=["Hollis"])],
    url="https://newswire.example/2025/04/24/cycling-tour-of-the-alps",
)
BANK = Story(
    "Central bank holds rates",
    ["The European Central Bank kept rates steady.", "Markets rose in Zürich."],
    [Actor("Christine Lagarde", "person", aliases=["Lagarde"]), Actor("ECB", "org")],
)
LONDON = Story(
    "Starmer visits a bicycle factory",
    ["Keir Starmer toured the plant in Coventry.", "He praised the workers."],
    [Actor("Keir Starmer", "person", aliases=["Starmer"])],
)
SAID = Story(
    "Opposition answers",
    ["The leader said Keir Starmer was wrong about the bank."],
    [Actor("Kemi Badenoch", "person")],
)
ALL = [RACE, BANK, LONDON, SAID]


def kept(include: str = "", exclude: str = "") -> list[str]:
    filters = ChatFilters(tuple(parse_terms(include)), tuple(parse_terms(exclude)))
    return [story.title for story in filters.split(ALL)[0]]


def test_no_filters_keep_everything() -> None:
    assert kept() == [s.title for s in ALL]
    assert ChatFilters().is_empty


def test_include_only_keeps_stories_that_mention_any_term() -> None:
    assert kept(include="rates") == ["Central bank holds rates"]
    assert kept(include="rates factory") == ["Central bank holds rates", LONDON.title]


def test_exclude_only_drops_stories_that_mention_a_term() -> None:
    assert kept(exclude="bank") == [RACE.title, LONDON.title]


def test_include_and_exclude_together() -> None:
    # Both mention the bank; the one about Starmer is left out.
    assert kept(include="bank", exclude="Starmer") == [BANK.title]


def test_whole_words_and_their_forms_after_stemming() -> None:
    # "cycle" matches "cycling" in the link's path, never "bicycle".
    assert kept(exclude="cycle") == [BANK.title, LONDON.title, SAID.title]
    assert kept(include="cycles") == [RACE.title]
    assert kept(include="bicycles") == [LONDON.title]
    assert kept(include="ate") == []  # not inside "rates" or "stage"
    assert kept(include="toured") == kept(include="tour")


def test_case_and_accents_are_folded_both_ways() -> None:
    assert kept(include="zurich") == [BANK.title]
    assert kept(include="ZÜRICH") == [BANK.title]
    accented = Story("Müller wins in São Paulo", ["Crème brûlée for everyone."])
    filters = ChatFilters(include=tuple(parse_terms('"sao paulo" creme')))
    assert filters.passes(story_terms(accented))
    assert fold("Straße") == fold("STRASSE") == "strasse"


def test_phrases_match_consecutive_words_only() -> None:
    assert kept(include='"central bank"') == [BANK.title]
    assert kept(include='"bank central"') == []
    assert kept(include='"european central bank"') == [BANK.title]
    # A phrase never runs from one sentence into the next.
    assert kept(include='"fifth stage quintero"') == []
    assert kept(include="“queen stage”") == [RACE.title]  # typographic quotes too


def test_actor_terms_match_named_actors_only() -> None:
    # SAID mentions Starmer in a sentence, but he is not one of its actors.
    assert kept(include='actor:"Keir Starmer"') == [LONDON.title]
    assert kept(include="actor:starmer") == [LONDON.title]
    assert kept(exclude="actor:Lagarde") == [RACE.title, LONDON.title, SAID.title]
    assert kept(include="Starmer") == [LONDON.title, SAID.title]
    assert kept(include='actor:"Starmer Keir"') == []


def test_terms_are_literal_never_patterns() -> None:
    [term] = parse_terms("(a+)+$")
    assert term.tokens == ("a",) and term.label == "(a+)+$"
    with pytest.raises(FilterError, match="no letters or digits"):
        parse_terms(".*")
    huge = "a" * 5000 + "!"
    assert kept(include=f'"{huge[:90]}"') == []


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ('cycle "central bank", actor:"Keir Starmer"',
         ["cycle", '"central bank"', 'actor:"Keir Starmer"']),
        ("Cycle cycling cycles", ["Cycle"]),  # one term: the same stem
        ("actor:Lagarde lagarde", ["actor:Lagarde", "lagarde"]),
        ("co-op", ["co-op"]),
        ("«prix du marché»", ['"prix du marché"']),
    ],
)  # fmt: skip
def test_parsing_and_labels_round_trip(text: str, labels: list[str]) -> None:
    terms = parse_terms(text)
    assert [t.label for t in terms] == labels
    assert [parse_term(label).key for label in labels] == [t.key for t in terms]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"central bank', "A quote is not closed"),
        ('""', 'An empty "" is not a term'),
        ("actor:", "actor: needs a name"),
        ("x" * (MAX_TERM_CHARS + 1), f"at most {MAX_TERM_CHARS} characters"),
        ("!!!", "has no letters or digits"),
    ],
)
def test_bad_terms_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(FilterError, match=message):
        parse_terms(text)


def test_a_term_of_exactly_the_limit_is_fine() -> None:
    assert parse_terms("y" * MAX_TERM_CHARS)[0].text == "y" * MAX_TERM_CHARS


def test_changed_story_text_is_indexed_again() -> None:
    filters = ChatFilters(include=tuple(parse_terms("strike")))
    story = Story("Rail talks", ["Unions met the minister."], id=77)
    assert not filters.passes(story_terms(story))
    story.summary = ["Unions called a strike."]
    assert filters.passes(story_terms(story))


# -- storage ---------------------------------------------------------------------------------


PRIVATE = ChatRef("console", "42")


def _chat(db: Database, ref: ChatRef = PRIVATE) -> int:
    with db.write() as conn:
        return ensure_chat(conn, ref, NOW, sentences=3).id


def _terms(text: str) -> list[Term]:
    return parse_terms(text)


def test_terms_are_stored_moved_and_removed(db: Database) -> None:
    chat = _chat(db)
    with db.write() as conn:
        first = add_filter_terms(conn, chat, "exclude", _terms('cycle "transfer window"'), NOW)
        assert [t.label for t in first.added] == ["cycle", '"transfer window"']
        again = add_filter_terms(conn, chat, "exclude", _terms("Cycling ecb"), NOW)
        assert [t.label for t in again.already] == ["Cycling"]
        moved = add_filter_terms(conn, chat, "include", _terms("ecb"), NOW)
        assert [t.label for t in moved.moved] == ["ecb"]
    with db.read() as conn:
        filters = load_filters(conn, chat)
        assert [t.label for t in filters.include] == ["ecb"]
        # Terms added together are listed by their words.
        assert [t.label for t in filters.exclude] == ["cycle", '"transfer window"']
    with db.write() as conn:
        assert remove_filter_term(conn, chat, parse_term("CYCLES")) == ["exclude"]
        assert remove_filter_term(conn, chat, parse_term("cycle")) == []
        assert clear_filter_terms(conn, chat) == 2
        assert list_filter_terms(conn, chat) == []


def test_a_stored_term_that_cannot_be_read_is_skipped(db: Database) -> None:
    chat = _chat(db)
    with db.write() as conn:
        add_filter_terms(conn, chat, "exclude", _terms("cycle"), NOW)
        row = {"chat_id": chat, "mode": "exclude", "term_key": "word:", "term": "!!!"}
        insert_ignore(conn, chat_filters, [{**row, "origin": "chat", "created_at": NOW}])
    with db.read() as conn:
        assert [t.label for t in load_filters(conn, chat).exclude] == ["cycle"]


def test_at_most_max_terms_per_chat(db: Database) -> None:
    chat = _chat(db)
    words = [f"w{n}" for n in range(MAX_TERMS)]
    with db.write() as conn:
        add_filter_terms(conn, chat, "exclude", _terms(" ".join(words[:-1])), NOW)
    with db.write() as conn, pytest.raises(FilterError, match=f"at most {MAX_TERMS}"):
        add_filter_terms(conn, chat, "include", _terms("one two"), NOW)
    with db.write() as conn:
        add_filter_terms(conn, chat, "include", _terms(words[-1]), NOW)
        assert len(list_filter_terms(conn, chat)) == MAX_TERMS


def _config(tmp_path: Path, url: str, subscriptions: str) -> Path:
    path = tmp_path / "digestbot.yaml"
    path.write_text(
        f"storage:\n  url: '{url}'\n"
        "sources:\n"
        "  - name: wire\n    url: https://wire.example/feed.xml\n    tags: [economy]\n"
        "  - name: sport\n    url: https://sport.example/feed.xml\n"
        f"subscriptions:\n{subscriptions}",
        encoding="utf-8",
    )
    return path


def test_static_subscriptions_from_the_config(db: Database, db_url: str, tmp_path: Path) -> None:
    yaml = (
        "  - chat: console\n    follow: [economy, sport]\n"
        '    include: [rates, "central bank"]\n'
        "    exclude: ['actor:\"Keir Starmer\"', cycle]\n"
        "  - chat: telegram:-1001234\n"
    )
    settings = load_config(_config(tmp_path, db_url, yaml), environ={})
    with db.write() as conn:
        sync_sources(conn, settings.sources)
    chat = _chat(db, static_chat_ref("console"))
    with db.write() as conn:
        add_filter_terms(conn, chat, "exclude", _terms("football rates"), NOW)
    for _ in range(2):  # every start: the same result
        sync_static_subscriptions(db, settings, NOW + timedelta(hours=1))
    with db.read() as conn:
        labels = {(s.mode, s.term.label, s.origin) for s in list_filter_terms(conn, chat)}
        follows = [s.label() for s in list_subscriptions(conn, chat)]
    assert labels == {
        ("include", "rates", "config"),  # the config's term replaced the chat's own copy
        ("include", '"central bank"', "config"),
        ("exclude", 'actor:"Keir Starmer"', "config"),
        ("exclude", "cycle", "config"),
        ("exclude", "football", "chat"),
    }
    assert follows == ["source sport", "tag economy"]
    with db.write() as conn:
        with pytest.raises(FilterError, match="configuration file"):
            remove_filter_term(conn, chat, parse_term("cycle"))
        assert clear_filter_terms(conn, chat) == 1


@pytest.mark.parametrize(
    ("yaml", "message"),
    [
        ("  - chat: console\n    exclude: ['\"']\n", "subscriptions[0].exclude[0]: "),
        ("  - chat: console\n    include: ['!!']\n", "has no letters or digits"),
        ("  - chat: console\n    follow: [weather]\n", 'no source or tag called "weather"'),
        ("  - chat: irc:#news\n", "subscriptions[0].chat"),
        ("  - chat: console\n  - chat: console\n", "console is already in subscriptions[0]"),
        ("  - chat: console\n    include: [Cycling]\n    exclude: [cycle]\n",
         "cycle is in both include and exclude"),
        ("  - chat: console\n    exclude: [" + ", ".join(f"t{n}" for n in range(51)) + "]\n",
         f"at most {MAX_TERMS} filter terms"),
    ],
)  # fmt: skip
def test_bad_static_subscriptions_are_one_clear_line(
    tmp_path: Path, yaml: str, message: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(_config(tmp_path, "sqlite:///x.db", yaml), environ={})
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(tmp_path / "digestbot.yaml") + ":")


# -- the shared index of a digest run --------------------------------------------------------

FILTER_CASES = [
    ("", ""),
    ("rates factory", ""),
    ("", "bank"),
    ("bank", "Starmer"),
    ("cycles", "zurich"),
    ('"central bank" "queen stage"', '"bank central"'),
    ('"european central bank"', '"fifth stage quintero"'),
    ('actor:"Keir Starmer" actor:lagarde', "actor:starmer"),
    ('actor:"Starmer Keir"', ""),
    ("ate toured", "bicycles"),
]


@pytest.mark.parametrize(("include", "exclude"), FILTER_CASES)
def test_the_run_index_decides_as_each_chat_alone(include: str, exclude: str) -> None:
    filters = ChatFilters(tuple(parse_terms(include)), tuple(parse_terms(exclude)))
    index = StoryIndex(ALL)
    assert index.split(filters, ALL) == filters.split(ALL)
    # Another chat's candidates, in another order, with a story the index has not seen.
    extra = Story("Bank strike", ["Cycling couriers and bank staff walked out."], id=5)
    others = [SAID, extra, RACE]
    assert index.split(filters, others) == filters.split(others)


def test_the_run_index_extends_term_bitmaps_to_new_stories() -> None:
    exclude = ChatFilters(exclude=tuple(parse_terms('bank "central bank"')))
    index = StoryIndex([RACE, BANK])
    assert index.split(exclude, [RACE, BANK]) == ([RACE], [BANK])
    assert index.split(exclude, [LONDON, SAID, BANK]) == ([LONDON], [SAID, BANK])
    assert len(index) == 4


def test_the_run_index_sees_a_story_loaded_with_other_sentences() -> None:
    strike = ChatFilters(include=tuple(parse_terms("strike")))
    index = StoryIndex()
    calm = Story("Rail talks", ["Unions met the minister."], id=78)
    tense = Story("Rail talks", ["Unions called a strike."], id=78)
    assert index.split(strike, [calm]) == ([], [calm])
    assert index.split(strike, [tense]) == ([tense], [])
    assert index.split(strike, [calm, tense]) == ([tense], [calm])


def test_chats_planned_at_the_same_time_share_one_index() -> None:
    assert run_index(NOW) is run_index(NOW)
    assert run_index(NOW + timedelta(hours=1)) is not run_index(NOW)


def test_bit_positions_lowest_first() -> None:
    assert bit_positions(0) == []
    assert bit_positions(0b1010) == [1, 3]
    assert bit_positions(1 << 10_000 | 1) == [0, 10_000]


def test_unstored_stories_with_other_actors_are_told_apart() -> None:
    lagarde = ChatFilters(include=tuple(parse_terms("actor:lagarde")))
    named = Story("Rates", ["Rates held."], [Actor("Christine Lagarde", "person")])
    unnamed = Story("Rates", ["Rates held."], [Actor("Luis de Guindos", "person")])
    assert StoryIndex().split(lagarde, [named, unnamed]) == ([named], [unnamed])
