"""The Dockerfile (no Docker engine here): its shape, and its install and commands run in a venv.

The venv test copies what the build stage COPYs, runs the build stage's ``pip install`` line
(offline: the dependencies come from the project's venv through a .pth file), then runs the
image's command and health check the way the container would.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO / "Dockerfile"
COMPOSE = REPO / "docs" / "compose.yaml"
COMPOSE_CONFIG = REPO / "docs" / "compose.digestbot.yaml"


@dataclass(frozen=True)
class Instruction:
    keyword: str
    args: str


def parse(text: str) -> list[list[Instruction]]:
    """Instructions grouped by stage (continuation lines joined, comments dropped)."""
    stages: list[list[Instruction]] = [[]]  # instructions before the first FROM (ARG) go first
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, args = (pending + line).partition(" ")
        pending = ""
        if keyword.upper() == "FROM":
            stages.append([])
        stages[-1].append(Instruction(keyword.upper(), args.strip()))
    return stages


@pytest.fixture(scope="module")
def stages() -> list[list[Instruction]]:
    return parse(DOCKERFILE.read_text(encoding="utf-8"))


def find(stage: list[Instruction], keyword: str) -> list[str]:
    return [instruction.args for instruction in stage if instruction.keyword == keyword]


def exec_form(args: str) -> list[str]:
    value = json.loads(args)
    assert isinstance(value, list), f"use the exec (JSON) form: {args}"
    return [str(part) for part in value]


def build_args(stages: list[list[Instruction]]) -> dict[str, str]:
    return dict(arg.split("=", 1) for arg in find(stages[0], "ARG"))


def test_two_stages_on_slim_python_311(stages: list[list[Instruction]]) -> None:
    images = [find(stage, "FROM")[0] for stage in stages[1:]]
    assert len(images) >= 2
    version = build_args(stages)["PYTHON_VERSION"]
    assert version == "3.11"
    for image in images:
        assert re.fullmatch(r"python:\$\{PYTHON_VERSION\}-slim AS \w+", image)
    runtime = stages[-1]
    assert find(runtime, "COPY")[0].startswith("--from=build /opt/digestbot")


def test_runs_as_a_user_that_is_not_root(stages: list[list[Instruction]]) -> None:
    runtime = stages[-1]
    [user] = find(runtime, "USER")
    assert user not in ("root", "0", "0:0")
    assert any(f"useradd --system --uid 10001 --gid {user}" in run for run in find(runtime, "RUN"))


def test_config_and_data_are_volumes(stages: list[list[Instruction]]) -> None:
    runtime = stages[-1]
    [volumes] = find(runtime, "VOLUME")
    assert exec_form(volumes) == ["/config", "/data"]
    env = " ".join(find(runtime, "ENV"))
    assert "DIGESTBOT_CONFIG=/config/digestbot.yaml" in env
    assert find(runtime, "WORKDIR") == ["/data"]


def test_the_container_runs_digestbot_run(stages: list[list[Instruction]]) -> None:
    runtime = stages[-1]
    [entrypoint] = find(runtime, "ENTRYPOINT")
    [command] = find(runtime, "CMD")
    assert exec_form(entrypoint) + exec_form(command) == ["digestbot", "run"]


def test_the_health_check_asks_digestbot_health(stages: list[list[Instruction]]) -> None:
    [healthcheck] = find(stages[-1], "HEALTHCHECK")
    options, _, command = healthcheck.partition(" CMD ")
    assert exec_form(command) == ["digestbot", "health"]
    assert "--interval=" in options and "--start-period=" in options


def test_the_compose_example_runs_a_scheduler_and_workers_on_postgres() -> None:
    compose = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    services = compose["services"]
    assert services["digestbot"]["command"] == ["run"]
    assert services["worker"]["command"] == ["worker"]
    assert services["postgres"]["image"].startswith("postgres:")
    assert "healthcheck" in services["postgres"]
    config = yaml.safe_load(COMPOSE_CONFIG.read_text(encoding="utf-8"))
    assert config["workers"]["queue"] == "postgres"
    assert config["storage"]["url"].startswith("postgresql+psycopg://")


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def copy_build_context(stage: list[Instruction], target: Path) -> None:
    """Do the build stage's COPY lines (``README.md*``-style globs may match nothing)."""
    for args in find(stage, "COPY"):
        *sources, destination = shlex.split(args)
        into = target / destination.removeprefix("./")
        for source in sources:
            for path in REPO.glob(source.removeprefix("./")):
                if path.is_dir():
                    shutil.copytree(path, into, ignore=shutil.ignore_patterns("__pycache__"))
                else:
                    into.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, into / path.name)


def test_the_image_install_and_commands_work_in_a_venv(
    stages: list[list[Instruction]], tmp_path: Path
) -> None:
    build = stages[1]
    [pip_line] = [run for run in find(build, "RUN") if " install " in run]
    pip, install, target = shlex.split(pip_line)
    assert (pip, install, target) == ("/opt/digestbot/bin/pip", "install", ".[nlp,postgres]")

    venv = tmp_path / "opt-digestbot"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = Path(sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})["purelib"])
    # The dependencies are those of the project venv: the image would download the same ones.
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    source = tmp_path / "src"
    source.mkdir()
    copy_build_context(build, source)
    pip_for_venv = [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python")]
    offline = ["--no-index", "--no-build-isolation", "--quiet"]
    installed = subprocess.run(
        [*pip_for_venv, install, target, *offline],
        cwd=source,
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr

    # What /config/digestbot.yaml holds, on a port nothing listens on (8080 may be in use here).
    config = yaml.safe_load(COMPOSE_CONFIG.read_text(encoding="utf-8"))
    config["server"]["port"] = port = unused_port()
    (tmp_path / "digestbot.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    runtime_env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path)}
    runtime_env["DIGESTBOT_CONFIG"] = str(tmp_path / "digestbot.yaml")
    runtime_env["POSTGRES_PASSWORD"] = "secret"
    data = tmp_path / "data"
    data.mkdir()

    def digestbot(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["digestbot", *args], cwd=data, env=runtime_env, capture_output=True, text=True
        )

    where = subprocess.run(
        ["python", "-c", "import bot; print(bot.__file__)"],
        cwd=data,
        env=runtime_env,
        capture_output=True,
        text=True,
    )
    assert where.stdout.startswith(str(venv)), where  # the installed copy, not the sources

    helped = digestbot("--help")
    assert helped.returncode == 0, helped.stderr
    for command in ("run", "worker", "health", "check-config"):
        assert command in helped.stdout
    checked = digestbot("check-config")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("config OK")
    # The health check with nothing running: a clear one-line failure, exit 1.
    unhealthy = digestbot("health")
    assert unhealthy.returncode == 1
    assert unhealthy.stderr.startswith(f"error: no answer from http://127.0.0.1:{port}/healthz")
    assert "Traceback" not in unhealthy.stderr
    assert os.listdir(data) == []  # checking touches no state
