"""/healthz: what a load balancer's probe gets, with no sign-in and no data in the answer."""

import os
import subprocess
import sys

import pytest
from django.test import Client, override_settings

from .workers import ROOT

pytestmark = pytest.mark.django_db
ANSWERS = {"ok\n", "database: unavailable\n"} | {
    f"database: {d}\nbroker: {b}\n" for d in ("ok", "unavailable") for b in ("ok", "unavailable")
}


def test_it_answers_200_to_anyone_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"


def test_it_costs_one_query_and_touches_no_session(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200 and not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_a_signed_in_person_gets_the_same_answer_and_no_data(client_for, hr_admin):
    response = client_for(hr_admin).get("/healthz?broker=1")
    assert response.content.decode() in ANSWERS
    assert hr_admin.email not in response.content.decode()


@override_settings(
    DEBUG=False, SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["careers.example.com"], APPEND_SLASH=True
)
def test_a_probe_over_plain_http_to_the_instance_address_is_answered():
    response = Client().get("/healthz", HTTP_HOST="10.0.3.7:8000")
    assert response.status_code == 200


def test_with_the_parameter_it_checks_the_broker_too(client):
    response = client.get("/healthz?broker=1")
    assert response.status_code == 200
    assert response.content == b"database: ok\nbroker: ok\n"


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_503_when_the_broker_is_unreachable_without_saying_where_it_is(client):
    response = client.get("/healthz?broker=1")
    assert response.status_code == 503
    assert response.content == b"database: ok\nbroker: unavailable\n"


def test_without_the_parameter_the_broker_is_not_asked(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    assert client.get("/healthz").status_code == 200


def test_it_refuses_writes(client):
    response = client.post("/healthz")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"


def test_503_when_the_database_is_unreachable(tmp_path):
    probe = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(r.status_code, repr(r.content.decode()))"
    )
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://app:secret-pw@127.0.0.1:1/nowhere",
        "DJANGO_SETTINGS_MODULE": "careersupport.settings",
        "VAR_DIR": str(tmp_path),
        "LOG_LEVEL": "CRITICAL",
    }
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "503 'database: unavailable\\n'"
