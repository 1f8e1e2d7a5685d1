from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "coaching"

    def ready(self) -> None:
        from careersupport.people.signals import time_zone_changed

        from .services.sessions import session_reminders_follow_time_zone

        time_zone_changed.connect(
            session_reminders_follow_time_zone, dispatch_uid="coaching.session_time_zone"
        )
