"""Every form: a summary of its problems at the top linking to each field, the errors
beside the fields, what was typed kept, and checkbox groups in a fieldset with a legend."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from .factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def test_an_invalid_form_is_summarised_on_top_with_links_to_its_fields(client_for, employee):
    response = client_for(employee).post(
        reverse("goals:goal-create"),
        {"title": "", "why": "Keep what I typed", "cadence": "never-heard-of-it"},
    )
    assert response.status_code == 400
    text = response.text
    summary = text[
        text.index("data-error-summary") : text.index("</div>", text.index("data-error-summary"))
    ]
    assert re.search(r"There are \d+ problems", summary)
    assert 'href="#id_title"' in summary and 'href="#id_cadence"' in summary
    # The same error also stands beside its field, and the text typed is still there.
    assert 'id="id_title_error"' in text
    assert "Keep what I typed" in text
    # The summary comes before the first field.
    assert text.index("data-error-summary") < text.index('id="id_title"')


def test_a_valid_page_has_no_summary(client_for, employee):
    assert "data-error-summary" not in client_for(employee).get(reverse("goals:goal-create")).text


def test_checkbox_groups_are_fieldsets_with_a_legend(client_for, hr_admin, employer):
    DepartmentFactory(employer=employer, name="Research")
    text = client_for(hr_admin).get(reverse("programs:manage-create")).text
    audience = re.search(r"<fieldset[^>]*>\s*<legend>Audience</legend>(.*?)</fieldset>", text, re.S)
    assert audience and 'name="for_employees"' in audience.group(1)
    assert 'name="for_returners"' in audience.group(1)
    departments = re.search(
        r"<fieldset[^>]*>\s*<legend>Departments</legend>(.*?)</fieldset>", text, re.S
    )
    assert departments and "Research" in departments.group(1)
