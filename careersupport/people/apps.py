from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "careersupport.people"
    label = "people"
    verbose_name = "People"
