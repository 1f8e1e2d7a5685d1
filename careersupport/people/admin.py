from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import (
    AuditEvent,
    Department,
    Employer,
    Individual,
    Invitation,
    InvitationEmail,
    Partnership,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Name", {"fields": ("first_name", "last_name")}),
        (
            "Permissions",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "employer"]
    list_filter = ["employer"]
    search_fields = ["name"]


@admin.register(Individual)
class IndividualAdmin(admin.ModelAdmin):
    list_display = ["__str__", "email", "employer", "kind", "department", "manager", "is_hr_admin"]
    list_filter = ["employer", "kind", "is_hr_admin", "department"]
    search_fields = ["first_name", "last_name", "email", "job_title"]
    raw_id_fields = ["user", "manager", "department"]
    list_select_related = ["employer", "department", "manager"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["employee", "partner", "status", "created_at", "ended_at"]
    list_filter = ["status", "employer"]
    search_fields = ["employee__email", "partner__email"]
    raw_id_fields = ["employee", "partner"]
    list_select_related = ["employee", "partner"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "employer",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
        "send_count",
    ]
    list_filter = ["employer", "accepted_at", "revoked_at"]
    search_fields = ["email"]
    raw_id_fields = ["individual", "invited_by"]
    exclude = ["key"]


@admin.register(InvitationEmail)
class InvitationEmailAdmin(admin.ModelAdmin):
    """The invitation e-mails' outbox, for maintenance: HR sends again from the invitations."""

    list_display = ["invitation", "state", "round", "attempts", "sent_at", "updated_at"]
    list_filter = ["state", "invitation__employer"]
    search_fields = ["invitation__email", "last_error"]
    list_select_related = ["invitation"]
    raw_id_fields = ["invitation"]
    readonly_fields = ["claimed_at", "created_at"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "employer", "actor", "verb", "target_type", "target_id"]
    list_filter = ["employer", "verb"]
    search_fields = ["verb", "target_type"]
    raw_id_fields = ["actor"]
    list_select_related = ["employer", "actor"]
