"""Collecting (bot/collect): URLs, dedup, the SSRF guard, fetching feeds and the pipeline."""
