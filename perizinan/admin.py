import datetime

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import admin_filters, admin_queue
from portal.audit.admin import AccessLoggedAdminMixin
from portal.money import rupiah
from portal.nik import digits_as_printed

from .constants import CLOSED_STATUSES, AturanBiaya, Status, StatusIzin
from .models import (
    DasarBiaya,
    DokumenBentukUsaha,
    IndeksGangguan,
    IndeksLokasi,
    Izin,
    JenisIzin,
    KantorTandaTangan,
    KelasSIUP,
    PermohonanIzin,
    TarifHO,
    Usaha,
)
from .receipts import izin_pdf, permohonan_izin_receipt
from .selectors import (
    izin_visible_to,
    permohonan_izin_queue,
    permohonan_izin_search,
    permohonan_izin_visible_to,
    usaha_search_by_nik,
)
from .services import revision_choices
from .workflow_admin import ACTIONS


class SigningDayFilter(admin_filters.AppointmentDayFilter):
    title = gettext_lazy("jadwal tanda tangan")
    parameter_name = "tanda_tangan"
    date_lookup = "appointment_at__date"
    awaited_statuses = [Status.DIJADWALKAN]


@admin.register(PermohonanIzin)
class PermohonanIzinAdmin(admin_queue.QueueAdmin):
    url_prefix = "perizinan"
    workflow_actions = ACTIONS
    closed_statuses = CLOSED_STATUSES
    # Scheduled for signing: the office has done its part and waits for the owner's visit, on a day
    # offered from the SLA date on; the queue does not call that wait late.
    office_done_statuses = [Status.DIJADWALKAN]
    applicant_turn_statuses = [Status.PERLU_PERBAIKAN]
    list_display = [
        "reference",
        "jenis_izin",
        "jenis",
        "nama_usaha",
        "status",
        "biaya_column",
        "submitted_at",
        "sla_due",
        "appointment_at",
        "overdue_column",
        "assigned_to",
    ]
    list_only = [
        *["reference", "jenis_izin", "jenis", "nama_usaha", "status", "biaya", "submitted_at", "sla_due"],
        *["appointment_at", "assigned_to__name", "assigned_to__email"],
    ]
    list_filter = [
        admin_filters.OpenFilter,
        "jenis_izin",
        "jenis",
        ("status", admin_filters.QueueStatusFilter),
        admin_filters.OverdueFilter,
        # Ahead, not Django's date ranges, which look back ("Tujuh hari terakhir") from an appointment.
        SigningDayFilter,
    ]
    list_select_related = ["jenis_izin", "assigned_to"]
    search_help_text = gettext_lazy(
        "Cari dengan nomor pendaftaran lengkap, NPWP lengkap atau NIK penanggung jawab lengkap."
    )
    change_select_related = ["applicant", "usaha", "jenis_izin", "desa__kecamatan"]

    def queue(self, user):
        return permohonan_izin_queue(user=user)

    def visible(self, user):
        return permohonan_izin_visible_to(user=user)

    def search(self, queryset, term):
        return permohonan_izin_search(queryset=queryset, term=term)

    def receipt(self, permohonan):
        return permohonan_izin_receipt(permohonan=permohonan)

    def revision_choices(self, permohonan):
        # Only what this application's owner can correct: its form's fields and its documents.
        return revision_choices(permohonan=permohonan)

    def get_readonly_fields(self, request, obj=None):
        # The NIK's search hash is no use to read: leave it off the page.
        hidden = {"revision_fields", "penanggung_jawab_nik_hash"}
        return [f.name for f in self.model._meta.fields if f.name not in hidden] + [
            "dokumen_links",
            "receipt_link",
            "claim_code",
            "izin_link",
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["fee_text"] = rupiah(obj.biaya)
            # The HO levy rests on the nuisance index the officer sets from the survey at verification.
            if obj.jenis_izin.fee_rule == AturanBiaya.HO_RETRIBUSI:
                context["survey_indices"] = IndeksGangguan.objects.order_by("value")
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=gettext_lazy("biaya"), ordering="biaya")
    def biaya_column(self, obj):
        return rupiah(obj.biaya)

    @admin.display(description=gettext_lazy("izin terbit"))
    def izin_link(self, obj):
        izin = Izin.objects.filter(permohonan=obj).first()
        if izin is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:perizinan_izin_change", args=[izin.pk]), izin.nomor
        )


# The kept table of results goes stale when an application the queue shows changes: not with a draft,
# which no queue shows and citizens save all day.
admin_queue.queue_watch(PermohonanIzin, JenisIzin, ignore=lambda permohonan: permohonan.status == Status.DRAF)


