from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Surveys after every kind of support and HR's outcome reports, from daily roll-ups."""

    name = "careersupport.reports"
    label = "reports"
    verbose_name = "Reports: surveys and outcomes"
