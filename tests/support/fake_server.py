"""What the fake Slack and the fake Telegram share: an aiohttp app on 127.0.0.1 (port 0),
the calls it received, and a condition tests wait on until what they expect has arrived.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self, TypeVar

import pytest
from aiohttp import web


@dataclass
class FakeServer:
    """Lifecycle and waiting; subclasses add their routes and fresh state in ``_set_up``."""

    # Seconds aiohttp waits for open connections when the fake stops.
    shutdown_timeout_s: ClassVar[float] = 60.0

    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    _changed: asyncio.Condition | None = None
    _runner: web.AppRunner | None = None
    _port: int = 0

    def _set_up(self, app: web.Application) -> None:
        raise NotImplementedError

    async def _before_stop(self) -> None:
        return None

    async def start(self) -> Self:
        self._changed = asyncio.Condition()
        app = web.Application()
        self._set_up(app)
        self._runner = web.AppRunner(
            app, handle_signals=False, shutdown_timeout=self.shutdown_timeout_s
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        await self._before_stop()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def calls_of(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    async def _wait(self, predicate: Callable[[], bool], timeout_s: float) -> None:
        """Wait until ``predicate`` holds (fails the test on timeout)."""
        assert self._changed is not None
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), timeout_s)

    async def _notify(self) -> None:
        assert self._changed is not None
        async with self._changed:
            self._changed.notify_all()


async def request_params(request: web.Request) -> dict[str, Any]:
    """Query, JSON body or form fields of an API call, as one mapping (uploaded files left out)."""
    params: dict[str, Any] = dict(request.query)
    if request.can_read_body:
        if request.content_type == "application/json":
            params.update(await request.json())
        else:
            form = await request.post()
            params.update({key: value for key, value in form.items() if isinstance(value, str)})
    return params


Server = TypeVar("Server", bound=FakeServer)


def served(make: Callable[[], Server]) -> Any:
    """One test's running ``make()``; a module binds it as ``fake = served(FakeSlack)``."""

    async def serve() -> AsyncIterator[Server]:
        async with make() as server:
            yield server

    return pytest.fixture(serve)
