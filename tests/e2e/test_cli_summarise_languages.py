"""``digestbot summarise`` in other languages: --language, a batch line's "language", and the
language each digest was made in, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

GERMAN = (
    "Die Stadtverwaltung hat am Dienstag einen neuen Plan für den Nahverkehr vorgestellt. "
    "Busse und Straßenbahnen sollen künftig alle zehn Minuten fahren, sagte Dr. Anna Berger. "
    "Die Kosten trägt zum größten Teil das Land."
)
SPANISH = (
    "El ayuntamiento presentó el martes un nuevo plan para el transporte público. "
    "Los autobuses pasarán cada diez minutos, dijo el Sr. Javier Gómez. "
    "La región pagará la mayor parte de los costes."
)


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "summarise", "--nlp-model", "none", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_json_says_which_language_the_digest_was_made_in() -> None:
    result = run("--json", "--sentences", "2", "-", stdin=GERMAN)
    assert result.returncode == 0, result.stderr
    digest = json.loads(result.stdout)
    assert digest["language"] == "de"
    assert digest["sentences"][1] == (
        "Busse und Straßenbahnen sollen künftig alle zehn Minuten fahren, sagte Dr. Anna Berger."
    )


def test_batch_lines_carry_their_language_and_a_bad_one_is_reported(tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    lines = [
        {"id": "de", "text": GERMAN},
        {"id": "es", "text": SPANISH, "language": "es"},
        {"id": "bad", "text": SPANISH, "language": "spanish"},
    ]
    batch.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = run("--batch", str(batch), "--workers", "1")
    assert result.returncode == 0, result.stderr
    out = {record["id"]: record for record in map(json.loads, result.stdout.splitlines())}
    assert out["de"]["language"] == "de"
    assert out["es"]["language"] == "es"
    assert any("Sr. Javier Gómez" in sentence for sentence in out["es"]["summary"])
    assert "unknown language 'spanish'" in out["bad"]["error"]


def test_a_bad_language_option_is_one_clear_error() -> None:
    result = run("--language", "xx", "-", stdin=GERMAN)
    assert result.returncode != 0
    assert "unknown language 'xx'" in result.stderr
    assert "Traceback" not in result.stderr
