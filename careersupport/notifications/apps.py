from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "careersupport.notifications"
    label = "notifications"

    def ready(self) -> None:
        from careersupport.people.signals import deactivation_preview, person_deactivated

        from .receivers import cancel_for_leaver, preview_for_leaver

        person_deactivated.connect(cancel_for_leaver, dispatch_uid="notifications.leaver")
        deactivation_preview.connect(preview_for_leaver, dispatch_uid="notifications.preview")
