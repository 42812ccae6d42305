"""People and positions: person P/R/F1 on CoNLL++ dev and on German, Spanish and Dutch news
(CoNLL-2003/2002, each also in two fixed halves), the seed-article checks, actors speed."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bench import REPO_ROOT, eval_dir
from summarise import (
    Actor,
    current_model,
    extract_actors,
    model_name,
    prepare,
    summarise,
    use_model,
)

SEED = REPO_ROOT / "tests" / "data" / "seed_article.txt"
SEED_EXPECTED = REPO_ROOT / "tests" / "data" / "seed_expected.json"
SPEED_ARTICLES = 100
# Other languages' files in the eval folder, read with extract_actors(..., language=code).
LANGUAGES = ("de", "es", "nl")
CLI_LABEL = "`digestbot summarise - --json`, one process per document (names only)"


@contextmanager
def model(choice: str) -> Iterator[None]:
    before = current_model()
    use_model(choice)
    try:
        yield
    finally:
        use_model(before)


def run() -> str:
    data = eval_dir()
    conll, cnndm = data / "conllpp_dev.jsonl", data / "cnndm_dev.jsonl"
    if not conll.exists() or not cnndm.exists():
        return (
            "## People\n\nEvaluation data not found at "
            f"`{data}`; set `DIGESTBOT_EVAL_DIR` to the folder holding conllpp_dev.jsonl."
        )
    docs = [json.loads(line) for line in conll.read_text(encoding="utf-8").splitlines() if line]
    rows: list[tuple[str, dict[str, float]]] = []
    with model("auto"):
        name = model_name() or "rules (spaCy missing)"
        rows.append((f"{name}: names and aliases", score(conll, docs, mention_names)))
        rows.append((f"{name}: canonical names only", score(conll, docs, canonical_names)))
        rows.append((f"{name}: {CLI_LABEL}", score_cli(conll, "auto")))
        seed_spacy = seed_checks()
        speed_spacy = speed(cnndm)
    with model("none"):
        rows.append(("rule-based fallback: names and aliases", score(conll, docs, mention_names)))
        rows.append((f"rule-based fallback: {CLI_LABEL}", score_cli(conll, "none")))
        seed_rules = seed_checks()
        speed_rules = speed(cnndm)
    with model("none"):
        languages = language_rows(data, [("en", conll, docs)])
    section = report(data, rows, {name: seed_spacy, "rules": seed_rules}, speed_spacy, speed_rules)
    return section + languages


def language_rows(data: Path, english: list[tuple[str, Path, list[dict[str, str]]]]) -> str:
    """Person P/R/F1 of the rule-based path per language, on each file and on its two fixed
    halves (A: documents at even positions, B: odd), the halves the rules' constants were
    chosen on (fit on one, score on the other)."""
    files = list(english)
    for code in LANGUAGES:
        path = data / f"conll_{code}_dev.jsonl"
        if path.exists():
            lines = path.read_text(encoding="utf-8").splitlines()
            files.append((code, path, [json.loads(line) for line in lines if line]))
    lines = [
        "",
        "Other languages, rule-based (`extract_actors(lines, language=code)`, names and "
        "aliases; half A = documents at even positions in the file, half B = odd):",
        "",
        "| language | file | part | documents | P | R | F1 |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for code, path, docs in files:

        def names(text: str, code: str = code) -> list[str]:
            actors = extract_actors(text.split("\n"), language=code)
            return [n for a in actors if a.type == "person" for n in (a.name, *a.aliases)]

        parts = (("all", docs), ("half A", docs[0::2]), ("half B", docs[1::2]))
        for part, chosen in parts:
            f = score(path, chosen, names, subset=True)
            lines.append(
                f"| {code} | `{path.name}` | {part} | {len(chosen)} | {f['precision']:.2f} | "
                f"{f['recall']:.2f} | {f['f1']:.2f} |"
            )
    return "\n".join(lines) + "\n"


def mention_names(text: str) -> list[str]:
    """Every name string a person goes by in the text (the scorer's gold is the same)."""
    actors = extract_actors(text.split("\n"))
    return [n for a in actors if a.type == "person" for n in (a.name, *a.aliases)]


def canonical_names(text: str) -> list[str]:
    return [a.name for a in extract_actors(text.split("\n")) if a.type == "person"]


def score(
    conll: Path,
    docs: list[dict[str, str]],
    names: Callable[[str], list[str]],
    *,
    subset: bool = False,
) -> dict[str, float]:
    """The scorer's figures for `docs`; with `subset` the gold file handed to it holds only
    those documents (a temporary copy, deleted after)."""
    with tempfile.TemporaryDirectory(prefix="bench-people-") as tmp:
        pred = Path(tmp) / "pred.jsonl"
        with pred.open("w", encoding="utf-8") as out:
            for doc in docs:
                out.write(json.dumps({"id": doc["id"], "people": names(doc["text"])}) + "\n")
        gold = conll
        if subset:
            gold = Path(tmp) / conll.name
            gold.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        return _scorer(gold, "--pred", str(pred), scorer=conll.parent / "score_people.py")


def score_cli(conll: Path, model_choice: str) -> dict[str, float]:
    """The scorer running the CLI itself, once per document, as an outside scorer would."""
    command = f"{shlex.quote(sys.executable)} -m bot summarise - --json --nlp-model {model_choice}"
    return _scorer(conll, "--cmd", command, "--jobs", "2")


def _scorer(conll: Path, *args: str, scorer: Path | None = None) -> dict[str, float]:
    scorer = scorer or conll.parent / "score_people.py"
    result = subprocess.run(
        [sys.executable, str(scorer), "--data", str(conll), *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO_ROOT,
    )
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def seed_checks() -> dict[str, str]:
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    digest = summarise(SEED.read_text(encoding="utf-8"))
    found = {a.name: a for a in digest.actors if a.type == "person"}
    wanted = expected["people"]
    named = [p for p in wanted if p["name"] in found]
    roles = [p for p in named if _same(found[p["name"]].role, p["role"])]
    not_people = [n for n in expected["not_people"] if n in found]
    with_positions = [p["name"] for p in wanted if p["positions"] and _has_positions(found, p)]
    return {
        "people found": f"{len(named)}/{len(wanted)}",
        "roles right": f"{len(roles)}/{len(wanted)}",
        "places or headings as people": str(len(not_people)),
        "people with a position (of those expected to have one)": (
            f"{len(with_positions)}/{sum(1 for p in wanted if p['positions'])}"
        ),
    }


def _same(role: str | None, expected: str) -> bool:
    return (role or "").replace("’", "'").lower() == expected.replace("’", "'").lower()


def _has_positions(found: dict[str, Actor], person: dict[str, str]) -> bool:
    actor = found.get(person["name"])
    return actor is not None and bool(actor.positions)


def speed(cnndm: Path) -> float:
    """CPU milliseconds per article for extract_actors on cleaned sentences (one process)."""
    lines = cnndm.read_text(encoding="utf-8").splitlines()[:SPEED_ARTICLES]
    articles = [prepare(json.loads(line)["article"]).lines for line in lines]
    extract_actors(articles[0])  # load the model outside the timing
    start = time.process_time()
    for sentences in articles:
        extract_actors(sentences)
    return (time.process_time() - start) / len(articles) * 1000


def report(
    data: Path,
    rows: list[tuple[str, dict[str, float]]],
    seeds: dict[str, dict[str, str]],
    speed_spacy: float,
    speed_rules: float,
) -> str:
    lines = [
        "## People",
        "",
        f"Person names on `{data.name}/conllpp_dev.jsonl` (80 documents), scored by "
        "`score_people.py`. Each document is given one sentence per line; the CLI rows are "
        "the scorer's own `--cmd` runs (`digestbot summarise - --json`, text on stdin), which "
        "report each person once by canonical name, so they compare with the canonical row.",
        "",
        "| extractor | P | R | F1 |",
        "| --- | --- | --- | --- |",
    ]
    for label, f in rows:
        lines.append(f"| {label} | {f['precision']:.2f} | {f['recall']:.2f} | {f['f1']:.2f} |")
    lines += ["", "Baseline: spaCy en_core_web_sm PERSON entities alone, 73.3 / 67.8 / 70.5.", ""]
    lines += ["Seed article (tests/data/seed_article.txt):", ""]
    names = list(seeds)
    lines.append("| check | " + " | ".join(names) + " |")
    lines.append("| --- |" + " --- |" * len(names))
    for check in seeds[names[0]]:
        lines.append(f"| {check} | " + " | ".join(seeds[n][check] for n in names) + " |")
    lines += [
        "",
        f"Actors on cnndm_dev (first {SPEED_ARTICLES} articles, cleaned sentences, one core, "
        f"CPU time): {speed_spacy:.1f} ms/article with spaCy, {speed_rules:.1f} ms/article "
        "with the rule-based fallback.",
    ]
    return "\n".join(lines) + "\n"
