from django.apps import AppConfig


class RequestsConfig(AppConfig):
    """Leave, flexible work and financial support. The package is `careersupport.requests`;
    it shadows nothing (imports are absolute, and the `requests` HTTP library, should a
    dependency bring it, stays `import requests`)."""

    name = "careersupport.requests"
    label = "requests"
    verbose_name = "Requests: leave, flexible work, financial support"

    def ready(self) -> None:
        from careersupport.people.signals import deactivation_preview, person_deactivated

        from .receivers import close_for_leaver, preview_for_leaver

        person_deactivated.connect(close_for_leaver, dispatch_uid="requests.leaver")
        deactivation_preview.connect(preview_for_leaver, dispatch_uid="requests.preview")
