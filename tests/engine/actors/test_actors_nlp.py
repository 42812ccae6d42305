"""Choosing the NLP pipeline: auto, none, a named model; clear errors, loaded once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from summarise import nlp
from summarise.key_actors import extract_actors


@pytest.fixture(autouse=True)
def restore() -> Iterator[None]:
    before = nlp.current_model()
    yield
    nlp.use_model(before)


def test_none_uses_rules_only() -> None:
    nlp.use_model("none")
    assert nlp.pipeline() is None
    assert nlp.model_name() is None
    names = [a.name for a in extract_actors(["Prime Minister Anna Berg said the vote was won."])]
    assert names == ["Anna Berg"]


def test_auto_loads_an_installed_english_pipeline_once() -> None:
    nlp.use_model("auto")
    first = nlp.pipeline()
    assert first is not None
    assert nlp.pipeline() is first
    assert "ner" in first.pipe_names
    assert nlp.model_name() is not None


def test_a_named_model_that_is_not_installed_fails_clearly() -> None:
    nlp.use_model("auto")
    with pytest.raises(RuntimeError, match=r"install digestbot\[nlp\]") as info:
        nlp.use_model("en_core_web_no_such_model")
    assert "en_core_web_no_such_model" in str(info.value)
    assert nlp.current_model() == "auto"


def test_empty_choice_means_auto() -> None:
    nlp.use_model(None)
    assert nlp.current_model() == "auto"
    nlp.use_model("  ")
    assert nlp.current_model() == "auto"


def test_auto_without_any_english_pipeline_falls_back_to_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(nlp, "AUTO_MODELS", ("digestbot_no_such_pipeline",))
    monkeypatch.setattr(nlp, "_loaded", {})
    nlp.use_model("auto")
    assert nlp.pipeline() is None
    actors = extract_actors(["French President Emmanuel Macron said he would attend."])
    assert [(a.name, a.role) for a in actors] == [("Emmanuel Macron", "French President")]
