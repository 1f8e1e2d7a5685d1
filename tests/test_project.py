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
