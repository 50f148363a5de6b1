"""E-mail: composing, .eml files, mailto links, and sending to a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import os
import shutil
import socket
import ssl
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest

from afterview.domain.errors import InvalidInput, SendFailed
from afterview.integrations.mail import (
    SmtpServer,
    compose_message,
    eml_bytes,
    mailto_link,
    send_message,
    smtp_password,
    write_eml,
)
from tests.smtpserver import (
    Recorder,
    RejectingRecipients,
    StartServer,
    accept_only,
    free_port,
)

AT = datetime(2026, 11, 26, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
FROM_NAME = "Zoë Ångström"
TO_NAME = "Łukasz Żółć, Jr."
SUBJECT = "Danke für das Gespräch – nächste Schritte"
BODY = "Hallo Łukasz,\n\nvielen Dank für das Gespräch — ich freue mich.\n\nViele Grüße\nZoë\n"
PASSWORD = "s3cret-Pässwort"
# smtplib sends only ASCII credentials itself; the others take another path.
PASSWORDS = pytest.mark.parametrize(
    "password", ["s3cret-password", PASSWORD], ids=["ascii", "utf8"]
)


def make_message(**overrides: Any) -> EmailMessage:
    values: dict[str, Any] = {
        "from_name": FROM_NAME,
        "from_email": "zoe@example.org",
        "to_name": TO_NAME,
        "to_email": "lukasz@example.com",
        "subject": SUBJECT,
        "body": BODY,
        "at": AT,
    }
    return compose_message(**(values | overrides))


def parse(raw: bytes) -> EmailMessage:
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def text_of(parsed: EmailMessage) -> str:
    """The decoded body with its line breaks as in Python: on the wire and in .eml files they
    are CRLF, and the parser keeps them."""
    content = parsed.get_content()
    assert isinstance(content, str)
    return content.replace("\r\n", "\n")


# --- TLS material made at test time -----------------------------------------------------------


@dataclass(frozen=True)
class Certificate:
    cert_file: Path
    key_file: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context


def _certificate_with_cryptography(folder: Path) -> Certificate:
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Afterview test server")])
    start = datetime(2020, 1, 1, tzinfo=ZoneInfo("UTC"))
    extensions: list[tuple[x509.ExtensionType, bool]] = [
        (x509.BasicConstraints(ca=True, path_length=None), True),
        (
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            False,
        ),
        (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False),
        (x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False),
        (x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), False),
    ]
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=365 * 30))
    )
    for extension, critical in extensions:
        builder = builder.add_extension(extension, critical=critical)
    certificate = builder.sign(key, hashes.SHA256())
    cert_file, key_file = folder / "server.crt", folder / "server.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return Certificate(cert_file, key_file)


def _certificate_with_openssl(folder: Path, openssl: str) -> Certificate:
    cert_file, key_file = folder / "server.crt", folder / "server.key"
    options = "-x509 -nodes -days 2 -newkey ec -pkeyopt ec_paramgen_curve:P-256"
    names = "subjectAltName=DNS:localhost,IP:127.0.0.1"
    files = ["-keyout", str(key_file), "-out", str(cert_file)]
    subprocess.run(
        [openssl, "req", *options.split(), "-addext", names, "-subj", "/CN=test", *files],
        check=True,
        capture_output=True,
    )
    return Certificate(cert_file, key_file)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    """A self-signed certificate for 127.0.0.1. `cryptography` comes with keyring on Linux
    (through SecretStorage); the openssl command is the fallback. CI never skips."""
    folder = tmp_path_factory.mktemp("tls")
    try:
        return _certificate_with_cryptography(folder)
    except ImportError:
        openssl = shutil.which("openssl")
        if openssl is not None:
            return _certificate_with_openssl(folder, openssl)
    reason = "neither the cryptography package nor the openssl command is available"
    if os.environ.get("CI"):
        pytest.fail(f"TLS tests need a certificate in CI: {reason}")
    pytest.skip(reason)


# --- Composing -------------------------------------------------------------------------------


def test_a_message_sent_to_a_real_server_arrives_whole(smtpd: StartServer) -> None:
    handler = Recorder()
    port = smtpd(handler)

    send_message(SmtpServer("127.0.0.1", port, security="none"), make_message(), None)

    [received] = handler.received
    assert received.mail_from == "zoe@example.org"
    assert received.rcpt_tos == ["lukasz@example.com"]
    assert received.authenticated is False
    parsed = parse(received.content)
    [sender] = parsed["From"].addresses
    assert (sender.display_name, sender.addr_spec) == (FROM_NAME, "zoe@example.org")
    [recipient] = parsed["To"].addresses
    assert (recipient.display_name, recipient.addr_spec) == (TO_NAME, "lukasz@example.com")
    assert parsed["Subject"] == SUBJECT
    assert parsed["Date"].datetime == AT
    assert parsed["Date"].datetime.utcoffset() == timedelta(hours=1)
    assert parsed["Message-ID"].startswith("<")
    assert parsed["Message-ID"].endswith("@example.org>")
    assert parsed["MIME-Version"] == "1.0"
    assert parsed.get_content_type() == "text/plain"
    assert parsed.get_content_charset() == "utf-8"
    assert text_of(parsed) == BODY


def test_headers_and_body_are_seven_bit_clean() -> None:
    raw = eml_bytes(make_message())

    assert raw.isascii()
    assert b"=?utf-8?" in raw  # RFC 2047 encoded words for the names and the subject
    assert parse(raw)["Content-Transfer-Encoding"] in {"quoted-printable", "base64"}


def test_each_message_gets_its_own_message_id() -> None:
    assert make_message()["Message-ID"] != make_message()["Message-ID"]


def test_a_naive_date_is_a_bug() -> None:
    with pytest.raises(ValueError, match="aware"):
        make_message(at=datetime(2026, 11, 26, 10, 0))  # noqa: DTZ001


@pytest.mark.parametrize("address", ["", "  ", "no-at-sign", "a@", "@example.org"])
@pytest.mark.parametrize("role", ["from", "to"])
def test_a_missing_or_malformed_address_is_refused(role: str, address: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        make_message(**{f"{role}_email": address})

    assert caught.value.field == role


@pytest.mark.parametrize(
    "address",
    ["a b@example.org", "a@b@example.org", "<a@example.org>", "a@example.org (me)", "zoë@b.de"],
)
def test_an_address_with_extra_syntax_is_refused(address: str) -> None:
    with pytest.raises(InvalidInput, match="not a valid e-mail address") as caught:
        make_message(to_email=address)

    assert caught.value.field == "to"


INJECTION = "Hello\r\nBcc: x@y"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"subject": INJECTION}, "subject"),
        ({"subject": "Hello\nBcc: x@y"}, "subject"),
        ({"subject": "Hello\u2028Bcc: x@y"}, "subject"),
        ({"from_name": INJECTION}, "from"),
        ({"to_name": INJECTION}, "to"),
        ({"to_email": "lukasz@example.com\r\nBcc: x@y"}, "to"),
        ({"from_email": "zoe@example.org\nBcc: x@y"}, "from"),
    ],
)
def test_a_line_break_in_a_header_value_is_refused(overrides: dict[str, str], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        make_message(**overrides)

    assert caught.value.field == field


def test_a_name_that_looks_like_a_header_stays_inside_its_header() -> None:
    raw = eml_bytes(make_message(to_name="Bcc: x@y", subject="Bcc: x@y"))

    parsed = parse(raw)
    assert "Bcc" not in parsed
    assert parsed["Subject"] == "Bcc: x@y"
    assert parsed["To"].addresses[0].display_name == "Bcc: x@y"
    assert not any(line.lower().startswith(b"bcc") for line in raw.split(b"\r\n"))


# --- .eml files ------------------------------------------------------------------------------


def test_an_eml_file_reads_back_with_the_email_parser(tmp_path: Path) -> None:
    message = make_message()
    path = tmp_path / "thank-you.eml"

    write_eml(message, path)

    raw = path.read_bytes()
    parsed = parse(raw)
    assert parsed["From"].addresses[0].display_name == FROM_NAME
    assert parsed["To"].addresses[0].addr_spec == "lukasz@example.com"
    assert parsed["Subject"] == SUBJECT
    assert parsed["Date"].datetime == AT
    assert parsed["Message-ID"] == message["Message-ID"]
    assert text_of(parsed) == BODY
    assert raw.count(b"\n") == raw.count(b"\r\n") > 0
    assert [p.name for p in tmp_path.iterdir()] == ["thank-you.eml"]  # no temporary file left


def test_writing_an_eml_file_replaces_the_old_one_whole(tmp_path: Path) -> None:
    path = tmp_path / "thank-you.eml"
    path.write_bytes(b"old")

    write_eml(make_message(subject="Second"), path)

    assert parse(path.read_bytes())["Subject"] == "Second"
    assert [p.name for p in tmp_path.iterdir()] == ["thank-you.eml"]


# --- mailto ----------------------------------------------------------------------------------


def test_a_mailto_link_parses_back_to_its_parts() -> None:
    body = "Hallo Łukasz,\n\n100% & more? Yes = good.\nZoë"
    subject = "Danke für das Gespräch & #2"

    link = mailto_link(to_email="lukasz+jobs@example.com", subject=subject, body=body)

    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "lukasz+jobs@example.com"
    assert parse_qs(parts.query) == {
        "subject": [subject],
        "body": [body.replace("\n", "\r\n")],
    }
    assert " " not in link
    assert "+" not in link  # a plus would read as a space in form-encoding
    assert "%20" in link
    assert "%0D%0A" in link


def test_a_mailto_link_without_subject_or_body_is_just_the_address() -> None:
    assert mailto_link(to_email="a@example.org", subject="", body="") == "mailto:a@example.org"


def test_a_mailto_link_cannot_gain_a_field() -> None:
    link = mailto_link(to_email="a@example.org", subject="Hi&bcc=x@y", body="?cc=x@y#")

    assert set(parse_qs(urlsplit(link).query)) == {"subject", "body"}
    with pytest.raises(InvalidInput):
        mailto_link(to_email="a@example.org?bcc=x@y", subject="", body="")


# --- Sending: success paths ------------------------------------------------------------------


@PASSWORDS
def test_login_with_the_right_password_sends(smtpd: StartServer, password: str) -> None:
    handler = Recorder()
    port = smtpd(handler, authenticator=accept_only("zoe", password), auth_require_tls=False)
    server = SmtpServer("127.0.0.1", port, security="none", user="zoe")

    send_message(server, make_message(), password)

    [received] = handler.received
    assert received.authenticated is True


def test_starttls_with_a_trusted_certificate_sends(
    smtpd: StartServer, certificate: Certificate
) -> None:
    handler = Recorder()
    port = smtpd(
        handler,
        tls_context=certificate.server_context(),
        require_starttls=True,  # the server refuses MAIL until TLS is up
        authenticator=accept_only("zoe", PASSWORD),
    )
    server = SmtpServer("127.0.0.1", port, user="zoe", ca_file=certificate.cert_file)

    send_message(server, make_message(), PASSWORD)

    [received] = handler.received
    assert received.authenticated is True
    assert text_of(parse(received.content)) == BODY


def test_implicit_tls_sends(smtpd: StartServer, certificate: Certificate) -> None:
    handler = Recorder()
    port = smtpd(handler, ssl_context=certificate.server_context())
    server = SmtpServer("127.0.0.1", port, security="tls", ca_file=certificate.cert_file)

    send_message(server, make_message(), None)

    assert len(handler.received) == 1


# --- Sending: failures -----------------------------------------------------------------------


def test_connection_refused() -> None:
    port = free_port()

    with pytest.raises(SendFailed) as caught:
        send_message(SmtpServer("127.0.0.1", port), make_message(), None)

    assert caught.value.message == (
        f"Could not connect to 127.0.0.1:{port}: connection refused. Nothing was sent."
    )
    assert caught.value.code == "send_failed"
    assert caught.value.exit_code == 8


def test_an_unknown_host(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_name(*args: Any, **kwargs: Any) -> socket.socket:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "create_connection", no_such_name)

    with pytest.raises(SendFailed) as caught:
        send_message(SmtpServer("smtp.invalid", 587), make_message(), None)

    assert caught.value.message == (
        "Could not find the SMTP server smtp.invalid: Name or service not known. Nothing was sent."
    )


def test_a_server_that_never_answers_times_out() -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts (backlog), never speaks
        port = silent.getsockname()[1]
        server = SmtpServer("127.0.0.1", port, timeout=0.5)

        with pytest.raises(SendFailed) as caught:
            send_message(server, make_message(), None)

    assert caught.value.message == (
        f"The SMTP server 127.0.0.1:{port} did not answer within 0.5 s. Nothing was sent."
    )


@PASSWORDS
def test_wrong_password(smtpd: StartServer, password: str) -> None:
    handler = Recorder()
    port = smtpd(handler, authenticator=accept_only("zoe", "other"), auth_require_tls=False)
    server = SmtpServer("127.0.0.1", port, security="none", user="zoe")

    with pytest.raises(SendFailed) as caught:
        send_message(server, make_message(), password)

    assert caught.value.message == (
        "The server refused the login for user zoe: 535 5.7.8 Authentication credentials invalid. "
        "Nothing was sent."
    )
    assert password not in repr(caught.value)
    assert handler.received == []


def test_a_user_without_a_password() -> None:
    server = SmtpServer("127.0.0.1", free_port(), user="zoe@example.org")

    with pytest.raises(SendFailed) as caught:
        send_message(server, make_message(), None)

    assert caught.value.message == (
        "No SMTP password for zoe@example.org: set AFTERVIEW_SMTP_PASSWORD or store it with "
        "`keyring set afterview-smtp zoe@example.org`. Nothing was sent."
    )


def test_a_rejected_recipient(smtpd: StartServer) -> None:
    handler = RejectingRecipients()
    port = smtpd(handler)

    with pytest.raises(SendFailed) as caught:
        send_message(SmtpServer("127.0.0.1", port, security="none"), make_message(), None)

    assert caught.value.message == (
        "The server refused the recipient lukasz@example.com: 550 5.1.1 No such user. "
        "Nothing was sent."
    )
    assert handler.received == []


def test_starttls_demanded_but_not_offered(smtpd: StartServer) -> None:
    handler = Recorder()
    port = smtpd(handler, authenticator=accept_only("zoe", PASSWORD), auth_require_tls=False)
    server = SmtpServer("127.0.0.1", port, security="starttls", user="zoe")

    with pytest.raises(SendFailed) as caught:
        send_message(server, make_message(), PASSWORD)

    assert caught.value.message.startswith(f"127.0.0.1:{port} does not offer STARTTLS")
    assert "Nothing was sent." in caught.value.message
    assert handler.received == []


def test_starttls_with_an_untrusted_certificate(
    smtpd: StartServer, certificate: Certificate
) -> None:
    handler = Recorder()
    port = smtpd(handler, tls_context=certificate.server_context())

    with pytest.raises(SendFailed) as caught:  # the system store does not know our test CA
        send_message(SmtpServer("127.0.0.1", port), make_message(), None)

    assert caught.value.message.startswith(
        f"TLS with 127.0.0.1:{port} failed: its certificate is not trusted ("
    )
    assert handler.received == []


# --- The password ----------------------------------------------------------------------------


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1

    def __init__(self, passwords: dict[tuple[str, str], str]) -> None:
        super().__init__()
        self.passwords = passwords

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[service, username] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.passwords[service, username]


class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("the keyring is locked")


@pytest.fixture
def use_keyring() -> Iterator[Callable[[keyring.backend.KeyringBackend], None]]:
    previous = keyring.get_keyring()
    try:
        yield keyring.set_keyring
    finally:
        keyring.set_keyring(previous)


def test_the_environment_variable_wins(monkeypatch: pytest.MonkeyPatch, use_keyring) -> None:
    use_keyring(MemoryKeyring({("afterview-smtp", "zoe"): "from-keyring"}))
    monkeypatch.setenv("AFTERVIEW_SMTP_PASSWORD", "from-environment")

    assert smtp_password("zoe") == "from-environment"


def test_the_password_comes_from_the_keyring(use_keyring) -> None:
    use_keyring(MemoryKeyring({("afterview-smtp", "zoe"): "from-keyring"}))

    assert smtp_password("zoe") == "from-keyring"
    assert smtp_password("someone-else") is None


@pytest.mark.parametrize(
    "backend", [LockedKeyring({}), keyring.backends.fail.Keyring()], ids=["locked", "none"]
)
def test_a_failing_keyring_means_no_password(
    backend: keyring.backend.KeyringBackend, use_keyring
) -> None:
    use_keyring(backend)

    assert smtp_password("zoe") is None


def test_a_password_never_goes_out_unencrypted_to_another_machine() -> None:
    server = SmtpServer(host="smtp.example.com", port=25, security="none", user="sam")
    with pytest.raises(SendFailed) as caught:
        send_message(server, make_message(), "hunter2")
    assert caught.value.message == (
        "Refusing to send your password to smtp.example.com unencrypted: use "
        'smtp_security = "starttls" or "tls" (none is for a relay on this machine). '
        "Nothing was sent."
    )
