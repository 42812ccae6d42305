"""Fetched bytes to entries: RSS, Atom and JSON Feed in any encoding, broken feeds, web pages."""
