"""``digestbot db upgrade``: bring the database schema up to date."""

from __future__ import annotations

import typer
from sqlalchemy.engine import make_url

from bot.cli import app
from bot.cli.shared import ConfigOption, database, load_settings

db_app = typer.Typer(help="The database.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(config: ConfigOption = None) -> None:
    """Apply database migrations (digestbot also does this whenever it starts)."""
    settings = load_settings(config)
    with database(settings) as db, db.read() as conn:
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    shown = make_url(settings.storage.url).render_as_string(hide_password=True)
    typer.echo(f"database {shown} is at revision {revision}")
