"""digestbot: collects news, summarises it, and posts digests to Telegram and Slack."""

__version__ = "0.1.0"
