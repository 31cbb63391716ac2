from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .loaders import holidays_read

MAX_BYTES = 200_000


class HolidaysImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas CSV"),
        help_text=_(
            "Kolom: tanggal (TTTT-BB-HH), keterangan, jenis (libur nasional, cuti bersama atau libur "
            "daerah) dan, bila perlu, ditetapkan (ya/tidak). Tanggal yang sudah ada diperbarui."
        ),
    )
    replace_years = forms.BooleanField(
        label=_("Ganti seluruh daftar tahun itu"),
        required=False,
        help_text=_("Hapus hari libur tahun yang sama yang tidak ada di berkas, misalnya tanggal perkiraan."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(_("Berkas terlalu besar; daftar hari libur cukup beberapa kilobyte."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("Berkas harus CSV teks UTF-8.")) from None
        self.cleaned_data["rows"] = holidays_read(text)
        return upload
