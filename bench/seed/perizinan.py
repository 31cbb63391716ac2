"""
Regency-scale licensing data for `python -m bench.seed`: businesses with their licences (each
issued through an application with its full status history), and applications still in every
status of the queue: new licence types, renewals (daftar ulang) of existing licences, refusals,
withdrawals and drafts, with signing appointments for those scheduled.

Each business holds one to three of the licence types (one active licence per type); a licence
whose date has passed is kedaluwarsa. Numbers follow each type's pattern and the sequences are set
past the last number given, so the next real licence or reference continues the series.
"""

import datetime

from bench.seed.common import NikIssuer, RowWriter, Timer, next_id, sequence_set
from perizinan.constants import BentukUsaha, Jenis, Status, StatusIzin
from perizinan.models import (
    IndeksGangguan,
    IndeksLokasi,
    Izin,
    JenisIzin,
    KelasSIUP,
    PermohonanIzin,
    RiwayatPermohonanIzin,
    Usaha,
)
from portal.accounts.models import User
from portal.accounts.roles import Role

BENTUK = (
    [BentukUsaha.PERORANGAN] * 6
    + [BentukUsaha.CV] * 2
    + [BentukUsaha.PT, BentukUsaha.KOPERASI, BentukUsaha.FIRMA]
)
KBLI = ["47111", "47211", "56101", "10792", "46100", "47721", "96021", "45201", "31001", "14111", "47191"]
PATH = {
    Status.DIAJUKAN: [Status.DIAJUKAN],
    Status.PERLU_PERBAIKAN: [Status.DIAJUKAN, Status.PERLU_PERBAIKAN],
    Status.DIVERIFIKASI: [Status.DIAJUKAN, Status.DIVERIFIKASI],
    Status.DIJADWALKAN: [Status.DIAJUKAN, Status.DIVERIFIKASI, Status.DIJADWALKAN],
    Status.DITANDATANGANI: [Status.DIAJUKAN, Status.DIVERIFIKASI, Status.DIJADWALKAN, Status.DITANDATANGANI],
    Status.DITERBITKAN: [
        Status.DIAJUKAN, Status.DIVERIFIKASI, Status.DIJADWALKAN, Status.DITANDATANGANI, Status.DITERBITKAN,
    ],
    Status.DITOLAK: [Status.DIAJUKAN, Status.DITOLAK],
    Status.DIBATALKAN: [Status.DIAJUKAN, Status.DIBATALKAN],
}  # fmt: skip
OPEN_MIX = (
    [Status.DIAJUKAN] * 30
    + [Status.PERLU_PERBAIKAN] * 10
    + [Status.DIVERIFIKASI] * 20
    + [Status.DIJADWALKAN] * 20
    + [Status.DITANDATANGANI] * 8
    + [Status.DITOLAK] * 5
    + [Status.DIBATALKAN] * 4
    + [Status.DRAF] * 3
)
NOTES = {
    Status.PERLU_PERBAIKAN: "NPWP pada dokumen tidak terbaca; unggah ulang.",
    Status.DITOLAK: "Lokasi usaha tidak sesuai tata ruang.",
    Status.DIBATALKAN: "Dibatalkan oleh pemohon.",
}
PLACE = "Mal Pelayanan Publik, Jl. Ki Hajar Dewantara, Tulungagung"


def arguments(parser):
    parser.add_argument("--businesses", type=int, default=60_000, help="Businesses (usaha) with licences.")
    parser.add_argument(
        "--open-licence-share",
        type=float,
        default=0.2,
        help="Share of businesses with an application still in the queue (or refused, withdrawn, draft).",
    )


def seed(context):
    with Timer(context, "usaha dan izin"):
        usaha_create(context)


class _Writers:
    def __init__(self, chunk):
        self.usaha = RowWriter(Usaha, chunk=chunk)
        self.permohonan = RowWriter(PermohonanIzin, chunk=chunk)
        self.riwayat = RowWriter(RiwayatPermohonanIzin, chunk=chunk)
        self.izin = RowWriter(Izin, chunk=chunk)
        self.all = [self.usaha, self.permohonan, self.riwayat, self.izin]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for writer in self.all:
            writer.__exit__(*exc)


