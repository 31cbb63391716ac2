from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _

from .datasets import chart_columns_parse, dataset_read
from .models import InformasiPublik


class InformasiPublikForm(forms.ModelForm):
    class Meta:
        model = InformasiPublik
        fields = [
            "title",
            "slug",
            "description",
            "source",
            "dataset",
            "chart_columns",
            "is_demo",
            "is_published",
        ]

    def clean_dataset(self):
        dataset = self.cleaned_data.get("dataset")
        if dataset and hasattr(dataset, "content_type"):  # a new upload
            dataset_read(dataset)
        return dataset

    def clean(self):
        cleaned = super().clean()
        dataset, columns = cleaned.get("dataset"), chart_columns_parse(cleaned.get("chart_columns", ""))
        if columns and not dataset:
            self.add_error("chart_columns", _("Grafik memerlukan data CSV."))
        elif columns and dataset:
            header, _rows = dataset_read(dataset)
            missing = [c for c in columns if c not in header]
            if missing:
                message = _("Kolom %(columns)s tidak ada di CSV; kolom yang ada: %(header)s.")
                self.add_error(
                    "chart_columns", message % {"columns": ", ".join(missing), "header": ", ".join(header)}
                )
            elif len(columns) > 3:
                self.add_error("chart_columns", _("Paling banyak tiga kolom grafik."))
        return cleaned


@admin.register(InformasiPublik)
class InformasiPublikAdmin(admin.ModelAdmin):
    form = InformasiPublikForm
    list_display = ["title", "is_published", "is_demo", "updated_at", "updated_by"]
    list_filter = ["is_published", "is_demo"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
