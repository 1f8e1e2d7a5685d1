"""Job leads (for the people who may use the tracker) and HR's leads and figures."""

from django.urls import path

from .views import leads, manage

urlpatterns = [
    path("leads/", leads.lead_list, name="lead-list"),
    path("leads/<int:pk>/", leads.lead_detail, name="lead-detail"),
    path("leads/<int:pk>/save/", leads.lead_save_view, name="lead-save"),
    path("leads/<int:pk>/in-tracker/", leads.lead_in_tracker, name="lead-in-tracker"),
    path("manage/", manage.manage_home, name="manage"),
    path("manage/figures.csv", manage.manage_figures_csv, name="manage-figures-csv"),
    path("manage/leads/", manage.manage_leads, name="manage-leads"),
    path("manage/leads/new/", manage.manage_lead_create, name="manage-lead-create"),
    path("manage/leads/import/", manage.manage_lead_import, name="manage-lead-import"),
    path(
        "manage/leads/import/template.csv",
        manage.manage_lead_template,
        name="manage-lead-template",
    ),
    path("manage/leads/<int:pk>/edit/", manage.manage_lead_edit, name="manage-lead-edit"),
    path("manage/leads/<int:pk>/close/", manage.manage_lead_close, name="manage-lead-close"),
    path("manage/organisations/", manage.manage_organisations, name="manage-organisations"),
    path(
        "manage/organisations/<int:pk>/edit/",
        manage.manage_organisation_edit,
        name="manage-organisation-edit",
    ),
]
