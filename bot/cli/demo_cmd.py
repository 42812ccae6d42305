"""demo command of the digestbot CLI: digests of the bundled sample articles, fully offline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.rule import Rule

from bot.cli import app, fail
from bot.cli.summarise_cmd import print_digest
from summarise import summarise

SAMPLE_ARTICLES = Path(__file__).resolve().parents[2] / "config" / "samples" / "articles"


@app.command("demo")
def demo(
    articles: Annotated[
        Path, typer.Option(help="Folder of .txt articles to digest.", file_okay=False)
    ] = SAMPLE_ARTICLES,
    sentences: Annotated[int, typer.Option(min=1, help="Sentences per digest.")] = 3,
) -> None:
    """Print digests of the sample articles: key sentences, who is involved, their positions."""
    paths = sorted(articles.glob("*.txt")) if articles.is_dir() else []
    if not paths:
        raise fail(f"{articles}: no .txt articles found")
    console = Console()
    for path in paths:
        console.print(Rule(path.name, style="dim"))
        try:
            digest = summarise(path.read_text(encoding="utf-8"), sentences=sentences)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            console.print(f"[red]skipped[/red] {path.name}: {exc}")
            continue
        print_digest(digest, console)
