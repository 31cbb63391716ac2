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
from .models import (
    IndeksGangguan,
    IndeksLokasi,
    Izin,
    JenisIzin,
    KelasSIUP,
    PermohonanIzin,
    RiwayatPermohonanIzin,
    TarifHO,
    Usaha,
)
from .receipts import izin_pdf, permohonan_izin_receipt
from .rules import rupiah
from .selectors import (
    izin_visible_to,
    permohonan_izin_queue,
    permohonan_izin_search,
    permohonan_izin_visible_to,
    usaha_search_by_nik,
)
from .services import permohonan_izin_assign, revision_choices
from .workflow_admin import ACTIONS


class OverdueFilter(admin.SimpleListFilter):
    title = gettext_lazy("keterlambatan")
    parameter_name = "terlambat"

    def lookups(self, request, model_admin):
        return [("ya", _("Melewati batas waktu"))]

    def queryset(self, request, queryset):
        if self.value() == "ya":
            return queryset.filter(sla_due__lt=timezone.localdate()).exclude(status__in=CLOSED_STATUSES)
        return queryset


class RiwayatInline(admin.TabularInline):
    model = RiwayatPermohonanIzin
    extra = 0
    can_delete = False
    fields = ["created_at", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        # Whoever may see the application sees its history; no separate permission to keep in sync.
        return request.user.has_perm("perizinan.view_permohonanizin")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PermohonanIzin)
class PermohonanIzinAdmin(admin.ModelAdmin):
    change_form_template = "admin/perizinan/permohonanizin/change_form.html"
    list_display = [
        "reference",
        "jenis_izin",
        "jenis",
        "nama_usaha",
        "status",
        "biaya_column",
        "submitted_at",
        "sla_due",
        "overdue_column",
        "assigned_to",
    ]
    list_filter = ["jenis_izin", "jenis", "status", OverdueFilter]
    list_select_related = ["jenis_izin", "assigned_to"]
    # A full COUNT(*) on every filtered page is the slow part of a large changelist.
    show_full_result_count = False
    # Rendering a row costs ~2.5 ms in the admin: 30 rows keep the queue page fast (issue #9).
    list_per_page = 30
    search_fields = ["reference"]
    search_help_text = gettext_lazy(
        "Cari dengan nomor pendaftaran lengkap, NPWP lengkap atau NIK penanggung jawab lengkap."
    )
    inlines = [RiwayatInline]
    ordering = ["sla_due"]
    exclude = ["revision_fields"]

    def get_queryset(self, request):
        return permohonan_izin_queue(user=request.user)

    def get_readonly_fields(self, request, obj=None):
        # The NIK's search hash is no use to read: leave it off the page.
        hidden = {"revision_fields", "penanggung_jawab_nik_hash"}
        return [f.name for f in self.model._meta.fields if f.name not in hidden] + [
            "dokumen_links",
            "receipt_link",
            "izin_link",
        ]

    def get_search_results(self, request, queryset, search_term):
        # The NIK is encrypted: only an exact match, through its keyed hash, can be found.
        return permohonan_izin_search(queryset=queryset, term=search_term), False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("biaya"), ordering="biaya")
    def biaya_column(self, obj):
        return rupiah(obj.biaya)

    @admin.display(description=gettext_lazy("terlambat"))
    def overdue_column(self, obj):
        if not obj.sla_due or obj.status in CLOSED_STATUSES or obj.sla_due >= timezone.localdate():
            return ""
        return _("terlambat")

    @admin.display(description=gettext_lazy("dokumen"))
    def dokumen_links(self, obj):
        links = [
            format_html(
                '<a href="{}" target="_blank">{}</a>',
                reverse("admin:perizinan_dokumen", args=[obj.pk, d.pk]),
                d.get_kind_display(),
            )
            for d in obj.dokumen_set.all()
        ]
        return format_html(" · ".join(["{}"] * len(links)), *links) if links else "–"

    @admin.display(description=gettext_lazy("bukti pendaftaran"))
    def receipt_link(self, obj):
        if permohonan_izin_receipt(permohonan=obj) is None:
            return _("sedang disiapkan")
        return format_html(
            '<a href="{}" target="_blank">PDF</a>', reverse("admin:perizinan_bukti", args=[obj.pk])
        )

    @admin.display(description=gettext_lazy("izin terbit"))
    def izin_link(self, obj):
        izin = Izin.objects.filter(permohonan=obj).first()
        if izin is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:perizinan_izin_change", args=[izin.pk]), izin.nomor
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/dokumen/<int:doc_pk>/",
                self.admin_site.admin_view(self.dokumen_view),
                name="perizinan_dokumen",
            ),
            path(
                "<int:pk>/aksi/<str:action>/",
                self.admin_site.admin_view(self.action_view),
                name="perizinan_aksi",
            ),
            path(
                "<int:pk>/tugaskan/", self.admin_site.admin_view(self.assign_view), name="perizinan_tugaskan"
            ),
            path("<int:pk>/bukti/", self.admin_site.admin_view(self.receipt_view), name="perizinan_bukti"),
        ] + super().get_urls()

    def _visible(self, request, pk):
        return get_object_or_404(permohonan_izin_visible_to(user=request.user), pk=pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            permohonan = response.context_data["original"]
            access_record(
                request=request,
                target=permohonan,
                subject=permohonan.applicant,
                action=AksesData.Action.LIHAT,
                description=permohonan.reference or str(permohonan),
            )
        return response

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
        return redirect("admin:perizinan_permohonanizin_change", pk)

    def receipt_view(self, request, pk):
        permohonan = self._visible(request, pk)
        receipt = permohonan_izin_receipt(permohonan=permohonan)
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

    def assign_view(self, request, pk):
        """Assign the application to the officer clicking, or release it."""
        if request.method != "POST":
            raise Http404
        permohonan = self._visible(request, pk)
        if not self.has_change_permission(request, permohonan):
            raise Http404
        mine = request.POST.get("officer") == "me"
        permohonan_izin_assign(permohonan=permohonan, officer=request.user if mine else None)
        messages.success(request, _("Permohonan kini Anda tangani.") if mine else _("Penugasan dilepas."))
        return redirect("admin:perizinan_permohonanizin_change", pk)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["workflow_actions"] = [(k, a) for k, a in ACTIONS.items() if a.allowed(obj, request.user)]
            context["status_seen"] = obj.status
            context["revision_choices"] = revision_choices()
            context["fee_text"] = rupiah(obj.biaya)
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(Izin)
class IzinAdmin(admin.ModelAdmin):
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
    list_filter = ["status", "jenis_izin", ("berlaku_hingga", admin.DateFieldListFilter)]
    list_select_related = ["jenis_izin", "usaha", "kelas_siup"]
    search_fields = ["=nomor", "=usaha__npwp"]
    search_help_text = gettext_lazy("Cari dengan nomor izin lengkap atau NPWP lengkap.")
    date_hierarchy = "tanggal_terbit"

    def get_queryset(self, request):
        return izin_visible_to(user=request.user)

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
class UsahaAdmin(admin.ModelAdmin):
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
        return found | usaha_search_by_nik(queryset=queryset, term=search_term), duplicates

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            usaha = response.context_data["original"]
            access_record(
                request=request,
                target=usaha,
                subject=usaha.owner,
                action=AksesData.Action.LIHAT,
                description=f"{_('Usaha')} {usaha.nama_usaha}",
            )
        return response

    def has_add_permission(self, request):
        return False


@admin.register(JenisIzin)
class JenisIzinAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "active",
        "validity_months",
        "renewal_window_days",
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
