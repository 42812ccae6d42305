"""Articles may share a canonical URL: items of one feed with GUIDs of their own on one page.

The unique constraint ``uq_articles_canonical_url`` becomes the plain index
``ix_articles_canonical_url``; which same-link articles merge is decided by the collector
(bot.store.article_dedup). Rows are kept as they are: links stored before this revision have no
fragment; articles are still found by their GUIDs, and an item that was merged into another one
is stored on the next fetch.

SQLite cannot drop a constraint, so the table is rebuilt; dropping the old table deletes the rows
that refer to articles with ON DELETE CASCADE (foreign keys cannot be switched off inside the
migration's transaction), so those rows are kept aside and put back.

Downgrading refuses while articles share a canonical URL: the old constraint cannot hold them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables whose rows refer to articles, all ON DELETE CASCADE, at revision 0006.
REFERRING = ("story_articles", "actor_positions")


@contextmanager
def _referring_rows_kept() -> Iterator[None]:
    """On SQLite, copy the rows referring to articles aside and restore them afterwards."""
    if op.get_bind().dialect.name != "sqlite":
        yield
        return
    for table in REFERRING:
        op.execute(f"CREATE TEMP TABLE kept_{table} AS SELECT * FROM {table}")
    yield
    for table in REFERRING:
        op.execute(f"DELETE FROM {table}")  # nothing is left, unless SQLite kept them after all
        op.execute(f"INSERT INTO {table} SELECT * FROM kept_{table}")
        op.execute(f"DROP TABLE kept_{table}")


def upgrade() -> None:
    with _referring_rows_kept(), op.batch_alter_table("articles", recreate="auto") as batch:
        batch.drop_constraint("uq_articles_canonical_url", type_="unique")
        batch.create_index("ix_articles_canonical_url", ["canonical_url"])


def _refuse_shared_links() -> None:
    shared = (
        op.get_bind()
        .execute(
            sa.text(
                "SELECT count(*) FROM (SELECT canonical_url FROM articles "
                "GROUP BY canonical_url HAVING count(*) > 1) AS shared"
            )
        )
        .scalar_one()
    )
    if shared:
        raise RuntimeError(
            f"cannot downgrade below 0007: {shared} canonical URLs are shared by several "
            "articles, which revision 0006 does not allow"
        )


def downgrade() -> None:
    _refuse_shared_links()
    with _referring_rows_kept(), op.batch_alter_table("articles", recreate="auto") as batch:
        batch.drop_index("ix_articles_canonical_url")
        batch.create_unique_constraint("uq_articles_canonical_url", ["canonical_url"])
