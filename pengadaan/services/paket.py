import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.accounts.roles import Role
from portal.documents.services import document_replace
from portal.holidays.selectors import holidays_between, is_working_date, working_deadline
from portal.sequences import sequence_next

from ..constants import DIRECT, JAM_KERJA, TAHAP_ORDER, KodeAturan, Status, Tahap
from ..kbli import kbli_codes
from ..models import (
    AnggotaPokja,
    DokumenPaket,
    DurasiTahap,
    Jadwal,
    Paket,
    Pendaftaran,
    PerubahanJadwal,
    RiwayatPaket,
)
from ..selectors import pendaftaran_open
from .common import after_commit, aturan_value, evaluator_require, jadwal_of, pokja_require

PAKET_FIELDS = (
    "instansi",
    "nama",
    "kategori",
    "metode",
    "metode_evaluasi",
    "tahun_anggaran",
    "pagu",
    "hps",
    "kbli_syarat",
    "syarat_pengalaman",
    "lokasi",
    "ppk",
)
# How far before the moment of registration a typed announcement start is taken as "now": the form
# takes minutes, not seconds, and an officer may type the time they began filling it in.
START_GRACE = datetime.timedelta(minutes=10)


def _pokja_validate(*, pokja, ppk):
    members = list(dict.fromkeys(pokja))
    minimum = aturan_value(code=KodeAturan.POKJA_MINIMUM)
    if len(members) < minimum or len(members) % 2 == 0:
        raise ValidationError(
            {"pokja": _("Pokja Pemilihan beranggota gasal, paling sedikit %(n)s orang.") % {"n": minimum}}
        )
    if any(not user.has_role(Role.POKJA_PEMILIHAN) for user in members):
        raise ValidationError({"pokja": _("Setiap anggota harus berperan Anggota Pokja Pemilihan.")})
    if ppk in members:
        raise ValidationError({"ppk": _("PPK tidak boleh sekaligus menjadi anggota Pokja paket yang sama.")})
    if not ppk.has_role(Role.PPK):
        raise ValidationError({"ppk": _("Pilih akun yang berperan PPK.")})
    return members


def jadwal_draw(*, metode, mulai: datetime.datetime) -> list[tuple]:
    """
    Return (tahap, mulai, selesai) for every stage, one after another, from the method's lengths
    in calendar days; each stage ends at the rule's closing hour of a working day, the first one
    not before its length is over.
    """
    days = dict(DurasiTahap.objects.filter(metode=metode).values_list("tahap", "hari"))
    horizon = timezone.localtime(mulai).date() + datetime.timedelta(days=sum(days.values()) + 60)
    holidays = holidays_between(
        start=timezone.localtime(mulai).date() - datetime.timedelta(days=1), end=horizon
    )
    hour = aturan_value(code=KodeAturan.JAM_AKHIR_TAHAP)
    rows, start = [], mulai
    for tahap in TAHAP_ORDER:
        length = datetime.timedelta(days=days.get(tahap, 1))
        end = working_deadline(end=start + length, hour=hour, holidays=holidays)
        rows.append((tahap, start, end))
        start = end
    return rows


def _announcement_start(*, mulai, now) -> datetime.datetime:
    """
    Return when the announcement starts: never before the package is published, since every later
    stage, and the bidders' time to prepare, is counted from it.
    """
    if mulai < now - START_GRACE:
        raise ValidationError(
            {
                "mulai": _(
                    "Mulai pengumuman tidak boleh sebelum waktu paket diumumkan. Isi sekarang "
                    "(%(now)s WIB) atau waktu sesudahnya."
                )
                % {"now": formats.date_format(timezone.localtime(now), "j F Y H:i")}
            }
        )
    return max(mulai, now)


