from django.urls import path

from . import views

app_name = "household"

urlpatterns = [
    path("", views.household_settings, name="settings"),
    path("sharing/", views.household_sharing, name="sharing"),
    path("open/", views.household_open, name="open"),
    path("withdraw/", views.household_withdraw, name="withdraw"),
    path("<int:pk>/", views.household_page, name="page"),
    path("<int:pk>/plan/", views.plan_edit, name="plan-edit"),
]
