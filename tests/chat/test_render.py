"""Rendering: Telegram HTML escaping and limits, console text, JSON round trip of a reply."""

from __future__ import annotations

import json

from bot.ports import Button, Reply, StoryView, reply_from_json, reply_to_json
from bot.render.common import MAX_STANCE_CHARS
from bot.render.console import console_text
from bot.render.pages import paginate, telegram_messages, telegram_pages
from bot.render.slack import slack_message
from bot.render.telegram import TELEGRAM_MAX_CHARS, telegram_html, telegram_keyboard, utf16_len
from summarise.models import Actor, Position
from tests.support.fake_telegram import parse_html

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
            ),
            Actor("Central Bank", "org"),
            Actor(
                "Tom Berg",
                "person",
                role="Finance Minister",
                positions=[Position("backed a cut", reported_by="Ann Lee")],
            ),
        ],
    )
    text = console_text(Reply(heading="Who", stories=[who, story(2)]))
    # One line per position, "Name (role): stance"; an actor without positions once, alone.
    assert (
        "Rates\n"
        "   - Ann Lee (Governor): “will not come before the autumn at the earliest.”\n"
        # A quote of a word or two means nothing alone: the clause around it is shown instead.
        '   - Ann Lee (Governor): Lee called a cut "impossible" this year.\n'
        "   - Central Bank\n"
        "   - Tom Berg (Finance Minister): backed a cut (according to Ann Lee)\n"
    ) in text
    assert "[2. Who's involved: /who #2] [2. Full article: https://news.example/2]" in text


HOSTILE_STANCE = "rates <b>must</b> fall & *soon* _now_ </i>"


def who_story(*actors: Actor) -> StoryView:
    return StoryView(title="Rates", url="https://news.example/1", detail="actors", actors=[*actors])


def test_who_lines_are_escaped_for_telegram() -> None:
    lee = Actor(
        "Ann <Lee>",
        "person",
        role="Governor & <i>chair</i>",
        positions=[Position(HOSTILE_STANCE, reported_by="Tom <b>Berg</b> & co")],
    )
    html = telegram_html(Reply(stories=[who_story(lee, Actor("A & B", "org"))]))
    text, entities, _ = parse_html(html)  # raises on HTML Telegram would refuse
    assert text.splitlines()[1:] == [
        f"• Ann <Lee> (Governor & <i>chair</i>): {HOSTILE_STANCE} "
        "(according to Tom <b>Berg</b> & co)",
        "• A & B",
    ]
    assert entities == 4  # title b + a, one bold name per line
    assert (
        "• <b>Ann &lt;Lee&gt;</b> (Governor &amp; &lt;i&gt;chair&lt;/i&gt;): rates &lt;b&gt;"
        in html
    )


def test_long_quotes_are_cut_at_a_word_with_an_ellipsis_everywhere() -> None:
    quote = " ".join(f"sentence {n} says something about rates." for n in range(30))
    lee = Actor("Ann Lee", "person", positions=[Position("said so", quote=quote)])
    reply = Reply(stories=[who_story(lee)])
    console_line = console_text(reply).splitlines()[1]
    stance = console_line.removeprefix("   - Ann Lee: ")
    assert stance.startswith("“sentence 0 says") and stance.endswith("…”")
    assert 150 <= len(stance) <= MAX_STANCE_CHARS
    assert quote.startswith(stance[1:-2])  # cut between words, nothing else changed
    assert quote[len(stance) - 3] == " "
    assert stance in parse_html(telegram_html(reply))[0]
    [section] = [b for b in slack_message(reply)["blocks"] if b["type"] == "section"]
    assert f"• *Ann Lee*: {stance}" in section["text"]["text"]


def test_who_shows_a_stance_once_even_if_two_positions_share_it() -> None:
    same = [
        Position("said we are not done yet", "we are not done yet, not at all"),
        Position("warned we are not done yet", "we are not done yet, not at all"),
    ]
    text = console_text(Reply(stories=[who_story(Actor("Ann Lee", "person", positions=same))]))
    assert text.count("Ann Lee: “we are not done yet, not at all”") == 1


def test_a_reply_survives_the_outbox_as_json() -> None:
    reply = Reply(
        heading="h",
        lines=["l"],
        stories=[
            story(
                1,
                actors=[
                    Actor("A", "org", positions=[Position("p", "q")]),
                    Actor(
                        "B",
                        "person",
                        positions=[
                            Position(
                                "wants talks",
                                speaker="he",
                                actor="B",
                                cue="indicated",
                                span=(10, 21),
                                speaker_span=(0, 2),
                                cue_span=(3, 12),
                                reported_by="C",
                            )
                        ],
                    ),
                ],
            )
        ],
        footer="f",
        buttons=[[Button("b", action="/help")]],
    )
    # Through JSON text, as the outbox stores it: spans come back as tuples.
    assert reply_from_json(json.loads(json.dumps(reply_to_json(reply)))) == reply


def test_platforms_without_limits_get_one_page() -> None:
    reply = Reply(stories=[story(n) for n in range(50)])
    assert paginate("console", reply) == [reply]
