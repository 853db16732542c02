"""Rule params built from the kinds' own declarations (issue 9 item 5): ``KindSpec.statuses`` is the
one list of a kind's statuses, and the ``statuses``/``severities`` params are enums made from it."""

from __future__ import annotations

import pytest

from checker.findings import SEVERITIES
from checker.kinds import REGISTRY
from checker.kinds.base import SEVERITY_BY_STATUS, STATUS_LIST, KindSpec, Param
from checker.ruleset import rule_schema


def _params_schema(kind_name: str) -> dict:
    branch = next(b for b in rule_schema()["allOf"] if b["if"]["properties"]["kind"]["const"] == kind_name)
    return branch["then"]["properties"]["params"]["properties"]


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_status_params_are_enums_of_the_kinds_statuses(kind: str) -> None:
    spec = REGISTRY[kind]
    schema = _params_schema(kind)
    for name, param in spec.params.items():
        if param.of == STATUS_LIST:
            assert schema[name]["items"]["enum"] == list(spec.statuses)
        elif param.of == SEVERITY_BY_STATUS:
            assert schema[name]["additionalProperties"] is False
            assert list(schema[name]["properties"]) == list(spec.statuses)
            assert all(p["enum"] == list(SEVERITIES) for p in schema[name]["properties"].values())


def test_the_kinds_with_status_params_declare_them() -> None:
    declared = {(k, n) for k, spec in REGISTRY.items() for n, p in spec.params.items() if p.of}
    assert {("summary_fidelity", "statuses"), ("summary_fidelity", "severities"),
            ("goal_followup", "statuses")} <= declared
    # No status-like param left as a free string list.
    loose = {(k, n) for k, spec in REGISTRY.items() for n, p in spec.params.items()
             if n in ("statuses", "severities") and not p.of}
    assert loose == set()


def test_every_enum_like_list_param_is_an_enum() -> None:
    loose = []
    for kind, spec in REGISTRY.items():
        for name, param in spec.params.items():
            schema = param.json_schema(spec.statuses)
            items = schema.get("items", {})
            if schema["type"] == "array" and items.get("type") == "string" and "enum" not in items \
                    and name not in ("synonyms", "ceiling_metrics"):  # free text: metric names
                loose.append((kind, name))
    assert loose == []


def test_a_kind_naming_a_pass_status_it_does_not_declare_is_refused() -> None:
    with pytest.raises(ValueError, match="kind broken: agree not in its statuses"):
        KindSpec("broken", "", check=lambda ctx: [], statuses=("pass", "fail"),
                 pass_statuses=frozenset({"agree"}), params={"x": Param("string")})


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_every_default_is_valid_under_the_kinds_own_schema(kind: str) -> None:
    """The defaults (a kind's default severities, its default status list) name only its statuses."""
    import jsonschema

    spec = REGISTRY[kind]
    for param in spec.params.values():
        if param.default is not None:
            jsonschema.validate(param.default, param.json_schema(spec.statuses))


def test_pass_statuses_and_absent_statuses_are_among_the_statuses() -> None:
    for spec in REGISTRY.values():
        assert spec.pass_statuses <= set(spec.statuses), spec.name
        assert spec.absent_statuses <= set(spec.statuses) - spec.pass_statuses, spec.name
    assert REGISTRY["threshold"].absent_statuses == {"not_found"}
