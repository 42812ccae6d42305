"""Canonical article URLs (the same article reached through different links compares equal),
the canonical URL of a feed item (which keeps a fragment that names the item), and which text
is a web address."""

from __future__ import annotations

import re
from urllib.parse import unquote_plus, urlsplit, urlunsplit

__all__ = [
    "TRACKING_PARAMS",
    "canonical_item_url",
    "canonical_url",
    "is_tracking_param",
    "web_url",
]

# Query parameters that only say how a reader arrived, never which article it is.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "ref",
        "ref_src",
        "ref_url",
        "referrer",
        "cmpid",
        "ncid",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "spm",
    }
)
_TRACKING_PREFIXES = ("utm_",)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Fragments that only move the reader within a page: the same item with or without them.
_NAVIGATION_FRAGMENTS = frozenset(
    {
        "top",
        "content",
        "main",
        "main-content",
        "maincontent",
        "comments",
        "respond",
        "reply",
        "comment-form",
        "commentform",
        "disqus_thread",
        "more",
        "read-more",
        "readmore",
        "continue-reading",
    }
)
_MORE_ANCHOR = re.compile(r"more-\d+")  # WordPress "continue reading" links: #more-1234
# Tracking sent in the fragment (AT Internet's #xtor=RSS-1), besides the query's parameters.
_FRAGMENT_TRACKING = frozenset({"xtor"})
# Everything after it in a fragment only highlights text (#:~:text=...).
_FRAGMENT_DIRECTIVE = ":~:"


def web_url(text: str) -> str | None:
    """``text`` if it is an http(s) URL with a host (never file:// or other schemes)."""
    parts = urlsplit(text.strip())
    if parts.scheme.lower() in ("http", "https") and parts.hostname:
        return text.strip()
    return None


def is_tracking_param(name: str) -> bool:
    """True for query parameters such as utm_source, fbclid or ref that carry no content."""
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """``url`` without tracking parameters or fragment, scheme and host lower-cased.

    Default ports are dropped and an empty http(s) path becomes ``/``; the order of the remaining
    query parameters is kept because some sites depend on it.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    netloc = _canonical_netloc(scheme, parts.netloc)
    path = parts.path
    if scheme in _DEFAULT_PORTS and not path:
        path = "/"
    # Raw pieces are kept as written so that removing a parameter never re-encodes the others.
    kept = [
        piece
        for piece in parts.query.split("&")
        if piece and not is_tracking_param(unquote_plus(piece.partition("=")[0]))
    ]
    return urlunsplit((scheme, netloc, path, "&".join(kept), ""))


def _canonical_netloc(scheme: str, netloc: str) -> str:
    userinfo, at, hostport = netloc.rpartition("@")
    host, port = hostport, ""
    if hostport.startswith("["):  # IPv6 literal: [::1]:8080
        close = hostport.find("]")
        host, port = hostport[: close + 1], hostport[close + 2 :]
    elif ":" in hostport:
        host, _, port = hostport.rpartition(":")
    host = host.lower().rstrip(".")
    if port and port.isdigit() and int(port) == _DEFAULT_PORTS.get(scheme):
        port = ""
    return f"{userinfo}{at}{host}{':' + port if port else ''}"


def canonical_item_url(url: str) -> str:
    """:func:`canonical_url` plus the fragment when it names the item: several items of one page
    (``26.html#a080605``, ``26.html#a030658``) stay apart.

    A fragment that only moves the reader (``#comments``, ``#top``, ``#more-12``), highlights
    text (``#:~:text=``) or tracks (``#xtor=RSS-1``, ``#utm_source=x``) is dropped like the
    tracking parameters of the query.
    """
    fragment = _item_fragment(urlsplit(url.strip()).fragment)
    base = canonical_url(url)
    return f"{base}#{fragment}" if fragment else base


def _item_fragment(fragment: str) -> str:
    fragment = fragment.partition(_FRAGMENT_DIRECTIVE)[0]
    if "=" in fragment:
        kept = [
            piece
            for piece in fragment.split("&")
            if piece and not _is_fragment_tracking(unquote_plus(piece.partition("=")[0]))
        ]
        return "&".join(kept)
    if fragment.lower() in _NAVIGATION_FRAGMENTS or _MORE_ANCHOR.fullmatch(fragment):
        return ""
    return fragment


def _is_fragment_tracking(name: str) -> bool:
    return is_tracking_param(name) or name.lower() in _FRAGMENT_TRACKING
