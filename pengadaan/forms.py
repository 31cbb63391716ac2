"""Forms of the tender pages: they validate input and hand it to one service each."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.accounts.models import User
from portal.accounts.roles import Role
from portal.choices import IdsField
from portal.documents.forms import ACCEPT_PDF, limit_help
from portal.money import RupiahField
from portal.nik import nib_field, npwp_field
from portal.submissions import submit_token_field
from portal.wilayah.models import Instansi

from .bundle import BID_PARTS
from .constants import DIRECT, PenyediaStatus, Tahap
from .kbli import KbliField
from .models import Kategori, Metode, MetodeEvaluasi, Penyedia

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
# The years a budget year may take; every date of a package falls within them, which also keeps
# the schedule's date arithmetic and time zone conversions in range.
YEAR_MIN, YEAR_MAX = 2020, 2100


def within_years(value):
    """Refuse a date outside the years a budget year may take."""
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        raise forms.ValidationError(
            _("Isi tanggal dari tahun %(min)s sampai %(max)s."),
            code="year",
            params={"min": YEAR_MIN, "max": YEAR_MAX},
        )


# Every amount is kept in a NUMERIC(15, 0) column.
RUPIAH_MAX = 10**15 - 1


def rupiah_field(**kwargs) -> RupiahField:
    """A whole-rupiah amount, typed as Indonesians write it: 150000000, 150.000.000 or Rp150.000.000,-."""
    return RupiahField(
        min_value=1,
        max_value=RUPIAH_MAX,
        error_messages={
            "min_value": _("Jumlah rupiah harus lebih dari nol."),
            "max_value": _("Jumlah rupiah paling banyak 15 angka; periksa jumlah angka nol."),
        },
        **kwargs,
    )


def _role_users(role):
    return User.objects.filter(groups__name=role.value, is_active=True).order_by("name", "email")


class PenyediaForm(forms.ModelForm):
    npwp = npwp_field(
        label=_("NPWP"),
        help_text=_(
            "NPWP badan usaha, 15 atau 16 angka. Boleh diketik seperti tercetak di kartu, misalnya "
            "01.234.567.8-901.234."
        ),
    )
    nib = nib_field(label=_("NIB"), help_text=_("Nomor Induk Berusaha dari OSS, 13 angka."))
    kbli = KbliField(
        label=_("KBLI"),
        max_length=200,
        help_text=_("Kode KBLI usaha, 5 angka, dipisah koma, misalnya 41011, 43211."),
    )

    class Meta:
        model = Penyedia
        fields = ["nama_usaha", "bentuk_usaha", "npwp", "nib", "kbli", "alamat"]
        widgets = {"alamat": forms.Textarea(attrs={"rows": 3})}


class VerifikasiForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Keputusan"),
        choices=[("1", _("Verifikasi")), ("0", _("Tolak"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        help_text=_("Verifikasi bila NPWP, NIB dan KBLI sesuai dokumen asli."),
    )
    note = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=1000,
        help_text=_("Wajib bila ditolak: apa yang harus diperbaiki."),
    )
    # The profile as the officer read it; a change made meanwhile is refused, not verified unseen.
    versi = forms.CharField(widget=forms.HiddenInput)


class PaketForm(forms.Form):
    submit_token = submit_token_field()
    instansi = forms.ModelChoiceField(
        Instansi.objects.filter(is_active=True),
        label=_("Instansi pemilik"),
        help_text=_("Perangkat daerah yang membutuhkan."),
    )
    nama = forms.CharField(
        label=_("Nama paket"),
        max_length=255,
        help_text=_("Nama yang jelas dan lengkap, paling sedikit 20 huruf."),
        min_length=20,
    )
    kategori = forms.ModelChoiceField(
        Kategori.objects.all(), label=_("Kategori"), help_text=_("Jenis pengadaan.")
    )
    metode = forms.ModelChoiceField(
        Metode.objects.filter(active=True).exclude(ocds_method=DIRECT),
        label=_("Metode pemilihan"),
        help_text=_("Menentukan lama tiap tahap jadwal awal."),
    )
    metode_evaluasi = forms.ModelChoiceField(
        MetodeEvaluasi.objects.all(),
        label=_("Metode evaluasi"),
        help_text=_("Cara memeringkat penawaran yang lulus."),
    )
    tahun_anggaran = forms.IntegerField(
        label=_("Tahun anggaran"), min_value=YEAR_MIN, max_value=YEAR_MAX, help_text=_("Tahun APBD.")
    )
    pagu = rupiah_field(
        label=_("Pagu (Rp)"),
        help_text=_("Pagu anggaran paket dalam rupiah, misalnya 500.000.000."),
    )
    hps = rupiah_field(
        label=_("HPS (Rp)"),
        help_text=_(
            "Harga perkiraan sendiri dalam rupiah, misalnya 450.000.000; diumumkan, "
            "dan menjadi batas atas penawaran."
        ),
    )
    kbli_syarat = KbliField(
        label=_("KBLI yang disyaratkan"),
        required=False,
        max_length=200,
        help_text=_("Kode 5 angka dipisah koma; kosong bila tidak disyaratkan."),
    )
    syarat_pengalaman = forms.CharField(
        label=_("Syarat pengalaman"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Pengalaman yang disyaratkan dari penyedia."),
    )
    lokasi = forms.CharField(
        label=_("Lokasi pekerjaan"), max_length=255, help_text=_("Lokasi pekerjaan atau penyerahan barang.")
    )
    ppk = forms.ModelChoiceField(
        _role_users(Role.PPK),
        label=_("PPK"),
        help_text=_("Pejabat yang menerbitkan SPPBJ dan menandatangani kontrak."),
    )
    pokja = IdsField(
        _role_users(Role.POKJA_PEMILIHAN),
        label=_("Pokja Pemilihan"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Pilih anggota dalam jumlah gasal, paling sedikit tiga."),
    )
    mulai = forms.DateTimeField(
        validators=[within_years],
        label=_("Mulai pengumuman"),
        widget=DATETIME,
        help_text=_("Tahap berikutnya menyusul menurut lama tahap metode ini; Pokja dapat mengubahnya."),
    )
    dokumen = forms.FileField(
        label=_("Dokumen pemilihan (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_PDF}),
        help_text=limit_help(_("PDF, paling besar {limit}.")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Re-read on every form: officers given a role after start-up must be choosable.
        self.fields["ppk"].queryset = _role_users(Role.PPK)
        self.fields["pokja"].queryset = _role_users(Role.POKJA_PEMILIHAN)


class JadwalForm(forms.Form):
    tahap = forms.ChoiceField(label=_("Tahap"), choices=Tahap.choices, help_text=_("Tahap yang diubah."))
    mulai = forms.DateTimeField(
        validators=[within_years], label=_("Mulai"), widget=DATETIME, help_text=_("Awal tahap yang baru.")
    )
    selesai = forms.DateTimeField(
        validators=[within_years],
        label=pgettext_lazy("pengadaan", "Selesai"),
        widget=DATETIME,
        help_text=_("Akhir tahap yang baru."),
    )
    alasan = forms.CharField(
        label=_("Alasan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wajib; ditampilkan kepada semua peserta."),
    )


class AdendumForm(forms.Form):
    dokumen = forms.FileField(
        label=_("Adendum dokumen pemilihan (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_PDF}),
        help_text=limit_help(
            _("PDF, paling besar {limit}; menjadi bagian dokumen pemilihan dan diberitahukan kepada peserta.")
        ),
    )


class PertanyaanForm(forms.Form):
    pertanyaan = forms.CharField(
        label=_("Pertanyaan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nama Anda tidak ditampilkan kepada peserta lain."),
    )


class JawabanForm(forms.Form):
    jawaban = forms.CharField(
        label=_("Jawaban"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Diterbitkan kepada semua peserta."),
    )


class PenawaranForm(forms.Form):
    submit_token = submit_token_field()
    harga = rupiah_field(
        label=_("Harga penawaran (Rp)"),
        help_text=_("Dalam rupiah, misalnya 850.000.000; disegel bersama dokumen sampai pembukaan."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in BID_PARTS.items():
            self.fields[name] = forms.FileField(
                label=label,
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_PDF}),
                help_text=limit_help(_("PDF, paling besar {limit}.")),
            )


class KonflikForm(forms.Form):
    ada_konflik = forms.TypedChoiceField(
        label=_("Benturan kepentingan"),
        choices=[
            ("0", _("Saya tidak punya benturan kepentingan dengan penawar mana pun")),
            ("1", _("Saya punya benturan kepentingan")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        help_text=_(
            'Pernyataan tidak dapat ditarik; "tidak punya" masih dapat diubah menjadi "punya" bila '
            "benturan kepentingan baru diketahui, misalnya saat penawar terlihat di pembukaan. Yang punya "
            "benturan kepentingan tidak ikut mengevaluasi."
        ),
    )
    keterangan = forms.CharField(
        label=_("Keterangan"),
        required=False,
        max_length=2000,
        help_text=_("Wajib bila ada benturan kepentingan."),
    )


class EvaluasiForm(forms.Form):
    administrasi_lulus = forms.BooleanField(
        label=_("Administrasi lulus"),
        required=False,
        help_text=_("Centang bila dokumen administrasi lengkap dan sah."),
    )
    teknis_lulus = forms.BooleanField(
        label=_("Teknis lulus"),
        required=False,
        help_text=_("Centang bila penawaran teknis memenuhi spesifikasi."),
    )
    nilai_teknis = forms.IntegerField(
        label=_("Nilai teknis"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("0 sampai 100; wajib untuk sistem nilai."),
    )
    alasan = forms.CharField(
        label=_("Alasan"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Dasar penilaian, terutama bila tidak lulus."),
    )


class SanggahForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan sanggah"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Apa yang keliru dalam evaluasi, dan buktinya."),
    )
    bukti = forms.FileField(
        label=_("Bukti (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_PDF}),
        help_text=limit_help(_("Opsional, PDF paling besar {limit}.")),
    )


class JawabSanggahForm(forms.Form):
    jawaban = forms.CharField(
        label=_("Jawaban"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Jawaban Pokja atas sanggah."),
    )
    diterima = forms.BooleanField(
        label=_("Sanggah diterima"),
        required=False,
        help_text=_("Sanggah yang benar dan material menggagalkan tender."),
    )


class GagalForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan tender gagal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Misalnya: tidak ada penawaran yang lulus evaluasi."),
    )


class KontrakForm(forms.Form):
    nomor_sppbj = forms.CharField(
        label=_("Nomor SPPBJ"), max_length=100, help_text=_("Nomor Surat Penunjukan Penyedia Barang/Jasa.")
    )
    tanggal_sppbj = forms.DateField(
        validators=[within_years],
        label=_("Tanggal SPPBJ"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Tanggal SPPBJ."),
    )
    nomor = forms.CharField(
        label=_("Nomor kontrak"), max_length=100, help_text=_("Nomor surat perjanjian atau SPK.")
    )
    nilai = rupiah_field(
        label=_("Nilai kontrak (Rp)"),
        help_text=_("Dalam rupiah, misalnya 850.000.000; paling tinggi harga penawaran pemenang."),
    )
    tanggal_mulai = forms.DateField(
        validators=[within_years],
        label=_("Tanggal mulai"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Awal pelaksanaan."),
    )
    tanggal_selesai = forms.DateField(
        validators=[within_years],
        label=_("Tanggal selesai"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Akhir pelaksanaan."),
    )


class UlangForm(forms.Form):
    mulai = forms.DateTimeField(
        validators=[within_years],
        label=_("Mulai pengumuman ulang"),
        widget=DATETIME,
        help_text=_("Paket baru dengan Pokja dan PPK yang sama, tertaut ke paket gagal ini."),
    )
    dokumen = PaketForm.base_fields["dokumen"]


def _verified_vendors():
    return Penyedia.objects.filter(status=PenyediaStatus.TERVERIFIKASI).order_by("nama_usaha")


class LangsungForm(forms.Form):
    """A direct procurement: the package, the one vendor invited and the offer deadline."""

    submit_token = submit_token_field()
    instansi = PaketForm.base_fields["instansi"]
    nama = PaketForm.base_fields["nama"]
    kategori = PaketForm.base_fields["kategori"]
    metode = forms.ModelChoiceField(
        Metode.objects.filter(active=True, ocds_method=DIRECT),
        label=_("Metode"),
        help_text=_("Pengadaan langsung; batas nilainya menurut kategori diatur UKPBJ."),
    )
    tahun_anggaran = PaketForm.base_fields["tahun_anggaran"]
    pagu = rupiah_field(
        label=_("Pagu (Rp)"),
        help_text=_(
            "Dalam rupiah, misalnya 150.000.000; paling tinggi batas pengadaan "
            "langsung kategori ini yang berlaku."
        ),
    )
    hps = rupiah_field(
        label=_("HPS (Rp)"),
        help_text=_(
            "Harga perkiraan sendiri dalam rupiah, misalnya 140.000.000; harga "
            "hasil negosiasi paling tinggi HPS."
        ),
    )
    kbli_syarat = PaketForm.base_fields["kbli_syarat"]
    syarat_pengalaman = PaketForm.base_fields["syarat_pengalaman"]
    lokasi = PaketForm.base_fields["lokasi"]
    ppk = forms.ModelChoiceField(
        _role_users(Role.PPK),
        label=_("PPK"),
        help_text=_("Pejabat yang menandatangani SPK atau surat pesanan."),
    )
    penyedia = forms.ModelChoiceField(
        _verified_vendors(),
        label=_("Penyedia yang diundang"),
        help_text=_("Satu penyedia terverifikasi yang memenuhi syarat KBLI."),
    )
    batas_penawaran = forms.DateTimeField(
        validators=[within_years],
        label=_("Batas penawaran"),
        widget=DATETIME,
        help_text=_("Sampai kapan penyedia dapat menyampaikan penawaran."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ppk"].queryset = _role_users(Role.PPK)
        self.fields["penyedia"].queryset = _verified_vendors()
        if self.fields["metode"].queryset.count() == 1:  # the usual case: nothing to choose
            self.fields["metode"].empty_label = None


class LangsungPenawaranForm(forms.Form):
    harga = rupiah_field(
        label=_("Harga penawaran (Rp)"),
        help_text=_(
            "Dalam rupiah, misalnya 135.000.000; dibaca Pejabat Pengadaan, diumumkan setelah surat pesanan."
        ),
    )
    dokumen = forms.FileField(
        label=_("Dokumen penawaran (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_PDF}),
        help_text=limit_help(_("PDF, paling besar {limit}: penawaran harga, teknis dan administrasi.")),
    )


class NegosiasiForm(forms.Form):
    harga = rupiah_field(
        label=_("Harga hasil negosiasi (Rp)"),
        help_text=_("Dalam rupiah, misalnya 130.000.000; paling tinggi harga penawaran dan HPS."),
    )
    catatan = forms.CharField(
        label=_("Hasil klarifikasi dan negosiasi"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Apa yang diklarifikasi dan disepakati; diumumkan setelah surat pesanan."),
    )


class PesananForm(forms.Form):
    nomor = forms.CharField(
        label=_("Nomor SPK/surat pesanan"), max_length=100, help_text=_("Nomor yang tertera pada SPK.")
    )
    tanggal = forms.DateField(
        validators=[within_years],
        label=_("Tanggal SPK/surat pesanan"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Tanggal ditandatangani."),
    )
    nilai = rupiah_field(
        label=_("Nilai (Rp)"),
        help_text=_("Dalam rupiah, misalnya 130.000.000; paling tinggi harga hasil negosiasi."),
    )
    tanggal_selesai = forms.DateField(
        validators=[within_years],
        label=_("Akhir pelaksanaan"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Batas penyelesaian pekerjaan atau penyerahan barang."),
    )


class BatalForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan pembatalan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ditampilkan kepada semua di halaman paket."),
    )
