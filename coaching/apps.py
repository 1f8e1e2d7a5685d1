from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "coaching"

    def ready(self) -> None:
        from careersupport.people.signals import (
            deactivation_preview,
            person_deactivated,
            time_zone_changed,
        )

        from .receivers import end_for_leaver, preview_for_leaver
        from .services.sessions import session_reminders_follow_time_zone

        time_zone_changed.connect(
            session_reminders_follow_time_zone, dispatch_uid="coaching.session_time_zone"
        )
        person_deactivated.connect(end_for_leaver, dispatch_uid="coaching.leaver")
        deactivation_preview.connect(preview_for_leaver, dispatch_uid="coaching.preview")
