"""Sources that keep failing stop being polled: when a run of failures began, and when and why
a source was stopped.

A source already failing when this revision runs gets ``failing_since`` from its last fetch:
the run began then at the latest, so no source is stopped earlier than the settings say.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-09
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DATETIME = sa.DateTime(timezone=True)
COLUMNS = ("failing_since", "stopped_at", "stop_reason")

sources = sa.table(
    "sources",
    sa.column("failures", sa.Integer()),
    sa.column("last_fetch", UTC_DATETIME),
    sa.column("failing_since", UTC_DATETIME),
)


def upgrade() -> None:
    op.add_column("sources", sa.Column("failing_since", UTC_DATETIME))
    op.add_column("sources", sa.Column("stopped_at", UTC_DATETIME))
    op.add_column("sources", sa.Column("stop_reason", sa.Text()))
    op.execute(
        sa.update(sources).where(sources.c.failures > 0).values(failing_since=sources.c.last_fetch)
    )


def downgrade() -> None:
    with op.batch_alter_table("sources", recreate="auto") as batch:
        for column in reversed(COLUMNS):
            batch.drop_column(column)
