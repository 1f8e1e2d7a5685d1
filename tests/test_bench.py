"""The benchmarks stay runnable: each accepts --smoke (CI runs them so), and their bulk loads
name every NOT NULL column, so a new field fails loudly instead of in a user's hands."""

import subprocess
import sys

import pytest
from django.db import connection

from careersupport.notifications.models import Reminder
from tests.conftest import need_service
from tests.factories import IndividualFactory

from .workers import ROOT

BENCHES = sorted(p for p in (ROOT / "bench").glob("*.py") if not p.name.startswith("_"))


@pytest.fixture
def bench_modules(monkeypatch):
    """bench/ on the path, as when a script runs: `_common` and the reminders script."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import _common
    import reminders_bench

    return _common, reminders_bench


def test_there_are_benchmarks_and_the_makefile_runs_each():
    result = subprocess.run(
        ["make", "-n", "bench-smoke"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert len(BENCHES) >= 3
    assert all(f"bench/{p.name}" in result.stdout for p in BENCHES), result.stdout


@pytest.mark.parametrize("script", BENCHES, ids=lambda p: p.name)
def test_every_benchmark_accepts_smoke(script, tmp_path):
    result = subprocess.run(
        [sys.executable, str(script), "--help"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "VAR_DIR": str(tmp_path), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "--smoke" in result.stdout


@pytest.mark.parametrize("column", ["recipient_id", "created_at", "updated_at"])
def test_a_bulk_load_missing_a_required_column_stops_with_its_name(bench_modules, column):
    """A foreign key, a default computed at save time, a time set on save: none has a value
    the loader could take, as a new required field would not."""
    common, reminders_bench = bench_modules
    given = [c for c in reminders_bench.SENT_ROW if c != column]
    with pytest.raises(common.BenchFailure, match=f"'{column}'"):
        common.filled_columns(Reminder, given)


def test_other_columns_take_what_the_orm_would_save(bench_modules):
    common, reminders_bench = bench_modules
    columns, values = common.filled_columns(Reminder, list(reminders_bench.SENT_ROW))
    filled = dict(zip(columns, values, strict=True))
    assert filled["confidential"] is False and filled["send_email"] is True
    assert filled["body"] == "" and "claimed_at" not in filled


def test_a_column_the_model_does_not_have_is_refused(bench_modules):
    common, _ = bench_modules
    with pytest.raises(common.BenchFailure, match="no column"):
        common.filled_columns(Reminder, ["employer_id", "colour"])


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_reminders_bench_inserts_sent_rows_into_todays_table(bench_modules):
    need_service(connection.vendor == "postgresql", "PostgreSQL")
    _, reminders_bench = bench_modules
    person = IndividualFactory()
    sql, defaults = reminders_bench.sent_rows_sql()
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {"employer": person.employer_id, "people": [person.pk], "n": 1, "kind": "bench.x"}
            | {"missing": 3, **defaults},
        )
    rows = Reminder.objects.filter(recipient=person)
    assert rows.count() == 3 and {r.state for r in rows} == {"sent"}
