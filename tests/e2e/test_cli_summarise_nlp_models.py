"""``digestbot summarise --nlp-models fr=PACKAGE``: a language's actors found by its installed
spaCy pipeline, in one digest and in --batch workers, as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.spacy_package import write_pipeline_package

PACKAGE = "fr_digest_test"
# The test pipeline takes "Marie Dupont" for a firm; French rules read a person there.
FRENCH = (
    "Le conseil régional a voté jeudi le budget des lycées pour l'année prochaine. "
    "« Chaque établissement recevra de quoi rénover ses salles », a promis Zorglub aux élus. "
    "Les ateliers de Marie Dupont fourniront le mobilier, a précisé le rapporteur. "
    "Les travaux commenceront pendant les vacances d'été."
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_pipeline_package(
        tmp_path / "site", PACKAGE, "fr", {"Marie Dupont": "ORG", "Zorglub": "PER"}
    )


def run(site: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    paths = [str(site), os.environ.get("PYTHONPATH", "")]
    return subprocess.run(
        [sys.executable, "-m", "bot", "summarise", "--nlp-model", "none", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)},
    )


def types(actors: list[dict[str, str]]) -> dict[str, str]:
    return {actor["name"]: actor["type"] for actor in actors}


def test_a_language_uses_the_pipeline_named_for_it(site: Path) -> None:
    rules = run(site, "--json", "-", stdin=FRENCH)
    assert rules.returncode == 0, rules.stderr
    assert types(json.loads(rules.stdout)["actors"])["Marie Dupont"] == "person"
    piped = run(site, "--json", "--nlp-models", f"fr={PACKAGE}", "-", stdin=FRENCH)
    assert piped.returncode == 0, piped.stderr
    digest = json.loads(piped.stdout)
    assert digest["language"] == "fr"
    assert types(digest["actors"])["Marie Dupont"] == "org"


def test_batch_workers_use_it_too(site: Path, tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        "".join(json.dumps({"id": n, "text": FRENCH}) + "\n" for n in range(4)), encoding="utf-8"
    )
    result = run(site, "--batch", str(batch), "--workers", "2", "--nlp-models", f"fr={PACKAGE}")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record["id"] for record in records] == [0, 1, 2, 3]
    assert all(types(record["actors"])["Marie Dupont"] == "org" for record in records)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("fr=fr_core_news_xx", "spaCy model 'fr_core_news_xx' is not installed"),
        ("french=fr_core_news_sm", "unknown language 'french'"),
        ("fr_core_news_sm", "--nlp-models takes CODE=PACKAGE"),
        ("en=en_core_web_sm", "English's pipeline is chosen with --nlp-model"),
    ],
)
def test_a_bad_value_is_one_clear_error(site: Path, value: str, expected: str) -> None:
    result = run(site, "--nlp-models", value, "-", stdin=FRENCH)
    assert result.returncode != 0
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
