"""How central an actor is to an article: the order in which actors are listed.

News names the actors a story is about in its first sentences and keeps coming back to them;
sources quoted further down matter less however much they say (each quote already counts as a
mention).
"""

from __future__ import annotations

from summarise.actors.resolve import Entity
from summarise.models import Actor

__all__ = ["salience"]

TITLE_BONUS = 3.0
# Named in the first or second sentence of the body: the story is about them.
LEAD_BONUS = (3.0, 2.0)
LATER_BONUS = 1.5
POSITION_WEIGHT = 0.5
MAX_POSITIONS = 2
# A named office holder ("Mayor Denise Okafor") rather than a passer-by.
ROLE_BONUS = 1.0


def salience(entity: Entity, actor: Actor, title_lines: int, total: int) -> float:
    """Mentions (role references included), a headline mention, how early the body names the
    actor, a role, and what the actor says or wants (capped)."""
    in_title = any(m.sent < title_lines for m in entity.mentions)
    first = min((m.sent - title_lines for m in entity.mentions if m.sent >= title_lines), default=0)
    if first < len(LEAD_BONUS):
        early = LEAD_BONUS[first]
    else:
        early = LATER_BONUS * (1.0 - first / max(total - title_lines, 1))
    return (
        actor.mentions
        + POSITION_WEIGHT * min(len(actor.positions), MAX_POSITIONS)
        + (TITLE_BONUS if in_title else 0.0)
        + early
        + (ROLE_BONUS if actor.role else 0.0)
    )
