"""Whole flows as a user runs them: the CLI, subprocesses killed mid-run, many workers."""