@transaction.atomic
def paket_register(*, actor, pokja, mulai, dokumen=None, retender_dari=None, **fields) -> Paket:
    """
    Register and announce a package with its Pokja, its first schedule and its documents. The
    announcement starts at `mulai`, or now when `mulai` is a few minutes past; an earlier start is
    refused.
    """
    if not (actor.is_superuser or actor.has_role(Role.ADMIN_UKPBJ)):
        raise PermissionDenied(_("Hanya Admin UKPBJ yang dapat mendaftarkan paket."))
    now = timezone.now()
    mulai = _announcement_start(mulai=mulai, now=now)
    if fields["metode"].ocds_method == DIRECT:
        raise ValidationError(
            {"metode": _("Pengadaan langsung dibuat oleh Pejabat Pengadaan, bukan ditenderkan.")}
        )
    members = _pokja_validate(pokja=pokja, ppk=fields["ppk"])
    paket = Paket(
        created_by=actor,
        created_at=now,
        retender_dari=retender_dari,
        **{k: fields[k] for k in PAKET_FIELDS},
    )
    paket.reference = f"PBJ-{paket.tahun_anggaran}-{sequence_next(f'pengadaan_{paket.tahun_anggaran}'):04d}"
    if paket.hps and paket.pagu and paket.hps > paket.pagu:
        raise ValidationError({"hps": _("HPS tidak boleh melebihi pagu.")})
    paket.full_clean()
    paket.save()
    AnggotaPokja.objects.bulk_create([AnggotaPokja(paket=paket, user=user) for user in members])
    for tahap, start, end in jadwal_draw(metode=paket.metode, mulai=mulai):
        Jadwal.objects.create(paket=paket, tahap=tahap, mulai=start, selesai=end)
    if dokumen is not None:
        document_replace(
            documents=paket.dokumen_set, kind=DokumenPaket.Kind.DOKUMEN_PEMILIHAN, uploaded_file=dokumen
        )
    RiwayatPaket.objects.create(paket=paket, to_status=Status.DIUMUMKAN, actor=actor)
    return paket


def _in_working_hours(moment: datetime.datetime) -> bool:
    local = timezone.localtime(moment)
    day = local.date()
    opening, closing = (datetime.time(hour) for hour in JAM_KERJA)
    return is_working_date(day) and opening <= local.time() <= closing


def _jadwal_check(*, paket, tahap, mulai, selesai, selesai_lama):
    if selesai <= mulai:
        raise ValidationError({"selesai": _("Akhir tahap harus sesudah awalnya.")})
    if paket.status not in (Status.DIUMUMKAN, Status.EVALUASI, Status.PEMENANG):
        raise ValidationError(_("Jadwal paket yang sudah selesai atau gagal tidak dapat diubah."))
    if paket.dibuka_at and tahap in (
        Tahap.PENGUMUMAN,
        Tahap.PENDAFTARAN,
        Tahap.AANWIJZING,
        Tahap.PENAWARAN,
        Tahap.PEMBUKAAN,
    ):
        raise ValidationError(_("Penawaran sudah dibuka: tahap sebelum pembukaan tidak dapat diubah lagi."))
    rows = Jadwal.objects.filter(paket=paket, tahap__in=[Tahap.PENAWARAN, Tahap.PEMBUKAAN])
    other = {row.tahap: row for row in rows}
    # Pulling the deadline forward once bids may be in would let the opening, and the reading of
    # the bids, come before the time every bidder was told. The rule reads the window, not the
    # bids: a refusal only when bids are in would tell the Pokja, before the opening, that some are.
    bids = other[Tahap.PENAWARAN]
    if tahap == Tahap.PENAWARAN and selesai < bids.selesai and timezone.now() >= bids.mulai:
        raise ValidationError(
            {"selesai": _("Masa penyampaian penawaran sudah dimulai: batasnya hanya dapat diperpanjang.")}
        )
    # Nor its start moved: a start set ahead would close the window on bidders, and then let its
    # deadline be pulled forward as if it had not begun.
    if tahap == Tahap.PENAWARAN and mulai != bids.mulai and timezone.now() >= bids.mulai:
        raise ValidationError(
            {"mulai": _("Masa penyampaian penawaran sudah dimulai: awalnya tidak dapat diubah lagi.")}
        )
    if tahap == Tahap.PENAWARAN and selesai > other[Tahap.PEMBUKAAN].mulai:
        raise ValidationError({"selesai": _("Batas penawaran tidak boleh sesudah awal pembukaan penawaran.")})
    if tahap == Tahap.SANGGAH and paket.status == Status.PEMENANG:
        if timezone.now() > paket.sanggah_selesai:  # ended: reopening it would hold up the contract
            raise ValidationError(_("Masa sanggah sudah berakhir dan tidak dapat dibuka lagi."))
        if selesai < paket.sanggah_selesai:
            raise ValidationError(
                {"selesai": _("Masa sanggah sedang berjalan: akhirnya hanya dapat diperpanjang.")}
            )
    if tahap == Tahap.PEMBUKAAN and mulai < other[Tahap.PENAWARAN].selesai:
        raise ValidationError({"mulai": _("Pembukaan tidak boleh sebelum batas penyampaian penawaran.")})
    # A stage counted in calendar days ends on a working day and in working hours; an end left as it
    # was is not checked again.
    if selesai != selesai_lama and not _in_working_hours(selesai):
        raise ValidationError(
            {
                "selesai": _(
                    "Akhir tahap harus pada hari kerja (Senin–Jumat, bukan hari libur) dan jam kerja, "
                    "pukul %(buka)02d.00–%(tutup)02d.00 WIB."
                )
                % {"buka": JAM_KERJA[0], "tutup": JAM_KERJA[1]}
            }
        )


