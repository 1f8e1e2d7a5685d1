from django.apps import AppConfig


class HouseholdConfig(AppConfig):
    """The household page two partners open to each other, and its financial plan."""

    name = "careersupport.household"
    label = "household"
    verbose_name = "Household plan"
