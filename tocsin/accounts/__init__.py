"""People and accountability: users and roles, sessions, API tokens, logins, the audit log."""

from tocsin.accounts import audit
from tocsin.accounts.login import SESSION_LIFETIME, LoginFailedError, authenticate
from tocsin.accounts.models import ApiToken, AuditEvent, LoginAttempt, User, UserSession
from tocsin.accounts.passwords import WeakPasswordError, check_strength, verify_password
from tocsin.accounts.sessions import (
    create_session,
    create_token,
    find_session,
    find_token_user,
    list_tokens,
    revoke_all,
    revoke_session,
    revoke_token,
)
from tocsin.accounts.throttle import Limits, TooManyAttemptsError, client_key
from tocsin.accounts.users import (
    AccountError,
    create_user,
    ensure_first_admin,
    get_user,
    list_users,
    reset_password,
    set_password,
    update_user,
)

__all__ = [
    "SESSION_LIFETIME",
    "AccountError",
    "ApiToken",
    "AuditEvent",
    "Limits",
    "LoginAttempt",
    "LoginFailedError",
    "TooManyAttemptsError",
    "User",
    "UserSession",
    "WeakPasswordError",
    "audit",
    "authenticate",
    "check_strength",
    "client_key",
    "create_session",
    "create_token",
    "create_user",
    "ensure_first_admin",
    "find_session",
    "find_token_user",
    "get_user",
    "list_tokens",
    "list_users",
    "reset_password",
    "revoke_all",
    "revoke_session",
    "revoke_token",
    "set_password",
    "update_user",
    "verify_password",
]
