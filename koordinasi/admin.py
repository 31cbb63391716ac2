from django.contrib import admin

from portal.admin_queue import OpenableLinksMixin

from .models import LogAkses, Naskah, PolaPenomoran
from .selectors import naskah_register


@admin.register(PolaPenomoran)
class PolaPenomoranAdmin(admin.ModelAdmin):
    list_display = ["instansi", "pola", "kode_klasifikasi_bawaan"]
    search_fields = ["instansi__code", "instansi__name"]
    list_select_related = ["instansi"]


class ReadOnlyAdmin(OpenableLinksMixin, admin.ModelAdmin):
    """
    A register to look at, never to edit: memos change only through the officers' pages. The
    agencies and accounts it names are linked only for a reader who may open their pages.
    """

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Naskah)
class NaskahAdmin(ReadOnlyAdmin):
    # The body is left out on purpose: Rahasia memos are for their named officers only.
    fields = ["nomor", "jenis", "instansi", "pengirim", "sifat", "klasifikasi", "status", "sent_at", "due_at"]
    list_display = ["nomor", "jenis", "instansi", "pengirim", "sifat", "klasifikasi", "status", "sent_at"]
    list_filter = ["sifat", "klasifikasi", "jenis", "instansi"]
    search_fields = ["nomor"]
    list_select_related = ["instansi", "pengirim"]
    # A regency's memos: no full COUNT(*) for the "of N" line on every filtered page.
    show_full_result_count = False
    # The memo's page opens to its sender and addressees only, never to whoever reads this register.
    view_on_site = False

    def get_queryset(self, request):
        # A draft is its drafter's alone until sent: not a row, a count or a page here.
        return naskah_register()


@admin.register(LogAkses)
class LogAksesAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "pengguna", "aksi", "naskah", "keterangan"]
    list_filter = ["aksi"]
    search_fields = ["naskah__nomor", "pengguna__email"]
    list_select_related = ["pengguna", "naskah"]
    show_full_result_count = False
