"""Choosing sentences: scoring, ranking, the length budget and selection across sources."""
