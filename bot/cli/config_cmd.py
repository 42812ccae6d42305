"""config commands of the digestbot CLI."""

from bot.cli import app  # noqa: F401
