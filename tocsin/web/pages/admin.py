"""Administration: users and roles, everyone's API tokens, the audit log; one's own tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request, Response
from fastapi.responses import RedirectResponse

from tocsin import accounts
from tocsin.domain.permissions import Permission, Role
from tocsin.web.api.routes.audit import export as export_audit
from tocsin.web.deps import BeforeId, DbSession, Principal, RowId, State, policy
from tocsin.web.templating import render

router = APIRouter(include_in_schema=False)
Admin = Annotated[Principal, policy(Permission.USERS_MANAGE)]
Auditor = Annotated[Principal, policy(Permission.AUDIT_READ)]
Owner = Annotated[Principal, policy(Permission.TOKENS_OWN)]
Short = Annotated[str, Form(max_length=100)]


def _users_page(
    request: Request, session: DbSession, principal: Principal, **extra: object
) -> Response:
    users = accounts.list_users(session)
    accounts.audit.record(
        session, principal.user, "users.read", target_type="user", detail={"count": len(users)}
    )
    session.commit()
    context = {"users": users, "roles": [r.value for r in Role], **extra}
    return render(
        request, "admin/users.html", context, status_code=400 if "error" in extra else 200
    )


@router.get("/admin/users")
def users_page(request: Request, session: DbSession, principal: Admin) -> Response:
    return _users_page(request, session, principal)


@router.post("/admin/users")
def create_user(
    request: Request,
    session: DbSession,
    principal: Admin,
    username: Annotated[str, Form(max_length=63)],
    role: Annotated[str, Form(max_length=32)],
    display_name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    try:
        user, one_time = accounts.create_user(
            session,
            username=username,
            role=role,
            display_name=display_name,
            actor=session.merge(principal.user),
        )
    except accounts.AccountError as exc:
        session.rollback()
        return _users_page(request, session, principal, error=str(exc))
    session.commit()
    return _users_page(request, session, principal, created=(user.username, one_time))


@router.post("/admin/users/{user_id}")
def update_user(
    user_id: RowId,
    request: Request,
    session: DbSession,
    principal: Admin,
    role: Annotated[str, Form(max_length=32)],
    active: Annotated[str | None, Form(max_length=8)] = None,
) -> Response:
    user = session.get(accounts.User, user_id)
    if user is None:
        raise HTTPException(404, f"no user {user_id}")
    try:
        accounts.update_user(
            session,
            user,
            actor=session.merge(principal.user),
            role=role,
            is_active=active is not None,
        )
        if active is None:
            accounts.revoke_all(session, user)
    except accounts.AccountError as exc:
        session.rollback()
        return _users_page(request, session, principal, error=str(exc))
    session.commit()
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{user_id}/reset")
def reset_password(
    user_id: RowId, request: Request, session: DbSession, principal: Admin
) -> Response:
    user = session.get(accounts.User, user_id)
    if user is None:
        raise HTTPException(404, f"no user {user_id}")
    one_time = accounts.reset_password(session, user, actor=session.merge(principal.user))
    session.commit()
    return _users_page(request, session, principal, created=(user.username, one_time))


@router.get("/admin/tokens")
def all_tokens(request: Request, session: DbSession, principal: Admin) -> Response:
    tokens = accounts.list_tokens(session)
    names = {u.id: u.username for u in accounts.list_users(session)}
    return render(request, "tokens.html", {"tokens": tokens, "names": names, "admin": True})


@router.get("/admin/audit")
def audit_page(
    request: Request,
    session: DbSession,
    principal: Auditor,
    actor: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=64)] = None,
    before_id: BeforeId = None,
) -> Response:
    where = accounts.audit.AuditFilter(actor=actor or None, action=action or None)
    events = accounts.audit.query(session, where, limit=100, before_id=before_id)
    accounts.audit.record(
        session,
        principal.user,
        "audit.read",
        detail={"actor": actor, "action": action, "count": len(events)},
    )
    session.commit()
    context = {"events": events, "filters": {"actor": actor or "", "action": action or ""}}
    return render(request, "admin/audit.html", context)


@router.get("/admin/audit.csv")
def audit_csv(
    state: State,
    principal: Auditor,
    actor: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=64)] = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Response:
    return export_audit(state, principal, actor or None, action or None, since, until)


@router.get("/account/tokens")
def my_tokens(request: Request, session: DbSession, principal: Owner) -> Response:
    tokens = accounts.list_tokens(session, principal.user)
    return render(request, "tokens.html", {"tokens": tokens, "admin": False})


@router.post("/account/tokens")
def create_token(request: Request, session: DbSession, principal: Owner, name: Short) -> Response:
    user = session.merge(principal.user)
    secret, _ = accounts.create_token(session, user, name, actor=user)
    session.commit()
    tokens = accounts.list_tokens(session, user)
    return render(request, "tokens.html", {"tokens": tokens, "admin": False, "secret": secret})


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token(
    token_id: RowId, request: Request, session: DbSession, principal: Owner
) -> Response:
    token = session.get(accounts.ApiToken, token_id)
    mine = token is not None and token.user_id == principal.user.id
    if token is None or not (mine or principal.can(Permission.USERS_MANAGE)):
        raise HTTPException(404, f"no token {token_id}")
    accounts.revoke_token(session, token, actor=session.merge(principal.user))
    session.commit()
    return RedirectResponse("/admin/tokens" if not mine else "/account/tokens", status_code=303)
