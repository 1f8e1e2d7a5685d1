"""Time zones: the list comes from the declared tzdata package, never from the host, and a
stored zone that does not load cannot break a page."""

import os
import subprocess
import sys
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from careersupport.people.models import Individual
from careersupport.people.timezones import ZONES, is_valid_zone, time_zone_choices
from programs.forms import SessionForm
from programs.models import Session
from tests.factories import IndividualFactory, SessionFactory

from ..workers import ROOT

SESSION_APP, SESSION_MIGRATION = "programs", "0004_session_time_zone_without_choices"


def run_without_host_tz_database(tmp_path, *args: str) -> subprocess.CompletedProcess:
    """A process of this checkout on a host whose tz database is empty (only tzdata)."""
    nowhere = tmp_path / "no-tz-database"
    nowhere.mkdir()
    env = {
        **os.environ,
        "PYTHONTZPATH": str(nowhere),
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:////{tmp_path / 'db.sqlite3'}",
    }
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )


def test_migrations_match_the_models_on_a_host_without_a_tz_database(tmp_path):
    result = run_without_host_tz_database(
        tmp_path, "manage.py", "makemigrations", "--check", "--dry-run"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_list_is_the_same_without_a_host_tz_database(tmp_path):
    probe = "from careersupport.people.timezones import ZONES; print(len(ZONES))"
    result = run_without_host_tz_database(tmp_path, "-c", probe)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == len(ZONES) > 400


def test_the_list_has_places_and_not_the_hosts_pseudo_zones():
    assert {"Europe/Paris", "America/New_York", "UTC"} <= ZONES
    assert not {"localtime", "Factory", "posixrules"} & ZONES
    assert not any(name.startswith(("posix/", "right/")) for name in ZONES)


def test_every_listed_zone_loads():
    assert all(zoneinfo.ZoneInfo(name) for name in ZONES)


def test_the_choices_are_sorted_with_readable_labels():
    choices = time_zone_choices()
    assert [name for name, _ in choices] == sorted(ZONES)
    assert ("America/New_York", "America/New York") in choices


@pytest.mark.parametrize("name", ["localtime", "Factory", "posixrules", "Mars/Olympus", ""])
def test_the_validator_refuses_what_does_not_load_everywhere(name):
    assert not is_valid_zone(name)
    person = Individual(email="x@acme.test", first_name="X", time_zone=name)
    with pytest.raises(ValidationError) as raised:
        person.clean_fields(exclude=["employer", "user"])
    assert "time_zone" in raised.value.error_dict


@pytest.mark.django_db
def test_the_profile_refuses_a_pseudo_zone(client_for, employee):
    response = client_for(employee).post(reverse("people:profile"), {"time_zone": "localtime"})
    assert "Select a valid choice" in response.text
    employee.refresh_from_db()
    assert employee.time_zone == "Europe/Berlin"


def test_a_session_refuses_a_pseudo_zone():
    form = SessionForm(
        {
            "title": "T",
            "starts_at": "2030-01-01T10:00",
            "ends_at": "2030-01-01T11:00",
            "time_zone": "Factory",
        }  # fmt: skip
    )
    assert not form.is_valid() and "time_zone" in form.errors


@pytest.mark.django_db
def test_the_csv_import_refuses_a_pseudo_zone(client_for, hr_admin):
    text = "email,first_name,time_zone\nana@acme.test,Ana,Factory\n"
    upload = SimpleUploadedFile("people.csv", text.encode(), content_type="text/csv")
    response = client_for(hr_admin).post(reverse("people:invitation-import"), {"file": upload})
    assert "is not a time zone" in response.text
    assert not Individual.objects.filter(email="ana@acme.test").exists()


@pytest.mark.django_db
def test_a_stored_zone_that_does_not_load_reads_as_utc_and_pages_answer(client_for, employee):
    Individual.objects.filter(pk=employee.pk).update(time_zone="Atlantis/Capital")
    employee.refresh_from_db()
    assert employee.tzinfo == zoneinfo.ZoneInfo("UTC")
    assert client_for(employee).get(reverse("home")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_migrations_turn_stored_pseudo_zones_into_utc():
    people = [IndividualFactory(time_zone=zone) for zone in ("Asia/Tokyo", "UTC", "UTC")]
    sessions = [SessionFactory(time_zone=zone) for zone in ("America/Chicago", "UTC")]
    before = [("people", "0001_initial"), ("programs", "0003_capacity_range")]
    after = [("people", "0002_time_zone_without_choices"), (SESSION_APP, SESSION_MIGRATION)]
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        MigrationExecutor(connection).migrate(before)
        with connection.cursor() as cursor:
            for table, pk, zone in [
                ("people_individual", people[1].pk, "localtime"),
                ("people_individual", people[2].pk, "Factory"),
                ("programs_session", sessions[1].pk, "posixrules"),
            ]:
                cursor.execute(f"UPDATE {table} SET time_zone = %s WHERE id = %s", [zone, pk])
        MigrationExecutor(connection).migrate(after)
    finally:
        MigrationExecutor(connection).migrate(leaves)
    assert [Individual.objects.get(pk=p.pk).time_zone for p in people] == [
        "Asia/Tokyo",
        "UTC",
        "UTC",
    ]
    assert [Session.objects.get(pk=s.pk).time_zone for s in sessions] == ["America/Chicago", "UTC"]
