"""``digestbot summarise --batch FILE.jsonl``: many articles, both cores, one JSON line each.

A line is one article (``{"id", "text", "title"?}``) or one story told by several outlets
(``{"id", "articles": [{"text", "title"?, "source"?, "published"?}, ...]}``), which gets the
story digest the bot shows (:func:`summarise.summarise_story`).
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict
from multiprocessing import Pool
from pathlib import Path
from typing import IO, Any, TypeVar

from bot.errors import InputError
from summarise import (
    AUTO_MODEL,
    Digest,
    Position,
    StoryDigest,
    StoryText,
    model_name,
    summarise,
    summarise_story,
    use_model,
)

T = TypeVar("T")

__all__ = ["digest_line", "run_batch"]

# Articles handed to a worker at a time: large enough to amortise the hand-off, small enough
# to keep both workers busy to the end.
CHUNKSIZE = 8
_options: dict[str, Any] = {}


def run_batch(
    path: Path,
    *,
    algorithm: str = "default",
    sentences: int = 3,
    max_chars: int | None = None,
    workers: int = 2,
    out: IO[str] | None = None,
    nlp_model: str = AUTO_MODEL,
    nlp_models: dict[str, str] | None = None,
    language: str | None = None,
) -> None:
    """Write one JSON line per input line of ``path``, in input order. ``nlp_model`` is the
    English spaCy pipeline, ``nlp_models`` other languages' (ISO 639-1 code -> package).
    ``language`` (ISO 639-1) is every article's; None reads each line's "language", else
    detects it."""
    stream = out or sys.stdout
    options = {"algorithm": algorithm, "sentences": sentences, "max_chars": max_chars}
    if language is not None:
        options["language"] = language
    models = dict(nlp_models or {})
    lines = _numbered_lines(path)
    if workers <= 1:
        _start_worker(options, nlp_model, models)
        for line in lines:
            stream.write(_dumps(digest_line(line)))
        return
    pool = Pool(workers, initializer=_start_worker, initargs=(options, nlp_model, models))
    try:
        for result in pool.imap(digest_line, lines, chunksize=CHUNKSIZE):
            stream.write(_dumps(result))
        pool.close()
    finally:
        pool.terminate()
        pool.join()
    stream.flush()


def _numbered_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number, raw bytes) of each non-blank line; InputError if the file is unusable."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    with handle:
        head = handle.read(8192)
        if b"\x00" in head:
            raise InputError(f"{path}: binary data, expected JSON lines")
        if not head.strip():
            raise InputError(f'{path}: empty, expected one {{"id", "text"}} object per line')
        handle.seek(0)
        numbered = [(n, raw) for n, raw in enumerate(handle, start=1) if raw.strip()]
    return iter(numbered)


def _start_worker(options: dict[str, Any], nlp_model: str, nlp_models: dict[str, str]) -> None:
    """Load the language models once per worker, before the first article arrives."""
    _options.clear()
    _options.update(options)
    use_model(nlp_model)
    for code, name in nlp_models.items():
        use_model(name, language=code)
    # A model that fails to load (or any failure) is reported on each line rather than killing
    # the worker: a pool whose initializer raises starts new workers for ever.
    with contextlib.suppress(Exception):
        for code in nlp_models:
            model_name(code)  # loads the language's pipeline
        summarise("Models load once. This sentence warms them up.", sentences=1)


def digest_line(numbered: tuple[int, bytes]) -> dict[str, Any]:
    """The output object for one input line: a digest, or an error naming the line."""
    number, raw = numbered
    try:
        item = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return {"id": None, "line": number, "error": f"line {number}: not UTF-8 text"}
    except json.JSONDecodeError as exc:
        return {"id": None, "line": number, "error": f"line {number}: not valid JSON ({exc.msg})"}
    if not isinstance(item, dict):
        return {"id": None, "line": number, "error": f"line {number}: expected a JSON object"}
    item_id = item.get("id")
    if "articles" in item:
        return _story_line(item_id, number, item["articles"])
    text, title = item.get("text"), item.get("title")
    if not isinstance(text, str) or (title is not None and not isinstance(title, str)):
        return {"id": item_id, "line": number, "error": "text (and title) must be strings"}
    language = item.get("language")
    if language is not None and not isinstance(language, str):
        return {"id": item_id, "line": number, "error": "language must be a string like de"}
    options = dict(_options)
    if language and "language" not in options:
        options["language"] = language  # the line's own, unless the command pins one
    digest = _attempt(
        item_id, number, "this article", lambda: summarise(text, title=title, **options)
    )
    return digest if isinstance(digest, dict) else digest_record(item_id, digest)


def _attempt(item_id: Any, number: int, what: str, work: Callable[[], T]) -> T | dict[str, Any]:
    """What `work` returns, or the error line for input line `number` when it fails: one
    item's failure must not end the batch."""
    try:
        return work()
    except (ValueError, RuntimeError) as exc:
        return {"id": item_id, "line": number, "error": str(exc)}
    except Exception as exc:
        error = f"could not summarise {what} ({type(exc).__name__}: {exc})"
        return {"id": item_id, "line": number, "error": error}


