from django.contrib import admin

from .models import HariLibur


@admin.register(HariLibur)
class HariLiburAdmin(admin.ModelAdmin):
    list_display = ["date", "name"]
    date_hierarchy = "date"
    search_fields = ["name"]
