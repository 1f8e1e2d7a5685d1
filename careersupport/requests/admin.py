"""Admin for maintenance. Confidential text (leave reasons, financial descriptions) is left
out of the lists; receipts are never linked from here (they are served by the app's view)."""

from django.contrib import admin

from .models import FinancialKind, FlexibleArrangement, LeavePolicy, PublicHoliday


@admin.register(LeavePolicy)
class LeavePolicyAdmin(admin.ModelAdmin):
    list_display = ["name", "employer", "kind", "period", "paid_weeks", "unpaid_weeks", "is_active"]
    list_filter = ["kind", "period", "employer"]
    raw_id_fields = ["offering"]


@admin.register(PublicHoliday)
class PublicHolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "employer", "country"]
    list_filter = ["employer", "country"]


@admin.register(FinancialKind)
class FinancialKindAdmin(admin.ModelAdmin):
    list_display = ["name", "employer", "category", "currency", "person_budget", "employer_budget"]
    list_filter = ["category", "employer"]


@admin.register(FlexibleArrangement)
class FlexibleArrangementAdmin(admin.ModelAdmin):
    list_display = ["person", "kind", "status", "start_date", "review_date"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["person", "colleague", "decided_by"]
    exclude = ["reason"]
