from django.contrib import admin

from .models import IssuedDocument


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    list_display = ["reference", "kind", "service", "office", "issued_at"]
    list_filter = ["kind"]
    search_fields = ["=reference"]
    readonly_fields = [f.name for f in IssuedDocument._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
