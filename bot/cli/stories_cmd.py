"""stories commands of the digestbot CLI: ``digestbot stories cluster FILE.jsonl``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from bot.cli import app, fail
from bot.errors import InputError
from summarise import StoryArticle, check_language, cluster_articles, detect_language

stories_app = typer.Typer(
    help="Group articles from different sources about the same event into stories.",
    no_args_is_help=True,
)
app.add_typer(stories_app, name="stories")


@stories_app.command("cluster")
def cluster(
    file: Annotated[
        Path,
        typer.Argument(
            help='JSON lines, one article each: {"id", "title", "text", "source", "published"}.'
        ),
    ],
) -> None:
    """Print one JSON line {"id", "story"} per article, in input order.

    Articles are grouped in arrival order (by "published", ISO 8601), exactly as the bot groups
    them as they are collected; a story is named after its first article.
    """
    try:
        ids, articles = read_articles(file)
    except InputError as exc:
        raise fail(str(exc)) from None
    stories = cluster_articles(articles)
    for original_id, article in zip(ids, articles, strict=True):
        typer.echo(
            json.dumps({"id": original_id, "story": stories[article.id]}, ensure_ascii=False)
        )


def read_articles(path: Path) -> tuple[list[Any], list[StoryArticle]]:
    """The articles of a JSON-lines file, with their ids as written; InputError if unusable."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read it as UTF-8 text ({exc})") from None
    ids: list[Any] = []
    articles: list[StoryArticle] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        original_id, article = _article(line, where)
        if article.id in seen:
            raise InputError(f"{where}: id {original_id!r} appears more than once")
        seen.add(article.id)
        ids.append(original_id)
        articles.append(article)
    if not articles:
        raise InputError(f"{path}: no articles (expected one JSON object per line)")
    return ids, articles


def _article(line: str, where: str) -> tuple[Any, StoryArticle]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg})") from None
    if not isinstance(row, dict):
        raise InputError(f"{where}: expected a JSON object with id, title, text, published")
    original_id = row.get("id")
    if isinstance(original_id, bool) or not isinstance(original_id, str | int) or original_id == "":
        raise InputError(f"{where}: 'id' must be a non-empty string or a number")
    title = row.get("title")
    text = row.get("text") or ""
    if not isinstance(title, str) or not isinstance(text, str):
        raise InputError(f"{where}: 'title' must be a string, and 'text' a string if given")
    if not title.strip() and not text.strip():
        raise InputError(f"{where}: article {original_id!r} has neither title nor text")
    published = _timestamp(row.get("published"), where)
    language = _language(row.get("language"), f"{title}\n{text}", where)
    return original_id, StoryArticle(str(original_id), title, text, published, language)


def _language(value: object, text: str, where: str) -> str:
    """A row's "language" (ISO 639-1), or the one its text is in when it gives none."""
    if value is None:
        return detect_language(text)
    try:
        return check_language(value if isinstance(value, str) else "")
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None


def _timestamp(value: object, where: str) -> datetime:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}: 'published' is missing; give an ISO 8601 time")
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(
            f"{where}: 'published' {value!r} is not an ISO 8601 time such as 2025-04-07T06:10:00Z"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
