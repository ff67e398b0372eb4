"""Password hashing with argon2id, and the rules a new password must meet."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from tocsin.errors import TocsinError

MIN_LENGTH = 12
# argon2-cffi's defaults are argon2id with RFC 9106's low-memory profile (64 MiB, t=3, p=4).
_HASHER = PasswordHasher()


class WeakPasswordError(TocsinError):
    pass


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPasswordError(f"password is too short: use at least {MIN_LENGTH} characters")
    if len(password) > 1024:
        raise WeakPasswordError("password is too long: use at most 1024 characters")
    if len(set(password)) < 5:
        raise WeakPasswordError("password repeats too few characters: use a passphrase")


def hash_password(password: str) -> str:
    check_strength(password)
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    """Constant-time check; False for a wrong password or an unreadable hash."""
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


# Spent on unknown usernames so that a login's timing does not reveal whether a user exists.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


def burn_time(password: str) -> None:
    verify_password(_DUMMY_HASH, password)


def generate_password() -> str:
    """A one-time password for a new account: 20 URL-safe characters (about 120 bits)."""
    return secrets.token_urlsafe(15)
