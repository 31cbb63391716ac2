from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from .forms import HolidaysImportForm
from .models import HariLibur
from .selectors import holiday_calendar_gaps
from .services import holidays_import


@admin.register(HariLibur)
class HariLiburAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "kind", "confirmed"]
    list_filter = ["kind", "confirmed"]
    date_hierarchy = "date"
    search_fields = ["name"]

    def changelist_view(self, request, extra_context=None):
        """Warn when this or next year's calendar is empty or still holds estimated dates."""
        if request.method == "GET":
            for year, unconfirmed in holiday_calendar_gaps(today=timezone.localdate()).items():
                if unconfirmed is None:
                    message = _("Belum ada hari libur tahun %(year)s: impor daftarnya (SKB 3 Menteri).")
                else:
                    message = _(
                        "%(count)s hari libur tahun %(year)s masih tanggal perkiraan: periksa dengan SKB "
                        "3 Menteri dan impor daftar resminya."
                    )
                messages.warning(request, message % {"year": year, "count": unconfirmed})
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("impor/", view, name="holidays_harilibur_import"), *super().get_urls()]

    def import_view(self, request):
        """Load a year's list of holidays from an uploaded CSV."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = HolidaysImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            counts = holidays_import(
                rows=form.cleaned_data["rows"],
                replace_years=form.cleaned_data["replace_years"] and self.has_delete_permission(request),
            )
            message = _("Hari libur dimuat: %(created)s baru, %(updated)s diperbarui, %(deleted)s dihapus.")
            messages.success(request, message % counts)
            return redirect("admin:holidays_harilibur_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Impor hari libur dari CSV"),
            "form": form,
        }
        status = 400 if request.method == "POST" else 200  # shown again with what to fix
        return TemplateResponse(request, "admin/holidays/harilibur/import.html", context, status=status)
