from django.contrib import admin

from .models import AksesData


@admin.register(AksesData)
class AksesDataAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "description", "ip"]
    list_filter = ["action"]
    list_select_related = ["actor"]
    search_fields = ["=description"]
    readonly_fields = [f.name for f in AksesData._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
