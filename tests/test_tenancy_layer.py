"""One access layer: every model that belongs to an employer is scoped by `for_employer`.

A model belongs to an employer when it has a foreign key to `Employer`, or (in our own apps)
a required foreign key to a model that belongs to one. Its default manager must offer
`for_employer`, built on `EmployerScopedQuerySet`, and the lookup it filters on must reach
the employer, so a new model cannot be added without the one way to scope it.
"""

from __future__ import annotations

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
