from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "careersupport.people"
    label = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from careersupport import checks  # noqa: F401  (registers the project's checks)
