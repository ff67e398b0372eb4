"""The pages, through the real ASGI stack, on both databases."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.fixtures import PASSWORD, Roles
from tocsin import accounts

EXTERNAL = re.compile(r"""(?:src|href)=["']?(?:https?:)?//(?!testserver)""", re.I)


def test_first_login_forces_a_password_change(app: FastAPI, client: TestClient) -> None:
    one_time = app.state.tocsin.first_admin_password
    assert one_time and len(one_time) >= 16
    response = client.post(
        "/login", data={"username": "admin", "password": one_time}, follow_redirects=False
    )
    assert response.headers["location"] == "/account/password"
    assert client.get("/", follow_redirects=False).headers["location"] == "/account/password"
    page = client.get("/account/password")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf
    weak = client.post(
        "/account/password",
        data={"csrf_token": csrf[1], "current": one_time, "new": "short", "repeat": "short"},
    )
    assert weak.status_code == 400 and "too short" in weak.text
    done = client.post(
        "/account/password",
        data={"csrf_token": csrf[1], "current": one_time, "new": PASSWORD, "repeat": PASSWORD},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert client.get("/").status_code == 200


def test_wrong_password_and_unknown_user_look_the_same(client: TestClient, roles: Roles) -> None:
    a = client.post("/login", data={"username": "user-viewer", "password": "wrong password!"})
    b = client.post("/login", data={"username": "nobody", "password": "wrong password!"})
    assert a.status_code == b.status_code == 401
    assert "wrong username or password" in a.text and "wrong username or password" in b.text


def test_login_is_rate_limited(client: TestClient, roles: Roles) -> None:
    for _ in range(5):
        client.post("/login", data={"username": "user-analyst", "password": "not it at all"})
    blocked = client.post("/login", data={"username": "user-analyst", "password": PASSWORD})
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0


def test_login_refuses_other_origins_and_open_redirects(client: TestClient, roles: Roles) -> None:
    cross = client.post(
        "/login",
        data={"username": "user-viewer", "password": PASSWORD},
        headers={"Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert cross.status_code == 403
    ok = client.post(
        "/login",
        data={"username": "user-viewer", "password": PASSWORD, "next": "//evil.example/x"},
        follow_redirects=False,
    )
    assert ok.headers["location"] == "/"


def test_dashboard_map_watchlist_and_filters(client: TestClient, roles: Roles) -> None:
    roles.login(client, "viewer")
    page = client.get("/")
    assert page.status_code == 200
    assert page.text.count("data-iso3=") >= 160
    assert "Risk of a mass-killing onset in 2025" in page.text
    assert not EXTERNAL.search(page.text), "pages must not load anything from another host"
    rows = re.findall(r'<th scope="row"><a href="/countries/(\w{3})', page.text)
    assert rows[:2] == ["MMR", "TCD"] and len(rows) == 30
    africa = client.get("/watchlist", params={"region": "Africa"})
    assert "MMR" not in africa.text and "TCD" in africa.text
    coups = client.get("/watchlist", params={"factor": "coup.try.5yr"})
    assert "Coup attempt in the last five years" in coups.text
    found = client.get("/watchlist", params={"q": "sud"})
    assert set(re.findall(r"/countries/(\w{3})", found.text)) == {"SDN", "SSD"}


def test_country_page(client: TestClient, roles: Roles) -> None:
    roles.login(client, "partner")
    page = client.get("/countries/SDN")
    assert page.status_code == 200
    assert "<svg" in page.text and "Risk history" in page.text
    assert "Indicators, 2024 against 2023" in page.text
    assert client.get("/countries/XXX").status_code == 404


def test_model_page_shows_provenance(client: TestClient, roles: Roles) -> None:
    roles.login(client, "analyst")
    page = client.get("/model")
    assert "SHA-256" in page.text and "ewp-published" in page.text
    assert "Start a run" in page.text
    roles.login(client, "viewer")
    assert "Start a run" not in client.get("/model").text


def test_user_text_is_escaped(app: FastAPI, client: TestClient, roles: Roles) -> None:
    hostile = "<script>alert(1)</script>"
    with app.state.tocsin.db.session() as session:
        accounts.create_user(
            session, username="x-user", role="viewer", password=PASSWORD, display_name=hostile
        )
    roles.login(client, "admin")
    users = client.get("/admin/users").text
    assert hostile not in users and "&lt;script&gt;alert(1)&lt;/script&gt;" in users
    search = client.get("/watchlist", params={"q": hostile}).text
    assert hostile not in search and "&lt;script&gt;" in search
    audit = client.get("/admin/audit").text
    assert hostile not in audit


def test_logout_ends_the_session(client: TestClient, roles: Roles) -> None:
    csrf = roles.login(client, "viewer")
    assert client.post("/logout", data={"csrf_token": "wrong"}).status_code == 403
    out = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303


def test_admin_creates_a_user_who_must_change_password(client: TestClient, roles: Roles) -> None:
    csrf = roles.login(client, "admin")
    page = client.post(
        "/admin/users", data={"csrf_token": csrf, "username": "new-analyst", "role": "analyst"}
    )
    match = re.search(r'<code class="secret">([^<]+)</code>', page.text)
    assert match, page.text
    client.cookies.clear()
    login = client.post(
        "/login", data={"username": "new-analyst", "password": match[1]}, follow_redirects=False
    )
    assert login.headers["location"] == "/account/password"
    bad = client.post(
        "/admin/users", data={"csrf_token": csrf, "username": "Bad Name!", "role": "analyst"}
    )
    assert bad.status_code in (303, 401, 403, 200)


def test_security_headers(client: TestClient) -> None:
    response = client.get("/login")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert "HttpOnly" in str(response.headers.get("set-cookie", "HttpOnly"))
