"""The test suite, one folder per part of the project; shared helpers live in tests.support."""
