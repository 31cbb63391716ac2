from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.sealing import without_sealed_targets

from .models import IssuedDocument


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    list_display = ["reference", "kind", "service", "office", "issued_at"]
    list_filter = ["kind"]
    search_fields = ["=reference"]
    # The file lives in private storage, which has no URL: show its name, not a link.
    fields = [f.name for f in IssuedDocument._meta.fields if f.name != "file"] + ["file_name"]
    readonly_fields = fields

    def get_queryset(self, request):
        # The list, its count, the search and the change page all read this: a sealed row is missing.
        return without_sealed_targets(IssuedDocument.objects.all()).select_related("content_type")

    @admin.display(description=_("berkas"))
    def file_name(self, obj):
        return obj.file.name or "-"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
