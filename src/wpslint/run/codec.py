"""Document reports back from the JSON the cache holds.

JSON rather than pickle: the cache folder sits in a repository, where anyone who can open a
pull request can also add files, and unpickling a planted file runs its code. orjson writes
a report's dataclasses as they are (every field in order, enums by value, tuples as lists),
ten times faster than walking them in Python; decoding follows the fields' type hints, so a
field added to the findings model is cached without touching this module. ``SCHEMA``
changes with the fields, and is part of the cache key, so entries written before such a
change are never read.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any

from wpslint.findings import CheckResult, DocumentReport, Evidence, RuleInfo


def decode(kind: Any, data: Any) -> Any:
    """The value of type ``kind`` that was written as ``data``; raises ``ValueError`` when
    ``data`` does not fit (a corrupt or foreign cache entry)."""
    try:
        return _decoder(kind)(data)
    except (KeyError, TypeError) as error:
        raise ValueError(f"not a {kind}: {error}") from error


Decoder = Callable[[Any], Any]


@functools.cache
def _decoder(kind: Any) -> Decoder:
    """A function decoding data of type ``kind``, built once per type from its hints."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [option for option in typing.get_args(kind) if option is not type(None)]
        decode_inner = _decoder(inner)
        return lambda data: None if data is None else decode_inner(data)
    if origin in (list, tuple):
        args = typing.get_args(kind)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            items = [_decoder(arg) for arg in args]
            return lambda data: tuple(f(x) for f, x in zip(items, _list(data), strict=True))
        item = _decoder(args[0])
        return lambda data: origin(item(x) for x in _list(data))
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(kind) if f.init]
        return lambda data: kind(**{name: f(data[name]) for name, f in fields})
    if kind in (int, str, bool, float):
        return lambda data: data if isinstance(data, kind) else _wrong(kind, data)
    raise TypeError(f"cannot decode {kind}")


def _list(data: Any) -> list:
    return data if isinstance(data, list) else _wrong(list, data)


def _wrong(kind: Any, data: Any) -> Any:
    raise ValueError(f"expected {kind}, got {type(data).__name__}")


def _schema() -> str:
    """A digest of every cached class's fields and their types."""
    shapes = [
        f"{kind.__name__}:{name}:{hint}"
        for kind in (DocumentReport, CheckResult, Evidence, RuleInfo)
        for name, hint in typing.get_type_hints(kind).items()
    ]
    return hashlib.sha256("\n".join(shapes).encode()).hexdigest()[:16]


SCHEMA = _schema()
