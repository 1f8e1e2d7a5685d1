"""An exclusion constraint that exists on PostgreSQL only.

No double booking is a rule the database must keep, not only a check before writing: on
PostgreSQL an `EXCLUDE USING gist` constraint refuses two live sessions of one coach (or of
one coachee) whose time ranges overlap, even when two transactions book the same slot at
the same moment. SQLite (the embedded default of `make run` and plain `make test`) has no
such constraint, and Django would emit the PostgreSQL syntax there.

So this subclass answers "no SQL" on any other database, which is how Django itself skips a
constraint a backend cannot create (`add_constraint` and `table_sql` drop an empty one).
Kept in the model's Meta and added by an ordinary `AddConstraint`, model state and
migrations stay in step on both databases, and a later migration that makes SQLite rebuild
the table (as SQLite does for most field changes) cannot trip over it. On SQLite the service
layer's check before writing is what holds, and it is enough there: every write transaction
begins with `BEGIN IMMEDIATE` (`transaction_mode` in settings), so two bookings cannot
interleave their check and their insert.
"""

from __future__ import annotations

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Func


class TsTzRange(Func):
    """`tstzrange(starts_at, ends_at)`, as Django's documentation spells it for exclusion
    constraints (only PostgreSQL ever evaluates it)."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class PostgresExclusionConstraint(ExclusionConstraint):
    @staticmethod
    def _on_postgres(schema_editor) -> bool:
        return schema_editor.connection.vendor == "postgresql"

    def constraint_sql(self, model, schema_editor):
        return (
            super().constraint_sql(model, schema_editor)
            if self._on_postgres(schema_editor)
            else None
        )

    def create_sql(self, model, schema_editor):
        return (
            super().create_sql(model, schema_editor) if self._on_postgres(schema_editor) else None
        )

    def remove_sql(self, model, schema_editor):
        return (
            super().remove_sql(model, schema_editor) if self._on_postgres(schema_editor) else None
        )

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        if connections[using].vendor == "postgresql":
            super().validate(model, instance, exclude=exclude, using=using)


class BtreeGistOnPostgres(BtreeGistExtension):
    """btree_gist (the `=` on the coach inside the GiST index), on PostgreSQL only.

    Django's operation skips other databases going forwards but not backwards (it asks
    PostgreSQL's catalogue). Going backwards it leaves the extension in place: other
    tables may use it, and an unused extension is harmless."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        return None
