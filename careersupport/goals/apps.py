from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "careersupport.goals"
    label = "goals"
