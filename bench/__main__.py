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


_SECTION = re.compile(r"<!-- bench:([\w-]+) -->\n(.*?)\n<!-- /bench:\1 -->", re.DOTALL)


def sections(document: str) -> dict[str, str]:
    """The sections of a results document by bench name."""
    return {match.group(1): match.group(2) for match in _SECTION.finditer(document)}


def render(found: dict[str, str], machine: str) -> str:
    """Title, machine line, then one marked section per bench in BENCHES order."""
    order = [name for name in BENCHES if name in found]
    order += sorted(name for name in found if name not in BENCHES)
    blocks = [
        f"<!-- bench:{name} -->\n{found[name].strip()}\n<!-- /bench:{name} -->" for name in order
    ]
    return "\n\n".join([TITLE, machine, *blocks]) + "\n"


def record(name: str, section: str) -> None:
    """Replace bench ``name``'s section in RESULTS.md, keeping every other bench's section."""
    # Re-read just before writing: another bench may have finished meanwhile.
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    found = sections(current)
    found[name] = f"{section.strip()}\n\n_Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC._"
    RESULTS.write_text(render(found, machine_line()), encoding="utf-8")


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
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        section: str = module.run()
        print(section.strip() + "\n", flush=True)
        # Written after every bench so a later failure keeps earlier figures.
        record(name, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
