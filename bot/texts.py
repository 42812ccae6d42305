"""What the bot says in chats: command help, every reply of the chat commands and the words
around digests, in one place (how a digest is laid out per platform is in :mod:`bot.render`).

The texts are English. Each is a plain string; one with ``{name}`` fields is filled with
``str.format`` by the command that sends it, so another language is a change of this data only.
"""

from __future__ import annotations

__all__ = ["HELP", "HELP_ORDER", "counted"]

# Command name -> (usage, what it does, example), in the order /help lists them.
HELP: dict[str, tuple[str, str, str]] = {
    "start": ("/start", "what this bot does", "/start"),
    "help": ("/help", "every command with an example", "/help"),
    "subscribe": ("/subscribe [source|tag|all]", "follow sources in this chat", "/subscribe all"),
    "unsubscribe": ("/unsubscribe <source|tag|all>", "stop following them", "/unsubscribe all"),
    "sources": (
        "/sources [enable <source>]",
        "this chat's sources and whether they work; enable polls a stopped one again "
        "(admins in groups)",
        "/sources · /sources enable wire",
    ),
    "add": (
        "/add <feed or page URL> [name]",
        "add a source (checked by fetching it once)",
        "/add https://example.com/feed.xml",
    ),
    "remove": ("/remove <source>", "remove a source this chat added", "/remove example"),
    "summary": (
        "/summary [N | words | URL]",
        "top stories now; the last N; stories about some words; digest of a web page",
        "/summary 5 · /summary central bank · /summary https://example.com/news/1",
    ),
    "who": (
        "/who [name | URL]",
        "who is involved in the latest story, what someone said across stories (changes "
        "marked), or who is in a page; "
        "reply /who to a digest for that story",
        "/who · /who Lagarde",
    ),
    "digest": ("/digest", "send this chat's digest now", "/digest"),
    "schedule": (
        "/schedule HH:MM[,HH:MM...] [Area/City]",
        "when digests arrive, in your time zone",
        "/schedule 08:00,18:00 Europe/Berlin",
    ),
    "settings": (
        "/settings [sentences N | stories N | quiet HH:MM-HH:MM | quiet off]",
        "sentences per story, stories per digest, quiet hours",
        "/settings quiet 22:00-07:00",
    ),
    "filter": (
        "/filter [include <terms> | exclude <terms> | remove <term> | clear]",
        'keep or leave out stories by words, "phrases" or actor:Name (admins in groups)',
        '/filter exclude cycling "transfer window" actor:"Keir Starmer"',
    ),
}
HELP_ORDER = tuple(HELP)

# Singular -> plural of the nouns counted in replies.
PLURALS = {"story": "stories", "term": "terms"}


def counted(count: int, noun: str) -> str:
    """``noun`` as it reads after ``count``: "story", "stories"."""
    return noun if count == 1 else PLURALS[noun]


# /help and /start
USAGE = "Usage: {usage} — for example {example}"
HELP_LINE = "{usage} — {what}. Example: {example}"
HELP_HEADING = "Commands"
START_HEADING = "digestbot"
START_INTRO = (
    "I collect news from feeds and send short digests: a few sentences per story, "
    "who is involved and where they stand, and a link to the full article.",
    "Start with /subscribe all, then /digest for a first digest now.",
)

# Any command
NOT_A_COMMAND = "Commands start with / — send /help for the list."
UNKNOWN_COMMAND = "Unknown command /{name}. Send /help for the list."
SORRY = "Sorry: {problem}"
FAILED = "Sorry, something went wrong on our side. Please try again later."
REFUSAL = (
    "Sorry, only this chat's administrators can change its subscriptions, sources or settings."
)

# /subscribe, /unsubscribe, /sources
NO_SUCH_FOLLOWABLE = "No source or tag called {name}. Sources: {sources}. Tags: {tags}."
NONE_YET = "none yet"
NO_TAGS = "-"
SCHEDULE = "{times} ({timezone})"
SUBSCRIPTIONS_HEADING = "Subscriptions"
FOLLOWING = "Following: {what}"
NOTHING_YET = "nothing yet"
SOURCES_LINE = "Sources: {names}"
TAGS_LINE = "Tags: {tags}"
NO_TAG = "none"
SUBSCRIBED = "Subscribed to {what}."
ALREADY_SUBSCRIBED = "Already subscribed to {what}."
DIGESTS_ARRIVE_NOW = "Digests arrive at {schedule}; /digest sends one now."
UNSUBSCRIBED_ALL = "Unsubscribed from everything."
NOTHING_TO_STOP = "Nothing to stop."
NOT_SUBSCRIBED = "Not subscribed to {name}; this chat follows {following}."
NOTHING = "nothing"
UNSUBSCRIBED = "Unsubscribed from {what}."
NEVER = "never"
JUST_NOW = "just now"
MINUTES_AGO = "{minutes} min ago"
HOURS_AGO = "{hours} h ago"
DAYS_AGO = "{days} days ago"
SOURCE_STOPPED = (
    "{name} — stopped since {since} UTC: {reason}. /sources enable {name} polls it again"
)
SOURCE_FAILING = "{name} — failing ({failures}×): {error}"
SOURCE_NOT_FETCHED = "{name} — not fetched yet ({url})"
SOURCE_TURNED_ON = "{name} — turned back on, fetched at the next collection"
SOURCE_MALFORMED = "{name} — malformed feed, checked {checked}: {error}"
SOURCE_OK = "{name} — ok, checked {checked}"
FOLLOWS_NO_SOURCES = "This chat follows no sources yet."
NONE_ENABLED = "(none of them is enabled)"
SOURCES_HEADING = "Sources ({subscriptions})"
DIGESTS_LINE = "Digests: {schedule}"

