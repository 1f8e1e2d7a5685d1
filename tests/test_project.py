"""Project-wide guarantees: migrations match the models, production settings pass --deploy."""

import os
import secrets
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command

from .workers import ROOT


@pytest.mark.django_db
def test_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "careers.example.com",
        "SITE_URL": "https://careers.example.com",
        "VAR_DIR": str(tmp_path),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _check(env: dict, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in env.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_site_url(tmp_path):
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "x" * 50, "VAR_DIR": str(tmp_path)}
    env.pop("SITE_URL", None)
    result = _check(env)
    assert result.returncode != 0 and "Set SITE_URL when DEBUG is false" in result.stderr


def test_the_deploy_check_wants_a_public_https_site_url(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "careers.example.com",
        "SITE_URL": "http://127.0.0.1:8000",
        "VAR_DIR": str(tmp_path),
    }
    result = _check(env, "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "careersupport.W001" in result.stderr and "careersupport.W002" in result.stderr


def test_make_run_builds_links_on_the_port_it_serves(tmp_path):
    """`make run PORT=8001` must not send e-mails whose links point at port 8000."""
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8001"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    start = [line for line in result.stdout.splitlines() if "honcho" in line]
    assert start and "SITE_URL=http://127.0.0.1:8001" in start[0], result.stdout
    # The demo step before it delivers what is due at once: its links follow the port too.
    seed = [line for line in result.stdout.splitlines() if "seed_demo" in line]
    assert seed and "SITE_URL=http://127.0.0.1:8001" in seed[0], result.stdout


def test_in_development_links_follow_port_when_site_url_is_not_set(tmp_path):
    env = {**os.environ, "DEBUG": "true", "PORT": "8001", "VAR_DIR": str(tmp_path)}
    env.pop("SITE_URL", None)
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.SITE_URL)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8001", result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "DEBUG": "false", "VAR_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("entry", ["careersupport.wsgi", "careersupport.asgi"])
def test_a_server_process_loads_every_view_and_freezes_them_out_of_the_collector(entry, tmp_path):
    """Without the freeze, a full garbage collection over the loaded code paused one request in
    a few hundred for 50-90 ms (the p99 in bench/)."""
    probe = (
        f"import gc, sys; import {entry}; "
        "print(gc.get_freeze_count(), 'programs.views.catalog' in sys.modules)"
    )
    env = {**os.environ, "VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    frozen, views_loaded = result.stdout.split()
    assert int(frozen) > 10_000 and views_loaded == "True"
