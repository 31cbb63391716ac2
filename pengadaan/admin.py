"""
The tender rules (data the procurement unit keeps) and read-only registers of packages and bids.

The bid register shows what is public about an opened bid (who, when, digest, size) and nothing
of its content: the admin has no way to unseal it, for a superuser neither. Before the opening it
lists no bid at all, as no other page does.
"""

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets

from portal.admin_queue import OpenableLinksMixin

from .models import (
    Aturan,
    DurasiTahap,
    Jadwal,
    Kategori,
    Metode,
    MetodeEvaluasi,
    Paket,
    Penawaran,
    RiwayatPaket,
)
from .selectors import penawaran_disclosed


class ReadOnlyAdmin(OpenableLinksMixin, admin.ModelAdmin):
    # The procurement unit reads these registers without the accounts (PPK, Pokja) they name.
    show_full_result_count = False
    list_per_page = 50

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(OpenableLinksMixin, admin.TabularInline):
    """A read-only table on a register's page; a subclass names its `fields`."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        # All it shows, a relation shown by name in place of its link (OpenableLinksMixin) included:
        # a name left out of these would be a form field the inline's model does not have.
        return flatten_fieldsets(self.get_fieldsets(request, obj))

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Kategori)
class KategoriAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "ocds_category"]
    readonly_fields = ["code"]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class DurasiInline(admin.TabularInline):
    model = DurasiTahap
    extra = 0


@admin.register(Metode)
class MetodeAdmin(KategoriAdmin):
    list_display = ["name", "code", "ocds_method", "active"]
    inlines = [DurasiInline]


@admin.register(MetodeEvaluasi)
class MetodeEvaluasiAdmin(admin.ModelAdmin):
    list_display = ["name", "cara", "bobot_teknis"]


@admin.register(Aturan)
class AturanAdmin(admin.ModelAdmin):
    list_display = ["code", "value", "valid_from", "source"]
    list_filter = ["code"]


class JadwalInline(ReadOnlyInline):
    model = Jadwal
    fields = ["tahap", "mulai", "selesai"]


class RiwayatPaketInline(ReadOnlyInline):
    model = RiwayatPaket
    fields = ["created_at", "from_status", "to_status", "actor", "note"]


@admin.register(Paket)
class PaketAdmin(ReadOnlyAdmin):
    list_display = ["reference", "nama", "instansi", "status", "hps", "created_at"]
    list_filter = ["status", "metode", "kategori"]
    list_select_related = ["instansi"]
    search_fields = ["reference", "nama"]
    exclude = ["retender_dari"]
    inlines = [JadwalInline, RiwayatPaketInline]


@admin.register(Penawaran)
class PenawaranAdmin(ReadOnlyAdmin):
    list_display = ["paket", "penyedia", "diterima_at", "aktif", "digest"]
    list_filter = ["aktif"]
    list_select_related = ["paket", "penyedia"]
    # The sealed file is never offered: there is nothing in it the admin could show.
    fields = ["paket", "penyedia", "diterima_at", "aktif", "digest", "size", "harga"]
    readonly_fields = fields

    def get_queryset(self, request):
        return penawaran_disclosed()
