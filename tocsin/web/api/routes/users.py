"""Accounts: who am I; and, for admins, managing users. Listing users is an audited read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException

from tocsin import accounts
from tocsin.domain.permissions import Permission
from tocsin.web.api.schemas import PasswordReset, UserCreate, UserCreated, UserPublic, UserUpdate
from tocsin.web.deps import DbSession, Principal, RowId, policy

router = APIRouter(tags=["users"])
Admin = Annotated[Principal, policy(Permission.USERS_MANAGE)]


@router.get("/me", response_model=UserPublic)
def me(principal: Annotated[Principal, policy(None)]) -> UserPublic:
    return UserPublic.model_validate(principal.user)


@router.get("/users", response_model=list[UserPublic])
def list_users(session: DbSession, principal: Admin) -> list[UserPublic]:
    users = accounts.list_users(session)
    accounts.audit.record(
        session, principal.user, "users.read", target_type="user", detail={"count": len(users)}
    )
    session.commit()
    return [UserPublic.model_validate(u) for u in users]


@router.post("/users", response_model=UserCreated, status_code=201)
def create_user(body: UserCreate, session: DbSession, principal: Admin) -> UserCreated:
    actor = session.merge(principal.user)
    user, one_time = accounts.create_user(
        session,
        username=body.username,
        role=body.role.value,
        display_name=body.display_name,
        actor=actor,
    )
    session.commit()
    assert one_time is not None
    return UserCreated(user=UserPublic.model_validate(user), one_time_password=one_time)


def _user(session: DbSession, user_id: int) -> accounts.User:
    user = session.get(accounts.User, user_id)
    if user is None:
        raise HTTPException(404, f"no user {user_id}")
    return user


@router.patch("/users/{user_id}", response_model=UserPublic)
def update_user(
    user_id: RowId, body: UserUpdate, session: DbSession, principal: Admin
) -> UserPublic:
    user = _user(session, user_id)
    accounts.update_user(
        session,
        user,
        actor=session.merge(principal.user),
        role=body.role.value if body.role else None,
        is_active=body.is_active,
        display_name=body.display_name,
    )
    if body.is_active is False:
        accounts.revoke_all(session, user)
    session.commit()
    return UserPublic.model_validate(user)


@router.post("/users/{user_id}/reset-password", response_model=PasswordReset)
def reset_password(user_id: RowId, session: DbSession, principal: Admin) -> PasswordReset:
    user = _user(session, user_id)
    one_time = accounts.reset_password(session, user, actor=session.merge(principal.user))
    session.commit()
    return PasswordReset(one_time_password=one_time)
