"""A loopback HTTP server for feed tests and benchmarks (127.0.0.1, port 0, background threads).

    with FeedServer() as server:
        server.route("/feed.xml", rss_feed("News", items), etag='"v1"')
        url = server.url("/feed.xml")

Each path answers with a registered status, headers, body and delay; ETag / Last-Modified make
conditional requests answer 304; ``gzip=True`` compresses for clients that accept it. The server
records every request, the highest number of requests it was serving at once and the number
of connections it accepted. ``FeedServer(tls=context)`` serves HTTPS and records the name each
client asked for in TLS (SNI); :func:`feeds_test_tls` gives a context for ``feeds.test``.
"""

from __future__ import annotations

import gzip as gzip_module
import socket
import ssl
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from xml.sax.saxutils import escape

__all__ = [
    "TEST_CA",
    "FeedItem",
    "FeedServer",
    "Route",
    "SeenRequest",
    "atom_feed",
    "feeds_test_tls",
    "rss_feed",
]

RSS_TYPE = "application/rss+xml; charset=utf-8"
# A test CA (its key destroyed) and a certificate it signed for feeds.test; see tls/README.md.
TLS_DIR = Path(__file__).parent / "tls"
TEST_CA = TLS_DIR / "ca.pem"


def feeds_test_tls() -> ssl.SSLContext:
    """A server context presenting the feeds.test certificate, which :data:`TEST_CA` signed."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(TLS_DIR / "server.pem", TLS_DIR / "server.key")
    return context


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    body_delay: float = 0.0  # a pause between the headers and the body
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    content_type: str = RSS_TYPE


@dataclass(frozen=True)
class SeenRequest:
    path: str
    headers: dict[str, str]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # handlers stuck in a delay must not hold up shutdown
    owner: FeedServer
    tls: ssl.SSLContext | None = None

    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = super().get_request()
        if self.tls is not None:  # the handshake runs in the handler's thread
            connection = self.tls.wrap_socket(
                connection, server_side=True, do_handshake_on_connect=False
            )
        return connection, address

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError | ssl.SSLError):
            super().handle_error(request, client_address)  # a client hanging up is no error


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: tests read the recorded requests instead

    def setup(self) -> None:
        with self.server.owner._lock:
            self.server.owner.connections += 1
        if isinstance(self.request, ssl.SSLSocket):
            self.request.do_handshake()
        super().setup()

    def do_GET(self) -> None:
        owner = self.server.owner
        owner._enter(SeenRequest(self.path, {k.lower(): v for k, v in self.headers.items()}))
        try:
            self._answer(owner.lookup(self.path))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing to answer
        finally:
            owner._leave()

    def _answer(self, route: Route | None) -> None:
        if route is None:
            self._send(404, b"not found", {"Content-Type": "text/plain"})
            return
        if route.delay:
            time.sleep(route.delay)
        headers = {"Content-Type": route.content_type, **route.headers}
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if self._not_modified(route):
            self._send(304, b"", headers)
            return
        body = route.body
        if route.gzip and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip_module.compress(body)
            headers["Content-Encoding"] = "gzip"
        self._send(route.status, body, headers, route.body_delay)

    def _not_modified(self, route: Route) -> bool:
        if route.etag and self.headers.get("If-None-Match") == route.etag:
            return True
        return bool(
            route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
        )

    def _send(self, status: int, body: bytes, headers: dict[str, str], pause: float = 0) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if pause:
            self.wfile.flush()
            time.sleep(pause)
        if status != 304:
            self.wfile.write(body)


class FeedServer:
    """Serve registered routes on 127.0.0.1 until :meth:`stop` (or the end of a ``with``)."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self._routes: dict[str, Route] = {}
        self._lock = threading.Lock()
        self.requests: list[SeenRequest] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.connections = 0  # TCP connections accepted: shows whether clients reuse them
        self.server_names: list[str | None] = []  # the TLS SNI of each handshake
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        if tls is not None:
            tls.sni_callback = self._record_sni
            self._server.tls = tls
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, path: str = "/") -> str:
        scheme = "https" if self._server.tls is not None else "http"
        return f"{scheme}://127.0.0.1:{self.port}{path}"

    def _record_sni(self, _: ssl.SSLObject, name: str | None, __: ssl.SSLContext) -> None:
        with self._lock:
            self.server_names.append(name)

    def route(self, path: str, body: bytes | str = b"", **options: Any) -> Route:
        """Answer GET ``path`` (query string included if given) with ``body`` and ``options``."""
        data = body.encode() if isinstance(body, str) else body
        route = Route(body=data, **options)
        with self._lock:
            self._routes[path] = route
        return route

    def redirect(self, path: str, location: str, status: int = 302) -> Route:
        return self.route(path, status=status, headers={"Location": location})

    def lookup(self, path: str) -> Route | None:
        with self._lock:
            return self._routes.get(path) or self._routes.get(path.split("?", 1)[0])

    def hits(self, path: str) -> int:
        with self._lock:
            return sum(1 for seen in self.requests if seen.path == path)

    def _enter(self, seen: SeenRequest) -> None:
        with self._lock:
            self.requests.append(seen)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def start(self) -> FeedServer:
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str
    text: str
    guid: str | None = None
    published: datetime = field(default_factory=lambda: datetime(2025, 6, 2, 8, 0, tzinfo=UTC))
    author: str | None = None


