"""Who may do what: the one permission matrix every route and command is checked against.

Roles are coarse on purpose: an organisation assigns each person one role, and the matrix below
(documented in docs/permissions.md, which a test keeps in step) says what each role may do.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    ANALYST = "analyst"
    LIAISON = "liaison"
    INVESTIGATOR = "investigator"
    PARTNER = "partner"
    VIEWER = "viewer"


class Permission(StrEnum):
    RISK_READ = "risk:read"  # dashboard, country and model pages, forecasts API
    RISK_RUN = "risk:run"  # start backtests, forecasts and data imports
    JOBS_READ = "jobs:read"  # see background jobs and their progress
    TOKENS_OWN = "tokens:own"  # create and revoke one's own API tokens
    USERS_MANAGE = "users:manage"  # create users, change roles, reset passwords, all tokens
    AUDIT_READ = "audit:read"  # browse and export the audit log
    REPORTS_SUBMIT = "reports:submit"  # send community reports through the API (partner apps)
    REPORTS_READ = "reports:read"  # the analyst queue and the reports themselves
    REPORTS_REVIEW = "reports:review"  # confirm labels, merge duplicates, verify, run triage


_ALL = frozenset(Permission)
_READ = frozenset({Permission.RISK_READ, Permission.TOKENS_OWN})

_REPORTS = frozenset({Permission.REPORTS_SUBMIT, Permission.REPORTS_READ})

MATRIX: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: _ALL,
    Role.ANALYST: _READ
    | _REPORTS
    | {Permission.RISK_RUN, Permission.JOBS_READ, Permission.REPORTS_REVIEW},
    # Liaisons carry reports from the communities they work with, and help label them.
    Role.LIAISON: _READ | _REPORTS | {Permission.REPORTS_REVIEW},
    Role.INVESTIGATOR: _READ | {Permission.REPORTS_READ},
    Role.PARTNER: _READ | {Permission.REPORTS_SUBMIT},
    Role.VIEWER: frozenset({Permission.RISK_READ}),
}


def allows(role: Role | str, permission: Permission) -> bool:
    """True when `role` holds `permission`; unknown roles hold nothing."""
    try:
        return permission in MATRIX[Role(role)]
    except ValueError:
        return False
