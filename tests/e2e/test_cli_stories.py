"""``digestbot stories cluster FILE.jsonl`` as a user runs it: JSON lines in, JSON lines out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import bot.cli.stories_cmd  # noqa: F401  (registers the stories commands)
from bot.cli import app

FULLTEXT = Path(__file__).resolve().parent.parent / "data" / "stories_fulltext.jsonl"


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def write_lines(path: Path, rows: list[Any]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def output_rows(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_one_line_per_article_in_input_order_grouped_in_published_order(tmp_path: Path) -> None:
    rows = [
        {
            "id": 7,
            "title": "Flappy Bird may rise again, creator says",
            "text": "",
            "source": "B",
            "published": "2014-03-12T02:00:00Z",
        },
        {
            "id": "x",
            "title": "Mt. Gox files for US bankruptcy protection",
            "text": "",
            "source": "C",
            "published": "2014-03-12T01:30:00Z",
        },
        {
            "id": 3,
            "title": "Flappy Bird could return, creator says",
            "text": "",
            "source": "A",
            "published": "2014-03-12T01:00:00+00:00",
        },
    ]
    result = run("stories", "cluster", str(write_lines(tmp_path / "in.jsonl", rows)))

    assert result.exit_code == 0, result.output
    # ids come back as written; a story is named after its first-published article
    assert output_rows(result.stdout) == [
        {"id": 7, "story": "3"},
        {"id": "x", "story": "x"},
        {"id": 3, "story": "3"},
    ]


def test_fulltext_file_groups_reports_of_each_event() -> None:
    result = run("stories", "cluster", str(FULLTEXT))

    assert result.exit_code == 0, result.output
    predicted = {row["id"]: row["story"] for row in output_rows(result.stdout)}
    gold = {
        row["id"]: row["story"]
        for row in map(json.loads, FULLTEXT.read_text(encoding="utf-8").splitlines())
    }
    assert list(predicted) == list(gold)
    by_event: dict[str, set[str]] = {}
    for article_id, event in gold.items():
        by_event.setdefault(event, set()).add(predicted[article_id])
    assert by_event["kestrel"] == {"ft-04"}  # four reports, one a re-post: one story
    assert by_event["storm"] == {"ft-08"}
    assert by_event["airstrike"] != by_event["railstrike"]
    assert len(set(predicted.values())) == len(set(gold.values())) + 1  # the airstrike gap


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json\n", "in.jsonl:1: not valid JSON"),
        ("[1, 2]\n", "in.jsonl:1: expected a JSON object"),
        ('{"id": "a", "title": "t", "text": ""}\n', "in.jsonl:1: 'published' is missing"),
        (
            '{"id": "a", "title": "t", "published": "monday"}\n',
            "'published' 'monday' is not an ISO",
        ),
        ('{"title": "t", "published": "2014-03-12T01:00:00Z"}\n', "in.jsonl:1: 'id' must be"),
        ('{"id": "a", "title": 5, "published": "2014-03-12T01:00:00Z"}\n', "'title' must be"),
        (
            '{"id": "a", "title": " ", "text": "", "published": "2014-03-12T01:00:00Z"}\n',
            "neither title nor text",
        ),
        (
            '{"id": "a", "title": "t", "published": "2014-03-12T01:00:00Z"}\n' * 2,
            "in.jsonl:2: id 'a' appears more than once",
        ),
        ("\n\n", "no articles"),
    ],
)
def test_bad_input_ends_in_one_clear_message(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(content, encoding="utf-8")

    result = run("stories", "cluster", str(path))

    assert result.exit_code == 1
    assert result.stdout == ""
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_missing_file_is_named(tmp_path: Path) -> None:
    result = run("stories", "cluster", str(tmp_path / "nowhere.jsonl"))

    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'nowhere.jsonl'}: no such file"
