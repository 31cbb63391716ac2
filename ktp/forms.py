import datetime
import re

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.accounts.forms import DeskAccountForm
from portal.accounts.models import User
from portal.documents.forms import document_field
from portal.names import validate_person_name
from portal.nik import digits_as_printed, kk_field, nik_field
from portal.wilayah.forms import CachedSelect, DesaChoiceMixin, desa_field, kecamatan_field
from portal.wilayah.selectors import WILAYAH_VERSION, kecamatan_list

from .constants import Jenis
from .models import PermohonanKTP, rt_rw_validator
from .rules import is_eligible_for_baru, nik_mismatch_warnings, required_documents
from .selectors import PEKERJAAN_VERSION, pekerjaan_list

NIK_DIGITS = re.compile(r"[0-9]{16}")


class JenisForm(forms.Form):
    jenis = forms.ChoiceField(
        label=gettext_lazy("Jenis permohonan"),
        choices=Jenis.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Pilih satu. Syarat dan dokumen tiap jenis tertera di bawahnya."),
    )


class NikForm(forms.Form):
    nik = nik_field(
        label=gettext_lazy("NIK"),
        help_text=gettext_lazy("16 angka, tertera di Kartu Keluarga."),
    )
    no_kk = kk_field(
        label=gettext_lazy("Nomor KK"),
        help_text=gettext_lazy(
            "16 angka di bagian atas Kartu Keluarga. Bila NIK dan nomor KK cocok dengan data kami, "
            "biodata terisi otomatis."
        ),
    )


