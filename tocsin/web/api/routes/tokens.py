"""API tokens: each user manages their own; admins see and revoke everyone's."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Response

from tocsin import accounts
from tocsin.domain.permissions import Permission
from tocsin.web.api.schemas import TokenCreate, TokenCreated, TokenPublic
from tocsin.web.deps import DbSession, Principal, RowId, policy

router = APIRouter(tags=["tokens"])
Owner = Annotated[Principal, policy(Permission.TOKENS_OWN)]


@router.get("/tokens", response_model=list[TokenPublic])
def my_tokens(session: DbSession, principal: Owner) -> list[TokenPublic]:
    return [TokenPublic.model_validate(t) for t in accounts.list_tokens(session, principal.user)]


@router.post("/tokens", response_model=TokenCreated, status_code=201)
def create_token(body: TokenCreate, session: DbSession, principal: Owner) -> TokenCreated:
    user = session.merge(principal.user)
    secret, token = accounts.create_token(session, user, body.name, actor=user)
    session.commit()
    return TokenCreated(token=TokenPublic.model_validate(token), secret=secret)


@router.delete("/tokens/{token_id}", status_code=204)
def revoke_token(token_id: RowId, session: DbSession, principal: Owner) -> Response:
    token = session.get(accounts.ApiToken, token_id)
    mine = token is not None and token.user_id == principal.user.id
    if token is None or not (mine or principal.can(Permission.USERS_MANAGE)):
        raise HTTPException(404, f"no token {token_id}")
    accounts.revoke_token(session, token, actor=session.merge(principal.user))
    session.commit()
    return Response(status_code=204)


@router.get(
    "/admin/tokens",
    response_model=list[TokenPublic],
    dependencies=[policy(Permission.USERS_MANAGE)],
)
def all_tokens(session: DbSession) -> list[TokenPublic]:
    return [TokenPublic.model_validate(t) for t in accounts.list_tokens(session)]
