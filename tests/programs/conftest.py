from __future__ import annotations

import pytest

from tests.factories import OfferingFactory


@pytest.fixture
def offering(employer):
    """A published workshop open to all employees, with no seat limit."""
    return OfferingFactory(employer=employer, title="Public speaking")


@pytest.fixture
def eap(employer):
    return OfferingFactory(
        employer=employer,
        title="Counselling line",
        kind="eap",
        is_confidential=True,
        for_partners=True,
    )
