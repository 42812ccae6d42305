"""Rendering: a neutral reply as Telegram HTML, Slack Block Kit or console text, in pages."""
