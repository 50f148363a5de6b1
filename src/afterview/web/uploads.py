"""Contact files kept between an import's preview and its confirmation, so that confirming
does not ask for the file again.

Each upload is one file in the data folder's `uploads/` (owner-only), named by a random
token: a line of JSON (the file's name, its format, the column mapping, when it was kept),
then the file's bytes. Taking an upload removes it, so a token works once; cancelling
removes it too, and keeping a new one removes those older than an hour.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from afterview.domain.contacts import MAPPABLE_FIELDS
from afterview.domain.errors import InvalidInput
from afterview.services.workspace import Workspace

FOLDER = "uploads"
LIFETIME = timedelta(hours=1)
MAX_BYTES = 64 * 1024 * 1024
MAPPED = MAPPABLE_FIELDS  # the fields a CSV's columns may be mapped to
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)
GONE = (
    "That upload is no longer here: it was imported or cancelled already, or it is more "
    "than an hour old. Choose the file again."
)


@dataclass(frozen=True, slots=True)
class Upload:
    source: str  # the file's name, as messages name it
    data: bytes
    format: str = ""  # linkedin, vcard or csv; '' to find out from the file
    mapping: dict[str, str] = field(default_factory=dict)  # contact field → CSV column


def read_upload(filename: str | None, stream: BinaryIO) -> tuple[str, bytes]:
    """The file's name (without any folder) and its bytes; an empty or too large file is
    refused."""
    source = PurePosixPath((filename or "").replace("\\", "/")).name[:200] or "upload"
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            f"{source} is larger than {MAX_BYTES // 2**20} MB: import it with the command "
            "line (afterview contact import).",
            field="file",
        )
    if not data:
        problem = f"{source} is empty." if filename else "Choose a file to import."
        raise InvalidInput(problem, field="file")
    return source, data


def column_mapping(values: Mapping[str, str | None]) -> dict[str, str]:
    """{field: column} from the `map_<field>` values given (empty ones left out)."""
    found = {name: (values.get(f"map_{name}") or "").strip() for name in MAPPED}
    return {name: column for name, column in found.items() if column}


def keep_upload(folder: Path, upload: Upload, now: datetime) -> str:
    """Keep the upload; its token. Uploads older than an hour go first."""
    sweep_uploads(folder, now)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    head = {
        "source": upload.source,
        "format": upload.format,
        "mapping": upload.mapping,
        "kept_at": now.isoformat(),
    }
    descriptor = os.open(_path(folder, token), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(json.dumps(head).encode() + b"\n")
        out.write(upload.data)
    return token


def take_upload(folder: Path, token: str, now: datetime) -> Upload | None:
    """The upload kept under `token`, removed so that the token works once; None if there
    is none (never kept, taken, cancelled) or it is more than an hour old."""
    if not TOKEN.fullmatch(token):
        return None
    taken = folder / f"{token}.taken"
    try:
        _path(folder, token).rename(taken)  # atomic: a second confirmation finds nothing
    except OSError:
        return None
    try:
        raw = taken.read_bytes()
    except OSError:
        return None
    finally:
        taken.unlink(missing_ok=True)
    line, _, data = raw.partition(b"\n")
    head = _head(line)
    if head is None or _expired(head, now):
        return None
    mapping = head.get("mapping")
    return Upload(
        source=str(head.get("source", "upload")),
        data=data,
        format=str(head.get("format", "")),
        mapping={str(k): str(v) for k, v in mapping.items()} if isinstance(mapping, dict) else {},
    )


def drop_upload(folder: Path, token: str) -> None:
    """Remove the upload kept under `token`, if any."""
    if TOKEN.fullmatch(token):
        _path(folder, token).unlink(missing_ok=True)


def sweep_uploads(folder: Path, now: datetime) -> None:
    """Remove the uploads more than an hour old, and any left behind while being taken (a
    file not written whole is left)."""
    if not folder.is_dir():
        return
    for path in [*folder.glob("*.upload"), *folder.glob("*.taken")]:
        try:
            with path.open("rb") as kept:
                head = _head(kept.readline())
        except OSError:
            continue
        if head is not None and _expired(head, now):
            path.unlink(missing_ok=True)


def _path(folder: Path, token: str) -> Path:
    return folder / f"{token}.upload"


def _head(line: bytes) -> dict[str, object] | None:
    try:
        head = json.loads(line)
    except ValueError:
        return None
    return head if isinstance(head, dict) else None


def _expired(head: Mapping[str, object], now: datetime) -> bool:
    try:
        kept_at = datetime.fromisoformat(str(head.get("kept_at")))
    except ValueError:
        return True
    return kept_at.tzinfo is None or not (now - LIFETIME <= kept_at <= now + LIFETIME)


def upload_folder(ws: Workspace) -> Path:
    """Where the workspace keeps uploads: its data folder's uploads/."""
    return Path(ws.settings.data_dir) / FOLDER
