from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.crypto import recipient_mask
from portal.sealing import without_sealed_targets

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The send record, read-only: only notification_send() writes it."""

    list_display = ["created_at", "event", "recipient_masked", "status", "sent_at"]
    list_filter = ["status", "event", "channel"]
    search_fields = ["=event"]
    readonly_fields = ["target_display"]
    # The kept text is for the retry sweep, not for reading: it names the citizen, and a message may
    # carry a live link (a password link works for days).
    exclude = ["body_text", "body_html"]

    def get_queryset(self, request):
        # The list, its filters' counts and the change page: an email about a sealed bid is missing.
        return without_sealed_targets(super().get_queryset(request))

    @admin.display(description=_("penerima"), ordering="recipient")
    def recipient_masked(self, obj):
        return recipient_mask(obj.recipient)

    @admin.display(description=_("objek"))
    def target_display(self, obj):
        return obj.target or _("(sudah dihapus)")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
