"""Every model is registered in the admin, and each changelist and add page renders."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db
OUR_APPS = {
    "people",
    "goals",
    "notifications",
    "programs",
    "coaching",
    "mentorship",
    "requests",
    "jobsearch",
    "household",
    "reports",
}
# Kept out of the admin on purpose, so that site staff cannot browse them: a person's
# requests and their decisions, their job search, the household's consent and plan, and the
# survey answers (anonymous by construction) with the figures built from them.
PRIVATE = {
    "requests.Employment",
    "requests.LeaveRequest",
    "requests.FinancialRequest",
    "requests.Receipt",
    "requests.Instalment",
    "requests.Decision",
    "jobsearch.TrackerOptIn",
    "jobsearch.Application",
    "jobsearch.StageChange",
    "jobsearch.Contact",
    "jobsearch.ResumeVersion",
    "jobsearch.SalaryResearch",
    "jobsearch.Outcome",
    "jobsearch.PreparationRequest",
    "jobsearch.PreparationComment",
    "jobsearch.LeadSave",
    "household.Household",
    "household.FinancialPlan",
    "reports.SurveyQuestion",
    "reports.SurveyInvitation",
    "reports.PendingAnswer",
    "reports.SurveyAnswer",
    "reports.RollupRun",
    "reports.Figure",
}


def test_every_model_of_ours_is_registered_or_kept_out_on_purpose():
    missing = [
        m._meta.label
        for m in apps.get_models()
        if m._meta.app_label in OUR_APPS
        and m not in admin.site._registry
        and m._meta.label not in PRIVATE
    ]
    assert missing == []


def test_what_is_kept_out_stays_out():
    registered = {m._meta.label for m in admin.site._registry}
    assert PRIVATE & registered == set()


def test_changelists_render_with_search(admin_client, employee, partner):
    for model in admin.site._registry:
        if model._meta.app_label not in OUR_APPS:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert admin_client.get(url, {"q": "a"}).status_code == 200, url
