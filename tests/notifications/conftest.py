from __future__ import annotations

import pytest

from careersupport.notifications.kinds import registered_kinds

TEST_KIND = "tests.nudge"


@pytest.fixture(autouse=True)
def _test_kind(monkeypatch):
    """A reminder kind of the tests' own, so they do not depend on which apps publish."""
    monkeypatch.setitem(registered_kinds(), TEST_KIND, "A test nudge")
    monkeypatch.setitem(registered_kinds(), "tests.other", "Another test kind")


@pytest.fixture
def mailbox():
    from django.core import mail

    return mail.outbox


@pytest.fixture
def clock(monkeypatch):
    """`clock(dt)`: what `django.utils.timezone.now()` returns from now on in this test."""

    def travel(moment):
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)

    return travel
