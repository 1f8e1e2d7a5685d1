"""One access layer: every model that belongs to an employer is scoped by `for_employer`.

A model belongs to an employer when it has a foreign key to `Employer`, or (in our own apps)
a required foreign key to a model that belongs to one. Its default manager must offer
`for_employer`, built on `EmployerScopedQuerySet`, and the lookup it filters on must reach
the employer, so a new model cannot be added without the one way to scope it. And no code
of ours scopes by hand (`filter(employer=...)`) where `for_employer` is the one way.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from careersupport.people.models import Employer, EmployerScopedQuerySet, Individual
from programs.models import Session
from tests.factories import IndividualFactory, OfferingFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _ours(model: type[models.Model]) -> bool:
    module = Path(apps.get_app_config(model._meta.app_label).path)
    return module.is_relative_to(Path(settings.BASE_DIR)) and ".venv" not in module.parts


def employer_owned_models() -> list[type[models.Model]]:
    owned: set[type[models.Model]] = set()
    grew = True
    while grew:
        grew = False
        for model in apps.get_models():
            if model in owned:
                continue
            for field in model._meta.concrete_fields:
                target = field.related_model if field.is_relation else None
                direct = target is Employer
                through = target in owned and not field.null and _ours(model)
                if direct or through:
                    owned.add(model)
                    grew = True
                    break
    return sorted(owned, key=lambda m: m._meta.label)


def test_it_finds_the_employer_owned_models_of_every_app():
    labels = {m._meta.label for m in employer_owned_models()}
    assert {
        "people.Individual",
        "people.Invitation",
        "goals.CheckIn",
        "notifications.Reminder",
        "notifications.NotificationPreference",
        "programs.Session",
        "programs.MilestoneProgress",
    } <= labels
    assert "people.User" not in labels and "people.Employer" not in labels


@pytest.mark.parametrize("model", employer_owned_models(), ids=lambda m: m._meta.label)
def test_every_employer_owned_model_is_scoped_by_for_employer(model, employer):
    queryset = model._default_manager.all()
    assert isinstance(queryset, EmployerScopedQuerySet), (
        f"{model._meta.label}: base its queryset on EmployerScopedQuerySet "
        "(objects = ...QuerySet.as_manager()), overriding employer_lookup if it belongs to "
        "the employer through a parent"
    )
    # The lookup must reach the employer: a wrong path raises FieldError here.
    assert not model._default_manager.for_employer(employer).exists()


def test_for_employer_keeps_each_employer_to_itself(employer, other_employer):
    mine = SessionFactory(offering=OfferingFactory(employer=employer))
    SessionFactory(offering=OfferingFactory(employer=other_employer))
    assert list(Session.objects.for_employer(employer)) == [mine]
    assert list(Session.objects.for_employer(employer.pk)) == [mine]
    IndividualFactory(employer=other_employer)
    assert not Individual.objects.for_employer(employer).exists()


def test_the_temporary_of_employer_alias_is_gone():
    assert not hasattr(Individual.objects, "of_employer")


# --- No tenant filter written by hand ------------------------------------------------------

APP_ROOTS = ("careersupport", "programs", "coaching", "mentorship")
SKIPPED_DIRS = {"migrations", "tests", "bench"}
# Calls whose keyword arguments are lookups (creation calls such as `create` or
# `get_or_create` name the employer of the new row, which is no scoping).
LOOKUP_CALLS = {"filter", "exclude", "get", "Q", "get_object_or_404", "get_list_or_404"}
TENANT_FIELDS = {"employer", "employer_id"}
# (path, lookup): a hand-written employer lookup that must stay, and why. Keep it short;
# `for_employer` itself builds its lookup with `**{...}` and is not matched.
ALLOWED: dict[tuple[str, str], str] = {}


def _source_files() -> list[Path]:
    base = Path(settings.BASE_DIR)
    return sorted(
        path
        for root in APP_ROOTS
        for path in (base / root).rglob("*.py")
        if not SKIPPED_DIRS & set(path.relative_to(base).parts)
    )


def hand_written_tenant_lookups(path: Path) -> list[tuple[int, str]]:
    """(line, lookup) of every lookup call in `path` with a keyword that goes through an
    employer (`employer=`, `employer_id=`, `employer__in=`, `mentorship__employer_id=`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name not in LOOKUP_CALLS:
            continue
        for keyword in node.keywords:
            if keyword.arg and TENANT_FIELDS & set(keyword.arg.split("__")):
                found.append((keyword.value.lineno, keyword.arg))
    return sorted(found)


def test_the_scan_sees_a_hand_written_filter(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "Offering.objects.filter(\n    kind='policy', employer_id=me.employer_id\n)\n"
        "Feedback.objects.filter(mentorship__employer=e)\n"
        "Offering.objects.for_employer(e).filter(kind='policy')\n"
        "Offering.objects.create(employer=e, title='New')\n"
    )
    assert hand_written_tenant_lookups(sample) == [(2, "employer_id"), (4, "mentorship__employer")]


def test_no_code_scopes_to_an_employer_by_hand():
    base = Path(settings.BASE_DIR)
    found = [
        f"{path.relative_to(base)}:{line}: {lookup}="
        for path in _source_files()
        for line, lookup in hand_written_tenant_lookups(path)
        if (str(path.relative_to(base)), lookup) not in ALLOWED
    ]
    assert not found, (
        "scope with Model.objects.for_employer(...) (or the app's visible_to-style helper) "
        "instead of an employer lookup written by hand:\n" + "\n".join(found)
    )


def test_every_allowed_hand_written_lookup_is_still_there():
    base = Path(settings.BASE_DIR)
    present = {
        (str(path.relative_to(base)), lookup)
        for path in _source_files()
        for _, lookup in hand_written_tenant_lookups(path)
    }
    assert set(ALLOWED) <= present, "drop the allow-list entries that no longer match"
