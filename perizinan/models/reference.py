"""Reference data the office maintains: licence types, SIUP classes and the HO tariff and indexes."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..constants import REMINDER_DAYS, AturanBiaya, BentukUsaha, Dokumen, Jenis
from ..rules import decimal_id

# [0-9] and \Z, not \d and $: those accept non-Latin digits and a trailing newline.
code_validator = RegexValidator(r"^[A-Z0-9_]{2,20}\Z", _("Huruf besar, angka atau garis bawah, 2–20 tanda."))


def document_codes_validate(value):
    """Refuse a list of required documents that names an unknown kind."""
    unknown = [v for v in value or [] if v not in Dokumen.values]
    if not isinstance(value, list) or unknown:
        raise ValidationError(
            _("Daftar dokumen berisi kode yang tidak dikenal: %(codes)s. Pilih dari: %(known)s.")
            % {"codes": ", ".join(map(str, unknown)) or "-", "known": ", ".join(Dokumen.values)}
        )


class JenisIzin(models.Model):
    """A licence type the office issues; data, so the office can enable, disable and add permits."""

    code = models.CharField(
        _("kode"), max_length=20, unique=True, validators=[code_validator], help_text=_("Misalnya SIUP.")
    )
    name = models.CharField(_("nama"), max_length=150, help_text=_("Nama lengkap jenis izin."))
    legal_basis = models.TextField(_("dasar hukum"), blank=True, help_text=_("Peraturan yang mendasari."))
    description = models.TextField(
        _("keterangan"), blank=True, help_text=_("Penjelasan untuk pemilik usaha: siapa wajib dan kapan.")
    )
    active = models.BooleanField(
        _("aktif"), default=True, help_text=_("Hanya jenis aktif yang bisa diajukan pemilik usaha.")
    )
    validity_months = models.PositiveSmallIntegerField(
        _("masa berlaku (bulan)"),
        null=True,
        blank=True,
        help_text=_("Kosong berarti izin tidak pernah berakhir dan tidak perlu daftar ulang."),
    )
    while_business_runs = models.BooleanField(
        _("berlaku selama usaha berjalan"),
        default=False,
        help_text=_(
            "Dicentang: masa berlaku di atas adalah jarak daftar ulang, bukan akhir izin; izin tidak "
            "pernah kedaluwarsa dan daftar ulang tetap bisa diajukan sesudah tanggalnya (masa tenggang "
            "tidak berlaku)."
        ),
    )
    renewal_window_days = models.PositiveSmallIntegerField(
        _("perpanjangan dibuka (hari sebelum berakhir)"),
        default=90,
        help_text=_("Berapa hari sebelum tanggal berakhir/daftar ulang permohonan perpanjangan dibuka."),
    )
    renewal_due_days = models.PositiveSmallIntegerField(
        _("daftar ulang paling lambat (hari sebelum berakhir)"),
        default=0,
        help_text=_(
            "Batas daftar ulang: berapa hari sebelum izin berakhir perpanjangan/daftar ulang wajib diajukan "
            "(TDP: 3 bulan). 0: sampai tanggal berakhir. Pengingat dihitung ke batas ini."
        ),
    )
    grace_days = models.PositiveSmallIntegerField(
        _("masa tenggang (hari)"),
        default=30,
        help_text=_("Berapa hari setelah berakhir izin masih bisa diperpanjang; sesudahnya ajukan baru."),
    )
    renewal_keeps_number = models.BooleanField(
        _("perpanjangan memakai nomor lama"),
        default=False,
        help_text=_(
            "Dicentang: izin perpanjangan/daftar ulang tetap bernomor izin lama; tidak: diberi nomor baru."
        ),
    )
    documents_new = models.JSONField(
        _("dokumen permohonan baru"),
        default=list,
        blank=True,
        validators=[document_codes_validate],
        help_text=_('Kode dokumen wajib untuk permohonan baru, misalnya ["akta", "ktp", "npwp"].'),
    )
    documents_renewal = models.JSONField(
        _("dokumen perpanjangan"),
        default=list,
        blank=True,
        validators=[document_codes_validate],
        help_text=_("Kode dokumen wajib untuk perpanjangan/daftar ulang."),
    )
    sla_days_new = models.PositiveSmallIntegerField(
        _("waktu layanan baru (hari kerja)"), default=3, help_text=_("Janji waktu penyelesaian izin baru.")
    )
    sla_days_renewal = models.PositiveSmallIntegerField(
        _("waktu layanan perpanjangan (hari kerja)"),
        default=3,
        help_text=_("Janji waktu penyelesaian perpanjangan/daftar ulang."),
    )
    fee_rule = models.CharField(
        _("aturan biaya"),
        max_length=20,
        choices=AturanBiaya.choices,
        default=AturanBiaya.GRATIS,
        help_text=_("Cara menghitung biaya atau retribusi."),
    )
    number_pattern = models.CharField(
        _("pola nomor izin"),
        max_length=100,
        default="503/{seq:04d}/35.04.xxx/{year}",
        help_text=_("Pakai {seq} (nomor urut per jenis per tahun, boleh {seq:04d}) dan {year}."),
    )
    signing_place = models.CharField(
        _("tempat tanda tangan"),
        max_length=200,
        default="Kantor DPMPTSP Kabupaten Tulungagung",
        help_text=_("Tempat pemilik usaha menandatangani dan membayar."),
    )
    what_to_bring = models.TextField(
        _("yang harus dibawa"),
        blank=True,
        help_text=_("Ditampilkan bersama jadwal tanda tangan."),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0, help_text=_("Urutan di daftar layanan."))

    class Meta:
        verbose_name = _("jenis izin")
        verbose_name_plural = _("jenis izin")
        ordering = ["order", "code"]

    def __str__(self):
        return f"{self.code} – {self.name}"

    def clean(self):
        try:
            number = self.number_pattern.format(seq=1, year=2026)
        except (KeyError, IndexError, ValueError) as exc:
            raise ValidationError(
                {"number_pattern": _("Pola nomor tidak sah; hanya {seq} dan {year} yang boleh dipakai.")}
            ) from exc
        if "{seq" not in self.number_pattern or len(number) > 60:
            raise ValidationError(
                {"number_pattern": _("Pola nomor wajib memuat {seq} dan paling panjang 60.")}
            )
        if self.while_business_runs and not self.validity_months:
            raise ValidationError(
                {"validity_months": _("Isi jarak daftar ulang (bulan) untuk izin yang berlaku selama usaha.")}
            )
        # The first reminder says "ajukan daring": the renewal must be open by then.
        earliest = (self.renewal_due_days or 0) + max(REMINDER_DAYS)
        if (self.renewal_window_days or 0) < earliest:
            raise ValidationError(
                {
                    "renewal_window_days": _(
                        "Perpanjangan harus sudah dibuka saat pengingat pertama terkirim: paling sedikit "
                        "%(days)s hari sebelum berakhir."
                    )
                    % {"days": earliest}
                }
            )

    @property
    def renewal_grace_days(self):
        """
        Return the days after its date a licence may still be renewed; None for one valid while the
        business runs (a SIUP), whose daftar ulang stays due, however late, and which never expires.
        """
        return None if self.while_business_runs else self.grace_days

    @property
    def label(self):
        """Return the name with its code, unless the name already ends with it: Izin Gangguan (HO)."""
        return self.name if f"({self.code})" in self.name else f"{self.name} ({self.code})"

    def documents_for(self, jenis, bentuk="") -> list:
        """Return the document kinds an application of `jenis` needs, for a business of `bentuk`."""
        rule = (
            next((r for r in self.dokumen_bentuk_set.all() if r.bentuk == bentuk), None) if bentuk else None
        )
        source = rule or self
        codes = source.documents_renewal if jenis == Jenis.PERPANJANGAN else source.documents_new
        return [Dokumen(code) for code in codes if code in Dokumen.values]

    def sla_days_for(self, jenis) -> int:
        return self.sla_days_renewal if jenis == Jenis.PERPANJANGAN else self.sla_days_new


class DokumenBentukUsaha(models.Model):
    """
    The documents a licence type asks of one form of business, replacing the type's own lists: a
    sole trader (UD) has no deed of establishment, a PT adds its ministry approval (SK pengesahan).
    """

    jenis_izin = models.ForeignKey(
        JenisIzin,
        on_delete=models.CASCADE,
        related_name="dokumen_bentuk_set",
        verbose_name=_("jenis izin"),
        help_text=_("Jenis izin yang persyaratannya diatur."),
    )
    bentuk = models.CharField(
        _("bentuk usaha"), max_length=20, choices=BentukUsaha.choices, help_text=_("Bentuk badan usaha.")
    )
    documents_new = models.JSONField(
        _("dokumen permohonan baru"),
        default=list,
        blank=True,
        validators=[document_codes_validate],
        help_text=_('Kode dokumen wajib untuk permohonan baru bentuk ini, misalnya ["ktp", "npwp"].'),
    )
    documents_renewal = models.JSONField(
        _("dokumen perpanjangan"),
        default=list,
        blank=True,
        validators=[document_codes_validate],
        help_text=_("Kode dokumen wajib untuk perpanjangan/daftar ulang bentuk ini."),
    )

    class Meta:
        verbose_name = _("dokumen menurut bentuk usaha")
        verbose_name_plural = _("dokumen menurut bentuk usaha")
        constraints = [
            models.UniqueConstraint(fields=["jenis_izin", "bentuk"], name="perizinan_dokumen_per_bentuk")
        ]

    def __str__(self):
        return f"{self.jenis_izin.code}: {self.get_bentuk_display()}"


class KelasSIUP(models.Model):
    """A SIUP class by net assets (Permendag 46/2009): above `lower`, up to and including `upper`."""

    code = models.CharField(_("kode"), max_length=20, unique=True, help_text=_("Misalnya KECIL."))
    name = models.CharField(_("nama"), max_length=60, help_text=_("Misalnya SIUP Kecil."))
    lower = models.PositiveBigIntegerField(
        _("kekayaan bersih lebih dari (Rp)"),
        help_text=_("Batas bawah, tidak termasuk: kelas berlaku untuk kekayaan bersih di atas angka ini."),
    )
    upper = models.PositiveBigIntegerField(
        _("sampai dengan (Rp)"),
        null=True,
        blank=True,
        help_text=_("Batas atas, termasuk; kosong berarti tanpa batas atas."),
    )
    renewal_fee = models.PositiveIntegerField(
        _("biaya daftar ulang (Rp)"), default=0, help_text=_("Biaya administrasi daftar ulang kelas ini.")
    )

    class Meta:
        verbose_name = _("kelas SIUP")
        verbose_name_plural = _("kelas SIUP")
        ordering = ["lower"]
        constraints = [
            models.CheckConstraint(
                condition=Q(upper__isnull=True) | Q(upper__gt=models.F("lower")), name="perizinan_kelas_range"
            )
        ]

    def __str__(self):
        return self.name


class IndeksLokasi(models.Model):
    """The HO location index: where the premises lie (road class)."""

    name = models.CharField(_("nama"), max_length=100, unique=True, help_text=_("Misalnya Jalan arteri."))
    value = models.DecimalField(
        _("indeks"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("Pengali retribusi HO."),
    )

    class Meta:
        verbose_name = _("indeks lokasi HO")
        verbose_name_plural = _("indeks lokasi HO")
        ordering = ["-value"]

    def __str__(self):
        return f"{self.name} ({decimal_id(self.value)})"


class IndeksGangguan(models.Model):
    """The HO nuisance index: how much the business disturbs its surroundings."""

    name = models.CharField(_("nama"), max_length=100, unique=True, help_text=_("Misalnya Gangguan besar."))
    value = models.DecimalField(
        _("indeks"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("Pengali retribusi HO."),
    )

    class Meta:
        verbose_name = _("indeks gangguan HO")
        verbose_name_plural = _("indeks gangguan HO")
        ordering = ["-value"]

    def __str__(self):
        return f"{self.name} ({decimal_id(self.value)})"


class TarifHO(models.Model):
    """The HO base tariff per square metre; the newest row with a start date on or before today applies."""

    tariff = models.PositiveIntegerField(
        _("tarif dasar (Rp per m²)"), help_text=_("Rupiah per meter persegi.")
    )
    valid_from = models.DateField(
        _("berlaku mulai"), unique=True, help_text=_("Tanggal tarif mulai berlaku.")
    )
    legal_basis = models.CharField(
        _("dasar hukum"), max_length=200, blank=True, help_text=_("Perda atau Perbup yang menetapkan.")
    )

    class Meta:
        verbose_name = _("tarif dasar HO")
        verbose_name_plural = _("tarif dasar HO")
        ordering = ["-valid_from"]

    def __str__(self):
        return f"Rp{self.tariff:,}/m²".replace(",", ".")