def _articles(value: Any) -> list[StoryText] | str:
    """The articles of a story line, or what is wrong with them."""
    if not isinstance(value, list) or not value:
        return 'articles must be a non-empty list of {"text", "title"?, "source"?} objects'
    found = []
    for n, article in enumerate(value, start=1):
        if not isinstance(article, dict):
            return f'articles[{n}] must be a {{"text", "title"?, "source"?}} object'
        if not isinstance(article.get("text"), str):
            return f"articles[{n}].text must be a string"
        for key in ("title", "source", "published"):
            if article.get(key) is not None and not isinstance(article[key], str):
                return f"articles[{n}].{key} must be a string"
        found.append(
            StoryText(
                article["text"],
                article.get("title"),
                article.get("source"),
                article.get("published"),
            )
        )
    return found


def _story_line(item_id: Any, number: int, value: Any) -> dict[str, Any]:
    """The output object for a line of several articles on one event: a story digest."""
    articles = _articles(value)
    if isinstance(articles, str):
        return {"id": item_id, "line": number, "error": articles}
    story = _attempt(
        item_id, number, "these articles", lambda: summarise_story(articles, **_options)
    )
    return story if isinstance(story, dict) else story_record(item_id, story)


def _actor_records(
    digest: Digest | StoryDigest, articles: dict[int, int] | None = None
) -> list[dict[str, Any]]:
    """Each actor with its positions; with ``articles`` (position id to article number), each
    position names the article it was read from."""

    def position(found: Position) -> dict[str, Any]:
        if articles is None:
            return asdict(found)
        return {"article": articles.get(id(found)), **asdict(found)}

    return [
        {
            "name": actor.name,
            "type": actor.type,
            "role": actor.role,
            "mentions": actor.mentions,
            "positions": [position(p) for p in actor.positions],
        }
        for actor in digest.actors
    ]


def digest_record(item_id: Any, digest: Digest) -> dict[str, Any]:
    """The batch output shape: id, title, summary sentences, actors with their positions, and
    every attribution in article order (offsets into the input text)."""
    return {
        "id": item_id,
        "title": digest.title,
        "language": digest.language,
        "summary": digest.sentences,
        "actors": _actor_records(digest),
        # The same fields as `--json` (Digest.to_dict): speaker, actor, cue, spans, reporter.
        "attributions": [asdict(p) for p in digest.attributions],
    }


def story_record(item_id: Any, story: StoryDigest) -> dict[str, Any]:
    """A story line's output: the single-article shape, plus ``sources`` (the source of each
    summary sentence) and ``dropped`` (articles left out as junk, numbered from 1); each
    attribution and position names its ``article`` (numbered from 1), whose text its offsets
    point into."""
    articles = {id(p): n for n, found in enumerate(story.attributions, start=1) for p in found}
    return {
        "id": item_id,
        "title": story.title,
        "summary": story.sentences,
        "sources": story.sources,
        "actors": _actor_records(story, articles),
        "attributions": [
            {"article": n, **asdict(p)}
            for n, found in enumerate(story.attributions, start=1)
            for p in found
        ],
        "dropped": [n + 1 for n in story.dropped],
    }


def _dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"
