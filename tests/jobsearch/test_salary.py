"""Salary research per application: Decimal money with a currency, private to the owner."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from careersupport.jobsearch.models import SalaryResearch

pytestmark = pytest.mark.django_db

DATA = {
    "currency": "eur",
    "range_low": "58000",
    "range_high": "72000.50",
    "sources": "Glassdoor; two designers at Fabrikam",
    "target": "68000",
    "walk_away": "60000",
    "offer_received": "64000",
    "negotiated": "67500",
    "negotiation_notes": "",
}


def test_the_owner_records_it_as_decimal_money(client_for, partner, application):
    response = client_for(partner).post(reverse("jobsearch:salary", args=[application.pk]), DATA)
    assert response.status_code == 302
    research = SalaryResearch.objects.get()
    assert research.range_high == Decimal("72000.50") and research.currency == "EUR"
    assert research.shared_with_coach is False
    page = client_for(partner).get(application.get_absolute_url())
    assert "67500" in page.text


def test_a_walk_away_above_the_target_is_refused_beside_the_field(client_for, partner, application):
    data = {**DATA, "walk_away": "70000"}
    response = client_for(partner).post(reverse("jobsearch:salary", args=[application.pk]), data)
    assert response.status_code == 400 and "at most your target" in response.text
    assert not SalaryResearch.objects.exists()


def test_a_bad_currency_is_refused(client_for, partner, application):
    response = client_for(partner).post(
        reverse("jobsearch:salary", args=[application.pk]), {**DATA, "currency": "E1"}
    )
    assert response.status_code == 400 and "three-letter currency code" in response.text


@pytest.mark.parametrize("who", ["employee", "hr_admin", "manager", "outsider_hr"])
def test_nobody_else_opens_it(request, client_for, application, who):
    url = reverse("jobsearch:salary", args=[application.pk])
    assert client_for(request.getfixturevalue(who)).get(url).status_code == 404
