"""Offline extractive news digests that name the actors and their positions."""

import os

# Digests run one process per core, so numpy's BLAS (spaCy's matrix products) runs best on one
# thread; OpenBLAS only skips its thread pool when told so before numpy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from summarise._api import ALGORITHMS, summarise
from summarise.actors.names import name_words, names_match, one_names_the_other
from summarise.models import Actor, ActorType, Digest, Position

__all__ = [
    "ALGORITHMS",
    "Actor",
    "ActorType",
    "Digest",
    "Position",
    "name_words",
    "names_match",
    "one_names_the_other",
    "summarise",
]
