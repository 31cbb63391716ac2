from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .datasets import chart_columns_parse, dataset_read
from .models import InformasiPublik


class DatasetInput(AdminFileWidget):
    """
    The admin's file input naming the current file without linking it: the dataset's storage URL
    (MEDIA_URL) is served by no one, the public reads it at the page's data.csv.
    """

    template_name = "public/widgets/dataset_input.html"

    def is_initial(self, value):
        return isinstance(value, FieldFile) and bool(value)


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
        widgets = {"dataset": DatasetInput}

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
    fields = [
        *["title", "slug", "description", "source", "dataset", "data_link"],
        *["chart_columns", "is_demo", "is_published"],
    ]
    readonly_fields = ["data_link"]

    @admin.display(description=gettext_lazy("unduhan data untuk umum"))
    def data_link(self, obj):
        if not obj.dataset:
            return self.get_empty_value_display()
        url = reverse("public:informasi_csv", args=[obj.slug])
        if not obj.is_published:
            return _("Tersedia di %(url)s setelah terbit.") % {"url": url}
        return format_html('<a href="{}">{}</a>', url, url)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
