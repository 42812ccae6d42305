"""``digestbot summarise`` end to end, through a real subprocess as a user runs it."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "seed_article.txt"
FIRST_SEED_SENTENCE = "President Donald Trump has offered definitive assurances"

PAGE = b"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Harbour Bridge To Close For Repairs</title></head>
<body><nav>Home | News | Sport</nav>
<article>
<h1>Harbour Bridge To Close For Repairs</h1>
<p>PORTSMOUTH \xe2\x80\x93 The Harbour Bridge will close for six weeks from June so engineers can
replace its worn steel cables, the city council said on Monday.</p>
<p>Council leader Anna Moreau said the work could not wait. \xe2\x80\x9cThe cables are forty years
old and we will not take risks with public safety,\xe2\x80\x9d Moreau said.</p>
<h2>Diversions and Buses</h2>
<p>Drivers will be diverted through the town centre, and extra buses will run every ten minutes
during the closure, according to the transport office.</p>
<p>Local traders said they feared a drop in visitors during the busiest weeks of the year.</p>
</article>
<footer>Advertisement</footer></body></html>"""


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "summarise", *args],
        input=stdin,
        capture_output=True,
        timeout=180,
        check=False,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8"),
        result.stderr.decode("utf-8"),
    )


def assert_clear_failure(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith("error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr


def test_file_prints_a_readable_digest() -> None:
    result = run(str(SEED))
    assert result.returncode == 0, result.stderr
    assert FIRST_SEED_SENTENCE in " ".join(result.stdout.split())
    assert "Who" in result.stdout
    assert "Karoline Leavitt, White House Press Secretary" in result.stdout
    assert "Diplomacy at the White House" not in result.stdout
    flat = " ".join(result.stdout.split())
    assert "security guarantees for Ukraine (according to Donald Trump)" in flat


def test_stdin_with_options() -> None:
    result = run("-", "--sentences", "1", "--algorithm", "lead", stdin=SEED.read_bytes())
    assert result.returncode == 0, result.stderr
    assert FIRST_SEED_SENTENCE in " ".join(result.stdout.split())
    assert "The top leader's statement" not in result.stdout


def test_json_output_is_the_digest() -> None:
    result = run(str(SEED), "--json", "--max-chars", "400", "--title", "Ukraine Talks")
    assert result.returncode == 0, result.stderr
    digest = json.loads(result.stdout)
    assert digest["title"] == "Ukraine Talks"
    assert 1 <= len(digest["sentences"]) <= 3
    assert len(" ".join(digest["sentences"])) <= 400
    names = {actor["name"]: actor for actor in digest["actors"]}
    assert names["Donald Trump"]["type"] == "person"
    assert set(names["Donald Trump"]) >= {"name", "type", "role", "mentions", "positions"}
    seed = SEED.read_text(encoding="utf-8")
    for attribution in digest["attributions"]:
        start, end = attribution["cue_span"]
        assert seed[start:end] == attribution["cue"]


def test_batch_keeps_order_and_reports_bad_lines(tmp_path: Path) -> None:
    seed = SEED.read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": "seed", "text": seed, "title": "Seed"}),
        json.dumps({"id": 2, "text": "The bridge is closed. Traffic is diverted."}),
        "{this is not json",
        json.dumps({"id": "empty", "text": "   "}),
        "",
        json.dumps({"id": "last", "text": "Rates were held on Thursday. Markets rose."}),
    ]
    for n in range(3, 23):
        lines.append(json.dumps({"id": f"n{n}", "text": f"Item number {n} was read. It is fine."}))
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("--batch", str(batch), "--sentences", "2")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [item["id"] for item in out] == ["seed", 2, None, "empty", "last"] + [
        f"n{n}" for n in range(3, 23)
    ]
    seed_digest = out[0]
    assert seed_digest["title"] == "Seed"
    assert len(seed_digest["summary"]) == 2
    trump = next(actor for actor in seed_digest["actors"] if actor["name"] == "Donald Trump")
    assert set(trump) == {"name", "type", "role", "mentions", "positions"}
    keys = {"speaker", "actor", "cue", "text", "quote", "span", "speaker_span", "cue_span"}
    assert all(set(p) == keys | {"reported_by"} for p in trump["positions"])
    # Every attribution in article order, with offsets into the input text as given.
    found = seed_digest["attributions"]
    assert [a["span"][0] for a in found] == sorted(a["span"][0] for a in found)
    assert all(p in found for p in trump["positions"])
    for attribution in found:
        assert seed[slice(*attribution["cue_span"])] == attribution["cue"]
    assert out[1]["summary"] == ["The bridge is closed.", "Traffic is diverted."]
    assert "not valid JSON" in out[2]["error"]
    assert out[2]["line"] == 3
    assert out[3]["error"] == "no text to summarise"
    assert out[4]["summary"] == ["Rates were held on Thursday.", "Markets rose."]


RESULTS = b"""SOCCER - ASIAN CUP GROUP C RESULTS .
Nadim Ladki
AL-AIN , United Arab Emirates 1996-12-06
China 0 Uzbekistan 2 ( halftime 0-0 )
Scorers : Shkvyrin Igor 78 , Shatskikh Oleg 90
Attendence : 3,000
"""


@pytest.mark.parametrize("model", ["auto", "none"])
def test_json_from_stdin_names_people_on_results_lines(model: str) -> None:
    # How an external scorer calls it: text on stdin, the digest as JSON on stdout.
    result = run("-", "--json", "--nlp-model", model, stdin=RESULTS)
    assert result.returncode == 0, result.stderr
    people = {a["name"] for a in json.loads(result.stdout)["actors"] if a["type"] == "person"}
    assert people == {"Nadim Ladki", "Shkvyrin Igor", "Shatskikh Oleg"}


def test_batch_with_the_rule_based_model(tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text(json.dumps({"id": 1, "text": RESULTS.decode()}) + "\n", encoding="utf-8")
    result = run("--batch", str(batch), "--nlp-model", "none")
    assert result.returncode == 0, result.stderr
    (line,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"Shkvyrin Igor", "Shatskikh Oleg"} <= {a["name"] for a in line["actors"]}


def test_a_model_that_is_not_installed() -> None:
    assert_clear_failure(
        run(str(SEED), "--nlp-model", "en_core_web_trf_missing"),
        "spaCy model 'en_core_web_trf_missing' is not installed",
    )


def test_missing_file() -> None:
    assert_clear_failure(run("no/such/article.txt"), "no/such/article.txt: no such file")


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert_clear_failure(run(str(binary)), "binary data")


def test_non_utf8_file(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Der Bürgermeister sagte, die Brücke bleibe offen.".encode("latin-1"))
    assert_clear_failure(run(str(latin)), "not UTF-8 text")


def test_empty_input() -> None:
    assert_clear_failure(run("-", stdin=b"  \n\n"), "standard input: empty")


def test_only_boilerplate_input() -> None:
    assert_clear_failure(run("-", stdin=b"Advertisement\nRead more\n"), "no text to summarise")


def test_unknown_algorithm() -> None:
    assert_clear_failure(run(str(SEED), "--algorithm", "best"), "unknown algorithm 'best'")


def test_missing_batch_file() -> None:
    assert_clear_failure(run("--batch", "no/such.jsonl"), "no/such.jsonl")


def test_binary_batch_file(tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_bytes(b"\x00\x01\x02" * 100)
    assert_clear_failure(run("--batch", str(batch)), "binary data")


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/old":
            self.send_response(301)
            self.send_header("Location", "/news/bridge")
            self.end_headers()
            return
        if self.path != "/news/bridge":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_url_is_fetched_and_its_article_extracted(site: str) -> None:
    result = run(f"{site}/old", "--json")
    assert result.returncode == 0, result.stderr
    digest = json.loads(result.stdout)
    assert digest["title"] == "Harbour Bridge To Close For Repairs"
    assert digest["sentences"][0].startswith("The Harbour Bridge will close for six weeks")
    assert not any("Diversions and Buses" in s or "Home |" in s for s in digest["sentences"])
    assert "Anna Moreau" in {actor["name"] for actor in digest["actors"]}


def test_url_that_is_not_found(site: str) -> None:
    assert_clear_failure(run(f"{site}/missing"), "the server answered 404 Not Found")


def test_url_that_refuses_connections() -> None:
    # A port the system just handed out and that nobody listens on any more.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert_clear_failure(run(f"http://127.0.0.1:{port}/news"), "cannot fetch it")
