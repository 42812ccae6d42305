"""Offline extractive news digests that name the actors and their positions."""

from summarise._api import ALGORITHMS, summarise
from summarise.models import Actor, ActorType, Digest, Position

__all__ = ["ALGORITHMS", "Actor", "ActorType", "Digest", "Position", "summarise"]
