"""``digestbot summarise --batch`` on lines of several articles: one story digest each."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.test_cli_summarise import run

FERRY = (
    "The harbour ferry between Alden and Brisk Island will stop running on Friday after the "
    "operator lost its licence, the port authority said on Monday.\n"
    "Port director Maria Olsen said the authority would look for a new operator within weeks.\n"
    "About 900 people use the ferry every day, most of them commuters.\n"
    "The operator, Bluewake Lines, had failed two safety inspections this year.\n"
    "Inspectors found worn lifejackets and a broken radio on the older of its two boats.\n"
    "The company has run the crossing since 1998 and employs 40 people in Alden."
)
FERRY_TOO = (
    "Bluewake Lines will lose its licence to run the Alden ferry from Friday, port officials "
    "said.\n"
    "Islanders fear they will be cut off, and the island school has asked for a bus boat.\n"
    "Olsen said she expected a temporary service to start before the summer.\n"
    "Bluewake said it would appeal the decision in court.\n"
    "The crossing takes twenty minutes and is the only link to the mainland in winter.\n"
    "Shopkeepers on the island said deliveries of food and post would be the first to suffer."
)
STUB = "Subscribe to keep reading."


def run_lines(tmp_path: Path, lines: list[object], *args: str) -> list[dict[str, object]]:
    batch = tmp_path / "in.jsonl"
    batch.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = run("--batch", str(batch), "--nlp-model", "none", *args)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_story_line_gets_one_digest_crediting_each_sentence(tmp_path: Path) -> None:
    story = {
        "id": "ferry",
        "articles": [
            {"text": FERRY, "title": "Alden ferry to stop", "source": "Coast News"},
            {"text": FERRY_TOO, "source": "Island Radio", "published": "2026-03-02"},
        ],
    }
    bad = [
        {"id": "not-a-list", "articles": {"text": FERRY}},
        {"id": "empty", "articles": []},
        {"id": "number", "articles": [{"text": FERRY}, {"text": 42}]},
        {"id": "no-text", "articles": [{"text": "   "}, {"text": ""}]},
    ]
    out = run_lines(
        tmp_path, [story, *bad, {"id": "one", "text": FERRY}, story], "--sentences", "4"
    )
    assert [item["id"] for item in out] == ["ferry", *(b["id"] for b in bad), "one", "ferry"]
    digest = out[0]
    assert digest == out[-1]  # the batch carried on after the bad lines
    assert digest["title"] == "Alden ferry to stop"
    assert len(digest["summary"]) == 4
    assert len(digest["sources"]) == 4 and set(digest["sources"]) == {"Coast News", "Island Radio"}
    for sentence, source in zip(digest["summary"], digest["sources"], strict=True):
        assert sentence in (FERRY if source == "Coast News" else FERRY_TOO)
    # Reading order: the first article's sentences first, each in its article's order.
    places = [
        (digest["sources"][i] != "Coast News", FERRY.find(s) + FERRY_TOO.find(s))
        for i, s in enumerate(digest["summary"])
    ]
    assert places == sorted(places)
    # Actors merged across the articles: one Olsen, with a position read from each.
    olsen = [actor for actor in digest["actors"] if "Olsen" in actor["name"]]
    assert [actor["name"] for actor in olsen] == ["Maria Olsen"]
    assert {p["article"] for p in olsen[0]["positions"]} == {1, 2}
    for attribution in digest["attributions"]:
        text = (FERRY, FERRY_TOO)[attribution["article"] - 1]
        assert text[slice(*attribution["cue_span"])] == attribution["cue"]

    errors = {item["id"]: item["error"] for item in out[1:5]}
    assert errors["not-a-list"].startswith("articles must be a non-empty list")
    assert errors["empty"].startswith("articles must be a non-empty list")
    assert errors["number"] == "articles[2].text must be a string"
    assert errors["no-text"] == "no text to summarise"
    assert all(out[n]["line"] == n + 1 for n in range(1, 5))
    assert "sources" not in out[5] and out[5]["summary"]  # a single article keeps its shape


def test_sentences_and_junk_pages_in_a_story_line(tmp_path: Path) -> None:
    articles = [{"text": FERRY, "source": "Coast News"}, {"text": FERRY_TOO, "source": "Radio"}]
    lines = [
        {"id": 2, "articles": articles},
        {"id": "stub", "articles": [{"text": STUB, "source": "Paywalled"}, *articles]},
    ]
    two, with_stub = run_lines(tmp_path, lines, "--sentences", "2")
    assert len(two["summary"]) == 2
    assert with_stub["dropped"] == [1]
    assert "Paywalled" not in with_stub["sources"]
    assert not any("Subscribe" in sentence for sentence in with_stub["summary"])


def test_a_story_line_with_the_language_pinned(tmp_path: Path) -> None:
    story = {"id": "ferry", "articles": [{"text": FERRY}, {"text": FERRY_TOO}]}
    (line,) = run_lines(tmp_path, [story], "--language", "en")
    assert "error" not in line
    assert line["summary"]
