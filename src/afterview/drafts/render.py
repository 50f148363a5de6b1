"""Render a draft: the template of its kind and tone, filled with its facts.

Templates are looked up in the user's `<config_dir>/drafts/` first and among the shipped ones
after, as `<kind>/<tone>.txt.j2`. Every field of `DraftFacts` is a top-level variable, and an
unknown variable is an error (StrictUndefined), never an empty string in a sent mail.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any

import jinja2

from afterview.domain.drafts import DraftFacts, DraftKind, Rendered, Tone, parse_template_text
from afterview.domain.errors import InvalidInput


def template_environment(config_dir: Path | None) -> jinja2.Environment:
    """The environment drafts render in: your templates first, the shipped ones as fallback."""
    loaders: list[jinja2.BaseLoader] = []
    if config_dir is not None:
        loaders.append(jinja2.FileSystemLoader(config_dir / "drafts"))
    loaders.append(jinja2.PackageLoader("afterview.drafts", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        # Drafts are plain-text mail, never HTML: escaping would put &amp; and &#39; in them.
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["names"] = join_names
    env.filters["lower_first"] = lower_first
    return env


def template_name(kind: DraftKind, tone: Tone) -> str:
    return f"{kind}/{tone}.txt.j2"


def render_draft(env: jinja2.Environment, facts: DraftFacts) -> Rendered:
    """The subject and body of a draft; a broken template is `InvalidInput` naming it."""
    name = template_name(facts.kind, facts.tone)
    try:
        text = env.get_template(name).render(_variables(facts))
    except jinja2.TemplateSyntaxError as exc:
        raise _template_error(exc.name or name, exc.lineno, exc.message or str(exc)) from None
    except jinja2.TemplateNotFound as exc:
        raise InvalidInput(f"Template drafts/{exc.name} not found.", field="template") from None
    except jinja2.TemplateError as exc:
        raise _template_error(name, _template_line(exc), exc.message or str(exc)) from None
    return parse_template_text(text, source=f"drafts/{name}")


def join_names(names: Iterable[str]) -> str:
    """('Ana',) → 'Ana'; ('Ana', 'Bo') → 'Ana and Bo'; ('Ana', 'Bo', 'Cy') → 'Ana, Bo and Cy'."""
    items = [name for name in names if name]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


# Words that open a requirement, a topic or an accomplishment and are no name: only these
# (and verbs in -ed or -ing) lose their capital mid-sentence, so 'Python', 'Kafka' or
# 'Berlin' keep theirs.
COMMON_OPENERS = frozenset(
    """a an the their our your my his her its this that these those some any all each
    experience hands-on familiarity knowledge strong proven excellent solid deep good great
    working understanding ability track background degree comfort fluency expertise passion
    at least years year several many more most how what why when where who which whether
    built led cut ran grew won wrote taught drove brought made took set kept put sold spent
    held gave got went began rebuilt rewrote overhauled oversaw""".split()  # noqa: SIM905 - a word list
)


def lower_first(text: str) -> str:
    """'Their move to Rust' → 'their move to Rust', for use mid-sentence. Only a common opening
    word or a verb ('Migrated', 'Building') is lowered: names ('Python', 'API design',
    'GraphQL') and the pronoun I keep their capitals."""
    first_word = text.split(maxsplit=1)[0] if text.strip() else ""
    if not first_word or any(c.isupper() for c in first_word[1:]):
        return text
    bare = first_word.strip(".,:;!?()'\"“”‘’").casefold()
    if bare not in COMMON_OPENERS and not (len(bare) > 4 and bare.endswith(("ed", "ing"))):
        return text
    start = text.index(first_word)
    return text[:start] + first_word[0].lower() + text[start + 1 :]


def _variables(facts: DraftFacts) -> dict[str, Any]:
    return {field.name: getattr(facts, field.name) for field in fields(facts)}


def _template_error(name: str, line: int | None, problem: str) -> InvalidInput:
    where = f", line {line}" if line else ""
    return InvalidInput(f"Template drafts/{name}{where}: {problem}", field="template")


def _template_line(exc: BaseException) -> int | None:
    """The template line a runtime error came from, from the traceback Jinja rewrites so that
    its frames point into the template (they carry `__jinja_exception__`)."""
    line = None
    frame = exc.__traceback__
    while frame is not None:
        if "__jinja_exception__" in frame.tb_frame.f_globals:
            line = frame.tb_lineno
        frame = frame.tb_next
    return line
