"""The configuration (bot/config): YAML loading, OPML, and the shipped sample config."""
