"""Articles keep their language: an ISO 639-1 code, pinned by the source or detected.

Articles stored before this revision have none (NULL); their digests were made as English.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("language", sa.String(8)))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35 and later): copying the table, as a batch would, cascades
    # deletes to the rows that refer to its articles.
    op.drop_column("articles", "language")
