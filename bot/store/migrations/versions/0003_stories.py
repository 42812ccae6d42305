"""Stories across sources, the position ledger, and deliveries per story revision.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", ID, autoincrement=False, nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("updated_at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
    )
    op.create_index("ix_stories_updated_at", "stories", ["updated_at"])
    op.create_table(
        "story_articles",
        sa.Column("seq", ID, nullable=False),
        sa.Column("article_id", ID, nullable=False),
        sa.Column("story_id", ID, nullable=False),
        sa.Column("joined_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_story_articles_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name="fk_story_articles_story_id_stories",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("seq", name="pk_story_articles"),
        sa.UniqueConstraint("article_id", name="uq_story_articles_article_id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_story_articles_story_id", "story_articles", ["story_id"])
    op.create_table(
        "actor_positions",
        sa.Column("id", ID, nullable=False),
        sa.Column("article_id", ID, nullable=False),
        sa.Column("story_id", ID, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("names", sa.Text(), nullable=False),
        sa.Column("actor_type", sa.String(8), nullable=False),
        sa.Column("role", sa.Text()),
        sa.Column("position", sa.Text()),
        sa.Column("quote", sa.Text()),
        sa.Column("said_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_actor_positions_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_actor_positions"),
    )
    op.create_index("ix_actor_positions_article_id", "actor_positions", ["article_id"])
    op.create_index("ix_actor_positions_story_id", "actor_positions", ["story_id"])
    # A story reaches a chat once per revision: first as a story, then as each update.
    with op.batch_alter_table("deliveries", recreate="auto") as batch:
        batch.add_column(sa.Column("revision", ID, server_default=sa.text("0"), nullable=False))
        batch.add_column(sa.Column("sentences", sa.JSON()))
        batch.drop_constraint("pk_deliveries", type_="primary")
        batch.create_primary_key("pk_deliveries", ["chat_id", "story_id", "revision"])


def downgrade() -> None:
    op.execute(
        "DELETE FROM deliveries WHERE EXISTS (SELECT 1 FROM deliveries AS earlier "
        "WHERE earlier.chat_id = deliveries.chat_id AND earlier.story_id = deliveries.story_id "
        "AND earlier.revision < deliveries.revision)"
    )
    with op.batch_alter_table("deliveries", recreate="auto") as batch:
        batch.drop_constraint("pk_deliveries", type_="primary")
        batch.drop_column("sentences")
        batch.drop_column("revision")
        batch.create_primary_key("pk_deliveries", ["chat_id", "story_id"])
    op.drop_table("actor_positions")
    op.drop_table("story_articles")
    op.drop_table("stories")
