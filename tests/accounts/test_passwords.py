"""Password hashing (argon2id at full cost, so each hash here costs a fraction of a second)."""

from __future__ import annotations

import re

import pytest

from tocsin.accounts.passwords import (
    MIN_LENGTH,
    WeakPasswordError,
    burn_time,
    check_strength,
    generate_password,
    hash_password,
    verify_password,
)
from tocsin.errors import TocsinError

GOOD = "correct horse battery staple"


@pytest.fixture(scope="module")
def stored() -> str:
    return hash_password(GOOD)


def test_hashes_are_argon2id_with_the_rfc_9106_low_memory_profile(stored: str) -> None:
    assert stored.startswith("$argon2id$")
    assert "m=65536,t=3,p=4" in stored
    assert GOOD not in stored


def test_the_right_password_verifies_and_near_misses_do_not(stored: str) -> None:
    assert verify_password(stored, GOOD)
    for wrong in ("correct horse battery stapl", GOOD + " ", GOOD.upper(), "", "x" * 20):
        assert not verify_password(stored, wrong)


def test_hashes_are_salted(stored: str) -> None:
    again = hash_password(GOOD)
    assert again != stored
    assert verify_password(again, GOOD)


def test_unicode_passwords_work() -> None:
    secret = "pässwörd mit ümläuten ✓"
    stored = hash_password(secret)
    assert verify_password(stored, secret)
    assert not verify_password(stored, "passwort mit umlauten ✓")


@pytest.mark.parametrize(
    "garbage", ["", "not a hash", "$argon2id$v=19$m=1,t=1,p=1$x$y", "$2b$12$abc"]
)
def test_an_unreadable_hash_is_false_not_an_error(garbage: str) -> None:
    assert verify_password(garbage, GOOD) is False


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("", "too short"),
        ("short pass1", "too short"),  # 11 characters
        ("x" * 1025, "too long"),
        ("aaaaaaaaaaaaaaaa", "too few characters"),
        ("abcdabcdabcdabcd", "too few characters"),  # 4 distinct characters
    ],
)
def test_weak_passwords_are_refused_with_one_line(password: str, problem: str) -> None:
    with pytest.raises(WeakPasswordError, match=problem) as caught:
        check_strength(password)
    assert isinstance(caught.value, TocsinError)
    assert "\n" not in str(caught.value)
    assert password not in str(caught.value) or password == ""


@pytest.mark.parametrize(
    "password", ["abcdeabcdeab", "x" * 1019 + "abcde", "twelve chars", "ünïcødé pâss"]
)
def test_acceptable_passwords_pass(password: str) -> None:
    check_strength(password)


def test_the_minimum_length_is_twelve() -> None:
    assert MIN_LENGTH == 12
    check_strength("abcdefghijkl")
    with pytest.raises(WeakPasswordError):
        check_strength("abcdefghijk")


def test_a_weak_password_is_never_hashed() -> None:
    with pytest.raises(WeakPasswordError):
        hash_password("tiny")


def test_generated_passwords_are_strong_url_safe_and_unique() -> None:
    made = [generate_password() for _ in range(200)]
    assert len(set(made)) == len(made)
    for password in made:
        assert len(password) == 20
        assert re.fullmatch(r"[A-Za-z0-9_-]+", password)
        check_strength(password)


def test_burn_time_accepts_any_password_without_raising() -> None:
    burn_time("anything at all")
    burn_time("")
