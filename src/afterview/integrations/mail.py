"""E-mail: composing a message, .eml files, mailto links and sending over SMTP.

Messages are built with the standard library's `email` package under a 7-bit SMTP policy:
headers with non-ASCII text are RFC 2047-encoded and a non-ASCII body travels as
quoted-printable or base64, so every server and mail program can take them. Header values are
checked for line breaks, so a subject or a name can never add a header (no `Bcc:` injection).

Sending maps every failure to `SendFailed`, whose message names what failed and never contains
the password.
"""

from __future__ import annotations

import base64
import os
import re
import smtplib
import socket
import ssl
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Final, Literal
from urllib.parse import quote

from afterview.domain.errors import InvalidInput, SendFailed
from afterview.domain.values import is_loopback
from afterview.integrations.files import write_atomically

# CRLF line endings, RFC 2047 headers, and a body that is 7-bit clean.
POLICY: Final = policy.SMTP.clone(cte_type="7bit")
PASSWORD_VARIABLE: Final = "AFTERVIEW_SMTP_PASSWORD"
KEYRING_SERVICE: Final = "afterview-smtp"
NOTHING_SENT: Final = "Nothing was sent."

# Anything that could end a header line: C0 controls except tab, DEL, and Unicode line breaks.
_LINE_BREAK = re.compile("[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")
# A plain addr-spec: no spaces, comments, quotes, brackets or second "@".
_ADDRESS = re.compile(r'[^\s@<>()\[\],;:"\\]+@[^\s@<>()\[\],;:"\\]+')
_ROLES: Final = {"from": "sender", "to": "recipient"}


def compose_message(
    *,
    from_name: str,
    from_email: str,
    to_name: str,
    to_email: str,
    subject: str,
    body: str,
    at: datetime,
) -> EmailMessage:
    """A text/plain UTF-8 message dated `at` (aware; its offset is kept)."""
    if at.utcoffset() is None:
        raise ValueError("compose_message needs an aware datetime")
    sender = _address(from_name, from_email, "from")
    recipient = _address(to_name, to_email, "to")
    if _LINE_BREAK.search(subject):
        raise InvalidInput("The subject must be a single line.", field="subject")
    message = EmailMessage(policy=POLICY)
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = format_datetime(at)
    message["Message-ID"] = make_msgid(domain=sender.domain)
    message["MIME-Version"] = "1.0"
    message.set_content(body, charset="utf-8")
    return message


def _address(name: str, email: str, field: str) -> Address:
    """`email` checked and parsed, with `name` as its display name; InvalidInput otherwise."""
    role = _ROLES[field]
    email = email.strip()
    if not email:
        raise InvalidInput(f"The {role}'s e-mail address is missing.", field=field)
    if _LINE_BREAK.search(name) or _LINE_BREAK.search(email):
        raise InvalidInput(f"The {role}'s name and address must be a single line.", field=field)
    invalid = InvalidInput(f"{email!r} is not a valid e-mail address.", field=field)
    if not _ADDRESS.fullmatch(email):
        raise invalid
    local, _, domain = email.rpartition("@")
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
        return Address(display_name=name.strip(), addr_spec=f"{local}@{ascii_domain}")
    except (ValueError, IndexError, HeaderParseError) as error:
        raise invalid from error


def eml_bytes(message: EmailMessage) -> bytes:
    """The message as an RFC 5322 file: CRLF line endings."""
    return message.as_bytes(policy=message.policy.clone(linesep="\r\n"))


def write_eml(message: EmailMessage, path: Path) -> None:
    """Write the .eml file so that `path` holds either the old file or the whole new one."""
    write_atomically(path, eml_bytes(message))


def mailto_link(*, to_email: str, subject: str, body: str) -> str:
    """An RFC 6068 mailto: URI; the body's line breaks become %0D%0A."""
    address = _address("", to_email, "to").addr_spec
    fields = {"subject": subject, "body": re.sub(r"\r\n|\r|\n", "\r\n", body)}
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in fields.items() if value)
    return f"mailto:{quote(address, safe='@')}" + (f"?{query}" if query else "")


@dataclass(frozen=True)
class SmtpServer:
    """Where to send: "starttls" upgrades a plain connection (587), "tls" is SMTPS (465)."""

    host: str
    port: int
    security: Literal["starttls", "tls", "none"] = "starttls"
    user: str = ""
    timeout: float = 20.0
    # An extra trusted CA (self-hosted servers, tests); the system store is always trusted.
    ca_file: Path | None = None


def smtp_password(user: str, env_var: str = PASSWORD_VARIABLE) -> str | None:
    """The SMTP password: the environment variable first, then the system keyring, else None."""
    from_environment = os.environ.get(env_var)
    if from_environment:
        return from_environment
    if not user:
        return None
    try:
        import keyring  # Imported here: slow to import, and only needed here.

        return keyring.get_password(KEYRING_SERVICE, user)
    except Exception:  # No backend, a locked or broken one: no password, never a crash.
        return None