class BiodataForm(DesaChoiceMixin, forms.ModelForm):
    desa_kecamatan = kecamatan_field(
        label=gettext_lazy("Kecamatan tempat tinggal"),
        help_text=gettext_lazy(
            "Kecamatan alamat Anda. Tekan Pilih kecamatan untuk menampilkan desa/kelurahannya; "
            "isian lain tidak hilang."
        ),
    )
    desa_id = desa_field(
        label=gettext_lazy("Desa/kelurahan"),
        help_text=gettext_lazy("Desa atau kelurahan tempat tinggal, di kecamatan yang dipilih di atas."),
    )
    nik = nik_field(
        label=gettext_lazy("NIK"),
        help_text=gettext_lazy("Nomor Induk Kependudukan, 16 angka, tertera di KK."),
    )
    no_kk = kk_field(
        label=gettext_lazy("Nomor KK"), help_text=gettext_lazy("Nomor Kartu Keluarga, 16 angka.")
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
        widgets = {
            "tanggal_lahir": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "kitap_berlaku_hingga": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "jenis_kelamin": forms.RadioSelect,
            "kewarganegaraan": forms.RadioSelect,
            "golongan_darah": CachedSelect,
            "agama": CachedSelect,
            "status_perkawinan": CachedSelect,
            "pekerjaan": CachedSelect(version_name=PEKERJAAN_VERSION),
            "kecamatan": CachedSelect(version_name=WILAYAH_VERSION),
        }

    def __init__(self, *args, editable=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kecamatan"].queryset = kecamatan_list()
        self.fields["pekerjaan"].queryset = pekerjaan_list()
        self.fields["kecamatan"].label = _("Kecamatan tempat layanan")
        for name in self.Meta.fields:
            if name not in ("kebangsaan", "kitap_berlaku_hingga", "golongan_darah", "nik_mismatch_confirmed"):
                self.fields[name].required = True
        self.fields["nik_mismatch_confirmed"].label = _("Data saya benar walau berbeda dengan kode NIK")
        if not self._mismatch_possible():
            del self.fields["nik_mismatch_confirmed"]
        for name in ("rt", "rw"):
            # The project's message names the length; Django's generic one would stand in for it.
            self.fields[name].validators = [rt_rw_validator]
            self.fields[name].widget.attrs["inputmode"] = "numeric"
        for name in ("jenis_kelamin", "kewarganegaraan"):  # radios: no blank choice
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        self.order_fields(
            [f for f in self.Meta.fields if f not in ("kecamatan", "nik_mismatch_confirmed")]
            + ["desa_kecamatan", "desa_id", "kecamatan", "nik_mismatch_confirmed"]
        )
        if editable is not None:
            # A revision: lock what its request does not name (desa_choice_setup() pairs the desa's two).
            for name, field in self.fields.items():
                if name.removesuffix("_id") not in editable and name != "nik_mismatch_confirmed":
                    field.disabled = True
        self.desa_choice_setup(desa=self.instance.desa)

    def clean_nama(self):
        # Only a name typed here: one locked, or copied from a resident's record, is not the citizen's slip.
        if "nama" in self.changed_data:
            validate_person_name(self.cleaned_data["nama"])
        return self.cleaned_data["nama"]

    def clean_tanggal_lahir(self):
        # Checked here, not only when saving: a date the age rule also refuses never reaches the save,
        # and "must be 17" alone would hide the slip of a date not yet come.
        born = self.cleaned_data.get("tanggal_lahir")
        if born and born > timezone.localdate():
            raise forms.ValidationError(_("Tanggal lahir tidak boleh sesudah hari ini."))
        return born

    def _mismatch_possible(self):
        """
        Return whether to ask for the mismatch confirmation: only when the NIK disagrees, as sent or,
        for what the page does not send (nothing yet, or locked in a revision), as saved.
        """
        saved = self.instance
        if saved.nik_mismatch_confirmed:
            return True
        sent = self.data if self.is_bound else {}
        try:
            born = (
                datetime.date.fromisoformat(sent["tanggal_lahir"])
                if "tanggal_lahir" in sent
                else saved.tanggal_lahir
            )
        except ValueError:
            return False
        nik = digits_as_printed(sent.get("nik", saved.nik or ""))
        if born is None or not NIK_DIGITS.fullmatch(nik):
            return False
        return bool(
            nik_mismatch_warnings(
                nik=nik,
                tanggal_lahir=born,
                jenis_kelamin=sent.get("jenis_kelamin", saved.jenis_kelamin),
            )
        )

    def clean(self):
        cleaned = super().clean()
        # Who may apply for this kind is known here, before any document is asked for.
        jenis = self.instance.jenis
        born, status = cleaned.get("tanggal_lahir"), cleaned.get("status_perkawinan")
        today = timezone.localdate()
        if (
            jenis == Jenis.BARU
            and born
            and status
            and not is_eligible_for_baru(tanggal_lahir=born, status_perkawinan=status, on=today)
        ):
            message = _("KTP-el baru hanya untuk yang berumur 17 tahun atau sudah/pernah kawin.")
            self.add_error("tanggal_lahir", message)
        if jenis == Jenis.PERPANJANGAN_WNA and cleaned.get("kewarganegaraan") not in (None, "", "WNA"):
            self.add_error("kewarganegaraan", _("Perpanjangan KTP-el hanya untuk WNA pemegang KITAP."))
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
        """Return the cleaned values that may change, as the service expects them."""
        data = {k: v for k, v in self.cleaned_data.items() if not self.fields[k].disabled}
        return self.with_desa(data)


class DokumenForm(forms.Form):
    def __init__(self, *args, permohonan, editable=None, **kwargs):
        super().__init__(*args, **kwargs)
        have = {d.kind: d for d in permohonan.dokumen_set.all()}
        for kind in required_documents(jenis=permohonan.jenis, is_wna=permohonan.is_wna):
            if editable is not None and kind not in editable:
                continue
            self.fields[kind] = document_field(
                label=kind.label, uploaded=have.get(kind), hint=_("Foto dengan ponsel boleh, asal terbaca.")
            )


class JadwalForm(forms.Form):
    appointment_date = forms.TypedChoiceField(
        label=gettext_lazy("Tanggal ke kantor kecamatan"),
        widget=forms.RadioSelect,
        coerce=datetime.date.fromisoformat,
        help_text=gettext_lazy("Hanya hari kerja yang masih ada kuotanya yang ditampilkan."),
        # A day offered when the page was loaded may have filled up before it was sent.
        error_messages={
            "invalid_choice": gettext_lazy(
                "Jadwal tanggal itu sudah penuh atau tidak tersedia. Pilih tanggal lain."
            )
        },
    )

    def __init__(self, *args, days, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appointment_date"].choices = [
            (d.isoformat(), formats.date_format(d, "l, j F Y")) for d in days
        ]


class LoketForm(DeskAccountForm, NikForm):
    """The front desk: find the citizen present by full NIK, or record them, and pick the service."""

    jenis = forms.ChoiceField(
        label=gettext_lazy("Jenis permohonan"),
        choices=Jenis.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Layanan yang diminta warga di loket; syaratnya diperiksa pada langkah berikut."
        ),
    )
    name = forms.CharField(
        label=gettext_lazy("Nama lengkap warga"),
        max_length=150,
        required=False,
        help_text=gettext_lazy(
            "Sesuai KK. Wajib bila warga belum punya akun; bila sudah, akunnya dipakai dan isian ini "
            "diabaikan."
        ),
    )
    phone = forms.CharField(
        label=gettext_lazy("Nomor HP warga"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("Boleh kosong. Misalnya 081234567890; untuk kabar permohonan."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("Alamat surel warga"),
        max_length=User._meta.get_field("email").max_length,  # Django's form field alone allows 320
        required=False,
        help_text=gettext_lazy(
            "Boleh kosong. Bila diisi, bukti pendaftaran dan tautan untuk membuka akun dikirim ke sini."
        ),
    )
