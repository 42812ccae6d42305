"""Digests: which stories a chat gets and when, and the views they are rendered from."""
