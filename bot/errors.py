"""The small exception tree every user-facing error belongs to."""


class DigestBotError(Exception):
    """Base of every error digestbot reports to a user as one clear message."""


class ConfigError(DigestBotError):
    """The configuration file or environment is wrong; the message says where and what to do."""


class FeedError(DigestBotError):
    """A source could not be fetched or parsed."""


class DeliveryError(DigestBotError):
    """A message could not be delivered to a chat."""


class InputError(DigestBotError):
    """Input given on the command line (a file, a URL, text) cannot be used."""
