from django.contrib import admin

from .models import PenghapusanDokumen


@admin.register(PenghapusanDokumen)
class PenghapusanDokumenAdmin(admin.ModelAdmin):
    list_display = ["deleted_at", "service", "reference", "kind_label", "application_status", "closed_at"]
    list_filter = ["service", "application_status"]
    search_fields = ["=reference"]
    date_hierarchy = "deleted_at"
    readonly_fields = [f.name for f in PenghapusanDokumen._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
