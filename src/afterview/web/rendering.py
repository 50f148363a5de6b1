"""The page templates: yours in <config_dir>/web first, then the shipped ones; autoescaped."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, select_autoescape

from afterview.config import Settings
from afterview.web.pages.answers import web_link


def page_templates(settings: Settings) -> Jinja2Templates:
    environment = Environment(
        loader=ChoiceLoader(
            [
                FileSystemLoader(Path(settings.config_dir) / "web"),
                PackageLoader("afterview.web", "templates"),
            ]
        ),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["local"] = local_time
    environment.filters["label"] = lambda value: str(value).replace("_", " ")
    environment.globals["web_link"] = web_link
    return Jinja2Templates(env=environment)


def local_time(moment: datetime, zone: str, fmt: str = "%a %d %b, %H:%M") -> str:
    return moment.astimezone(ZoneInfo(zone)).strftime(fmt)
