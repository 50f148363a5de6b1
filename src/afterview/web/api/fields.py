"""What request bodies share: the kinds of text they take, references to records, and the
fields a bad value is reported under (the domain's name for a field may differ from the
body's)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Annotated

from pydantic import Field

from afterview.domain.errors import InvalidInput, NotFound
from afterview.domain.values import NAME_LENGTH, POSTING_LENGTH

# A record by its id (a number, or digits) or a part of its name that only it has.
Reference = Annotated[str, Field(min_length=1, max_length=NAME_LENGTH, coerce_numbers_to_str=True)]
# A name that must be given, a short text ('' clears it), a long one (notes, a posting), and
# a few words a service reads (a date, a duration, a salary range).
Name = Annotated[str, Field(min_length=1, max_length=NAME_LENGTH)]
Short = Annotated[str, Field(max_length=NAME_LENGTH)]
Long = Annotated[str, Field(max_length=POSTING_LENGTH)]
Words = Annotated[str, Field(max_length=100)]


@contextmanager
def body_fields(names: Mapping[str, str]) -> Iterator[None]:
    """Within the block, an error about a value in the body names the body's field: an
    InvalidInput about domain field `x` names `names[x]`, and a record of kind `x` that the
    body refers to but that does not exist is bad input in `names[x]` (422). A missing
    record of another kind (the path's) stays not found (404)."""
    try:
        yield
    except InvalidInput as error:
        error.field = names.get(error.field or "", error.field)
        raise
    except NotFound as error:
        if error.kind not in names:
            raise
        raise InvalidInput(error.message, field=names[error.kind]) from error
