"""Fixtures for the engine's tests: the same test with spaCy and with the rule-based path."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from summarise import nlp


def _using(choice: str) -> Iterator[str]:
    before = nlp.current_model()
    nlp.use_model(choice)
    try:
        yield choice
    finally:
        nlp.use_model(before)


@pytest.fixture(params=["none", "auto"])
def model(request: pytest.FixtureRequest) -> Iterator[str]:
    """Runs the test twice: rules only ("none"), then with the spaCy pipeline ("auto")."""
    yield from _using(request.param)


@pytest.fixture
def parsed() -> Iterator[str]:
    """The spaCy pipeline only: patterns that need the dependency parse."""
    yield from _using("auto")
