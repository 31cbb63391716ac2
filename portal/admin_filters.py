"""
The list filters of the officers' queues (portal.admin_queue.QueueAdmin): which applications are
still open, late, or due at the office on a day. Each knows its queue's statuses from the admin.
"""

from copy import copy
from datetime import timedelta

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.workflow import DRAFT


class QueueFilter(admin.SimpleListFilter):
    """A filter of a QueueAdmin's list, knowing the queue's `closed_statuses`."""

    def __init__(self, request, params, model, model_admin):
        self.closed_statuses = model_admin.closed_statuses
        self.never_overdue = model_admin.never_overdue
        super().__init__(request, params, model, model_admin)


class QueueStatusFilter(admin.ChoicesFieldListFilter):
    """The status filter without Draf: no queue shows a draft, so that choice only ever lists none."""

    def choices(self, changelist):
        draft = f"{self.lookup_kwarg}={DRAFT}"
        return (choice for choice in super().choices(changelist) if draft not in choice["query_string"])

    def get_facet_queryset(self, changelist):
        # Choosing a status lifts OpenFilter's default (the open applications): so must its counts.
        request = copy(self.request)
        request.GET = request.GET.copy()
        request.GET[self.lookup_kwarg] = ""
        queryset = changelist.get_queryset(request, exclude_parameters=self.expected_parameters())
        return queryset.aggregate(**self.get_facet_counts(changelist.pk_attname, queryset))


class OverdueFilter(QueueFilter):
    """Applications past their SLA date still waiting for the office (see QueueAdmin.office_done_statuses)."""

    title = gettext_lazy("keterlambatan")
    parameter_name = "terlambat"

    def lookups(self, request, model_admin):
        return [("ya", _("Melewati batas waktu"))]

    def queryset(self, request, queryset):
        if self.value() == "ya":
            return queryset.filter(sla_due__lt=timezone.localdate()).exclude(status__in=self.never_overdue)
        return queryset


class OpenFilter(QueueFilter):
    """
    Open or closed applications. The queue opens on the open ones: sorted by SLA date, years of
    closed applications would otherwise fill its first pages. A status chosen or a search typed
    speaks for itself, so neither is narrowed unasked; "Semua" lists everything.
    """

    title = gettext_lazy("penyelesaian")
    parameter_name = "selesai"

    def __init__(self, request, params, model, model_admin):
        self.default = None if any(k == "q" or k.startswith("status") for k in request.GET) else "belum"
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [
            ("belum", _("Masih berjalan")),
            ("sudah", _("Sudah selesai atau ditutup")),
            ("semua", _("Semua")),
        ]

    def value(self):
        return super().value() or self.default

    def choices(self, changelist):
        # The stock "All" link would drop the parameter, which here means the default: "semua" stands for it.
        return list(super().choices(changelist))[1:]

    def queryset(self, request, queryset):
        if self.value() == "belum":
            return queryset.exclude(status__in=self.closed_statuses)
        if self.value() == "sudah":
            return queryset.filter(status__in=self.closed_statuses)
        return queryset


class AppointmentDayFilter(QueueFilter):
    """
    The visits ahead (today, tomorrow, the coming 7 days), which the stock date filter (today, the
    past 7 days...) cannot pick, leaving out closed applications, for which nobody comes; and the
    visits missed. A queue's subclass names `date_lookup` (a date, or a datetime's `__date`) and
    `awaited_statuses`, in which a day gone by means the visit was missed.
    """

    title = gettext_lazy("jadwal ke kantor")
    parameter_name = "jadwal"
    date_lookup = "appointment_date"
    awaited_statuses = ()
    AHEAD = {"hari_ini": (0, 0), "besok": (1, 1), "7_hari": (0, 7)}

    def lookups(self, request, model_admin):
        return [
            ("hari_ini", _("Hari ini")),
            ("besok", _("Besok")),
            ("7_hari", _("7 hari ke depan")),
            ("lewat", _("Terlewat, belum datang")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() in self.AHEAD:
            days = [today + timedelta(days=n) for n in self.AHEAD[self.value()]]
            return queryset.filter(**{f"{self.date_lookup}__range": days}).exclude(
                status__in=self.closed_statuses
            )
        if self.value() == "lewat":
            return queryset.filter(**{f"{self.date_lookup}__lt": today, "status__in": self.awaited_statuses})
        return queryset
