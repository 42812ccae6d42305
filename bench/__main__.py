"""Run benchmarks, print their sections and keep one section per bench in bench/RESULTS.md."""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench import BENCHES

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
TITLE = "# digestbot benchmark results"


def machine_line() -> str:
    """CPU model, cores and RAM as /proc reports them, and today's date."""
    cpu = platform.processor() or "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown RAM"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
                break
    except OSError:
        pass
    cores = os.cpu_count() or 1
    today = datetime.now(UTC).date().isoformat()
    return f"Machine: {cpu}, {cores} cores, {ram}; Python {platform.python_version()}; {today}"


def merge_section(document: str, name: str, section: str) -> str:
    """Replace (or append) the section of bench ``name`` between its markers."""
    block = f"<!-- bench:{name} -->\n{section.strip()}\n<!-- /bench:{name} -->"
    pattern = re.compile(
        rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->", re.DOTALL
    )
    if pattern.search(document):
        return pattern.sub(lambda _: block, document, count=1)
    return document.rstrip() + "\n\n" + block + "\n"


def with_header(document: str, machine: str) -> str:
    """Put the title and machine line at the top, dropping any earlier header."""
    body = document
    first_marker = body.find("<!-- bench:")
    body = body[first_marker:] if first_marker >= 0 else ""
    return f"{TITLE}\n\n{machine}\n\n{body.strip()}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"benches to run (default: all of {BENCHES})")
    names = parser.parse_args(argv).names or list(BENCHES)
    unknown = [name for name in names if name not in BENCHES]
    if unknown:
        print(
            f"error: unknown bench {', '.join(unknown)}; known: {', '.join(BENCHES)}",
            file=sys.stderr,
        )
        return 2
    document = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        section: str = module.run()
        print(section.strip() + "\n", flush=True)
        document = merge_section(document, name, section)
        # Written after every bench so a later failure keeps earlier figures.
        RESULTS.write_text(with_header(document, machine_line()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
