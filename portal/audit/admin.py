from django.conf import settings
from django.contrib import admin
from django.utils import translation

from portal.sealing import without_sealed_targets

from .models import AksesData
from .services import access_record


class AccessLoggedAdminMixin:
    """
    Log every view of an object's admin page by an officer, for the person whose data it shows
    (their "Data saya" lists it at once).
    """

    def access_log_subject(self, obj):
        """Return the person whose personal data the page shows, or None."""
        raise NotImplementedError

    def access_log_description(self, obj) -> str:
        return str(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            obj = response.context_data["original"]
            # Read by the person in "Data saya": written in the portal's language, not the officer's.
            with translation.override(settings.LANGUAGE_CODE):
                description = self.access_log_description(obj)
            access_record(
                request=request,
                target=obj,
                subject=self.access_log_subject(obj),
                action=AksesData.Action.LIHAT,
                description=description,
            )
        return response


@admin.register(AksesData)
class AksesDataAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "description", "ip"]
    list_filter = ["action"]
    list_select_related = ["actor"]
    search_fields = ["=description"]
    readonly_fields = [f.name for f in AksesData._meta.fields]

    def get_queryset(self, request):
        return without_sealed_targets(super().get_queryset(request))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
