from django.apps import AppConfig


class RequestsConfig(AppConfig):
    """Leave, flexible work and financial support. The package is `careersupport.requests`;
    it shadows nothing (imports are absolute, and the `requests` HTTP library, should a
    dependency bring it, stays `import requests`)."""

    name = "careersupport.requests"
    label = "requests"
    verbose_name = "Requests: leave, flexible work, financial support"
