"""Rendering: Telegram HTML escaping and limits, console text, JSON round trip of a reply."""

from __future__ import annotations

from fake_telegram import parse_html

from bot.ports import Button, Reply, StoryView, reply_from_json, reply_to_json
from bot.render import (
    TELEGRAM_MAX_CHARS,
    console_text,
    paginate,
    telegram_html,
    telegram_keyboard,
    telegram_messages,
    telegram_pages,
    utf16_len,
)
from summarise.models import Actor, Position

NASTY = '<script>alert(1)</script> & <b>bold</b> "quoted" &amp;'


def story(n: int, sentences: list[str] | None = None, **kw: object) -> StoryView:
    return StoryView(
        title=f"Story {n}",
        url=f"https://news.example/{n}",
        source="Wire",
        sentences=sentences or ["One.", "Two."],
        story_id=n,
        number=n,
        **kw,  # type: ignore[arg-type]
    )


def test_article_text_is_escaped_and_parses_as_telegram_html() -> None:
    reply = Reply(
        heading=NASTY,
        lines=[NASTY],
        stories=[
            StoryView(
                title=NASTY,
                url='https://x.example/?a=1&b="2"',
                source=NASTY,
                sentences=[NASTY],
                actors=[Actor(NASTY, "person", role=NASTY)],
            )
        ],
        footer=NASTY,
    )
    text, entities, links = parse_html(telegram_html(reply))
    assert text.count(NASTY) == 8  # heading, line, title, source, sentence, name, role, footer
    assert entities == 6  # heading b, title b + a, source i, "Who:" i, footer i
    assert links == ['https://x.example/?a=1&b="2"']


def test_only_web_links_become_links_or_buttons() -> None:
    reply = Reply(stories=[StoryView(title="t", url="javascript:alert(1)", story_id=3)])
    _, _, links = parse_html(telegram_html(reply))
    assert links == []
    assert [b.label for row in telegram_keyboard(reply) for b in row] == ["Who's involved"]


def test_control_characters_are_removed_everywhere() -> None:
    reply = Reply(heading="Title\x1b[31m red\x07", stories=[story(1, ["Bell\x07 here."])])
    assert "\x1b" not in console_text(reply) and "\x07" not in console_text(reply)
    assert "\x1b" not in telegram_html(reply)


def test_each_story_gets_who_and_article_buttons() -> None:
    reply = Reply(stories=[story(1), story(2)], buttons=[[Button("More", action="/summary 5")]])
    rows = telegram_keyboard(reply)
    assert [[b.label for b in row] for row in rows] == [
        ["1. Who's involved", "1. Full article"],
        ["2. Who's involved", "2. Full article"],
        ["More"],
    ]
    assert rows[0][0].action == "/who #1" and rows[0][1].url == "https://news.example/1"


def test_pages_break_between_stories_and_stay_under_the_limit() -> None:
    long = ["Words " * 120 + "end."] * 3
    reply = Reply(heading="Digest", stories=[story(n, long) for n in range(1, 9)], footer="more")
    messages = telegram_messages(reply)
    assert len(messages) > 1
    assert all(utf16_len(m.html) <= TELEGRAM_MAX_CHARS for m in messages)
    assert messages[0].html.startswith("<b>Digest</b>")
    assert messages[-1].html.endswith("<i>more</i>")
    seen = [n for m in messages for n in range(1, 9) if f">{n}. Story {n}<" in m.html]
    assert seen == list(range(1, 9))
    for message in messages:  # each story's buttons travel with it
        numbers = [b.label.split(".")[0] for row in message.keyboard for b in row]
        assert all(f">{n}. Story {n}<" in message.html for n in numbers)


def test_an_oversized_story_breaks_between_sentences() -> None:
    sentences = [f"Sentence {i} " + "x" * 500 + "." for i in range(20)]
    actors = [Actor("Ann Lee", "person", role="Mayor")]
    pages = telegram_pages(Reply(stories=[story(1, sentences, actors=actors)]))
    assert len(pages) > 1
    html = [telegram_html(page) for page in pages]
    assert all(utf16_len(h) <= TELEGRAM_MAX_CHARS for h in html)
    joined = " ".join(s for page in pages for st in page.stories for s in st.sentences)
    assert joined == " ".join(sentences)
    assert "(cont.)" in html[1] and "Ann Lee (Mayor)" in html[-1]


def test_astral_characters_count_double() -> None:
    emoji = "🗞" * 1500  # 3,000 UTF-16 units
    pages = telegram_pages(Reply(lines=[emoji, emoji]))
    assert len(pages) == 2


def test_console_text_shows_buttons_as_commands_and_positions() -> None:
    who = StoryView(
        title="Rates",
        detail="actors",
        actors=[
            Actor(
                "Ann Lee",
                "person",
                role="Governor",
                positions=[
                    Position(
                        'Lee said a cut "will not come before the autumn at the earliest."',
                        "will not come before the autumn at the earliest.",
                    ),
                    Position('Lee called a cut "impossible" this year.', "impossible"),
                ],
            )
        ],
    )
    text = console_text(Reply(heading="Who", stories=[who, story(2)]))
    assert (
        "   - Ann Lee (Governor)\n       “will not come before the autumn at the earliest.”" in text
    )
    # A quote of a word or two means nothing alone: the clause around it is shown instead.
    assert '\n       Lee called a cut "impossible" this year.' in text
    assert "[2. Who's involved: /who #2] [2. Full article: https://news.example/2]" in text


def test_a_reply_survives_the_outbox_as_json() -> None:
    reply = Reply(
        heading="h",
        lines=["l"],
        stories=[story(1, actors=[Actor("A", "org", positions=[Position("p", "q")])])],
        footer="f",
        buttons=[[Button("b", action="/help")]],
    )
    assert reply_from_json(reply_to_json(reply)) == reply


def test_platforms_without_limits_get_one_page() -> None:
    reply = Reply(stories=[story(n) for n in range(50)])
    assert paginate("console", reply) == [reply]
