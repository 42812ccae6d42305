"""How a sentence reads out of its article: whether it stands alone, whether it is a caption.

A digest shows a few sentences without the ones around them, so one that leans on an earlier
sentence ("He added ...", "But ...", "The 26-year-old ...") cannot open it, and a caption (text
without a full stop, or "... (pictured) ...") describes a picture the reader does not see.
These are rules on the form of the sentence, not lists of sentences.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarise.runons import is_fragment

__all__ = ["is_caption", "needs_context"]

# Words that, opening a sentence, point back to something said before: pronouns and
# demonstratives as the subject, and connectives that continue an argument.
_LEANING_OPENER = re.compile(
    r"""^(?:
        (?:he|she|it|they|him|her|his|its|their|them|this|these|those|that|such|both
          |here)\b
      | (?:but|and|or|so|yet|also|still|then|too|instead|however|meanwhile|moreover|furthermore
          |nevertheless|nonetheless|besides|otherwise|indeed|thus|therefore|hence|likewise
          |similarly|consequently|accordingly|afterwards|later|nor)\b
      | (?:in\s+addition|as\s+a\s+result|even\s+so|by\s+contrast|in\s+contrast|on\s+the\s+other
          \s+hand|at\s+the\s+same\s+time|despite\s+this|because\s+of\s+this|after\s+that
          |before\s+that|as\s+well|not\s+only\s+that|in\s+turn|in\s+fact|of\s+course)\b
      | the\s+(?:\d+|[a-z]+-)[- ]?year-old\b
      | the\s+(?:pair|couple|duo|trio|latter|same|move|decision|incident)\b
      | other\b | another\b | the\s+other\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# "It is ..." with an expletive "it" that points back to nothing still needs what came before
# in news ("It comes after ...", "It was the third ..."); only a few impersonal frames stand.
_IMPERSONAL_IT = re.compile(
    r"^it\s+(?:is|was|has\s+been|had\s+been)\s+(?:not\s+)?(?:understood|thought|believed"
    r"|expected|estimated|feared|hoped|known|claimed|alleged|reported|said|unclear|not\s+clear"
    r"|not\s+known|not\s+yet\s+known)\b",
    re.IGNORECASE,
)
# A statement that continues another: "'...,' added the mayor", "..., he added.", "He added:",
# "Smith went on to say"; "The company added 300 jobs" is not speech.
_SPEAKER = (
    r"(?:(?i:he|she|they)|(?i:the|a|an|his|her|their)\s+[\w'-]+(?:\s+[\w'-]+)?"
    r"|[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)"
)
_CONTINUED_SPEECH = re.compile(
    rf"""(?:['"]\s*|,\s+{_SPEAKER}\s+)(?:added|adds|continued|continues)\b
      | ^{_SPEAKER}\s+(?:also\s+)?(?:added|adds|continued|continues|went\s+on)
        \s*(?::|,|\bthat\b|\bto\s+say\b)""",
    re.VERBOSE,
)
# A quotation closed before it is opened: the sentence carries on one that began earlier.
_CLOSING_DOUBLE = re.compile(r'(?<=[\w.,!?…])"')
_OPENING_DOUBLE = re.compile(r'(?:^|(?<=[\s(\[—–-]))"(?=\S)')
_CLOSING_SINGLE = re.compile(r"(?<=[.,!?…])'(?=\s|$)")
_OPENING_SINGLE = re.compile(r"(?:^|(?<=[\s(\[—–-]))'(?=[A-Za-z0-9])")
# A picture described beside the text: "(pictured)", "(left)", "(file photo)", "pictured above".
_PICTURE = re.compile(
    r"""\((?:[\w\s,'-]{0,40}\s)?(?:pictured|pictures|photographed|left|right|centre|center|above
        |below|top|bottom|inset|far\s+left|far\s+right|second\s+left|second\s+right|front|back
        |file(?:\s+photo|\s+picture|\s+image)?|stock(?:\s+photo|\s+picture|\s+image)?|photo
        |picture|image)\)
      | \((?:picture|photo|image|file)\b[^()]{0,40}\)
      | ,\s(?:left|right|centre|center|circled|inset|above|below|top|bottom)(?:,|\s+and\b)
      | \b(?:this|these)\s+(?:[a-z]+\s+){0,2}(?:pictures?|photos?|photographs?|images?|graphs?
        |charts?|maps?|videos?|footage|clips?|shots?|graphics?|snaps?)\b
      | (?:^|,\s)pictured(?:\s+(?:above|below|left|right|here|with|in|at|on|during|outside))?\b
      | \bpictured\s*,
      | \b(?:is|are|was|were)\s+pictured\b
      | \b(?:pictured|shown|seen)\s+(?:above|below|left|right)\b""",
    re.IGNORECASE | re.VERBOSE,
)


@lru_cache(maxsize=4096)
def needs_context(sentence: str) -> bool:
    """True when the sentence leans on an earlier one: a pronoun or a connective opens it, it
    continues someone's speech ("he added"), or it closes a quotation it did not open."""
    text = sentence.lstrip("\"'([ ")
    if not text or text[0].islower():
        return True
    if _LEANING_OPENER.match(text) and not _IMPERSONAL_IT.match(text):
        return True
    if _CONTINUED_SPEECH.search(sentence):
        return True
    return _closes_before_opening(sentence)


def _closes_before_opening(sentence: str) -> bool:
    for closing, opening in (
        (_CLOSING_DOUBLE, _OPENING_DOUBLE),
        (_CLOSING_SINGLE, _OPENING_SINGLE),
    ):
        close = closing.search(sentence)
        if close is None:
            continue
        open_ = opening.search(sentence)
        if open_ is None or open_.start() > close.start():
            return True
    return False


@lru_cache(maxsize=4096)
def is_caption(sentence: str) -> bool:
    """True for a picture's caption: text that does not end like a sentence (pages set captions
    and headings without a full stop), or a sentence that points at a picture ("(pictured)",
    "(left)", "these images") that the reader of a digest does not see."""
    return is_fragment(sentence) or _PICTURE.search(sentence) is not None
