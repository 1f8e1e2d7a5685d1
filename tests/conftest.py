"""Personas, clients and guards for real services, shared by every test.

Personas (all at one employer unless named outsider): `hr_admin`, `manager`, `employee`
(reports to `manager`), `partner` (of `employee`), `coach` (external), `mentor`, `peer`
(another report of `manager`), `outsider` and `outsider_hr` (another employer).
"""

from __future__ import annotations

import os

import pytest
from django.test import Client

from careersupport.people.models import Individual

from .factories import EmployerFactory, IndividualFactory, PartnershipFactory

IN_CI = os.environ.get("CI", "").lower() == "true"
# Playwright's sync API runs an event loop in the test thread; Django's ORM must still work there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def need_service(available: bool, what: str) -> None:
    """Skip a test whose real service is missing, except in CI, where that fails the run."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI but is not available", pytrace=False)
    pytest.skip(f"{what} not available")


@pytest.fixture
def employer():
    return EmployerFactory(name="Acme", slug="acme")


@pytest.fixture
def other_employer():
    return EmployerFactory(name="Globex", slug="globex")


@pytest.fixture
def hr_admin(employer):
    return IndividualFactory(employer=employer, first_name="Hana", is_hr_admin=True)


@pytest.fixture
def manager(employer):
    return IndividualFactory(employer=employer, first_name="Mona")


@pytest.fixture
def employee(employer, manager):
    return IndividualFactory(employer=employer, first_name="Eli", manager=manager)


@pytest.fixture
def peer(employer, manager):
    return IndividualFactory(employer=employer, first_name="Pia", manager=manager)


@pytest.fixture
def partner(employee):
    return PartnershipFactory(employee=employee, partner__first_name="Pat").partner


@pytest.fixture
def coach(employer):
    return IndividualFactory(employer=employer, first_name="Cora", kind=Individual.Kind.EXTERNAL)


@pytest.fixture
def mentor(employer):
    return IndividualFactory(employer=employer, first_name="Milo")


@pytest.fixture
def outsider(other_employer):
    return IndividualFactory(employer=other_employer, first_name="Otto")


@pytest.fixture
def outsider_hr(other_employer):
    return IndividualFactory(employer=other_employer, first_name="Olga", is_hr_admin=True)


@pytest.fixture
def client_for():
    """`client_for(person)`: a test client signed in as that person."""

    def make(person: Individual) -> Client:
        client = Client()
        client.force_login(person.user)
        return client

    return make


@pytest.fixture(autouse=True)
def _mail_and_media(settings, tmp_path):
    # The production hasher costs ~0.3 s per user; tests create thousands.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def mail_server_down(settings):
    """A real SMTP backend aimed at a port where nothing listens."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2


@pytest.fixture
def deliver_invitations():
    """`deliver_invitations()`: what the Celery worker does after the commit, in-process:
    claim the due invitation e-mails and send them; returns the outcomes."""
    from careersupport.people.services import (
        invitation_emails_claim_due,
        invitation_emails_deliver,
    )

    def deliver(**claim) -> dict[str, int]:
        return dict(invitation_emails_deliver(ids=invitation_emails_claim_due(**claim)))

    return deliver
