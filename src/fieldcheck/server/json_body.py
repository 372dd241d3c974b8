# SPDX-License-Identifier: Apache-2.0
"""A request body read in one step by pydantic's own JSON parser (``/v1/push``).

FastAPI reads a body model by decoding the JSON into Python objects and then
validating those through its own layers. For a push that cost more than the whole
ingest of its records: over HTTP, 235 µs of server CPU a record against 130 µs read
this way (bench notes, docs/scale.md). ``Model.model_validate_json`` parses and
validates the bytes in one pass. A body it refuses is the same 422 FastAPI answers
(RequestValidationError, each error's ``loc`` under ``"body"``), and the route's
OpenAPI still describes its body (``documented``, ``add_schemas``), which the fuzz
test reads. What pydantic's parser refuses as a whole but Python's json reads (a lone
surrogate, deep nesting) is read the old way, so such a record is still refused alone
by its receipt, not its whole batch.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException  # FastAPI's own body errors are this one

M = TypeVar("M", bound=BaseModel)
REF = "#/components/schemas/{model}"


def json_body(model: type[M]) -> Callable[[Request], Awaitable[M]]:
    """A dependency giving the request body as ``model``, or a 422 saying where not."""

    async def read(request: Request) -> M:
        raw = await request.body()
        try:
            return model.model_validate_json(raw)
        except ValidationError as exc:
            if not any(e["type"] == "json_invalid" for e in exc.errors()):
                raise _unprocessable(exc) from None
        return _read_leniently(model, raw)

    return read


def _read_leniently(model: type[M], raw: bytes) -> M:
    """What pydantic's parser refuses as a whole, Python's json may read (a lone
    surrogate in an escape, nesting deeper than 200 levels): then each record is
    judged on its own by the push checks (bounds.py), as when FastAPI read bodies."""
    try:
        value = json.loads(raw)
    except RecursionError as exc:  # as FastAPI raises it, so errors.py answers it by name
        raise HTTPException(400, "There was an error parsing the body") from exc
    except ValueError as exc:
        where = exc.pos if isinstance(exc, json.JSONDecodeError) else 0
        error = {"type": "json_invalid", "loc": ("body", where), "msg": "JSON decode error"}
        raise RequestValidationError([{**error, "input": {}, "ctx": {"error": str(exc)}}]) from None
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        raise _unprocessable(exc) from None


def _unprocessable(exc: ValidationError) -> RequestValidationError:
    return RequestValidationError(
        [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
    )


def documented(model: type[BaseModel]) -> dict[str, Any]:
    """The route's ``openapi_extra``: its JSON body is ``model``."""
    schema = {"$ref": REF.format(model=model.__name__)}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def add_schemas(app: FastAPI, models: tuple[type[BaseModel], ...]) -> None:
    """Put each model (and what it is made of) among the OpenAPI components, where
    ``documented`` points: FastAPI adds only the models it reads itself."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = build()
        components = spec.setdefault("components", {}).setdefault("schemas", {})
        for model in models:
            schema = model.model_json_schema(ref_template=REF)
            for name, part in schema.pop("$defs", {}).items():
                components.setdefault(name, part)
            components.setdefault(model.__name__, schema)
        return spec

    app.openapi = openapi  # type: ignore[method-assign]
