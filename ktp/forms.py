import datetime
import re

from django import forms
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.choices import kept_choices
from portal.forms import Select, constant_choices
from portal.wilayah.models import Desa
from portal.wilayah.selectors import desa_choices, kecamatan_choices

from .constants import Jenis
from .models import PermohonanKTP, nik_validator
from .rules import nik_mismatch_warnings, nik_structure_errors, required_documents
from .selectors import pekerjaan_choices

NIK_DIGITS = re.compile(r"[0-9]{16}")
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def clean_nik(nik):
    """Return the NIK, or raise what is structurally wrong with it."""
    nik_validator(nik)  # 16 ASCII digits first: the structure rules read digits by position
    if errors := nik_structure_errors(nik):
        raise forms.ValidationError(errors)
    return nik


class JenisForm(forms.Form):
    jenis = forms.ChoiceField(
        label=gettext_lazy("Jenis permohonan"),
        choices=Jenis.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Pilih satu. Syarat dan dokumen tiap jenis tertera di bawahnya."),
    )


class NikForm(forms.Form):
    nik = forms.CharField(
        label=gettext_lazy("NIK"),
        max_length=16,
        min_length=16,
        validators=[nik_validator],
        help_text=gettext_lazy("16 angka, tertera di Kartu Keluarga."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    no_kk = forms.CharField(
        label=gettext_lazy("Nomor KK"),
        max_length=16,
        min_length=16,
        validators=[nik_validator],
        help_text=gettext_lazy(
            "16 angka di bagian atas Kartu Keluarga. Bila NIK dan nomor KK cocok dengan data kami, "
            "biodata terisi otomatis."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_nik(self):
        return clean_nik(self.cleaned_data["nik"])


class BiodataForm(forms.ModelForm):
    desa_id = forms.TypedChoiceField(
        label=gettext_lazy("Desa/kelurahan"),
        coerce=int,
        help_text=gettext_lazy("Pilih desa atau kelurahan tempat tinggal; dikelompokkan per kecamatan."),
        widget=Select,  # draws the 271 desa from desa_choices()' prepared options
    )

    class Meta:
        model = PermohonanKTP
        fields = [
            "nik",
            "no_kk",
            "nama",
            "tempat_lahir",
            "tanggal_lahir",
            "jenis_kelamin",
            "golongan_darah",
            "agama",
            "status_perkawinan",
            "pekerjaan",
            "kewarganegaraan",
            "kebangsaan",
            "kitap_berlaku_hingga",
            "alamat",
            "rt",
            "rw",
            "kecamatan",
            "nik_mismatch_confirmed",
        ]
        # Select (portal.forms) draws the lists given as PrerenderedChoices from their prepared options.
        widgets = {
            "golongan_darah": Select,
            "agama": Select,
            "status_perkawinan": Select,
            "pekerjaan": Select,
            "kecamatan": Select,
            "tanggal_lahir": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "kitap_berlaku_hingga": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "jenis_kelamin": forms.RadioSelect,
            "kewarganegaraan": forms.RadioSelect,
        }

    def __init__(self, *args, editable=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Reference data, kept per process (one cache read for the three). The kecamatan and pekerjaan
        # fields stay ModelChoiceFields: a submitted value is still looked up in the database.
        desa, kecamatan, pekerjaan = kept_choices(desa_choices, kecamatan_choices, pekerjaan_choices)
        self.fields["desa_id"].choices = desa
        self.fields["desa_id"].initial = self.instance.desa_id
        self.fields["kecamatan"].choices = kecamatan
        self.fields["pekerjaan"].choices = pekerjaan
        for name in ("golongan_darah", "agama", "status_perkawinan"):  # the model's constant choices
            self.fields[name].choices = constant_choices(f"ktp.biodata.{name}", self.fields[name].choices)
        self.fields["kecamatan"].label = _("Kecamatan tempat layanan")
        for name in self.Meta.fields:
            if name not in ("kebangsaan", "kitap_berlaku_hingga", "golongan_darah", "nik_mismatch_confirmed"):
                self.fields[name].required = True
        self.fields["nik_mismatch_confirmed"].label = _("Data saya benar walau berbeda dengan kode NIK")
        if not self._mismatch_possible():
            del self.fields["nik_mismatch_confirmed"]
        for name in ("jenis_kelamin", "kewarganegaraan"):  # radios: no blank choice
            choices = [c for c in self.fields[name].choices if c[0]]
            self.fields[name].choices = constant_choices(f"ktp.biodata.{name}", choices)
        self.order_fields(
            [f for f in self.Meta.fields if f not in ("kecamatan", "nik_mismatch_confirmed")]
            + ["desa_id", "kecamatan", "nik_mismatch_confirmed"]
        )
        if editable is not None:
            for name, field in self.fields.items():
                key = "desa" if name == "desa_id" else name
                if key not in editable and name != "nik_mismatch_confirmed":
                    field.disabled = True
        for field in self.fields.values():  # lazy texts, each read several times while the field is drawn
            field.label = None if field.label is None else str(field.label)
            field.help_text = str(field.help_text)

    def clean_nik(self):
        return clean_nik(self.cleaned_data["nik"])

    def _mismatch_possible(self):
        """Return whether to ask for the mismatch confirmation: only when the NIK disagrees."""
        if self.instance.nik_mismatch_confirmed:
            return True
        if not self.is_bound:
            return False
        try:
            born = datetime.date.fromisoformat(self.data.get("tanggal_lahir", ""))
        except ValueError:
            return False
        nik = self.data.get("nik", "")
        if not NIK_DIGITS.fullmatch(nik):
            return False
        return bool(
            nik_mismatch_warnings(
                nik=nik,
                tanggal_lahir=born,
                jenis_kelamin=self.data.get("jenis_kelamin", ""),
            )
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kewarganegaraan") == "WNA":
            if not cleaned.get("kebangsaan"):
                self.add_error("kebangsaan", _("Isi kebangsaan untuk WNA."))
            if not cleaned.get("kitap_berlaku_hingga"):
                self.add_error("kitap_berlaku_hingga", _("Isi tanggal berakhirnya KITAP."))
        warnings = nik_mismatch_warnings(
            nik=cleaned.get("nik", ""),
            tanggal_lahir=cleaned.get("tanggal_lahir"),
            jenis_kelamin=cleaned.get("jenis_kelamin", ""),
        )
        if warnings and "nik_mismatch_confirmed" in self.fields and not cleaned.get("nik_mismatch_confirmed"):
            self.add_error(
                "nik_mismatch_confirmed",
                " ".join(warnings)
                + " "
                + _("NIK tidak pernah berubah. Bila data Anda benar, centang kotak ini."),
            )
        return cleaned

    def biodata(self):
        """Return the cleaned values as the service expects them."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "desa_id" and not self.fields[k].disabled}
        desa_id = self.cleaned_data.get("desa_id")
        if not self.fields["desa_id"].disabled and desa_id:
            unchanged = desa_id == self.instance.desa_id
            data["desa"] = self.instance.desa if unchanged else Desa.objects.get(pk=desa_id)
        return data


class DokumenForm(forms.Form):
    def __init__(self, *args, permohonan, editable=None, **kwargs):
        super().__init__(*args, **kwargs)
        have = {d.kind: d for d in permohonan.dokumen_set.all()}
        for kind in required_documents(jenis=permohonan.jenis, is_wna=permohonan.is_wna):
            if editable is not None and kind not in editable:
                continue
            uploaded = have.get(kind)
            self.fields[kind] = forms.FileField(
                label=kind.label,
                required=uploaded is None,
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
                help_text=(
                    # help_text is rendered as HTML: the citizen's file name must be escaped.
                    format_html(
                        _("Sudah diunggah: {name}. Pilih berkas lain untuk menggantinya."),
                        name=uploaded.original_name,
                    )
                    if uploaded
                    else _("PDF, JPG atau PNG, paling besar 5 MB. Foto dengan ponsel boleh, asal terbaca.")
                ),
            )


class JadwalForm(forms.Form):
    appointment_date = forms.TypedChoiceField(
        label=gettext_lazy("Tanggal ke kantor kecamatan"),
        widget=forms.RadioSelect,
        coerce=datetime.date.fromisoformat,
        help_text=gettext_lazy("Hanya hari kerja yang masih ada kuotanya yang ditampilkan."),
    )

    def __init__(self, *args, days, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appointment_date"].choices = [
            (d.isoformat(), formats.date_format(d, "l, j F Y")) for d in days
        ]
