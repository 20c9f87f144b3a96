"""report.yaml described from the model: a JSON Schema for editors and a key reference for people.

Both are generated from `model.Report` (and the chart kinds it assembles), so they cannot drift from what the
loader accepts; scripts/docs_reference.py writes them to docs/, and a test fails when those copies are stale.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import itertools
import json
import textwrap
import typing
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

DIALECT = "https://json-schema.org/draft/2020-12/schema"

Examples = dict[tuple[str, str], Any]
"""The first value the example reports write for each (model, key)."""


def json_schema() -> dict[str, Any]:
    """report.yaml's JSON Schema (draft 2020-12): what the YAML language server validates and completes."""
    from aigap_docs.model import Report

    schema = Report.model_json_schema(mode="validation")
    _describe_keys(schema)
    header = {
        "$schema": DIALECT,
        "title": "aigap-docs report.yaml",
        "description": "One report's content; see docs/reference.md for every key.",
    }
    return header | {key: value for key, value in schema.items() if key not in ("title", "description")}


def schema_text() -> str:
    """The JSON Schema as written to a file: sorted keys, two-space indent, one final newline."""
    return json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _describe_keys(schema: dict[str, Any]) -> None:
    """Give each key the docstring its model writes under it (what pydantic's `use_attribute_docstrings`
    does), read here, on demand: pydantic reads them by parsing every model's source as the model is
    imported, 0.03 s of every build, for text only the schema and the reference show."""
    from aigap_docs.charts.kinds import specs
    from aigap_docs.model import Report

    seen: set[type] = set()
    for model in (Report, *specs()):  # the chart kinds are a union made as Report's schema is built
        _models(model, seen)
    models = {cls.__name__: cls for cls in seen}
    for name, node in [("Report", schema), *schema.get("$defs", {}).items()]:
        model = models.get(name)
        properties = node.get("properties", {})
        if model is None:
            continue
        for field_name, field in model.model_fields.items():
            key = field.alias or field_name
            docstring = _field_docstring(model, field_name)
            if key in properties and docstring and field.description is None:
                properties[key]["description"] = docstring


def _models(model: type, seen: set[type]) -> None:
    """Add `model` and every model its fields hold, however deep (in lists, mappings, unions), to `seen`."""
    from pydantic import BaseModel

    seen.add(model)
    types = [field.annotation for field in model.model_fields.values()]  # type: ignore[attr-defined]
    while types:
        kind = types.pop()
        if isinstance(kind, type) and issubclass(kind, BaseModel) and kind not in seen:
            _models(kind, seen)
        types += typing.get_args(kind)


def _field_docstring(model: type, field_name: str) -> str | None:
    """The docstring under `field_name` in the class that declares it last (the model or a base)."""
    for cls in model.__mro__:
        if field_name in cls.__dict__.get("__annotations__", {}):
            return _attribute_docstrings(cls).get(field_name)
    return None


@cache
def _attribute_docstrings(cls: type) -> dict[str, str]:
    """`name: type` lines of a class body that a string literal follows, and that string, cleaned."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):  # a built-in or dynamically made class
        return {}
    body = ast.parse(source).body[0].body  # type: ignore[attr-defined]
    return {
        field.target.id: inspect.cleandoc(doc.value.value)
        for field, doc in itertools.pairwise(body)
        if isinstance(field, ast.AnnAssign)
        and isinstance(field.target, ast.Name)
        and isinstance(doc, ast.Expr)
        and isinstance(doc.value, ast.Constant)
        and isinstance(doc.value.value, str)
    }


# --- the reference ------------------------------------------------------------------------------------


def reference(examples: Iterable[Any] = ()) -> str:
    """docs/reference.md: every model a report uses, where it is used, and each key's type and default.

    `examples` are parsed report.yaml documents; the first value written for a key is shown as its example.
    """
    schema = json_schema()
    defs = schema["$defs"]
    found: Examples = {}
    for document in examples:
        _collect(schema, document, defs, found)
    sections = list(_sections(schema, defs))
    lines = [
        "# report.yaml reference",
        "",
        "Generated from the model by `scripts/docs_reference.py`: do not edit by hand. Every key of every",
        "mapping a report can hold, with its type, default and an example taken from the example reports.",
        "Editors that speak the YAML language server validate and complete report.yaml with",
        "[report.schema.json](report.schema.json) (`aigap-docs schema` prints it).",
        "",
    ]
    lines += [f"- [{title}](#{_anchor(name)})" for name, title, _ in sections]
    for name, title, node in sections:
        lines += ["", f"## {title}", f'<a id="{_anchor(name)}"></a>', ""]
        if node.get("description"):
            lines += [" ".join(node["description"].split()), ""]
        lines += _key_table(name, node, found)
    return "\n".join(lines) + "\n"


def _sections(schema: dict[str, Any], defs: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(def name, heading, schema) for the top level and each model, in the order a reader meets them."""
    yield "report", "report.yaml (top level)", schema
    seen: set[str] = set()
    queue = list(_refs_below(schema, ""))
    while queue:
        name, where = queue.pop(0)
        if name in seen:
            continue
        seen.add(name)
        node = defs[name]
        if "properties" in node:
            yield name, f"{_title(name, node)} (`{where}`)", node
        queue += _refs_below(node, where)


