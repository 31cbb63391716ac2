import datetime

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.accounts.forms import DeskAccountForm
from portal.accounts.models import User
from portal.documents.forms import document_field
from portal.money import RupiahField, rupiah
from portal.names import validate_person_name
from portal.nik import kk_field, nib_field, nik_field, npwp_field, number_input
from portal.wilayah.forms import DesaChoiceMixin, desa_field, kecamatan_field

from .constants import MAX_KEKAYAAN, AturanBiaya, Jenis
from .jadwal import day_label
from .models import PermohonanIzin
from .services import document_revisable

NEW_BUSINESS = "baru"


class JenisIzinForm(forms.Form):
    jenis_izin = forms.ChoiceField(
        label=gettext_lazy("Layanan"),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Pilih salah satu layanan.")},
    )

    def __init__(self, *args, jenis_list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis_izin"].choices = [(j.code, j.name) for j in jenis_list]


class JenisForm(forms.Form):
    jenis = forms.ChoiceField(
        label=gettext_lazy("Jenis permohonan"),
        choices=Jenis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Pilih baru atau perpanjangan.")},
    )


class UsahaPilihForm(forms.Form):
    usaha = forms.ChoiceField(
        label=gettext_lazy("Usaha"),
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Data usaha terdaftar diisikan otomatis; Anda tetap bisa mengubahnya."),
        error_messages={"required": gettext_lazy("Pilih usaha, atau Usaha baru.")},
    )

    def __init__(self, *args, usaha_list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["usaha"].choices = [
            (str(u.pk), f"{u.nama_usaha} (NPWP {u.npwp})") for u in usaha_list
        ] + [(NEW_BUSINESS, _("Usaha baru yang belum terdaftar di sini"))]


class StepForm(forms.ModelForm):
    """One topic of the business data; fields outside a revision request are shown but locked."""

    required = ()

    def __init__(self, *args, editable=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.required:
            if name in self.fields:
                self.fields[name].required = True
        if editable is not None:
            for name, field in self.fields.items():
                if name.removesuffix("_id") not in editable:
                    field.disabled = True

    def usaha_data(self) -> dict:
        """Return the changed values as the service expects them."""
        return {k: v for k, v in self.cleaned_data.items() if not self.fields[k].disabled}


class IdentitasForm(StepForm):
    required = ("nama_usaha", "bentuk", "npwp")
    npwp = npwp_field(
        label=gettext_lazy("NPWP"),
        help_text=gettext_lazy(
            "NPWP usaha, 15 atau 16 angka. Boleh diketik seperti tercetak di kartu, misalnya "
            "01.234.567.8-901.234."
        ),
    )
    nib = nib_field(
        label=gettext_lazy("NIB"),
        required=False,
        help_text=gettext_lazy("Nomor Induk Berusaha dari OSS, 13 angka; boleh kosong."),
    )

    class Meta:
        model = PermohonanIzin
        fields = ["nama_usaha", "bentuk", "npwp", "nib", "kbli"]
        widgets = {"kbli": number_input()}


class AlamatForm(DesaChoiceMixin, StepForm):
    required = ("alamat_usaha",)
    desa_kecamatan = kecamatan_field(
        label=gettext_lazy("Kecamatan tempat usaha"),
        help_text=gettext_lazy(
            "Kecamatan tempat usaha. Tekan Pilih kecamatan untuk menampilkan desa/kelurahannya; "
            "isian lain tidak hilang."
        ),
    )
    desa_id = desa_field(
        label=gettext_lazy("Desa/kelurahan"),
        help_text=gettext_lazy("Desa atau kelurahan tempat usaha, di kecamatan yang dipilih di atas."),
    )

    class Meta:
        model = PermohonanIzin
        fields = ["alamat_usaha"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.desa_choice_setup(desa=self.instance.desa)

    def usaha_data(self):
        return self.with_desa(super().usaha_data())


class PenanggungJawabForm(StepForm):
    required = ("penanggung_jawab", "penanggung_jawab_nik")
    penanggung_jawab_nik = nik_field(
        label=gettext_lazy("NIK penanggung jawab"),
        help_text=gettext_lazy("16 angka, sesuai KTP penanggung jawab."),
    )

    class Meta:
        model = PermohonanIzin
        fields = ["penanggung_jawab", "penanggung_jawab_nik"]

    def clean_penanggung_jawab(self):
        name = self.cleaned_data["penanggung_jawab"]
        # Only a name typed here: one copied from the business's record is left as it is.
        if name and "penanggung_jawab" in self.changed_data:
            validate_person_name(name)
        return name


class SkalaForm(StepForm):
    """Net assets for SIUP, floor area and HO indices for HO: only what the type's fee needs."""

    class Meta:
        model = PermohonanIzin
        # The HO nuisance index is set by the officer after a survey, never by the applicant.
        fields = ["kekayaan_bersih", "luas_ruang", "indeks_lokasi"]
        # A text box: a number box would refuse the dots that Indonesians write thousands with.
        field_classes = {"kekayaan_bersih": RupiahField}

    def __init__(self, *args, jenis_izin, kelas_list=(), **kwargs):
        super().__init__(*args, **kwargs)
        if jenis_izin.fee_rule == AturanBiaya.SIUP_KELAS:
            for name in ("luas_ruang", "indeks_lokasi"):
                del self.fields[name]
            field = self.fields["kekayaan_bersih"]
            field.required = True
            field.error_messages["min_value"] = _("Kekayaan bersih tidak boleh negatif.")
            # Past what the database column holds the field refuses before clean_kekayaan_bersih.
            field.error_messages["max_value"] = _(
                "Kekayaan bersih tidak masuk akal; periksa jumlah angka nol."
            )
            field.help_text = _(
                "Total aset dikurangi utang, tanpa tanah dan bangunan tempat usaha, "
                "dalam rupiah, misalnya 150.000.000. %(kelas)s"
            ) % {"kelas": " ".join(_kelas_text(k) for k in kelas_list)}
        else:
            del self.fields["kekayaan_bersih"]
            for name in ("luas_ruang", "indeks_lokasi"):
                self.fields[name].required = True
            # One message for 0 and for -5: the form's own bound (0) and the model's (1) would say two.
            self.fields["luas_ruang"].error_messages["min_value"] = _("Luas ruang usaha paling sedikit 1 m².")
            self.fields["indeks_lokasi"].help_text = _(
                "Kelas jalan di depan tempat usaha. Tingkat gangguan ditetapkan petugas setelah survei; "
                "sebelum mengirim Anda melihat perkiraan retribusinya."
            )

    def clean_kekayaan_bersih(self):
        value = self.cleaned_data.get("kekayaan_bersih")
        if value is not None and value > MAX_KEKAYAAN:
            raise forms.ValidationError(
                _("Kekayaan bersih %(value)s tidak masuk akal; periksa jumlah angka nol.")
                % {"value": rupiah(value)}
            )
        return value


def _kelas_text(kelas):
    if kelas.upper is None:
        return _("%(name)s: di atas %(lower)s.") % {"name": kelas.name, "lower": rupiah(kelas.lower)}
    return _("%(name)s: di atas %(lower)s sampai %(upper)s.") % {
        "name": kelas.name,
        "lower": rupiah(kelas.lower),
        "upper": rupiah(kelas.upper),
    }


class DokumenForm(forms.Form):
    def __init__(self, *args, permohonan, editable=None, **kwargs):
        super().__init__(*args, **kwargs)
        have = {d.kind: d for d in permohonan.dokumen_set.all()}
        for kind in permohonan.jenis_izin.documents_for(permohonan.jenis, permohonan.bentuk):
            if editable is not None and not document_revisable(kind=kind, revision_fields=editable):
                continue
            self.fields[kind] = document_field(label=kind.label, uploaded=have.get(kind))


class LoketForm(DeskAccountForm):
    """The front desk: find the owner present by full NIK, or record them, and pick the licence."""

    jenis_izin = forms.ChoiceField(
        label=gettext_lazy("Izin yang dimohon"),
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Permohonan baru; perpanjangan diajukan pemilik dari akunnya."),
        error_messages={"required": gettext_lazy("Pilih salah satu layanan.")},
    )
    nik = nik_field(
        label=gettext_lazy("NIK pemilik usaha"),
        help_text=gettext_lazy(
            "16 angka sesuai KTP-el. Bila pemilik sudah punya akun, permohonan masuk ke sana."
        ),
    )
    no_kk = kk_field(
        label=gettext_lazy("Nomor KK pemilik usaha"),
        help_text=gettext_lazy(
            "16 angka di Kartu Keluarga; dipakai bila pemilik kelak mendaftar akun sendiri."
        ),
    )
    name = forms.CharField(
        label=gettext_lazy("Nama lengkap pemilik"),
        max_length=150,
        required=False,
        help_text=gettext_lazy("Sesuai KTP-el. Wajib bila pemilik belum punya akun."),
    )
    phone = forms.CharField(
        label=gettext_lazy("Nomor HP pemilik"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("Boleh kosong. Misalnya 081234567890; untuk kabar permohonan."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("Alamat surel pemilik"),
        max_length=User._meta.get_field("email").max_length,  # Django's form field alone allows 320
        required=False,
        help_text=gettext_lazy(
            "Boleh kosong. Bila diisi, bukti pendaftaran dan tautan untuk membuka akun dikirim ke sini."
        ),
    )

    def __init__(self, *args, jenis_list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis_izin"].choices = [(j.code, j.name) for j in jenis_list]


class JadwalForm(forms.Form):
    """The owner's choice of signing day among the office days that still have room."""

    day = forms.TypedChoiceField(
        label=gettext_lazy("Hari tanda tangan di kantor"),
        widget=forms.RadioSelect,
        coerce=datetime.date.fromisoformat,
        help_text=gettext_lazy(
            "Hanya hari layanan kantor yang masih ada tempat. "
            "Jadwal bisa diubah paling lambat sehari sebelumnya."
        ),
        error_messages={
            "required": gettext_lazy("Pilih salah satu hari."),
            "invalid_choice": gettext_lazy(
                "Hari itu tidak tersedia (penuh, libur atau lewat). Pilih dari daftar."
            ),
        },
    )

    def __init__(self, *args, days, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = [(d.isoformat(), day_label(d)) for d in days]
