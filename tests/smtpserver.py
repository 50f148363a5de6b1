"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd), and the handlers tests use with it.

The `smtpd` fixture (tests/conftest.py) starts servers with these handlers; aiosmtpd cannot
pick a free port itself (TOOLING.md), so `free_port` finds one first.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

StartServer = Callable[..., int]


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (aiosmtpd cannot pick one itself)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes
    authenticated: bool


@dataclass
class Recorder:
    """An aiosmtpd handler that keeps every message it accepts."""

    received: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        assert envelope.mail_from is not None
        assert isinstance(envelope.original_content, bytes)
        self.received.append(
            Received(
                envelope.mail_from,
                list(envelope.rcpt_tos),
                envelope.original_content,
                bool(session.authenticated),
            )
        )
        return "250 2.0.0 OK"


class RejectingRecipients(Recorder):
    async def handle_RCPT(
        self,
        server: Any,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        return "550 5.1.1 No such user"


def accept_only(user: str, password: str) -> Callable[..., AuthResult]:
    def authenticate(
        server: Any, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and auth_data == (
            user.encode(),
            password.encode(),
        )
        return AuthResult(success=ok, handled=False)

    return authenticate


@contextmanager
def smtp_servers() -> Iterator[StartServer]:
    """Start aiosmtpd servers on 127.0.0.1 (keyword arguments go to Controller); gives the port.
    Every server started is stopped on the way out."""
    controllers: list[Controller] = []

    def start(handler: Recorder, **options: Any) -> int:
        port = free_port()
        controller = Controller(
            handler, hostname="127.0.0.1", port=port, server_hostname="localhost", **options
        )
        controller.start()
        controllers.append(controller)
        return port

    try:
        yield start
    finally:
        for controller in controllers:
            controller.stop()
