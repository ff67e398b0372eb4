"""Which policy guards which route, read from the routes themselves.

The authorisation tests and `docs/permissions.md` both come from this list, so the published
route table cannot drift from what the app enforces.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts

from tocsin.domain.permissions import MATRIX, Permission, Role
from tocsin.web.deps import PublicPolicy, Require

Policy = Require | PublicPolicy


def policies(route: Any) -> list[Policy]:
    """Every access policy among a route's dependencies, however deeply nested."""
    found: list[Policy] = []

    def walk(dependant: Any) -> None:
        for dep in dependant.dependencies:
            if isinstance(dep.call, Require | PublicPolicy):
                found.append(dep.call)
            walk(dep)

    walk(route.dependant)
    return found


def route_policies(app: FastAPI) -> list[tuple[str, str, Policy]]:
    """(method, path, policy) for every API route and page; a route with no single policy is an
    error, so an unguarded route cannot ship."""
    out = []
    for route in iter_route_contexts(app.routes):
        if not isinstance(route.original_route, APIRoute):
            continue  # the OpenAPI schema and static files: public by design
        found = policies(route)
        if len(found) != 1:
            raise RuntimeError(f"{route.path} declares {len(found)} access policies, not one")
        for method in sorted(route.methods or ()):
            out.append((method, str(route.path), found[0]))
    return out


def describe(policy: Policy) -> str:
    if isinstance(policy, PublicPolicy):
        return "anyone"
    if policy.permission is None:
        return "any signed-in user"
    return f"`{policy.permission.value}`"


def matrix_table() -> str:
    """The permission matrix as a Markdown table: roles across, permissions down."""
    roles = list(Role)
    lines = [
        "| permission | " + " | ".join(r.value for r in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for permission in Permission:
        marks = ["yes" if permission in MATRIX[r] else "-" for r in roles]
        lines.append(f"| `{permission.value}` | " + " | ".join(marks) + " |")
    return "\n".join(lines)


def route_table(app: FastAPI) -> str:
    """Every route and who may call it, as a Markdown table sorted by path."""
    rows = sorted(route_policies(app), key=lambda r: (r[1], r[0]))
    lines = ["| method | path | who |", "|---|---|---|"]
    lines += [f"| {m} | `{p}` | {describe(policy)} |" for m, p, policy in rows]
    return "\n".join(lines)
