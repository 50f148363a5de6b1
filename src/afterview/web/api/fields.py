"""What request bodies share: references to records, and the fields a bad value is reported
under (the domain's name for a field may differ from the body's)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Annotated

from pydantic import Field

from afterview.domain.errors import InvalidInput
from afterview.domain.values import NAME_LENGTH

# A record by its id (a number, or digits) or a part of its name that only it has.
Reference = Annotated[str, Field(min_length=1, max_length=NAME_LENGTH, coerce_numbers_to_str=True)]


@contextmanager
def body_fields(names: Mapping[str, str]) -> Iterator[None]:
    """Within the block, an InvalidInput about domain field `x` names `names[x]` instead."""
    try:
        yield
    except InvalidInput as error:
        error.field = names.get(error.field or "", error.field)
        raise
