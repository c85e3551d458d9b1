"""The URL policy of the connectors, and how a URL is shown in a message.

:func:`check_source_url`: a well-formed URL (a port within 1-65535, a closed IPv6 bracket);
only ``http``/``https``; no credentials in the URL; the host must not resolve to a private,
loopback, link-local, multicast, reserved or unspecified address unless ``allow_private`` (set
by tests for loopback, or by an admin for an intranet LMS); anything else raises
:class:`~sync.errors.UnsafeSourceURL`. :mod:`sync.http` checks each host when it is first used;
a DNS answer that changes afterwards is not re-checked (rebinding is out of scope here).

:func:`public_url` masks by position, never by searching for a secret's value.
"""
from __future__ import annotations

import ipaddress
import socket
from typing import Any, Callable
from urllib.parse import urlsplit

from sync.errors import SourceUnavailable, UnsafeSourceURL
from sync.log_text import loggable


Resolver = Callable[..., list[tuple[Any, ...]]]


def check_source_url(url: str, *, allow_private: bool = False,
                     resolver: Resolver = socket.getaddrinfo) -> str:
    """Return ``url`` if the URL policy accepts it; raises UnsafeSourceURL or SourceUnavailable."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:  # "Port out of range 0-65535", "Invalid IPv6 URL", ...
        raise UnsafeSourceURL(f"source URL is not a valid URL: {exc}") from None
    if port == 0:
        raise UnsafeSourceURL("source URL is not a valid URL: port 0")
    if parts.scheme not in ("http", "https"):
        raise UnsafeSourceURL(f"source URL must be http or https, not {parts.scheme or 'none'!r}")
    if not parts.hostname:
        raise UnsafeSourceURL("source URL has no host")
    if parts.username or parts.password:
        raise UnsafeSourceURL(f"source URL for {parts.hostname} must not carry credentials")
    if not allow_private:
        for address in _resolve(parts.hostname, port, resolver):
            if _is_internal(address):
                raise UnsafeSourceURL(
                    f"source host {parts.hostname} resolves to internal address {address}; "
                    "refused unless private addresses are allowed for this source")
    return url


def _resolve(host: str, port: int | None, resolver: Resolver) -> list[str]:
    try:
        infos = resolver(host, port or 443, 0, socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise SourceUnavailable(f"cannot resolve source host {host}: {exc}") from None
    return [info[4][0] for info in infos]


def _is_internal(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
            or ip.is_reserved or ip.is_unspecified)


def public_url(url: str) -> str:
    """``url`` as a message or log line may show it: userinfo masked and query dropped, by
    position; control characters escaped (a remote server's link can carry them)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port is not None else ""
    except ValueError:
        return "(an invalid URL)"
    if ":" in host:
        host = f"[{host}]"
    userinfo = "***@" if "@" in parts.netloc else ""
    return loggable(f"{parts.scheme}://{userinfo}{host}{port}{parts.path}")
