from django import forms
from django.contrib import admin

from .datasets import dataset_read
from .models import InformasiPublik


class InformasiPublikForm(forms.ModelForm):
    class Meta:
        model = InformasiPublik
        fields = ["title", "slug", "description", "source", "dataset", "is_published"]

    def clean_dataset(self):
        dataset = self.cleaned_data.get("dataset")
        if dataset and hasattr(dataset, "content_type"):  # a new upload
            dataset_read(dataset)
        return dataset


@admin.register(InformasiPublik)
class InformasiPublikAdmin(admin.ModelAdmin):
    form = InformasiPublikForm
    list_display = ["title", "is_published", "updated_at", "updated_by"]
    list_filter = ["is_published"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
