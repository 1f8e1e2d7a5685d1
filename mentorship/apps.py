from django.apps import AppConfig


class MentorshipConfig(AppConfig):
    name = "mentorship"

    def ready(self) -> None:
        from careersupport.people.signals import deactivation_preview, person_deactivated

        from .receivers import end_for_leaver, preview_for_leaver

        person_deactivated.connect(end_for_leaver, dispatch_uid="mentorship.leaver")
        deactivation_preview.connect(preview_for_leaver, dispatch_uid="mentorship.preview")
