"""The public package list's filters: a GET form whose wrong values are dropped, never a 500."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.wilayah.models import Instansi

from .constants import Status
from .models import Kategori, Metode


class PaketFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Cari"),
        required=False,
        max_length=100,
        help_text=_("Nama paket, kode paket atau lokasi."),
    )
    instansi = forms.ModelChoiceField(
        label=_("Instansi"),
        queryset=Instansi.objects.filter(paket_set__isnull=False).distinct().order_by("name"),
        required=False,
        empty_label=_("Semua instansi"),
        help_text=_("Perangkat daerah pemilik paket."),
    )
    kategori = forms.ModelChoiceField(
        label=_("Kategori"),
        queryset=Kategori.objects.all(),
        required=False,
        empty_label=_("Semua kategori"),
        help_text=_("Jenis pengadaan."),
    )
    metode = forms.ModelChoiceField(
        label=_("Metode"),
        queryset=Metode.objects.all(),
        required=False,
        empty_label=_("Semua metode"),
        help_text=_("Metode pemilihan penyedia."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Semua status")), *Status.choices],
        required=False,
        help_text=_("Tahap proses paket."),
    )
    tahun = forms.IntegerField(
        label=_("Tahun anggaran"),
        required=False,
        min_value=2020,
        max_value=2100,
        help_text=_("Misalnya 2026."),
    )

    def filters(self) -> dict:
        """Return the valid filters; a wrong value (a typed URL) is ignored, its error shown."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    def querystring(self) -> str:
        """Return the filters as a query string, for paging and the CSV link."""
        from urllib.parse import urlencode

        data = {k: getattr(v, "pk", v) for k, v in self.filters().items()}
        return urlencode(data)
