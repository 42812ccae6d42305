"""The database (bot/store): migrations, sources and their fetch state, on SQLite and PostgreSQL."""
