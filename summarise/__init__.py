"""Offline extractive news digests that name the actors and their positions.

This package's namespace is the engine's whole public face: the bot and the benchmarks import
only ``from summarise import ...`` (``make lint`` checks it), never its modules.
"""

import os

# Digests run one process per core, so numpy's BLAS (spaCy's matrix products) runs best on one
# thread; OpenBLAS only skips its thread pool when told so before numpy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from summarise._api import ALGORITHMS, MAX_TEXT_CHARS, digest_candidates, summarise
from summarise.actors.names import name_words, names_match, one_names_the_other
from summarise.key_actors import extract_actors
from summarise.languages import DEFAULT_LANGUAGE, check_language, detect_language, language_code
from summarise.models import Actor, ActorType, Digest, NoTextError, Position
from summarise.nlp import AUTO as AUTO_MODEL
from summarise.nlp import current_model, model_available, model_name, use_model
from summarise.sentences.multidoc import (
    REDUNDANT_SHARE,
    SourcedSentence,
    content_words,
    select_across,
)
from summarise.sentences.ranking import DEFAULT_WEIGHTS, Candidates, RankingWeights
from summarise.sentences.words import stemmer, stop_words
from summarise.stories.clustering import (
    ClusterSettings,
    StoryArticle,
    StoryClusterer,
    cluster_articles,
)
from summarise.story import (
    READ_EACH_END,
    Report,
    StoryDigest,
    StoryText,
    digest_story,
    merge_actors,
    story_reading,
    summarise_story,
)
from summarise.text import prepare

__all__ = [
    "ALGORITHMS",
    "AUTO_MODEL",
    "DEFAULT_LANGUAGE",
    "DEFAULT_WEIGHTS",
    "MAX_TEXT_CHARS",
    "READ_EACH_END",
    "REDUNDANT_SHARE",
    "Actor",
    "ActorType",
    "Candidates",
    "ClusterSettings",
    "Digest",
    "NoTextError",
    "Position",
    "RankingWeights",
    "Report",
    "SourcedSentence",
    "StoryArticle",
    "StoryClusterer",
    "StoryDigest",
    "StoryText",
    "check_language",
    "cluster_articles",
    "content_words",
    "current_model",
    "detect_language",
    "digest_candidates",
    "digest_story",
    "extract_actors",
    "language_code",
    "merge_actors",
    "model_available",
    "model_name",
    "name_words",
    "names_match",
    "one_names_the_other",
    "prepare",
    "select_across",
    "stemmer",
    "stop_words",
    "story_reading",
    "summarise",
    "summarise_story",
    "use_model",
]
