"""The position ledger keeps who reported a position that is someone else's.

Ledger rows written before this revision get ``reported_by`` from their article's stored
actors (which have carried it since positions became attributions).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
BATCH = 500

articles = sa.table("articles", sa.column("id", ID), sa.column("actors", sa.JSON()))
actor_positions = sa.table(
    "actor_positions",
    sa.column("article_id", ID),
    sa.column("actor", sa.Text()),
    sa.column("position", sa.Text()),
    sa.column("quote", sa.Text()),
    sa.column("reported_by", sa.Text()),
)


def _reported(actors: Any) -> Iterator[dict[str, Any]]:
    """Actor, position, quote and reporter of each stored position someone else reported."""
    for actor in actors if isinstance(actors, list) else []:
        if not isinstance(actor, dict) or not actor.get("name"):
            continue
        for position in actor.get("positions") or []:
            if isinstance(position, dict) and position.get("reported_by"):
                yield {
                    "b_actor": str(actor["name"]),
                    "b_position": str(position.get("text") or ""),
                    "b_quote": position.get("quote"),
                    "b_reported_by": str(position["reported_by"]),
                }


def _backfill(conn: sa.Connection) -> None:
    recorded = sa.select(actor_positions.c.article_id).where(
        actor_positions.c.article_id == articles.c.id
    )
    fill = (
        sa.update(actor_positions)
        .where(
            actor_positions.c.article_id == sa.bindparam("b_article"),
            actor_positions.c.actor == sa.bindparam("b_actor"),
            actor_positions.c.position.is_not_distinct_from(
                sa.bindparam("b_position", type_=sa.Text)
            ),
            actor_positions.c.quote.is_not_distinct_from(sa.bindparam("b_quote", type_=sa.Text)),
        )
        .values(reported_by=sa.bindparam("b_reported_by"))
    )
    last = 0
    while True:
        rows = conn.execute(
            sa.select(articles.c.id, articles.c.actors)
            .where(articles.c.id > last, recorded.exists())
            .order_by(articles.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        changes = [{"b_article": row.id, **said} for row in rows for said in _reported(row.actors)]
        if changes:
            conn.execute(fill, changes)
        last = rows[-1].id


def upgrade() -> None:
    op.add_column("actor_positions", sa.Column("reported_by", sa.Text()))
    _backfill(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("actor_positions", recreate="auto") as batch:
        batch.drop_column("reported_by")
