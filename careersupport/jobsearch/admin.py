from django.contrib import admin

from .models import FiguresRollup, JobLead, LeadOrganisation

# LeadSave is deliberately not registered: no admin listing ties a save to a person.


@admin.register(LeadOrganisation)
class LeadOrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "location", "employer")
    list_filter = ("employer",)
    search_fields = ("name", "location")


@admin.register(JobLead)
class JobLeadAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "employer", "closes_on", "closed_at")
    list_filter = ("employer", "remote")
    search_fields = ("title", "location")
    raw_id_fields = ("posted_by", "organisation")


@admin.register(FiguresRollup)
class FiguresRollupAdmin(admin.ModelAdmin):
    list_display = ("employer", "computed_at")
    readonly_fields = ("employer", "computed_at", "partners", "leads")