def _refs_below(node: dict[str, Any], where: str) -> Iterator[tuple[str, str]]:
    """(def name, key path) of each model a mapping's keys hold, in key order."""
    for key, prop in node.get("properties", {}).items():
        for ref in _refs(prop):
            yield ref, f"{where}.{key}".strip(".") + _shape(prop)


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"].rsplit("/", 1)[-1]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _shape(prop: dict[str, Any]) -> str:
    """How a key path continues into what it holds: `[i]` for lists, `.<id>` for mappings of ids."""
    prop = _optional(prop)
    if prop.get("type") == "array":
        return "[i]"
    if prop.get("type") == "object" and "additionalProperties" in prop:
        return ".<id>"
    return ""


def _title(name: str, node: dict[str, Any]) -> str:
    const = [f"{key}: {prop['const']}" for key, prop in node["properties"].items() if "const" in prop]
    return f"{name} ({const[0]})" if const else name


def _anchor(name: str) -> str:
    return name.lower()


def _key_table(name: str, node: dict[str, Any], found: Examples) -> list[str]:
    rows = ["| key | type | default | description | example |", "|---|---|---|---|---|"]
    required = set(node.get("required", ()))
    for key, prop in node["properties"].items():
        default = "required" if key in required else _value(prop.get("default"))
        description = " ".join(str(prop.get("description", "")).split())
        example = _value(found[(name, key)]) if (name, key) in found and not _holds_models(prop) else ""
        cells = (f"`{key}`", _type(prop), default, description, example)
        rows.append("| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in cells) + " |")
    return rows


def _holds_models(prop: dict[str, Any]) -> bool:
    """Whether a key holds models (then its example is the model's own section, not one long line)."""
    return next(_refs(prop), None) is not None


def _type(prop: dict[str, Any]) -> str:
    """A property's type in words, models linked to their sections."""
    prop = _optional(prop)
    if "$ref" in prop:
        target = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{target}](#{_anchor(target)})"
    if "const" in prop:
        return f"`{prop['const']}`"
    if "enum" in prop:
        return "one of " + ", ".join(f"`{value}`" for value in prop["enum"])
    for union in ("anyOf", "oneOf"):
        if union in prop:
            return " or ".join(_type(member) for member in prop[union])
    kind = prop.get("type")
    if kind == "array":
        return f"list of {_type(prop.get('items', {}))}"
    if kind == "object":
        inner = prop.get("additionalProperties")
        return f"mapping of id to {_type(inner)}" if isinstance(inner, dict) else "mapping"
    kinds = kind if isinstance(kind, list) else [kind]
    words = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false"}
    text = "text" if "string" in kinds else " or ".join(words.get(k, str(k or "any")) for k in kinds)
    low, high = prop.get("minimum"), prop.get("maximum")
    return f"{text} {low}–{high}" if low is not None and high is not None else text


def _optional(prop: dict[str, Any]) -> dict[str, Any]:
    """The non-null member of `X or null` (optional keys say so by their default instead)."""
    members = prop.get("anyOf")
    if members and len(members) == 2 and {"type": "null"} in members:
        return next(member for member in members if member != {"type": "null"}) | {
            key: value for key, value in prop.items() if key != "anyOf"
        }
    return prop


def _value(value: Any, width: int = 48) -> str:
    """A value as a reader would write it in YAML, on one line, shortened to `width` characters."""
    if value is None:
        return ""
    if isinstance(value, (str, dt.date)):
        text = value if isinstance(value, str) else value.isoformat()
    else:
        text = json.dumps(value, ensure_ascii=False, default=_plain)
    text = text if len(text) <= width else text[: width - 1] + "…"
    return "`" + text.replace("|", "\\|").replace("`", "'") + "`"


def _plain(value: Any) -> str:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)


# --- examples from real reports -----------------------------------------------------------------------


def _collect(node: dict[str, Any], data: Any, defs: dict[str, Any], found: Examples) -> None:
    """Record in `found` the first value `data` writes for each key, walking `node` and `data` together."""
    node, name = _resolve(node, data, defs)
    if isinstance(data, dict) and "properties" in node:
        for key, value in data.items():
            if key in node["properties"]:
                found.setdefault((name, key), value)
                _collect(node["properties"][key], value, defs, found)
    elif isinstance(data, dict) and isinstance(node.get("additionalProperties"), dict):
        for value in data.values():
            _collect(node["additionalProperties"], value, defs, found)
    elif isinstance(data, list) and isinstance(node.get("items"), dict):
        for value in data:
            _collect(node["items"], value, defs, found)


def _resolve(node: dict[str, Any], data: Any, defs: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The schema (and its def name) that `data` is an instance of, following refs and choosing in unions."""
    name = "report"
    while True:
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            node = defs[name]
            continue
        members = node.get("anyOf") or node.get("oneOf")
        if not members:
            return node, name
        node = next((m for m in members if _fits(m, data, defs)), {})


def _fits(member: dict[str, Any], data: Any, defs: dict[str, Any]) -> bool:
    """Whether `data` has the shape of union member `member` (by type, and by a `const` key such as kind)."""
    if "$ref" in member:
        member = defs[member["$ref"].rsplit("/", 1)[-1]]
    kind = member.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if isinstance(data, dict):
        consts = {key: prop["const"] for key, prop in member.get("properties", {}).items() if "const" in prop}
        return "object" in kinds and all(data.get(key) == value for key, value in consts.items())
    types = {"array": list, "string": str, "boolean": bool, "integer": int, "number": (int, float)}
    return any(
        k in types and isinstance(data, types[k]) and (k == "boolean") == isinstance(data, bool)
        for k in kinds
    )
