from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "programs"

    def ready(self) -> None:
        from careersupport.people.signals import deactivation_preview, person_deactivated

        from .receivers import end_for_leaver, preview_for_leaver

        person_deactivated.connect(end_for_leaver, dispatch_uid="programs.end_for_leaver")
        deactivation_preview.connect(preview_for_leaver, dispatch_uid="programs.preview")
