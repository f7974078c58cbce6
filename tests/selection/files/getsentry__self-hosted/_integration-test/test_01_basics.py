import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import time
from functools import lru_cache
from typing import Callable

import httpx
import pytest
import sentry_sdk
from sentry_sdk import logger as sentry_logger
from bs4 import BeautifulSoup
from cryptography import x509
from cryptography.hazmat.backends import default_backend
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

SENTRY_CONFIG_PY = "sentry/sentry.conf.py"
SENTRY_TEST_HOST = os.getenv("SENTRY_TEST_HOST", "http://localhost:9000")
TEST_USER = "test@example.com"
TEST_PASS = "test123TEST"
TIMEOUT_SECONDS = 120


def poll_for_response(
    request: str, client: httpx.Client, validator: Callable = None
) -> httpx.Response:
    for i in range(TIMEOUT_SECONDS):
        response = client.get(
            request, follow_redirects=True, headers={"Referer": SENTRY_TEST_HOST}
        )
        if response.status_code == 200:
            if validator is None or validator(response.text):
                break
        time.sleep(1)
    else:
        raise AssertionError(
            "timeout waiting for response status code 200 or valid data"
        )
    return response


@lru_cache
def get_sentry_dsn(client: httpx.Client) -> str:
    response = poll_for_response(
        f"{SENTRY_TEST_HOST}/api/0/projects/sentry/internal/keys/",
        client,
        lambda x: len(json.loads(x)[0]["dsn"]["public"]) > 0,
    )
    sentry_dsn = json.loads(response.text)[0]["dsn"]["public"]
    return sentry_dsn

@lru_cache
def get_organization_token(client: httpx.Client, csrf_token: str, name: str) -> str:
    response = client.post(
        f"{SENTRY_TEST_HOST}/api/0/organizations/sentry/org-auth-tokens/",
        follow_redirects=True,
        data={"name": name},
        headers={
          "Referer": f"{SENTRY_TEST_HOST}/settings/sentry/auth-tokens/new-token/",
          "X-CSRFToken": csrf_token,
        },
    )
    token = json.loads(response.text)["token"]
    return token

@pytest.fixture(scope="session")
def authenticated_session():
    client = httpx.Client()
    response = client.get(SENTRY_TEST_HOST, follow_redirects=True)
    parser = BeautifulSoup(response.text, "html.parser")
    login_csrf_token = parser.find("input", {"name": "csrfmiddlewaretoken"})["value"]
    login_response = client.post(
        f"{SENTRY_TEST_HOST}/auth/login/sentry/",
        follow_redirects=True,
        data={
            "op": "login",
            "username": TEST_USER,
            "password": TEST_PASS,
            "csrfmiddlewaretoken": login_csrf_token,
        },
        headers={"Referer": f"{SENTRY_TEST_HOST}/auth/login/sentry/"},
    )
    assert login_response.status_code == 200
    parser = BeautifulSoup(login_response.text, "html.parser")
    script_tag = parser.find(
        "script", string=lambda x: x and "window.__initialData" in x
    )
    assert script_tag is not None
    json_data = json.loads(script_tag.text.split("=", 1)[1].strip().rstrip(";"))
    assert json_data["isAuthenticated"] is True
    yield (httpx.Cookies(client.cookies), login_response)
    client.close()


@pytest.fixture()
def client_login(authenticated_session):
    cookies, login_response = authenticated_session
    client = httpx.Client(cookies=httpx.Cookies(cookies))
    yield (client, login_response)
    client.close()

def test_initial_redirect():
    initial_auth_redirect = httpx.get(SENTRY_TEST_HOST, follow_redirects=True)
    assert initial_auth_redirect.url == f"{SENTRY_TEST_HOST}/auth/login/sentry/"


def test_asset_internal_rewrite():
    """Tests whether we correctly map `/_assets/*` to `/_static/dist/sentry` as
    we don't have a CDN setup in self-hosted."""
    response = httpx.get(f"{SENTRY_TEST_HOST}/_assets/entrypoints/app.js")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/javascript"


