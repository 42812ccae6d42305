"""Telegram through python-telegram-bot: the port and the updates it answers."""
