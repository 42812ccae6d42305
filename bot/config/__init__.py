"""Configuration: settings, the YAML file that holds them, edits to it and OPML import."""
