from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "careersupport.goals"
    label = "goals"

    def ready(self) -> None:
        from careersupport.people.signals import time_zone_changed

        from .services import checkin_reminders_follow_time_zone

        time_zone_changed.connect(
            checkin_reminders_follow_time_zone, dispatch_uid="goals.checkin_time_zone"
        )
