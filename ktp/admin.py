from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.audit.models import AksesData
from portal.audit.services import access_record
from portal.documents.responses import document_response

from .constants import CLOSED_STATUSES
from .models import KTP, LayananKecamatan, Pekerjaan, Penduduk, PermohonanKTP, RiwayatStatus, SLAKecamatan
from .receipts import permohonan_receipt
from .selectors import (
    penduduk_search,
    penduduk_visible_to,
    permohonan_latest_for_nik,
    permohonan_queue,
    permohonan_search,
    permohonan_visible_to,
)
from .services import permohonan_assign, revision_choices
from .workflow_admin import ACTIONS


class OverdueFilter(admin.SimpleListFilter):
    title = gettext_lazy("keterlambatan")
    parameter_name = "terlambat"

    def lookups(self, request, model_admin):
        return [("ya", _("Melewati batas waktu"))]

    def queryset(self, request, queryset):
        if self.value() == "ya":
            return queryset.filter(sla_due__lt=timezone.localdate()).exclude(
                status__in=CLOSED_STATUSES
            )
        return queryset


class RiwayatInline(admin.TabularInline):
    model = RiwayatStatus
    extra = 0
    can_delete = False
    fields = ["created_at", "from_label", "to_label", "actor", "note"]
    readonly_fields = fields

    @admin.display(description=gettext_lazy("dari status"))
    def from_label(self, obj):
        return obj.from_status_label

    @admin.display(description=gettext_lazy("ke status"))
    def to_label(self, obj):
        return obj.to_status_label

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PermohonanKTP)
class PermohonanKTPAdmin(admin.ModelAdmin):
    change_form_template = "admin/ktp/permohonanktp/change_form.html"
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
    list_filter = ["status", "jenis", OverdueFilter, ("appointment_date", admin.DateFieldListFilter)]
    list_select_related = ["kecamatan", "assigned_to"]
    search_fields = ["reference"]
    # Rendering a row costs ~2.5 ms in the admin: 30 rows keep the queue page fast (issue #9).
    list_per_page = 30
    # A full COUNT(*) on every filtered page is the slow part of a large changelist.
    show_full_result_count = False
    search_help_text = gettext_lazy(
        "Cari dengan nomor pendaftaran lengkap, NIK lengkap atau nomor KK lengkap (16 angka)."
    )
    inlines = [RiwayatInline]
    ordering = ["sla_due"]
    exclude = ["revision_fields"]

    def get_queryset(self, request):
        return permohonan_queue(user=request.user)

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
                    "assigned_to",
                    "submitted_at",
                    "sla_due",
                    "appointment_date",
                    "dokumen_links",
                    "receipt_link",
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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            permohonan = response.context_data["original"]
            access_record(
                request=request,
                target=permohonan,
                subject=permohonan.applicant,
                action=AksesData.Action.LIHAT,
                description=permohonan.reference,
            )
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Everything here changes through the workflow buttons, never through a Save.
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            "show_delete": False,
        }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name != "revision_fields"] + [
            "dokumen_links",
            "receipt_link",
        ]

    def get_search_results(self, request, queryset, search_term):
        # NIK and KK are encrypted: only an exact match, through their keyed hashes, can be found.
        return permohonan_search(queryset=queryset, term=search_term), False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("NIK"))
    def nik_column(self, obj):
        return obj.nik_masked

    @admin.display(description=gettext_lazy("terlambat"))
    def overdue_column(self, obj):
        today = timezone.localdate()
        if (
            not obj.sla_due
            or obj.status in CLOSED_STATUSES
            or obj.sla_due >= today
        ):
            return ""
        late = (today - obj.sla_due).days
        span = max((obj.sla_due - obj.submitted_at.date()).days, 1) if obj.submitted_at else 1
        return _("TERLAMBAT 3×") if late >= 2 * span else _("terlambat")

    @admin.display(description=gettext_lazy("dokumen"))
    def dokumen_links(self, obj):
        links = [
            format_html(
                '<a href="{}" target="_blank">{}</a>',
                reverse("admin:ktp_dokumen", args=[obj.pk, d.pk]),
                d.get_kind_display(),
            )
            for d in obj.dokumen_set.all()
        ]
        return format_html(" · ".join(["{}"] * len(links)), *links) if links else "–"

    def get_urls(self):
        return [
            path(
                "<int:pk>/dokumen/<int:doc_pk>/",
                self.admin_site.admin_view(self.dokumen_view),
                name="ktp_dokumen",
            ),
            path(
                "<int:pk>/aksi/<str:action>/", self.admin_site.admin_view(self.action_view), name="ktp_aksi"
            ),
            path("<int:pk>/tugaskan/", self.admin_site.admin_view(self.assign_view), name="ktp_tugaskan"),
            path("<int:pk>/bukti/", self.admin_site.admin_view(self.receipt_view), name="ktp_bukti"),
        ] + super().get_urls()

    def _visible(self, request, pk):
        return get_object_or_404(permohonan_visible_to(user=request.user), pk=pk)

    def dokumen_view(self, request, pk, doc_pk):
        permohonan = self._visible(request, pk)
        document = get_object_or_404(permohonan.dokumen_set, pk=doc_pk)
        access_record(
            request=request,
            target=permohonan,
            subject=permohonan.applicant,
            action=AksesData.Action.UNDUH_DOKUMEN,
            description=f"{permohonan.reference}: {document.get_kind_display()}",
        )
        return document_response(
            file_field=document.file,
            download_name=f"{permohonan.reference}-{document.kind}{document.file.name[-4:]}",
        )

    def action_view(self, request, pk, action):
        if request.method != "POST" or action not in ACTIONS:
            raise Http404
        permohonan = self._visible(request, pk)
        if not self.has_change_permission(request, permohonan):
            raise Http404
        try:
            ACTIONS[action].run(permohonan=permohonan, request=request)
            messages.success(request, _("Berhasil: %(action)s.") % {"action": ACTIONS[action].label})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("admin:ktp_permohonanktp_change", pk)

    def receipt_view(self, request, pk):
        permohonan = self._visible(request, pk)
        receipt = permohonan_receipt(permohonan=permohonan)
        if receipt is None:
            raise Http404
        access_record(
            request=request,
            target=permohonan,
            subject=permohonan.applicant,
            action=AksesData.Action.UNDUH_BUKTI,
            description=permohonan.reference,
        )
        return document_response(file_field=receipt.file, download_name=f"bukti-{permohonan.reference}.pdf")

    @admin.display(description=gettext_lazy("bukti pendaftaran"))
    def receipt_link(self, obj):
        if permohonan_receipt(permohonan=obj) is None:
            return _("sedang disiapkan")
        return format_html('<a href="{}" target="_blank">PDF</a>', reverse("admin:ktp_bukti", args=[obj.pk]))

    def assign_view(self, request, pk):
        """Assign the application to the officer clicking, or release it."""
        if request.method != "POST":
            raise Http404
        permohonan = self._visible(request, pk)
        if not self.has_change_permission(request, permohonan):
            raise Http404
        mine = request.POST.get("officer") == "me"
        permohonan_assign(permohonan=permohonan, officer=request.user if mine else None)
        messages.success(request, _("Permohonan kini Anda tangani.") if mine else _("Penugasan dilepas."))
        return redirect("admin:ktp_permohonanktp_change", pk)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["workflow_actions"] = [(k, a) for k, a in ACTIONS.items() if a.allowed(obj, request.user)]
            context["status_seen"] = obj.status
            context["revision_choices"] = revision_choices()
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(LayananKecamatan)
class LayananKecamatanAdmin(admin.ModelAdmin):
    list_display = ["kecamatan", "office_address", "daily_capacity"]
    list_select_related = ["kecamatan"]

    class SLAInline(admin.TabularInline):
        model = SLAKecamatan
        extra = 0

    inlines = [SLAInline]