def rss_feed(
    title: str,
    items: list[FeedItem],
    link: str = "https://news.example/",
    language: str | None = None,
) -> bytes:
    """RSS 2.0 with the full text in content:encoded and a short description; with
    `language`, the channel's <language> element."""
    declared = f"<language>{escape(language)}</language>\n" if language else ""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
        f"<title>{escape(title)}</title>\n{declared}<link>{escape(link)}</link>\n"
        f"<description>{escape(title)}</description>\n"
    ]
    for item in items:
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in item.text.split("\n") if p.strip())
        parts.append(
            f"<item>\n<title>{escape(item.title)}</title>\n<link>{escape(item.link)}</link>\n"
            f'<guid isPermaLink="false">{escape(item.guid or item.link)}</guid>\n'
            f"<pubDate>{format_datetime(item.published)}</pubDate>\n"
            + (f"<dc:creator>{escape(item.author)}</dc:creator>\n" if item.author else "")
            + f"<description>{escape(item.text[:200])}</description>\n"
            f"<content:encoded><![CDATA[{paragraphs}]]></content:encoded>\n</item>\n"
        )
    parts.append("</channel>\n</rss>\n")
    return "".join(parts).encode()


def atom_feed(title: str, items: list[FeedItem], link: str = "https://news.example/") -> bytes:
    """Atom 1.0 with HTML content."""
    updated = max((item.published for item in items), default=datetime(2025, 6, 2, tzinfo=UTC))
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"<title>{escape(title)}</title>\n<id>{escape(link)}</id>\n"
        f'<link href="{escape(link)}"/>\n<updated>{updated.isoformat()}</updated>\n'
    ]
    for item in items:
        html = "".join(f"<p>{escape(p)}</p>" for p in item.text.split("\n") if p.strip())
        parts.append(
            f"<entry>\n<title>{escape(item.title)}</title>\n"
            f'<link rel="alternate" href="{escape(item.link)}"/>\n'
            f"<id>{escape(item.guid or item.link)}</id>\n"
            f"<updated>{item.published.isoformat()}</updated>\n"
            f"<published>{item.published.isoformat()}</published>\n"
            + (f"<author><name>{escape(item.author)}</name></author>\n" if item.author else "")
            + f'<content type="html">{escape(html)}</content>\n</entry>\n'
        )
    parts.append("</feed>\n")
    return "".join(parts).encode()
