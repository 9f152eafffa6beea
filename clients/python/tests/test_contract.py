"""The Python types against the server's own /v1/openapi.json (built from the schemas the TypeScript
client uses), so that the two clients cannot drift apart."""

from __future__ import annotations

import dataclasses
import inspect
import typing
from typing import Any, Callable, Dict, List, Set, Tuple

import httpx
import pytest

import haltwatch
from conftest import Connect
from haltwatch import _calls
from haltwatch._models import NAME_MAX_LENGTH, NAME_PATTERN, SIZE_MULTIPLIERS
from haltwatch._reporting import ReportHelpers
from haltwatch.reports import REPORT_TYPES, camel
from servers import ServeProcess

Schema = Dict[str, Any]
CLIENTS: Tuple[Any, ...] = (haltwatch.Haltwatch, haltwatch.AsyncHaltwatch)


@pytest.fixture(scope="module")
def openapi(shared_serve: ServeProcess) -> Schema:
    document: Schema = httpx.get(f"{shared_serve.url}/v1/openapi.json", timeout=10).json()
    return document


def json_types(annotation: Any) -> Set[str]:
    """The JSON types a Python annotation stands for."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Union:
        return set().union(*(json_types(arg) for arg in args))
    if origin is typing.Literal:
        return {"string" if isinstance(args[0], str) else "number"}
    if origin in (tuple, list):
        return {"array"}
    simple = {type(None): "null", bool: "boolean", int: "integer", float: "number", str: "string"}
    return {simple[annotation]}


def schema_types(schema: Schema) -> Set[str]:
    if "anyOf" in schema:
        return set().union(*(schema_types(option) for option in schema["anyOf"]))
    kind = schema["type"]
    return set(kind) if isinstance(kind, list) else {kind}


def literal_values(annotation: Any) -> Tuple[Any, ...]:
    return typing.get_args(annotation)


def fields_of(cls: type) -> Dict[str, dataclasses.Field[Any]]:
    return {camel(field.name): field for field in dataclasses.fields(cls)}


def operation(openapi: Schema, method: str, path: str) -> Schema:
    found: Schema = openapi["paths"][path][method.lower()]
    return found


def test_the_gate_answer_has_the_fields_types_and_values_the_server_describes(openapi: Schema) -> None:
    schema = operation(openapi, "GET", "/v1/gate")["responses"]["200"]["content"]["application/json"][
        "schema"
    ]
    fields = fields_of(haltwatch.GateAnswer)
    hints = typing.get_type_hints(haltwatch.GateAnswer)
    assert set(fields) == set(schema["properties"]) == set(schema["required"])
    for name, field in fields.items():
        if name != "reasons":
            assert json_types(hints[field.name]) == schema_types(schema["properties"][name]), name
    assert literal_values(haltwatch.Level) == haltwatch.LEVELS == tuple(schema["properties"]["level"]["enum"])
    assert haltwatch.GATE_REASONS == tuple(schema["properties"]["reasons"]["items"]["enum"])
    assert SIZE_MULTIPLIERS == tuple(
        option["const"] for option in schema["properties"]["sizeMultiplier"]["anyOf"]
    )


def gate_like_methods() -> List[Callable[..., Any]]:
    return [getattr(client, name) for client in CLIENTS for name in ("gate", "may_trade", "guarded_order")]


@pytest.mark.parametrize("method", gate_like_methods(), ids=lambda m: str(m.__qualname__))
def test_each_gate_question_takes_the_query_the_server_takes(
    openapi: Schema, method: Callable[..., Any]
) -> None:
    query = {p["name"]: p for p in operation(openapi, "GET", "/v1/gate")["parameters"]}
    signature = inspect.signature(method)
    hints = typing.get_type_hints(method)
    asked = [name for name in signature.parameters if name in query]
    assert asked == list(query)
    for name in asked:
        parameter = signature.parameters[name]
        assert (parameter.default is inspect.Parameter.empty) == query[name]["required"], name
        assert json_types(hints[name]) - {"null", "integer"} == schema_types(query[name]["schema"]) - {
            "integer"
        }
    assert literal_values(haltwatch.Action) == haltwatch.ACTIONS == tuple(query["action"]["schema"]["enum"])


def test_each_report_type_has_a_dataclass_and_a_helper_of_the_same_shape(openapi: Schema) -> None:
    body = operation(openapi, "POST", "/v1/reports")["requestBody"]["content"]["application/json"]["schema"]
    variants = {v["properties"]["type"]["const"]: v for v in body["properties"]["reports"]["items"]["oneOf"]}
    assert set(variants) == {cls.type for cls in REPORT_TYPES}
    for cls in REPORT_TYPES:
        variant, fields, hints = variants[cls.type], fields_of(cls), typing.get_type_hints(cls)
        properties = {name: schema for name, schema in variant["properties"].items() if name != "type"}
        assert set(fields) == set(properties), cls.type
        required = {name for name, f in fields.items() if f.default is dataclasses.MISSING}
        assert required == set(variant["required"]) - {"type"}, cls.type
        for name, field in fields.items():
            expected = schema_types(properties[name])
            assert json_types(hints[field.name]) - {"null"} in (expected, expected | {"integer"}), (
                cls.type,
                name,
            )
        if "category" in properties:
            assert literal_values(haltwatch.Category) == tuple(properties["category"]["enum"])
            assert fields["category"].default == properties["category"]["default"]
        helper = inspect.signature(getattr(ReportHelpers, cls.type))
        missing = {dataclasses.MISSING: inspect.Parameter.empty}
        assert [(p.name, p.default) for p in list(helper.parameters.values())[1:]] == [
            (f.name, missing.get(f.default, f.default)) for f in dataclasses.fields(cls)
        ], cls.type


def test_heartbeat_names_follow_the_servers_rule(openapi: Schema) -> None:
    [name] = operation(openapi, "POST", "/v1/heartbeats/{name}")["parameters"]
    assert name["schema"]["pattern"] == NAME_PATTERN.pattern
    assert name["schema"]["maxLength"] == NAME_MAX_LENGTH


@pytest.mark.parametrize("client", CLIENTS)
def test_override_and_issues_send_what_the_server_takes(openapi: Schema, client: Any) -> None:
    override = operation(openapi, "POST", "/v1/override")["requestBody"]["content"]["application/json"][
        "schema"
    ]
    assert list(inspect.signature(client.override).parameters)[1:] == list(override["properties"])
    assert set(override["required"]) == {"enabled", "reason"}
    [minutes] = operation(openapi, "GET", "/v1/issues")["parameters"]
    assert inspect.signature(client.issues).parameters["minutes"].default == minutes["schema"]["default"]


def test_every_call_the_client_makes_is_in_the_document(openapi: Schema) -> None:
    calls: List[_calls.Call[Any]] = [
        _calls.gate("open", None, None, None),
        _calls.reports([haltwatch.OrderSuccess()]),
        _calls.heartbeat("bot"),
        _calls.status(),
        _calls.issues(5),
        _calls.override(True, "why"),
    ]
    for call in calls:
        path = "/v1/heartbeats/{name}" if call.path.startswith("/v1/heartbeats/") else call.path
        assert operation(openapi, call.method, path)


def test_the_answers_have_the_keys_the_typed_dicts_name(shared_serve: ServeProcess, connect: Connect) -> None:
    hw = connect(shared_serve.url, shared_serve.token)
    status = hw.status()
    assert set(status) >= set(typing.get_type_hints(haltwatch.EngineStatus))
    held = hw.override(True, "contract check")
    assert set(held) >= set(typing.get_type_hints(haltwatch.LevelStatus))
    assert held["override"] is not None and set(held["override"]) >= set(
        typing.get_type_hints(haltwatch.LevelOverride)
    )
    operator = connect(shared_serve.url, shared_serve.operator)
    operator.override(False, "contract check done")
