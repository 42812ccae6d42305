"""Helpers shared by the tests and the benches: stored data, fake chat APIs and feed servers."""