class ExpiryFilter(admin.SimpleListFilter):
    """
    The licences in force ending within the days ahead, whose owners are due to renew: Django's date
    filter only looks back ("Tujuh hari terakhir"), to licences already ended.
    """

    title = gettext_lazy("masa berlaku")
    parameter_name = "habis"
    DAYS = {"30_hari": 30, "90_hari": 90}

    def lookups(self, request, model_admin):
        return [("30_hari", _("Habis dalam 30 hari")), ("90_hari", _("Habis dalam 90 hari"))]

    def queryset(self, request, queryset):
        if self.value() not in self.DAYS:
            return queryset
        today = timezone.localdate()
        ends = [today, today + datetime.timedelta(days=self.DAYS[self.value()])]
        return queryset.filter(status=StatusIzin.AKTIF, berlaku_hingga__range=ends)


@admin.register(Izin)
class IzinAdmin(admin_queue.OpenableLinksMixin, admin.ModelAdmin):
    """The licence register: every issued licence with its status."""

    list_display = [
        "nomor",
        "jenis_izin",
        "usaha",
        "kelas_siup",
        "tanggal_terbit",
        "berlaku_hingga",
        "status",
    ]
    list_filter = ["status", "jenis_izin", ExpiryFilter]
    list_select_related = ["jenis_izin", "usaha", "kelas_siup"]
    search_fields = ["=nomor", "=usaha__npwp"]
    search_help_text = gettext_lazy("Cari dengan nomor izin lengkap atau NPWP lengkap.")
    date_hierarchy = "tanggal_terbit"

    def get_queryset(self, request):
        return izin_visible_to(user=request.user)

    def get_search_results(self, request, queryset, search_term):
        # An NPWP typed as printed on the card (01.234.567.8-901.234) is kept as its digits.
        found, duplicates = super().get_search_results(request, queryset, search_term)
        return found | queryset.filter(usaha__npwp=digits_as_printed(search_term.strip())), duplicates

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields] + ["pdf_link"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("PDF izin"))
    def pdf_link(self, obj):
        document = izin_pdf(izin=obj)
        if document is None:
            return _("sedang disiapkan")
        return format_html(
            '<a href="{}" target="_blank">{}</a>', document.get_absolute_url(), _("verifikasi")
        )


@admin.register(Usaha)
class UsahaAdmin(admin_queue.OpenableLinksMixin, AccessLoggedAdminMixin, admin.ModelAdmin):
    list_display = ["nama_usaha", "bentuk", "npwp", "nik_column", "desa", "owner"]
    # The desa's name shows its kecamatan.
    list_select_related = ["desa__kecamatan", "owner"]
    search_fields = ["=npwp", "nama_usaha"]
    search_help_text = gettext_lazy("Cari dengan NPWP lengkap, nama usaha atau NIK penanggung jawab lengkap.")

    @admin.display(description=gettext_lazy("NIK penanggung jawab"))
    def nik_column(self, obj):
        return obj.nik_masked

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        by_npwp = queryset.filter(npwp=digits_as_printed(search_term.strip()))  # as printed, see IzinAdmin
        return found | by_npwp | usaha_search_by_nik(queryset=queryset, term=search_term), duplicates

    def access_log_subject(self, obj):
        return obj.owner

    def access_log_description(self, obj):
        return f"{_('Usaha')} {obj.nama_usaha}"

    def has_add_permission(self, request):
        return False


class DokumenBentukUsahaInline(admin.TabularInline):
    """The documents each form of business gives, replacing the type's own lists."""

    model = DokumenBentukUsaha
    extra = 0


@admin.register(JenisIzin)
class JenisIzinAdmin(admin.ModelAdmin):
    inlines = [DokumenBentukUsahaInline]
    list_display = [
        "code",
        "name",
        "active",
        "validity_months",
        "renewal_window_days",
        "renewal_due_days",
        "grace_days",
        "fee_rule",
    ]
    list_filter = ["active"]


@admin.register(KelasSIUP)
class KelasSIUPAdmin(admin.ModelAdmin):
    list_display = ["name", "lower", "upper", "renewal_fee"]


admin.site.register(IndeksLokasi)
admin.site.register(IndeksGangguan)
admin.site.register(TarifHO)


@admin.register(DasarBiaya)
class DasarBiayaAdmin(admin.ModelAdmin):
    """Fee rules and their legal basis: a rule outside its dates or revoked charges nothing."""

    list_display = ["jenis_izin", "jenis", "__str__", "berlaku_mulai", "berlaku_sampai", "dicabut"]
    list_filter = ["jenis_izin", "dicabut"]
    list_select_related = ["jenis_izin"]


@admin.register(KantorTandaTangan)
class KantorTandaTanganAdmin(admin.ModelAdmin):
    """The signing office's days, hours and daily capacity, which decide what owners can book."""

    list_display = ["name", "weekdays", "opens_at", "closes_at", "daily_capacity", "active"]
