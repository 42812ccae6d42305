"""Patterns for the parts of a news page that are not its story: datelines, bylines, page chrome."""

from __future__ import annotations

import re

_DATE_START = (
    r"(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
    r"[a-z]*\b)"
)
_SOCIAL = (
    r"(?:facebook|twitter|whatsapp|email|e-mail|linkedin|pinterest|reddit|messenger|telegram"
    r"|bluesky)"
)

# Whole lines that are page furniture, never story text. Each needs a marker that story text
# does not have ("Share prices fell" and "Related charges were filed" are news).
_BOILERPLATE_LINE = re.compile(
    rf"""^(?:
        advertisement|advertising|sponsored(?:\s+content)?|ad|share|related|see\s+also
      | read\s+(?:more|next|also)\b.*
      | (?:related(?:\s+(?:articles?|stories|content|coverage|topics))?|more\s+on\s+this\s+story
         |see\s+also)\s*:.*
      | share\s+(?:or\s+comment\s+on\s+)?(?:this|on|via)\b.*
      | like\s+us\s+on\s+{_SOCIAL}.*
      | (?:you\s+can\s+)?follow\b.*(?:{_SOCIAL}|instagram|@|live\s+(?:page|blog|coverage)).*
      | (?:watch|see)\s+(?:the\s+)?(?:video|clip|footage)\s*(?:below|above|here)?\s*[.:]?
      | (?:share\s+)?(?:{_SOCIAL}[\s,|/]*){{2,}}.*
      | (?:click|tap)\s+here\b.*
      | scroll\s+down\s+for\s+videos?\.?
      | (?:subscribe|sign\s+up|follow\s+us|follow\s+@|join\s+our)\b
        .*(?:newsletter|e-?mail|inbox|updates|alerts|notifications|{_SOCIAL}|@|\bnow\b|\bfree\b|today).*
      | .*(?:cookie\s+(?:policy|settings|preferences|notice)|accept\s+(?:all\s+)?cookies
         |(?:we|site|website|page)\s+uses?\s+cookies|cookies?\s+(?:to|help)\s+(?:improve|give
         |provide|deliver|personali[sz]e|enhance|analy[sz]e)).*
      | (?:image|photo|picture|media)\s+(?:copyright|caption|source|credit)\b.*
      | media\s+playback\s+is\s+unsupported\s+on\s+your\s+device
      | (?:all\s+rights\s+reserved|copyright\s+©|©).*
      | (?:continue\s+reading|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top)\.?
      | (?:published|updated|last\s+updated)(?:\s+(?:on|at))?\s*:?\s*{_DATE_START}.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Page chrome is short; a long line that happens to match is story text.
_MAX_CHROME_CHARS = 200

# Chrome that pages glue into running text.
_INLINE_BOILERPLATE = [
    re.compile(r"Scroll down for (?:video|videos)\b\.?\s*", re.IGNORECASE),
    re.compile(
        r"Share this with\s*(?:Email|Facebook|Messenger|Twitter|Pinterest|WhatsApp|LinkedIn"
        r"|Reddit|Copy this link|Copy link|\s)+",
        re.IGNORECASE,
    ),
    re.compile(r"(?<=[.!?\"'])\s+Advertisement\s+(?=[A-Z])"),
]

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_STAMP = (
    r"\d{1,2}:\d{2}\s*(?:[AP]M\s*)?(?:[A-Z]{2,4})?,?\s*(?:on\s+)?\d{1,2}(?:st|nd|rd|th)?\s+"
    + (_MONTH + r"\s+\d{4}")
)

# "PUBLISHED: . 12:01 EST, 3 March 2013 . | . UPDATED: . 14:20 EST, 3 March 2013 ."
_PUBLISHED_STAMP = re.compile(
    rf"(?:PUBLISHED|Published|UPDATED|Updated|Last updated at)\s*:?\s*\.?\s*{_STAMP}"
    r"\s*\.?\s*\|?\s*\.?\s*",
)

# "By . Jane Doe and John Roe . " or "By Jane Doe |" at the very start.
_BYLINE_START = re.compile(
    r"^\s*By\s*\.?\s+(?:[A-Z][\w'’.-]*(?:\s+|$)){1,4}"
    r"(?:(?:and|&|,)\s*\.?\s*(?:[A-Z][\w'’.-]*(?:\s+|$)){1,4})*"
    r"(?:for\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s*){1,4})?\s*(?:\.(?:\s+|$)|\|\s*|$)",
)
_BYLINE_LINE = re.compile(r"^(?:By|Written by|Reporting by)\s*\.?\s+[A-Z][^.!?]{0,80}\.?$")

# "WASHINGTON D.C. – ", "NEW YORK, March 3 (Reuters) - ", "Boston (CNN)", "(The Hollywood Reporter)"
_DATELINE = re.compile(
    r"""^\s*(?:
        (?:[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,4}(?:,\s*"""
    + _MONTH
    + r"""\s+\d{1,2})?\s*)?
        \([A-Z][\w .&'’-]{0,39}\)(?:\s*[-–—]{1,2}\s*|(?=[A-Z"']))
      | [A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][\w.'’-]*){0,5}(?:,\s*"""
    + _MONTH
    + r"""\s+\d{1,2})?
        \s*[-–—]{1,2}\s+
    )""",
    re.VERBOSE,
)


def is_boilerplate_line(line: str) -> bool:
    """True when a whole line is page chrome (ads, share bars, cookie notices, bylines)."""
    if _BYLINE_LINE.match(line) or _PUBLISHED_STAMP.fullmatch(line):
        return True
    return len(line) <= _MAX_CHROME_CHARS and _BOILERPLATE_LINE.match(line) is not None


def strip_inline_boilerplate(text: str) -> str:
    """Cut chrome glued into running text; each cut becomes a paragraph break."""
    for pattern in _INLINE_BOILERPLATE:
        text = pattern.sub("\n", text)
    return text


def strip_story_start(paragraph: str) -> str:
    """Remove the byline, time stamps and dateline that open a story's first paragraph."""
    previous = None
    while previous != paragraph:
        previous = paragraph
        paragraph = (
            _PUBLISHED_STAMP.sub("", paragraph, count=1)
            if _starts_with_stamp(paragraph)
            else paragraph
        )
        paragraph = _BYLINE_START.sub("", paragraph, count=1)
        paragraph = _DATELINE.sub("", paragraph, count=1)
    return paragraph.strip()


def _starts_with_stamp(paragraph: str) -> bool:
    match = _PUBLISHED_STAMP.search(paragraph)
    return match is not None and match.start() <= 2