def send_message(server: SmtpServer, message: EmailMessage, password: str | None) -> None:
    """Send `message` through `server`; SendFailed says what failed (nothing was sent)."""
    if server.user and not password:
        raise SendFailed(
            f"No SMTP password for {server.user}: set {PASSWORD_VARIABLE} or store it with "
            f"`keyring set {KEYRING_SERVICE} {server.user}`. {NOTHING_SENT}"
        )
    if server.user and server.security == "none" and not is_loopback(server.host):
        raise SendFailed(
            f"Refusing to send your password to {server.host} unencrypted: use "
            f'smtp_security = "starttls" or "tls" (none is for a relay on this machine). '
            f"{NOTHING_SENT}"
        )
    try:
        connection = _connect(server)
        try:
            _deliver(connection, server, message, password or "")
        finally:
            _close(connection)
    except smtplib.SMTPException as error:  # before OSError: SMTPException is one
        raise SendFailed(f"{_smtp_failure(server, error)} {NOTHING_SENT}") from error
    except OSError as error:
        raise SendFailed(f"{_network_failure(server, error)} {NOTHING_SENT}") from error


def _connect(server: SmtpServer) -> smtplib.SMTP:
    if server.security == "tls":
        context = _tls_context(server)
        return smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout, context=context)
    return smtplib.SMTP(server.host, server.port, timeout=server.timeout)


def _tls_context(server: SmtpServer) -> ssl.SSLContext:
    """The system's trusted CAs (plus `ca_file`), with hostname checking."""
    context = ssl.create_default_context()
    if server.ca_file is not None:
        context.load_verify_locations(cafile=server.ca_file)
    return context


def _deliver(
    connection: smtplib.SMTP, server: SmtpServer, message: EmailMessage, password: str
) -> None:
    where = f"{server.host}:{server.port}"
    connection.ehlo_or_helo_if_needed()
    if server.security == "starttls":
        if not connection.has_extn("starttls"):
            raise SendFailed(
                f"{where} does not offer STARTTLS, so the message would travel unencrypted. "
                f'{NOTHING_SENT} (Use security "tls" for port 465.)'
            )
        connection.starttls(context=_tls_context(server))
        connection.ehlo_or_helo_if_needed()
    if server.user:
        _login(connection, server.user, password)
    refused = connection.send_message(message)
    if refused:  # Only when some recipients took it: say who did not.
        raise SendFailed(f"{_refused_recipients(refused)} The other recipients got the message.")


def _login(connection: smtplib.SMTP, user: str, password: str) -> None:
    """smtplib's login, except that it cannot send non-ASCII credentials: those go as
    AUTH PLAIN in UTF-8 (RFC 4616)."""
    if f"{user}{password}".isascii():
        connection.login(user, password)
        return
    token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
    code, reply = connection.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _close(connection: smtplib.SMTP) -> None:
    try:
        connection.quit()
    except (smtplib.SMTPException, OSError):
        connection.close()


def _reply(code: int, text: bytes | str) -> str:
    shown = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(shown.split())}".rstrip(".")


def _refused_recipients(recipients: dict[str, tuple[int, bytes]]) -> str:
    shown = "; ".join(f"{address}: {_reply(*reply)}" for address, reply in recipients.items())
    return f"The server refused the recipient {shown}."


def _smtp_failure(server: SmtpServer, error: smtplib.SMTPException) -> str:
    """What went wrong in the SMTP conversation, in one sentence."""
    where = f"{server.host}:{server.port}"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        if isinstance(error.__context__, TimeoutError):
            return _network_failure(server, error.__context__)
        return f"The SMTP server {where} closed the connection unexpectedly."
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return _refused_recipients(error.recipients)
    if not isinstance(error, smtplib.SMTPResponseException):
        return f"Sending through {where} failed ({type(error).__name__}): {str(error).rstrip('.')}."
    reply = _reply(error.smtp_code, error.smtp_error)
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return f"The server refused the login for user {server.user}: {reply}."
    if isinstance(error, smtplib.SMTPSenderRefused):
        return f"The server refused the sender {error.sender}: {reply}."
    if isinstance(error, smtplib.SMTPDataError):
        return f"The server refused the message: {reply}."
    if isinstance(error, smtplib.SMTPConnectError):
        return f"{where} refused the connection: {reply}."
    return f"Sending through {where} failed ({type(error).__name__}): {reply}."


def _network_failure(server: SmtpServer, error: OSError) -> str:
    """What went wrong below SMTP (connection, name lookup, TLS), in one sentence."""
    where = f"{server.host}:{server.port}"
    if isinstance(error, ConnectionRefusedError):
        return f"Could not connect to {where}: connection refused."
    if isinstance(error, TimeoutError):
        return f"The SMTP server {where} did not answer within {server.timeout:g} s."
    if isinstance(error, socket.gaierror):
        return f"Could not find the SMTP server {server.host}: {error.strerror}."
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"TLS with {where} failed: its certificate is not trusted ({error.verify_message})."
    if isinstance(error, ssl.SSLError):
        return f"TLS with {where} failed: {error.reason or error}."
    detail = (error.strerror or str(error)).rstrip(".")
    return f"Could not send through {where} ({type(error).__name__}): {detail}."
