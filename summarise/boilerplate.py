"""Patterns for the parts of a news page that are not its story: datelines, bylines, page chrome."""

from __future__ import annotations

import re

# Whole lines that are page furniture, never story text.
_BOILERPLATE_LINE = re.compile(
    r"""^(?:
        advertisement|advertising|sponsored(?:\s+content)?|ad
      | read\s+(?:more|next|also)\b.*
      | (?:related|more\s+on\s+this\s+story|see\s+also)\b.{0,80}
      | share(?:\s+this)?(?:\s+(?:article|story|page|on))?\b.{0,120}
      | (?:click|tap)\s+here\b.*
      | scroll\s+down\s+for\s+videos?\.?
      | (?:subscribe|sign\s+up|follow\s+us|follow\s+@|join\s+our)\b.{0,160}
      | .{0,200}\bcookies?\b.{0,200}
      | (?:image|photo|picture|media)\s+(?:copyright|caption|source|credit)\b.*
      | media\s+playback\s+is\s+unsupported\s+on\s+your\s+device
      | (?:all\s+rights\s+reserved|copyright\s+©|©).{0,160}
      | (?:continue\s+reading|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top)\.?
      | (?:published|updated|last\s+updated)\b[:\s].{0,80}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# Cookie lines must look like a notice, not a story about biscuits.
_COOKIE_NOTICE = re.compile(r"\b(?:accept|use|uses|using|policy|consent|settings)\b", re.IGNORECASE)

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
    r"(?:for\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s*){1,4})?\s*(?:\.\s+|\|\s*|$)",
)
_BYLINE_LINE = re.compile(r"^(?:By|Written by|Reporting by)\s+[A-Z][^.!?]{0,80}$")

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
    match = _BOILERPLATE_LINE.match(line)
    if not match:
        return False
    if "cookie" in line.lower():
        return bool(_COOKIE_NOTICE.search(line)) and len(line) < 300
    # A long line that merely starts with "Share" or "Related" is story text.
    return len(line) <= 200 or line.lower().startswith(("read more", "click here", "tap here"))


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
