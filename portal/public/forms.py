from django import forms
from django.utils.translation import gettext_lazy as _

from portal.nik import number_input


class TrackForm(forms.Form):
    reference = forms.CharField(
        label=_("Nomor pendaftaran"),
        max_length=30,
        help_text=_("Tertera di bukti pendaftaran, misalnya KTP-2026-000123."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    tanggal_lahir = forms.DateField(
        label=_("Tanggal lahir pemohon (untuk KTP-el)"),
        required=False,
        help_text=_("Untuk permohonan KTP-el."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    npwp4 = forms.RegexField(
        label=_("4 angka terakhir NPWP (untuk izin usaha)"),
        regex=r"^[0-9]{4}\Z",
        required=False,
        max_length=4,
        help_text=_("Untuk permohonan izin usaha."),
        error_messages={"invalid": _("Isi 4 angka terakhir NPWP.")},
        widget=number_input(),
    )

    def clean(self):
        cleaned = super().clean()
        # Without either, a real reference answers "tidak ditemukan", which reads as a wrong number.
        if not self.errors and not cleaned.get("tanggal_lahir") and not cleaned.get("npwp4"):
            raise forms.ValidationError(
                _("Isi tanggal lahir pemohon (KTP-el) atau 4 angka terakhir NPWP (izin usaha).")
            )
        return cleaned
