"""What every benchmark shares: the run's header (date, commit, load), the database it is
given, bulk-load columns taken from the model, and the smoke run's checks.

Not a benchmark (its name starts with "_"): `make bench` and `make bench-smoke` run every
other `bench/*.py`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


class BenchFailure(SystemExit):
    """A smoke check that did not hold: the script exits non-zero with the reason."""

    def __init__(self, message: str):
        super().__init__(f"bench: FAILED: {message}")


def commit() -> str:
    """The checkout's commit, marked when the working tree has changes."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" with local changes" if dirty else "")


def header(name: str, *, smoke: bool) -> None:
    """What a recorded figure needs beside it: when, on which code, how busy the machine was."""
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    size = "smoke size (checks only, no figures)" if smoke else "full size"
    print(f"== {name}: {size}")
    print(f"   {now}, commit {commit()}, load average {load} on {os.cpu_count()} cores")
    print(f"   Python {sys.version.split()[0]}", flush=True)


def ensure_database() -> None:
    """Create the PostgreSQL database DATABASE_URL names when it is missing, so that one
    command runs on a fresh server. Exits unless the database is PostgreSQL."""
    from django.db import OperationalError, connection

    if connection.vendor != "postgresql":
        sys.exit("Point DATABASE_URL at PostgreSQL (postgres://...): the figures are for it.")
    try:
        connection.ensure_connection()
    except OperationalError as error:
        if "does not exist" not in str(error):
            raise
        name = connection.settings_dict["NAME"]
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        print(f"created database {name}", flush=True)


def filled_columns(model, given: list[str]) -> tuple[list[str], list[Any]]:
    """The columns a bulk load must add to `given` (column names), with their values: every
    other NOT NULL column of the model gets what the ORM would save. A NOT NULL column with
    neither a value given nor a constant default stops the run with its name, so a field
    added to the model fails loudly in the smoke run, not in a user's hands."""
    fields = {f.column: f for f in model._meta.concrete_fields}
    unknown = set(given) - set(fields)
    if unknown:
        raise BenchFailure(f"{model.__name__} has no column {sorted(unknown)}")
    columns, values = [], []
    for column, field in fields.items():
        if column in given or field.null or field.primary_key:
            continue
        # What the ORM would save: the field's constant default, or "" for a text field
        # without one; a callable default (now(), a token) or no default at all stops here.
        value = None if field.has_default() and callable(field.default) else field.get_default()
        if value is None:
            raise BenchFailure(
                f"the bulk load of {model.__name__} gives no value for the NOT NULL column "
                f"{column!r} (a new field?): add it to the loader"
            )
        columns.append(column)
        values.append(field.get_db_prep_save(value, connection=_connection()))
    return columns, values


def _connection():
    from django.db import connection

    return connection


def check(condition: bool, message: str) -> None:
    if not condition:
        raise BenchFailure(message)


def check_pages(results: list[tuple[str, int, int]]) -> None:
    """(page, queries, budget) rows, of pages that answered 200: each within its budget."""
    for name, queries, budget in results:
        check(queries <= budget, f"{name}: {queries} queries, budget {budget}")
    print(f"checks: OK ({len(results)} pages answered 200 within their query budgets)")
