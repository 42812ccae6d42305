"""The chat core: commands, digest planning, keyword filters and rendering."""
