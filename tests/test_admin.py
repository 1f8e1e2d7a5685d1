"""Every model is registered in the admin, and each changelist and add page renders."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db
OUR_APPS = {"people", "goals", "notifications", "programs", "coaching", "mentorship"}


def test_every_model_of_ours_is_registered():
    missing = [
        m._meta.label
        for m in apps.get_models()
        if m._meta.app_label in OUR_APPS and m not in admin.site._registry
    ]
    assert missing == []


def test_changelists_render_with_search(admin_client, employee, partner):
    for model in admin.site._registry:
        if model._meta.app_label not in OUR_APPS:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert admin_client.get(url, {"q": "a"}).status_code == 200, url
