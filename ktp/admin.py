from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import admin_filters, admin_queue
from portal.audit.admin import AccessLoggedAdminMixin

from .constants import CLOSED_STATUSES, Status
from .models import KTP, LayananKecamatan, Pekerjaan, Penduduk, PermohonanKTP, SLAKecamatan
from .receipts import permohonan_receipt
from .selectors import (
    penduduk_search,
    penduduk_visible_to,
    permohonan_latest_for_nik,
    permohonan_queue,
    permohonan_search,
    permohonan_visible_to,
)
from .services import blanko_serial_help, revision_choices
from .workflow_admin import ACTIONS


class KecamatanFilter(admin.RelatedFieldListFilter):
    """The kecamatan filter without its empty choice: no application is submitted without its office."""

    include_empty_choice = False


class AppointmentFilter(admin_filters.AppointmentDayFilter):
    awaited_statuses = [Status.DIAJUKAN, Status.DIVERIFIKASI]


@admin.register(PermohonanKTP)
class PermohonanKTPAdmin(admin_queue.QueueAdmin):
    url_prefix = "ktp"
    workflow_actions = ACTIONS
    closed_statuses = CLOSED_STATUSES
    office_done_statuses = [Status.SIAP_DIAMBIL]
    applicant_turn_statuses = [Status.PERLU_PERBAIKAN]
    list_display = [
        "reference",
        "nik_column",
        "nama",
        "jenis",
        "status",
        "submitted_at",
        "sla_due",
        "overdue_column",
        "assigned_to",
    ]
    list_only = [
        *["reference", "nik", "nama", "jenis", "status", "submitted_at", "sla_due", "kecamatan"],
        *["assigned_to__name", "assigned_to__email"],
    ]
    list_filter = [
        admin_filters.OpenFilter,
        ("status", admin_filters.QueueStatusFilter),
        "jenis",
        admin_filters.OverdueFilter,
        AppointmentFilter,
    ]
    list_select_related = ["kecamatan", "assigned_to"]
    search_help_text = gettext_lazy(
        "Cari dengan nomor pendaftaran lengkap, NIK lengkap atau nomor KK lengkap (16 angka)."
    )
    change_select_related = ["applicant", "kecamatan", "desa__kecamatan", "pekerjaan"]

    fieldsets = [
        (
            gettext_lazy("Permohonan"),
            {
                "fields": [
                    "reference",
                    "jenis",
                    "status",
                    "kecamatan",
                    "applicant",
                    "assisted_by",
                    "assigned_to",
                    "submitted_at",
                    "sla_due",
                    "appointment_date",
                    "dokumen_links",
                    "receipt_link",
                    "claim_code",
                ]
            },
        ),
        (
            gettext_lazy("Biodata"),
            {
                "fields": [
                    "nik",
                    "nik_mismatch_confirmed",
                    "no_kk",
                    "nama",
                    "tempat_lahir",
                    "tanggal_lahir",
                    "jenis_kelamin",
                    "golongan_darah",
                    "agama",
                    "status_perkawinan",
                    "pekerjaan",
                    "kewarganegaraan",
                    "kebangsaan",
                    "kitap_berlaku_hingga",
                    "alamat",
                    "rt",
                    "rw",
                    "desa",
                ]
            },
        ),
    ]

    def queue(self, user):
        return permohonan_queue(user=user)

    def render_change_form(self, request, context, *args, **kwargs):
        context["blanko_help"] = blanko_serial_help()  # under the issue button's serial number box
        return super().render_change_form(request, context, *args, **kwargs)

    def visible(self, user):
        return permohonan_visible_to(user=user)

    def search(self, queryset, term):
        return permohonan_search(queryset=queryset, term=term)

    def receipt(self, permohonan):
        return permohonan_receipt(permohonan=permohonan)

    def revision_choices(self, permohonan):
        # A document the application does not need has no upload field to correct.
        return revision_choices(permohonan)

    # Dispendukcapil's queue holds every kecamatan's: it shows which office each is at, and filters by it.
    def get_list_display(self, request):
        return self.list_display if request.user.kecamatan_id else [*self.list_display, "kecamatan"]

    def get_list_filter(self, request):
        if request.user.kecamatan_id:
            return self.list_filter
        return [*self.list_filter, ("kecamatan", KecamatanFilter)]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name != "revision_fields"] + [
            "dokumen_links",
            "receipt_link",
            "claim_code",
        ]

    @admin.display(description=gettext_lazy("NIK"))
    def nik_column(self, obj):
        return obj.nik_masked


# The kept table of results goes stale when an application the queue shows changes: not with a draft,
# which no queue shows and citizens save all day.
admin_queue.queue_watch(PermohonanKTP, ignore=lambda permohonan: permohonan.status == Status.DRAF)


@admin.register(LayananKecamatan)
class LayananKecamatanAdmin(admin.ModelAdmin):
    list_display = ["kecamatan", "office_address", "daily_capacity"]
    list_select_related = ["kecamatan"]

    class SLAInline(admin.TabularInline):
        model = SLAKecamatan
        extra = 0

    inlines = [SLAInline]


@admin.register(Penduduk)
class PendudukAdmin(admin_queue.OpenableLinksMixin, AccessLoggedAdminMixin, admin.ModelAdmin):
    list_display = ["nama", "nik_column", "desa"]
    search_fields = ["=nik_hash"]  # shows the search box; get_search_results does the search
    search_help_text = gettext_lazy("Cari dengan NIK lengkap atau nomor KK lengkap (16 angka).")

    def get_queryset(self, request):
        return penduduk_visible_to(user=request.user)

    def get_search_results(self, request, queryset, search_term):
        return penduduk_search(queryset=queryset, term=search_term), False

    @admin.display(description=gettext_lazy("NIK"))
    def nik_column(self, obj):
        return obj.nik_masked

    def access_log_subject(self, obj):
        latest = permohonan_latest_for_nik(nik=obj.nik)
        return latest.applicant if latest else None

    def access_log_description(self, obj):
        return f"{_('Penduduk')} {obj.nik_masked}"


@admin.register(KTP)
class KTPAdmin(admin_queue.OpenableLinksMixin, AccessLoggedAdminMixin, admin.ModelAdmin):
    list_display = ["blanko_serial", "penduduk", "tanggal_terbit", "berlaku_hingga", "status"]
    search_fields = ["=blanko_serial"]

    def get_queryset(self, request):
        return KTP.objects.filter(penduduk__in=penduduk_visible_to(user=request.user)).select_related(
            "penduduk"
        )

    def access_log_subject(self, obj):  # the card shows its holder's name and NIK, as their record does
        return admin.site._registry[Penduduk].access_log_subject(obj.penduduk)

    def access_log_description(self, obj):
        return f"{_('KTP-el')} {obj.penduduk.nik_masked}"


admin.site.register(Pekerjaan)
