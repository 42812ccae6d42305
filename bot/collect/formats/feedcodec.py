"""The bytes of an XML feed as UTF-8, decoded as feedparser decodes them: a byte order mark
first, then the HTTP charset and the XML declaration in the order RFC 3023 gives them.

Also what feedparser leaves to others: white space before the declaration, a BOM that disagrees
with the HTTP charset, and a body cut off in the middle of a multi-byte character (which would
otherwise make the whole feed fall back to Windows-1252).
"""

from __future__ import annotations

import codecs
from typing import Any

from feedparser.encodings import RE_XML_PI_ENCODING, convert_to_utf8, parse_content_type

from bot.errors import FeedError

__all__ = ["utf8_document"]

# UTF-32 first: its little-endian BOM begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
_SPACE = " \t\r\n"
# feedparser puts this declaration in place of the feed's own, or before a feed without one.
_DECLARATION = b"<?xml version='1.0' encoding='utf-8'?>"
# The longest multi-byte character a cut can split (UTF-32 and GB18030: four bytes).
_LONGEST_CHARACTER = 4


def utf8_document(data: bytes, content_type: str | None) -> bytes:
    """``data`` as the UTF-8 document feedparser parses, its lines where the feed has them."""
    body, headers = _unwrapped(data, content_type)
    converted, encoding = _converted(body, headers)
    named = _named_encodings(body, headers)
    if named and _codec(encoding) not in {_codec(name) for name in named}:
        whole = _whole_characters(body, named)
        if whole is not None:
            body = whole
            converted, encoding = _converted(body, headers)
    if converted.startswith(_DECLARATION + b"\n") and not _declared(body, encoding):
        # The declaration feedparser added: without it, line numbers are the feed's own.
        converted = converted[len(_DECLARATION) + 1 :]
    return converted


def _unwrapped(data: bytes, content_type: str | None) -> tuple[bytes, dict[str, str]]:
    """``data`` without its BOM and leading white space, and the headers naming its encoding.

    A byte order mark decides the encoding, whatever the HTTP charset says.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            spaces = {char.encode(codec) for char in _SPACE}
            width = len(" ".encode(codec))
            start = len(bom)
            while data[start : start + width] in spaces:
                start += width
            return data[start:], {"content-type": f"application/xml; charset={codec}"}
    return data.lstrip(_SPACE.encode()), {"content-type": content_type} if content_type else {}


def _converted(body: bytes, headers: dict[str, str]) -> tuple[bytes, str]:
    result: dict[str, Any] = {}
    try:
        converted: bytes = convert_to_utf8(headers, body, result)
    except UnicodeDecodeError:  # feedparser reads the declared name as UTF-8
        raise FeedError("the encoding the XML declaration names is not readable text") from None
    encoding = str(result.get("encoding") or "")
    if not encoding:
        raise FeedError("the feed's character encoding could not be determined")
    return converted, encoding


def _named_encodings(body: bytes, headers: dict[str, str]) -> list[str]:
    """The encodings the HTTP charset and the XML declaration name."""
    charset = parse_content_type(headers.get("content-type", ""))[1]
    declared = RE_XML_PI_ENCODING.match(body)
    named = [charset, declared.group(1).decode("latin-1") if declared else ""]
    return [name for name in named if name]


def _codec(name: str) -> str:
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return name.lower()
    return "gb18030" if codec == "gb2312" else codec  # as feedparser reads GB2312


def _whole_characters(body: bytes, named: list[str]) -> bytes | None:
    """``body`` without the part of a character it was cut in, when that is all that kept it
    from decoding in an encoding it names; else None."""
    for name in named:
        try:
            body.decode(_codec(name))
        except UnicodeDecodeError as exc:
            if exc.end == len(body) and exc.start >= len(body) - _LONGEST_CHARACTER:
                return body[: exc.start]
        except LookupError:
            continue
    return None


def _declared(body: bytes, encoding: str) -> bool:
    return body[:64].decode(encoding, "ignore").startswith("<?xml")
