"""A spaCy pipeline per language: used for that language when configured, rules otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

import pytest

from summarise import nlp
from summarise.key_actors import extract_actors


@dataclass
class _Ent:
    text: str
    label_: str
    start_char: int
    end_char: int


class _FakeFrench:
    """Stands for a French pipeline: labels every occurrence of its names as spaCy would."""

    meta: ClassVar[dict[str, str]] = {"lang": "fr", "name": "fake"}
    component_names: ClassVar[list[str]] = ["ner"]
    names: ClassVar[dict[str, str]] = {
        "Zorglub": "PER",
        "Gaston Lagaffe": "ORG",
        "Champignac": "LOC",
    }

    def __call__(self, text: str) -> Any:
        ents = []
        for name, label in self.names.items():
            start = text.find(name)
            while start >= 0:
                ents.append(_Ent(name, label, start, start + len(name)))
                start = text.find(name, start + 1)
        ents.sort(key=lambda e: e.start_char)
        return type("Doc", (), {"ents": ents})()


LINES = [
    "Le maire de Champignac a reçu hier Zorglub et les gens de Gaston Lagaffe.",
    "« Nous devons agir ensemble », a déclaré Zorglub.",
]


@pytest.fixture
def fake_french(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(nlp, "_installed", lambda name: name == "fr_fake_news")
    monkeypatch.setattr(nlp, "_load", lambda name: _FakeFrench())
    nlp.use_model("fr_fake_news", language="fr")
    try:
        yield
    finally:
        nlp.use_model("none", language="fr")
        nlp._loaded.pop("fr_fake_news", None)


def test_other_languages_use_rules_unless_a_pipeline_is_configured() -> None:
    english = nlp.current_model()
    assert nlp.current_model("fr") == "none"
    assert nlp.pipeline("fr") is None
    nlp.use_model("auto", language="de")
    assert nlp.pipeline("de") is None
    assert nlp.current_model() == english  # the English choice is left alone


def test_a_missing_pipeline_is_refused_by_name() -> None:
    with pytest.raises(RuntimeError, match="nl_no_such_model"):
        nlp.use_model("nl_no_such_model", language="nl")
    assert nlp.current_model("nl") == "none"


def test_a_configured_pipeline_labels_the_names(fake_french: None) -> None:
    assert nlp.model_name("fr") == "fr_fake"
    actors = {a.name: a for a in extract_actors(LINES, language="fr")}
    assert actors["Zorglub"].type == "person"
    assert [p.quote for p in actors["Zorglub"].positions] == ["Nous devons agir ensemble"]
    assert actors["Gaston Lagaffe"].type == "org"  # the model's label, not the rules' guess


def test_without_the_pipeline_the_rules_decide() -> None:
    actors = {a.name: a for a in extract_actors(LINES, language="fr")}
    assert actors["Zorglub"].type == "person"  # a speech verb beside a lone name
    assert actors["Gaston Lagaffe"].type == "person"
