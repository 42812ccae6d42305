"""Canonical article URLs (the same article reached through different links compares equal),
and which text is a web address."""

from __future__ import annotations

from urllib.parse import unquote_plus, urlsplit, urlunsplit

__all__ = ["TRACKING_PARAMS", "canonical_url", "is_tracking_param", "web_url"]

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
