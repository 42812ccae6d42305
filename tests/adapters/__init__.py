"""Telegram and Slack through their real client libraries against fake APIs on loopback."""
