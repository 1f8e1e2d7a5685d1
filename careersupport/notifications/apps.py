from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "careersupport.notifications"
    label = "notifications"
