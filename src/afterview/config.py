"""The one Settings object: defaults < config file (TOML) < AFTERVIEW_* environment < flags.

Each key is declared once here, with its default and description; docs/configuration.md is
generated from these declarations (and a test keeps it in step).
"""

from __future__ import annotations

import os
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import AwareDatetime, Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from afterview.domain.errors import InvalidInput

APP_NAME = "afterview"


def default_config_dir() -> Path:
    """AFTERVIEW_CONFIG_DIR, else the platform's user config folder."""
    configured = os.environ.get("AFTERVIEW_CONFIG_DIR")
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    """The TOML file of settings: config.toml in the config folder."""
    return default_config_dir() / "config.toml"


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


class Settings(BaseSettings):
    """Afterview's settings. Environment variables are the key upper-cased with AFTERVIEW_."""

    model_config = SettingsConfigDict(env_prefix="AFTERVIEW_", extra="forbid", frozen=True)

    config_dir: Path = Field(
        default_factory=default_config_dir,
        description="Folder of config.toml and of your own templates (environment only).",
    )
    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="Folder of the SQLite database and backups.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the database; empty means SQLite in data_dir. "
        "PostgreSQL: postgresql://user:password@host/dbname.",
    )
    busy_timeout_ms: int = Field(
        default=5000, ge=0, description="How long SQLite waits for a lock, in milliseconds."
    )
    weekly_goal: int = Field(
        default=5, ge=0, description="Applications you aim to send each week (0: no goal)."
    )
    pipeline_floor: int = Field(
        default=5,
        ge=0,
        description="When fewer applications than this are active, the agenda says so.",
    )
    reference_limit: int = Field(
        default=3,
        ge=1,
        description="Warn when a reference has been given more often than this within "
        "reference_window_days (a reference asked too often tires).",
    )
    reference_window_days: int = Field(
        default=90, ge=1, description="The window, in days, for reference_limit."
    )
    review_dimensions: list[str] = Field(
        default=["preparation", "answers", "examples", "questions", "rapport", "logistics"],
        min_length=1,
        description="What a self-review rates from 1 to 5, in this order (lower case; "
        "a `rapport` of 2 or less is a red flag next to an offer).",
    )
    playbook: dict[str, dict[str, bool | str]] = Field(
        default_factory=dict,
        description="Overrides of the playbook's rules, by rule: `enabled = false`, "
        '`offset = "3bd"` (h, d, bd = business days, mo; `0d@20:00` for a time of day), '
        "`fallback` for follow-ups without a stated timeline. See docs/playbook.md.",
    )
    draft_tone: Literal["warm", "formal"] = Field(
        default="warm",
        description="The tone of new drafts: warm or formal. Your own templates go in "
        "<config_dir>/drafts/<kind>/<tone>.txt.j2 (see docs/drafts.md).",
    )
    smtp_host: str = Field(
        default="", description="SMTP server to send drafts through; empty: no sending."
    )
    smtp_port: int = Field(default=587, ge=1, le=65535, description="SMTP port.")
    smtp_security: Literal["starttls", "tls", "none"] = Field(
        default="starttls",
        description="starttls (port 587), tls (port 465) or none (only for a local relay).",
    )
    smtp_user: str = Field(
        default="",
        description="SMTP login; the password comes from AFTERVIEW_SMTP_PASSWORD or the "
        "system keyring (service afterview-smtp), never from this file.",
    )
    smtp_timeout: float = Field(
        default=20.0, gt=0, le=300, description="Seconds to wait for the SMTP server."
    )
    scan_interval_hours: float = Field(
        default=6.0,
        ge=0,
        le=24 * 30,
        description="A board scanned less than this many hours ago is read from the local "
        "cache (in <data_dir>/boards-cache) without a request; `afterview scan --refresh` "
        "asks anyway.",
    )
    scan_concurrency: int = Field(
        default=4, ge=1, le=32, description="Job boards fetched at once during a scan."
    )
    scan_timeout: float = Field(
        default=60.0,
        gt=0,
        le=600,
        description="Seconds one board may take in all (every page, try and wait) before "
        "the scan reports it failed and goes on.",
    )
    board_urls: dict[str, str] = Field(
        default_factory=dict,
        description="Another address for a job board's API, by board (greenhouse, lever, "
        "ashby, smartrecruiters, workable, recruitee, personio); `{token}` stands for the "
        "company's token. For a mirror or a local test server.",
    )
    now: AwareDatetime | None = Field(
        default=None,
        description="Fix the current time (ISO 8601 with an offset), for demos, tests and "
        "reproducing a report. Empty means the real clock.",
    )

    @field_validator("review_dimensions")
    @classmethod
    def _dimension_names(cls, names: list[str]) -> list[str]:
        keys = ["-".join(name.casefold().split()) for name in names]
        if not all(keys) or len(set(keys)) != len(keys):
            raise ValueError("each dimension needs a name, and a name of its own")
        return keys

    @field_validator("board_urls")
    @classmethod
    def _board_names(cls, urls: dict[str, str]) -> dict[str, str]:
        from afterview.domain.boards import Board

        unknown = sorted(set(urls) - {str(board) for board in Board})
        if unknown:
            raise ValueError(
                f"unknown board {', '.join(unknown)}; "
                f"the boards are {', '.join(str(board) for board in Board)}"
            )
        bad = sorted(
            name for name, url in urls.items() if not url.startswith(("http://", "https://"))
        )
        if bad:
            raise ValueError(f"the address of {', '.join(bad)} must start with http:// or https://")
        return {name: url.rstrip("/") for name, url in urls.items()}

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "afterview.db"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=config_file())
        return init_settings, env_settings, toml


def load_settings(**overrides: Any) -> Settings:
    """Settings from every source; a bad value becomes an error that names its key (the
    playbook's rule overrides included)."""
    from afterview.domain.rules import apply_overrides

    try:
        settings = Settings(**overrides)
    except tomllib.TOMLDecodeError as error:
        raise InvalidInput(f"{config_file()}: {error}") from None
    except ValidationError as error:
        problem = error.errors()[0]
        key = ".".join(str(part) for part in problem["loc"]) or "settings"
        source = config_file()
        raise InvalidInput(
            f"Setting {key!r} (in {source} or AFTERVIEW_{key.upper()}): {problem['msg']}.",
            field=key,
        ) from None
    apply_overrides(settings.playbook)
    return settings


def current_time(settings: Settings) -> datetime:
    """The fixed `now` of the settings, else the real clock (aware)."""
    from datetime import UTC

    return settings.now.astimezone(UTC) if settings.now is not None else datetime.now(UTC)
