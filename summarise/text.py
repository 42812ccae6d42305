"""Cleaning and offline sentence splitting: the first step of every digest."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import partial

from summarise.boilerplate import is_boilerplate_line, strip_inline_boilerplate, strip_story_start
from summarise.runons import split_run_on, strip_caption_label
from summarise.segmenter import pysbd_sentences
from summarise.segmenter_languages import other_sentences

__all__ = ["OfflineTokenizer", "Prepared", "is_heading", "normalise", "prepare", "split_sentences"]

_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\t": " ",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
        "\u00ad": None,
    }
)
# UTF-8 read as cp1252, as scraped pages often are: "Â£" for "£".
_MOJIBAKE = {"Â£": "£", "Â ": " ", "â€™": "'", "â€œ": '"', "â€\x9d": '"', "â€”": "—", "â€“": "–"}
_SPACES = re.compile(r"[ \f\v]+")
# "in 1993.Mrs Fergus": a sentence end with its space lost.
_MISSING_SPACE = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?<=[0-9]{2}[.!?])(?=[A-Z][a-z]{2})")
# A sentence that opens with a quotation mark and a space: the mark closed the one before.
_CLOSING_FIRST = re.compile(r"[\"'”’]\s+\S")
_WORD = re.compile(r"[^\W_]+(?:['.-][^\W_]+)*")
_END_PUNCTUATION = ".!?…:;,\"')]"
_NUMBER_WORD = re.compile(r"^[-+]?\d[\d.,:/%-]*$")
_DATA_SEPARATOR = re.compile(r"\s[-–—]{1,2}\s|:\s*\d")
_LIST_SEPARATOR = re.compile(r"\s[,;]|[,;]\s")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_SMALL_WORDS = _word_set(
    "a an and as at but by for from in into of on or over the to up vs vs. via with"
)
# Words that open a sentence; one written capitalised inside a title-case run starts the body.
_SENTENCE_OPENERS = _word_set(
    """The A An This These Those That It Its He His She Her They Their We Our I In On At After
    Before While Despite As But However When Since Although Though With Following According
    Meanwhile Crucially Last Earlier Later Yesterday Today"""
)


_CLOSERS = "'\"’”"


@dataclass(frozen=True, slots=True)
class Prepared:
    """A cleaned article: body sentences in order, headings apart, each sentence's paragraph;
    `lines` holds headings (bylines, captions) and sentences in reading order, title left out."""

    sentences: list[str]
    headings: list[str]
    paragraph_index: list[int]
    title: str | None = None
    lines: list[str] = field(default_factory=list)
    # For each of `lines`: whether it opens a paragraph of the input.
    opens: list[bool] = field(default_factory=list)


class OfflineTokenizer:
    """sumy-compatible tokenizer that needs no downloaded data (pysbd sentences, regex words);
    ``language`` is an ISO 639-1 code."""

    def __init__(self, language: str = "en") -> None:
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph, self.language))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def split_sentences(paragraph: str, language: str = "en") -> list[str]:
    """Sentences of one paragraph in ``language`` (an ISO 639-1 code), offline; a heading glued
    to the next sentence is split off."""
    paragraph = paragraph.strip()
    if not paragraph:
        return []
    out: list[str] = []
    pieces: list[str] = []
    split = pysbd_sentences if language == "en" else partial(other_sentences, language=language)
    found = list(reversed(split(paragraph)))
    while found:
        piece = found.pop().strip()
        if pieces and _CLOSING_FIRST.match(piece):
            # `... a bucket." Then ...`: the mark closes the last sentence. pysbd paired it with
            # the next opening mark and kept all between as one quotation; split that again.
            pieces[-1] += piece[0]
            found.extend(reversed(split(piece[1:].strip())))
        elif pieces and piece and not _WORD.search(piece):
            # pysbd leaves a closing quote or bracket at the very end on its own.
            pieces[-1] += piece
        elif pieces and piece[:1] in ",;:":
            # No sentence starts with a comma: "McConnell, R-Ky." then ", said Tuesday."
            pieces[-1] += piece
        elif pieces and pieces[-1][-1:] in _CLOSERS and piece[:1].islower():
            # `'We are proud to honour her.' said the academy's president`: the cue goes on.
            pieces[-1] += " " + piece
        elif piece:
            pieces.append(piece)
    for sentence in pieces:
        for part in _split_glued_heading(sentence):
            out.extend(strip_caption_label(clause) for clause in split_run_on(part))
    return [sentence for sentence in out if sentence]


def normalise(text: str) -> str:
    """Unicode, quotes and whitespace normalised; lines kept, runs of spaces collapsed."""
    for bad, good in _MOJIBAKE.items():
        if bad in text:
            text = text.replace(bad, good)
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    # Two apostrophes for a double quotation mark, as some newspapers' feeds write it.
    text = text.replace("''", '"')
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")
    text = _MISSING_SPACE.sub(" ", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def is_heading(line: str) -> bool:
    """A short title-case (or all-caps) line without end punctuation, such as a section heading;
    results and table lines are data, not headings."""
    words = line.split()
    if not 1 <= len(words) <= 14 or len(line) > 110 or line[-1] in _END_PUNCTUATION:
        return False
    if _is_data_line(line):
        return False
    letters = [ch for ch in line if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return True
    return _title_case(words)


def _is_data_line(line: str) -> bool:
    """`Scorers : Igor Shkvyrin 78 , Oleg Shatskikh 90`, `Japan 2 Syria 1`, `Teams: A, B`:
    figures beside separators, several numbers, or a label before a list."""
    _, colon, rest = line.partition(":")
    if colon and _LIST_SEPARATOR.search(rest):
        return True
    if not any(ch.isdigit() for ch in line):
        return False
    numbers = [word for word in line.split() if _NUMBER_WORD.match(word)]
    scores = sum(1 for word in numbers if len(word) <= 2)
    # Headlines carry a figure or two ("to Cut 1,200 Jobs"); tables carry scores and lists.
    return (
        len(numbers) >= 3
        or scores >= 2
        or any(ch in line for ch in "()[]")
        or bool(_LIST_SEPARATOR.search(line) or _DATA_SEPARATOR.search(line))
    )


def _title_case(words: list[str]) -> bool:
    content = [w for w in words if w.lower().strip(":–—-") not in _SMALL_WORDS]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit() or not w[0].isalpha())
    return capitalised == len(content) and words[0][0].isupper()


def _split_glued_heading(sentence: str) -> list[str]:
    """'Historical Context and Future Outlook The Trump administration...' -> heading, sentence."""
    words = sentence.split(" ")
    run_end = 0
    while run_end < len(words) and _title_word(words[run_end], run_end):
        run_end += 1
    for cut in range(min(run_end, len(words) - 6), 1, -1):
        head, body = words[:cut], words[cut:]
        if (
            body[0] in _SENTENCE_OPENERS
            and not any("," in w for w in head)
            and sum(1 for w in body if w[:1].islower() and w not in _SMALL_WORDS) >= 3
            and is_heading(" ".join(head))
        ):
            return [" ".join(head), " ".join(body)]
    return [sentence]


def _title_word(word: str, index: int) -> bool:
    if not word:
        return False
    if word.lower() in _SMALL_WORDS and index > 0:
        return True
    return word[0].isupper() or word[0].isdigit() or word in {"&", "-", "–", "—"}


def prepare(text: str, language: str = "en") -> Prepared:
    """Clean an article in ``language`` (an ISO 639-1 code) and split it once into body
    sentences, headings and paragraphs."""
    lines = [line for line in strip_inline_boilerplate(normalise(text)).split("\n")]
    sentences: list[str] = []
    headings: list[str] = []
    paragraph_index: list[int] = []
    title: str | None = None
    ordered: list[str] = []
    opens: list[bool] = []
    paragraph = 0
    seen_body = False
    for line in lines:
        if not line or is_boilerplate_line(line):
            continue
        if is_heading(line):
            if not seen_body and title is None and not headings:
                title = line
            else:
                ordered.append(line)
                opens.append(True)
            headings.append(line)
            continue
        if not seen_body:
            line = strip_story_start(line)
        first = True
        for sentence in split_sentences(line, language):
            if is_heading(sentence) and len(sentence.split()) <= 14:
                headings.append(sentence)
            elif not _is_chrome_sentence(sentence):
                sentences.append(sentence)
                paragraph_index.append(paragraph)
                seen_body = True
            else:
                continue
            ordered.append(sentence)
            opens.append(first)
            first = False
        paragraph += 1
    return Prepared(sentences, headings, paragraph_index, title, ordered, opens)


def _is_chrome_sentence(sentence: str) -> bool:
    return is_boilerplate_line(sentence) or not _WORD.search(sentence)
