from django.contrib import admin

from portal.admin_queue import OpenableLinksMixin

from .models import Desa, Instansi, Kecamatan


@admin.register(Kecamatan)
class KecamatanAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Desa)
class DesaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "kecamatan"]
    list_filter = ["kind", "kecamatan"]
    list_select_related = ["kecamatan"]
    search_fields = ["code", "name"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Instansi)
class InstansiAdmin(OpenableLinksMixin, admin.ModelAdmin):
    # The procurement unit reads the agencies (a package's buyer), not the kecamatan register.
    list_display = ["code", "name", "kecamatan", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["kecamatan"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["kecamatan"]
