"""Refuse to fetch from addresses inside private networks (SSRF guard), checked after DNS.

The fetcher's connections dial only addresses :func:`checked_addresses` has passed (see
:mod:`bot.collect.net.pinned`); :func:`check_host` checks a host without connecting.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable

from bot.errors import FeedError

__all__ = [
    "BlockedAddressError",
    "Resolver",
    "blocked_reason",
    "check_host",
    "checked_addresses",
    "resolve",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_UNIQUE_LOCAL = ipaddress.ip_network("fc00::/7")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_SITE_LOCAL = ipaddress.ip_network("fec0::/10")


class BlockedAddressError(FeedError):
    """The host resolves to an address digestbot refuses to contact."""


def blocked_reason(address: IPAddress) -> str | None:
    """Why ``address`` must not be contacted, or None when it is a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            # Mapped addresses reach IPv4 hosts through the IPv6 stack; no feed needs one.
            return "an IPv4-mapped IPv6 address"
        if address in _NAT64 or address in _NAT64_LOCAL:
            # A NAT64 prefix can reach any IPv4 address, including private ones.
            return "a NAT64 address"
        if address.teredo is not None:
            # Teredo tunnels to whatever IPv4 address it embeds; no feed needs one.
            return "a Teredo address"
        if address.sixtofour is not None:
            # 6to4 (2002::/16) reaches the IPv4 address it embeds: judge that address.
            embedded = blocked_reason(address.sixtofour)
            if embedded is not None:
                return f"a 6to4 address embedding {address.sixtofour} ({embedded})"
        if address in _SITE_LOCAL:
            # Deprecated site-local addresses still route inside some private networks.
            return "a site-local address"
    checks = (
        (address.is_unspecified, "an unspecified address"),
        (address.is_loopback, "a loopback address"),
        (address.is_link_local, "a link-local address"),
        (isinstance(address, ipaddress.IPv4Address) and address in _CGNAT, "a CGNAT address"),
        (address.is_multicast, "a multicast address"),
        (address in _UNIQUE_LOCAL, "a unique-local address"),
        (address.is_reserved, "a reserved address"),
        (address.is_private, "a private network address"),
        (not address.is_global, "a non-public address"),
    )
    for hit, reason in checks:
        if hit:
            return reason
    return None


async def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (raises socket.gaierror when it does not resolve)."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


async def checked_addresses(
    host: str, port: int, *, resolver: Resolver = resolve
) -> list[IPAddress]:
    """Every address of ``host``, resolved once; BlockedAddressError unless all are public.

    An IP literal is checked without DNS. A host that does not resolve raises socket.gaierror,
    which callers report as a DNS failure.
    """
    try:
        literal: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    answers = [str(literal)] if literal is not None else await resolver(host, port)
    addresses = []
    for text in answers:
        # Drop an IPv6 zone id ("fe80::1%eth0") before parsing.
        address = ipaddress.ip_address(text.split("%", 1)[0])
        reason = blocked_reason(address)
        if reason is not None:
            named = host if literal is not None else f"{host} resolves to {address}, which"
            raise BlockedAddressError(f"{named} is {reason}")
        addresses.append(address)
    if not addresses:
        raise socket.gaierror(socket.EAI_NONAME, f"{host} has no addresses")
    return addresses


async def check_host(host: str, port: int, *, resolver: Resolver = resolve) -> None:
    """Raise BlockedAddressError unless every address of ``host`` is public."""
    await checked_addresses(host, port, resolver=resolver)