# /add, /remove, /sources enable
NAME_NOT_USABLE = "Could not add it: that name is not usable ({why})."
ALREADY_A_SOURCE = "{url} is already the source {name}; this chat follows it."
ADDED = "Added {kind} {name} ({url}); this chat follows it."
ADDED_NEXT = "Its stories appear after the next collection; /remove {name} undoes this."
NO_ARTICLES = "{url}: no articles found"
COULD_NOT_ADD = "Could not add it: {error}"
NO_SUCH_SOURCE = "There is no source called {name}; /sources lists this chat's sources."
CONFIGURED_SOURCE = "{name} is part of the bot's configuration; /unsubscribe {name} stops it here."
OTHER_CHATS_SOURCE = "{name} was added by another chat; /unsubscribe {name} stops it here."
REMOVED_SOURCE = "Removed {name}; no more stories from it."
NOT_FOLLOWED = "This chat follows no source called {name}; /sources lists them."
NOT_STOPPED = "{name} is not stopped; /sources shows how it is doing."
TURNED_ON = "Turned {name} back on: it is fetched again shortly."

# /summary, /digest, /who
ALL_SOURCES_NOTE = "This chat follows no sources yet, so this covers all of them (/subscribe)."
NO_PAGE_TEXT = "{url}: no article text found on the page"
THIS_STORY = "this story"
SOME_STORIES = "{hidden} of these stories"
FILTERS_HIDE = "This chat's filters hide {which} from its digests (/filter)."
TOP_STORIES = "Top stories"
ASK_FOR_N = "Ask for 1 to {most} stories — for example /summary 5"
LAST_N = "The last {count} {stories}"
NO_STORY_MENTIONS = "No stored story mentions {words}."
STORIES_ABOUT = "Stories about {words}"
NONE_PASS_FILTERS = "No stored story passes this chat's filters; /filter shows them."
NO_STORIES_YET = "No stories yet; they appear after the next collection."
NO_NEW_STORIES = "No new stories since the last digest."
NO_ONE_CALLED = "No one called {name} appears in the recent stories."
IN_STORIES = "In {count} {stories}, latest first:"
STORY_GONE = "That story is no longer stored."
CHANGED = "changed: "
EARLIER = "earlier: "

# Digests
YOUR_DIGEST = "Your digest: {count} {stories}"
MORE_STORIES = "…and {more} more {stories}; /summary <words> finds them."
UPDATE_PREFIX = "Update: "
COVERAGE = "{count} sources, first reported by {first}"

# /schedule, /settings
GIVE_TIMES = "Give 1 to {most} times. {usage}"
PROBLEM_AND_USAGE = "{problem}. {usage}"
UNKNOWN_TIME_ZONE = "Unknown time zone {name}; use a name like Europe/Berlin or America/New_York."
DIGESTS_ARRIVE = "Digests arrive at {schedule}."
DIGESTS_WILL_ARRIVE = "Digests will arrive at {schedule}."
QUIET_OFF = "off"
SENTENCES_PER_STORY = "Sentences per story"
STORIES_PER_DIGEST = "Stories per digest"
SETTING = "{what}: {value}"
QUIET_HOURS = "Quiet hours: {quiet}"
QUIET_ZONE = " ({timezone})"
SCHEDULE_LINE = "Schedule: {schedule}"
SENTENCES_LESS = "Sentences −"
SENTENCES_MORE = "Sentences +"
STORIES_LESS = "Stories −"
STORIES_MORE = "Stories +"
QUIET_HOURS_OFF = "Quiet hours off"
QUIET_DEFAULT = "Quiet {hours}"
SETTINGS_HEADING = "Settings"
OUT_OF_BOUNDS = "{what} must be {low} to {high}. {usage}"
SAVED = "Saved."

# /filter
HOW_TERMS_MATCH = (
    "Words match whole words and their forms (cycle: cycles, cycling, not bicycle), "
    'ignoring case and accents; "quoted words" match as a phrase; actor:Name matches '
    "only people and organisations named in a story."
)
REMOVED_TERM = "Removed {term} from {modes}."
AND = " and "
NO_SUCH_TERM = "No filter term {term}; /filter lists this chat's terms."
NO_FILTERS = "This chat has no filters: every story from its sources comes through."
FROM_CONFIG = " (config)"
INCLUDE_LIST = "Include (a story must mention one): {terms}"
INCLUDE_ALL = "Include: everything"
EXCLUDE_LIST = "Exclude (a story that mentions one is left out): {terms}"
TERMS_COUNT = "{count} of {most} terms. {how}"
CONFIG_TERMS = "Terms marked (config) are set in the bot's configuration file."
FILTERS_HEADING = "Filters"
ADDED_TERMS = "{mode}: added {terms}."
MOVED_TERMS = "Moved from {other} to {mode}: {terms}."
ALREADY_TERMS = "Already in {mode}: {terms}."
INCLUDED_NOW = "Only stories that mention an included term come through now."
IT = "it"
ANY_OF_THEM = "any of them"
EXCLUDED_NOW = "Stories that mention {which} are left out of digests and /summary."
NO_OWN_TERMS = "This chat has no filter terms of its own to remove."
REMOVED_TERMS = "Removed {count} filter {terms}."
CONFIG_TERMS_STAY = " {count} from the configuration file stay."