@transaction.atomic
def jadwal_amend(*, paket, tahap, actor, mulai, selesai, alasan) -> PerubahanJadwal:
    """Move one stage of the schedule, by a Pokja member with a reason; keep the amendment."""
    pokja_require(paket=paket, user=actor)
    if not (alasan or "").strip():
        raise ValidationError({"alasan": _("Perubahan jadwal wajib disertai alasan.")})
    paket = Paket.objects.select_for_update().get(pk=paket.pk)
    running_sanggah = tahap == Tahap.SANGGAH and paket.status == Status.PEMENANG
    if running_sanggah:
        evaluator_require(paket=paket, actor=actor)  # the winner's period: no member with a conflict
    jadwal = jadwal_of(paket=paket, tahap=tahap)
    _jadwal_check(paket=paket, tahap=tahap, mulai=mulai, selesai=selesai, selesai_lama=jadwal.selesai)
    perubahan = PerubahanJadwal(
        jadwal=jadwal,
        mulai_lama=jadwal.mulai,
        selesai_lama=jadwal.selesai,
        mulai_baru=mulai,
        selesai_baru=selesai,
        alasan=alasan.strip(),
        oleh=actor,
    )
    perubahan.full_clean()
    jadwal.mulai, jadwal.selesai = mulai, selesai
    jadwal.full_clean()
    jadwal.save()
    perubahan.save()
    if running_sanggah:  # the period objections keep to
        Paket.objects.filter(pk=paket.pk).update(sanggah_selesai=selesai)
    from ..tasks import paket_notify_task

    after_commit(paket_notify_task, paket.pk, "jadwal_diubah", f"jadwal-{perubahan.pk}")
    return perubahan


@transaction.atomic
def paket_join(*, paket, penyedia) -> Pendaftaran:
    """Register a verified vendor for a package, from its announcement until the bid deadline."""
    if not penyedia.is_verified:
        raise ValidationError(_("Profil penyedia Anda belum terverifikasi petugas UKPBJ."))
    if paket.ppk_id == penyedia.user_id or paket.pokja_set.filter(user_id=penyedia.user_id).exists():
        raise ValidationError(
            _("Anggota Pokja atau PPK paket ini tidak boleh menjadi peserta paket yang sama.")
        )
    required = set(kbli_codes(paket.kbli_syarat))
    if required and not required & set(penyedia.kbli_list):
        raise ValidationError(
            _("Paket ini mensyaratkan salah satu KBLI %(kbli)s; KBLI usaha Anda tidak memenuhinya.")
            % {"kbli": ", ".join(sorted(required))}
        )
    if not pendaftaran_open(paket=paket):
        raise ValidationError(_("Pendaftaran paket ini tidak sedang dibuka."))
    pendaftaran, created = Pendaftaran.objects.get_or_create(paket=paket, penyedia=penyedia)
    if created:
        from ..tasks import pendaftaran_notify_task

        after_commit(pendaftaran_notify_task, pendaftaran.pk)
    return pendaftaran
