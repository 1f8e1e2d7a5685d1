from django.contrib.admin.apps import AdminConfig


class OperatorAdminConfig(AdminConfig):
    """The Django admin, on `careersupport.admin_site.OperatorAdminSite`: for operators only."""

    default_site = "careersupport.admin_site.OperatorAdminSite"
