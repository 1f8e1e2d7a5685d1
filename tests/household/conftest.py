"""The household page's fixtures: the demo-like couple of `tests/conftest.py` (employee and
partner) with their partnership, and helpers to open the page the way the users do."""

from __future__ import annotations

import pytest
from django.urls import reverse

from careersupport.household import services
from careersupport.people.models import Partnership


@pytest.fixture
def partnership(employee, partner) -> Partnership:
    return Partnership.objects.get(employee=employee, partner=partner)


@pytest.fixture
def open_household(partnership, employee, partner):
    """Both sides opted in, through the services (so the notifications are real)."""
    services.household_open(partnership=partnership, actor=employee)
    return services.household_open(partnership=partnership, actor=partner)


@pytest.fixture
def page_url():
    def url(household) -> str:
        return reverse("household:page", args=[household.pk])

    return url
