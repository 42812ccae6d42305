"""Slack through slack-bolt: the port, its listeners, admin checks and posting."""