class _Seeder:
    """One pass that writes businesses, their applications, histories and licences."""

    def __init__(self, context):
        self.context, self.rng = context, context.rng
        self.types = list(JenisIzin.objects.filter(active=True).order_by("code"))
        self.kelas = list(KelasSIUP.objects.order_by("lower"))
        self.lokasi = list(IndeksLokasi.objects.values_list("id", flat=True)) or [None]
        self.gangguan = list(IndeksGangguan.objects.values_list("id", flat=True)) or [None]
        self.officers = list(
            User.objects.filter(groups__name=Role.PETUGAS_PERIZINAN.value).values_list("id", flat=True)
        ) or [None]
        self.ids = {m: next_id(m) for m in (Usaha, PermohonanIzin, RiwayatPermohonanIzin, Izin)}
        self.refs, self.numbers, self.statuses = {}, {}, {}
        self.niks = NikIssuer()
        self.end = context.now
        self.start = self.end - datetime.timedelta(days=365 * 5)

    def take(self, model):
        pk = self.ids[model]
        self.ids[model] += 1
        return pk

    def usaha_new(self, n):
        rng, pools = self.rng, self.context.pools()
        desa = rng.choice(self.context.desa)
        sex = rng.choice("LP")
        birth = self.end.date() - datetime.timedelta(days=rng.randint(20 * 365, 70 * 365))
        kekayaan = int(rng.lognormvariate(18.5, 1.3))
        return Usaha(
            id=self.take(Usaha),
            owner_id=rng.choice(self.context.citizen_ids),
            nama_usaha=f"{rng.choice(pools['company'])} {rng.choice(pools['last'])}"[:150],
            bentuk=rng.choice(BENTUK),
            npwp=f"{n + 10**14:015d}",
            nib=f"{9120000000000 + n:013d}",
            kbli=rng.choice(KBLI),
            alamat_usaha=f"{rng.choice(pools['street'])} No. {rng.randint(1, 300)}",
            desa_id=desa[0],
            penanggung_jawab=self.context.person_name(sex).upper(),
            penanggung_jawab_nik=self.niks.issue(kecamatan_code=desa[3], birth=birth, sex=sex),
            kekayaan_bersih=min(kekayaan, 10**13),
            luas_ruang=rng.randint(12, 800),
            indeks_lokasi_id=rng.choice(self.lokasi),
            indeks_gangguan_id=rng.choice(self.gangguan),
        )

    def kelas_for(self, usaha):
        for kelas in self.kelas:
            if usaha.kekayaan_bersih > kelas.lower and (
                kelas.upper is None or usaha.kekayaan_bersih <= kelas.upper
            ):
                return kelas.pk
        return None

    def permohonan(self, w, usaha, jenis_izin, status, submitted, *, izin_lama=None):
        rng = self.rng
        pk = self.take(PermohonanIzin)
        created = submitted - datetime.timedelta(minutes=rng.randint(10, 240))
        permohonan = PermohonanIzin(
            id=pk,
            applicant_id=usaha.owner_id,
            jenis_izin_id=jenis_izin.pk,
            jenis=Jenis.PERPANJANGAN if izin_lama else Jenis.BARU,
            izin_lama_id=izin_lama,
            usaha_id=usaha.pk if (izin_lama or status == Status.DITERBITKAN) else None,
            kelas_siup_id=self.kelas_for(usaha) if jenis_izin.code == "SIUP" else None,
            status=status,
            created_at=created,
            updated_at=submitted,
            biaya=(rng.randint(2, 40) * 25_000) if jenis_izin.code == "HO" else 0,
            **{
                f: getattr(usaha, f)
                for f in ("nama_usaha", "bentuk", "npwp", "nib", "kbli", "alamat_usaha", "desa_id",
                          "penanggung_jawab", "penanggung_jawab_nik", "kekayaan_bersih", "luas_ruang",
                          "indeks_lokasi_id", "indeks_gangguan_id")
            },
        )  # fmt: skip
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if status == Status.DRAF:
            w.permohonan.add(permohonan)
            return permohonan, None
        year = submitted.year
        self.refs[year] = self.refs.get(year, 0) + 1
        permohonan.reference = f"IZN-{year}-{self.refs[year]:06d}"
        permohonan.submitted_at = submitted
        permohonan.sla_due = (submitted + datetime.timedelta(days=7)).date()
        officer = rng.choice(self.officers)
        if status not in (Status.DIAJUKAN, Status.DIBATALKAN):
            permohonan.assigned_to_id = officer
        moment, previous = submitted, Status.DRAF
        for step in PATH[status]:
            if step != Status.DIAJUKAN:
                moment = min(moment + datetime.timedelta(hours=rng.randint(2, 96)), self.end)
            if step == Status.DIJADWALKAN:
                day = moment + datetime.timedelta(days=rng.randint(1, 7))
                permohonan.appointment_at = day.replace(
                    hour=rng.choice((8, 9, 10, 13)), minute=0, second=0, microsecond=0
                )
                permohonan.appointment_place = PLACE
            if step == Status.DITANDATANGANI:
                permohonan.signed_at = moment
                permohonan.paid_amount = permohonan.biaya
                permohonan.payment_receipt = f"STS-{year}-{pk:07d}" if permohonan.biaya else ""
            w.riwayat.add(
                RiwayatPermohonanIzin(
                    id=self.take(RiwayatPermohonanIzin),
                    permohonan_id=pk,
                    from_status=previous,
                    to_status=step,
                    actor_id=usaha.owner_id if step in (Status.DIAJUKAN, Status.DIBATALKAN) else officer,
                    note=NOTES.get(step, ""),
                    created_at=moment,
                )
            )
            previous = step
        permohonan.updated_at = moment
        w.permohonan.add(permohonan)
        return permohonan, moment

    def izin(self, w, usaha, jenis_izin, permohonan, issued_at):
        issued = issued_at.date()
        key = (jenis_izin.code, issued.year)
        self.numbers[key] = self.numbers.get(key, 0) + 1
        until = None
        if jenis_izin.validity_months:
            until = issued + datetime.timedelta(days=round(jenis_izin.validity_months * 30.44))
        izin = Izin(
            id=self.take(Izin),
            nomor=jenis_izin.number_pattern.format(seq=self.numbers[key], year=issued.year),
            jenis_izin_id=jenis_izin.pk,
            usaha_id=usaha.pk,
            permohonan_id=permohonan.pk,
            kelas_siup_id=permohonan.kelas_siup_id,
            tanggal_terbit=issued,
            berlaku_hingga=until,
            status=StatusIzin.KEDALUWARSA if until and until < self.end.date() else StatusIzin.AKTIF,
        )
        w.izin.add(izin)
        return izin

    def business(self, w, n):
        rng = self.rng
        usaha = self.usaha_new(n)
        usaha.created_at = self.context.moment_between(self.start, self.end - datetime.timedelta(days=30))
        usaha.updated_at = usaha.created_at
        types = rng.sample(self.types, min(rng.choice((1, 1, 2, 2, 3)), len(self.types)))
        w.usaha.add(usaha)
        licences = []
        for jenis_izin in types:
            submitted = self.context.moment_between(usaha.created_at, self.end - datetime.timedelta(days=20))
            permohonan, issued_at = self.permohonan(w, usaha, jenis_izin, Status.DITERBITKAN, submitted)
            licences.append(self.izin(w, usaha, jenis_izin, permohonan, issued_at))
        if rng.random() < self.context.options["open_licence_share"]:
            self.open_application(w, usaha, types, licences)

    def open_application(self, w, usaha, types, licences):
        rng = self.rng
        status = rng.choice(OPEN_MIX)
        submitted = self.context.moment_between(self.end - datetime.timedelta(days=45), self.end)
        others = [t for t in self.types if t not in types]
        if others and rng.random() < 0.6:
            self.permohonan(w, usaha, rng.choice(others), status, submitted)
            return
        izin = rng.choice(licences)
        jenis_izin = next(t for t in self.types if t.pk == izin.jenis_izin_id)
        self.permohonan(w, usaha, jenis_izin, status, submitted, izin_lama=izin.pk)


def usaha_create(context):
    count = context.options["businesses"]
    if not count or not context.citizen_ids:
        return
    seeder = _Seeder(context)
    if not seeder.types:
        context.log("    no active licence types: skipped")
        return
    with _Writers(context.options["chunk"]) as writers:
        for n in range(count):
            seeder.business(writers, n)
    for year, last in seeder.refs.items():
        sequence_set(f"izin_ref_{year}", last)
    for (code, year), last in seeder.numbers.items():
        sequence_set(f"izin_{code.lower()}_{year}", last)
    licences = sum(seeder.numbers.values())
    context.log(
        f"    {count} businesses, {licences} licences; applications: "
        + ", ".join(f"{k} {v}" for k, v in sorted(seeder.statuses.items()))
    )
