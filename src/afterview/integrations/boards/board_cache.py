"""The local copy of each board's last answer: one JSON file per board and token.

`<folder>/<board>[-<region>]-<token>-<hash>.json` holds when the board was fetched and, per
page, its URL, body, ETag and Last-Modified (the validators a conditional request sends back).
Files are written atomically; one that cannot be read counts as no copy (caches are rebuilt,
not migrated).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from afterview.domain.boards import BoardRef
from afterview.integrations.files import write_atomically

VERSION = 1


@dataclass(frozen=True, slots=True)
class CachedPage:
    url: str
    body: bytes
    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True, slots=True)
class CachedBoard:
    fetched_at: datetime
    pages: tuple[CachedPage, ...]

    def page(self, url: str) -> CachedPage | None:
        return next((page for page in self.pages if page.url == url), None)


def cache_path(folder: Path, ref: BoardRef, token: str) -> Path:
    """The file of one board and token; the hash keeps tokens differing in case apart."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", token)[:60]
    digest = hashlib.sha256(f"{ref.board}:{ref.region}:{token}".encode()).hexdigest()[:10]
    region = f"-{ref.region.lower()}" if ref.region else ""
    return folder / f"{ref.board}{region}-{safe}-{digest}.json"


def read_cached(path: Path) -> CachedBoard | None:
    try:
        data = json.loads(path.read_bytes())
        if data.get("version") != VERSION:
            return None
        fetched_at = datetime.fromisoformat(data["fetched_at"])
        if fetched_at.tzinfo is None:
            return None
        pages = tuple(
            CachedPage(
                url=page["url"],
                body=_body(page),
                etag=page.get("etag", ""),
                last_modified=page.get("last_modified", ""),
            )
            for page in data["pages"]
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return CachedBoard(fetched_at, pages)


def write_cached(path: Path, board: CachedBoard) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "version": VERSION,
        "fetched_at": board.fetched_at.isoformat(),
        "pages": [
            {"url": page.url, "etag": page.etag, "last_modified": page.last_modified}
            | _stored_body(page.body)
            for page in board.pages
        ],
    }
    write_atomically(path, json.dumps(data, ensure_ascii=False, indent=1).encode())


def _stored_body(body: bytes) -> dict[str, str]:
    try:
        return {"body": body.decode()}
    except UnicodeDecodeError:
        return {"body_base64": base64.b64encode(body).decode("ascii")}


def _body(page: dict[str, str]) -> bytes:
    if "body_base64" in page:
        return base64.b64decode(page["body_base64"], validate=True)
    return page["body"].encode()
