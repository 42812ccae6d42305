"""The SSRF guard: which addresses are refused, and how host names are checked after DNS."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from bot.collect.net.guard import (
    BlockedAddressError,
    Resolver,
    blocked_reason,
    check_host,
    checked_addresses,
)


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("10.1.2.3", "a private network address"),
        ("172.16.0.1", "a private network address"),
        ("192.168.1.1", "a private network address"),
        ("169.254.169.254", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("100.64.0.1", "a CGNAT address"),
        ("100.127.255.254", "a CGNAT address"),
        ("224.0.0.1", "a multicast address"),
        ("ff02::1", "a multicast address"),
        ("0.0.0.0", "an unspecified address"),
        ("::", "an unspecified address"),
        ("240.0.0.1", "a reserved address"),
        ("fc00::1", "a unique-local address"),
        ("fd12:3456::1", "a unique-local address"),
        ("64:ff9b::a00:1", "a NAT64 address"),
        ("64:ff9b::808:808", "a NAT64 address"),
        ("::ffff:127.0.0.1", "an IPv4-mapped IPv6 address"),
        ("::ffff:8.8.8.8", "an IPv4-mapped IPv6 address"),
        ("192.0.2.10", "a private network address"),
        ("2002:7f00:1::", "a 6to4 address embedding 127.0.0.1 (a loopback address)"),
        ("2002:a00:1::1", "a 6to4 address embedding 10.0.0.1 (a private network address)"),
        ("2002:a9fe:a9fe::", "a 6to4 address embedding 169.254.169.254 (a link-local address)"),
        ("fec0::1", "a site-local address"),
        ("feff:ffff::1", "a site-local address"),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "a Teredo address"),
        ("2001::7f00:1", "a Teredo address"),
        ("64:ff9b::7f00:1", "a NAT64 address"),
    ],
)
def test_non_public_addresses_are_refused(address: str, reason: str) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "100.128.0.1", "2606:4700::1111", "2002:808:808::1"]
)
def test_public_addresses_pass(address: str) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) is None


def resolver(table: dict[str, list[str]]) -> Resolver:
    async def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return table[host]

    return resolve


async def test_a_host_with_any_private_address_is_refused() -> None:
    dns = resolver({"mixed.example": ["93.184.216.34", "10.0.0.1"]})
    with pytest.raises(BlockedAddressError) as refused:
        await check_host("mixed.example", 80, resolver=dns)
    assert str(refused.value) == (
        "mixed.example resolves to 10.0.0.1, which is a private network address"
    )


async def test_a_host_resolving_to_6to4_loopback_is_refused_by_name() -> None:
    dns = resolver({"tunnel.example": ["2002:7f00:1::"]})
    with pytest.raises(BlockedAddressError) as refused:
        await check_host("tunnel.example", 80, resolver=dns)
    assert str(refused.value) == (
        "tunnel.example resolves to 2002:7f00:1::, which is "
        "a 6to4 address embedding 127.0.0.1 (a loopback address)"
    )


async def test_public_host_passes_and_literals_skip_dns() -> None:
    await check_host("public.example", 443, resolver=resolver({"public.example": ["8.8.4.4"]}))
    with pytest.raises(BlockedAddressError, match=r"^\[::1\] is a loopback address$"):
        await check_host("[::1]", 80, resolver=resolver({}))


async def test_the_checked_addresses_are_those_to_connect_to() -> None:
    dns = resolver({"dual.example": ["2606:4700::1111", "93.184.216.34"]})
    addresses = await checked_addresses("dual.example", 443, resolver=dns)
    assert [str(a) for a in addresses] == ["2606:4700::1111", "93.184.216.34"]
    assert await checked_addresses("[2606:4700::1111]", 80, resolver=resolver({})) == [
        ipaddress.ip_address("2606:4700::1111")
    ]


async def test_unresolvable_host_raises_gaierror() -> None:
    with pytest.raises(socket.gaierror):
        await check_host("nothing.invalid", 80)