@admin.register(Penduduk)
class PendudukAdmin(admin.ModelAdmin):
    list_display = ["nama", "nik_masked", "desa"]
    search_fields = ["=nik_hash"]  # shows the search box; get_search_results does the search
    search_help_text = gettext_lazy("Cari dengan NIK lengkap atau nomor KK lengkap (16 angka).")

    def get_queryset(self, request):
        return penduduk_visible_to(user=request.user)

    def get_search_results(self, request, queryset, search_term):
        return penduduk_search(queryset=queryset, term=search_term), False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            penduduk = response.context_data["original"]
            latest = permohonan_latest_for_nik(nik=penduduk.nik)
            access_record(
                request=request,
                target=penduduk,
                subject=latest.applicant if latest else None,
                action=AksesData.Action.LIHAT,
                description=f"{_('Penduduk')} {penduduk.nik_masked}",
            )
        return response


@admin.register(KTP)
class KTPAdmin(admin.ModelAdmin):
    list_display = ["blanko_serial", "penduduk", "tanggal_terbit", "berlaku_hingga", "status"]
    search_fields = ["=blanko_serial"]

    def get_queryset(self, request):
        return KTP.objects.filter(penduduk__in=penduduk_visible_to(user=request.user)).select_related(
            "penduduk"
        )


admin.site.register(Pekerjaan)
