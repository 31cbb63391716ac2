"""
Regency-scale KTP-el data for `python -m bench.seed`: residents, applications over three years in
every status with their status history and office appointments, and the cards issued.

Residents are spread evenly over the 271 desa/kelurahan (the wilayah data has no population per
desa; the first `N mod 271` desa get one more). They live in households of 1-6 people sharing a KK
number and an address. A NIK carries the kecamatan of first registration (the resident's own for
95 %, another Tulungagung kecamatan for the rest), the birth date (day + 40 for women) and a serial
from 0001. Each application belongs to a different resident, so the one-open-application rule holds.
Processing times are approximated in calendar days (the SLA date is 20 days after submission).
"""

import datetime

from django.contrib.contenttypes.models import ContentType

from bench.seed.common import KkIssuer, NikIssuer, RowWriter, Timer, next_id, sequence_set
from ktp.constants import (
    Agama,
    GolonganDarah,
    Jenis,
    JenisKelamin,
    Kewarganegaraan,
    Status,
    StatusKTP,
    StatusPerkawinan,
)
from ktp.models import KTP, Pekerjaan, Penduduk, PermohonanKTP, RiwayatStatus
from portal.verification.models import IssuedDocument

AGAMA = [Agama.ISLAM] * 95 + [Agama.KRISTEN] * 3 + [Agama.KATOLIK, Agama.HINDU, Agama.BUDDHA]
GOLONGAN = [GolonganDarah.A, GolonganDarah.B, GolonganDarah.AB, GolonganDarah.O] * 2 + [
    GolonganDarah.TIDAK_TAHU
] * 4
JENIS = (
    [Jenis.BARU] * 40
    + [Jenis.PERUBAHAN_DATA] * 25
    + [Jenis.HILANG] * 15
    + [Jenis.RUSAK] * 10
    + [Jenis.PINDAH_DATANG] * 7
    + [Jenis.LUAR_DOMISILI] * 3
)
# The path an application took to reach each status.
PATH = {
    Status.DIAJUKAN: [Status.DIAJUKAN],
    Status.PERLU_PERBAIKAN: [Status.DIAJUKAN, Status.PERLU_PERBAIKAN],
    Status.DIVERIFIKASI: [Status.DIAJUKAN, Status.DIVERIFIKASI],
    Status.DIREKAM: [Status.DIAJUKAN, Status.DIVERIFIKASI, Status.DIREKAM],
    Status.DITERBITKAN: [Status.DIAJUKAN, Status.DIVERIFIKASI, Status.DIREKAM, Status.DITERBITKAN],
    Status.SIAP_DIAMBIL: [
        Status.DIAJUKAN, Status.DIVERIFIKASI, Status.DIREKAM, Status.DITERBITKAN, Status.SIAP_DIAMBIL,
    ],
    Status.SELESAI: [
        Status.DIAJUKAN, Status.DIVERIFIKASI, Status.DIREKAM, Status.DITERBITKAN, Status.SIAP_DIAMBIL,
        Status.SELESAI,
    ],
    Status.DITOLAK: [Status.DIAJUKAN, Status.DITOLAK],
    Status.DIBATALKAN: [Status.DIAJUKAN, Status.DIBATALKAN],
}  # fmt: skip
# Status mix: older applications are mostly finished, recent ones are spread over the queue.
OLD_MIX = (
    [Status.SELESAI] * 80
    + [Status.DITOLAK] * 7
    + [Status.DIBATALKAN] * 7
    + [Status.SIAP_DIAMBIL] * 4
    + [Status.PERLU_PERBAIKAN] * 2
)
RECENT_MIX = (
    [Status.DIAJUKAN] * 25
    + [Status.PERLU_PERBAIKAN] * 8
    + [Status.DIVERIFIKASI] * 20
    + [Status.DIREKAM] * 10
    + [Status.DITERBITKAN] * 7
    + [Status.SIAP_DIAMBIL] * 10
    + [Status.SELESAI] * 10
    + [Status.DITOLAK] * 5
    + [Status.DIBATALKAN] * 3
    + [Status.DRAF] * 2
)
BIODATA = (
    "nik", "no_kk", "nama", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "golongan_darah", "agama",
    "status_perkawinan", "pekerjaan_id", "kewarganegaraan", "kebangsaan", "alamat", "rt", "rw", "desa_id",
)  # fmt: skip
RECENT = datetime.timedelta(days=60)
NOTES = {
    Status.PERLU_PERBAIKAN: "Foto KK kurang jelas, mohon unggah ulang.",
    Status.DITOLAK: "Data tidak sesuai dengan database kependudukan.",
    Status.DIBATALKAN: "Dibatalkan oleh pemohon.",
}


def arguments(parser):
    parser.add_argument("--residents", type=int, default=1_140_000, help="Residents (penduduk).")
    parser.add_argument("--ktp-applications", type=int, default=300_000, help="KTP-el applications.")
    parser.add_argument("--ktp-years", type=int, default=3, help="Years the applications span, up to today.")


def seed(context):
    with Timer(context, "penduduk"):
        applicants = penduduk_create(context)
    with Timer(context, "permohonan KTP-el"):
        permohonan_create(context, applicants)


def _birth(context, today):
    age_days = int(context.rng.triangular(0, 85 * 365, 25 * 365))
    return today - datetime.timedelta(days=age_days)


def penduduk_create(context):
    """Write the residents; return the biodata of those who will apply, in random order."""
    options, rng = context.options, context.rng
    count = options["residents"]
    applying = set(rng.sample(range(count), min(options["ktp_applications"], count)))
    pools = context.pools()
    pekerjaan = list(Pekerjaan.objects.values_list("id", flat=True)) or [None]
    other_kecamatan = [code for _id, code, _name in context.kecamatan]
    niks, kks = NikIssuer(), KkIssuer()
    today = context.now.date()
    first = next_id(Penduduk)
    desa, per_desa, extra = (
        context.desa,
        count // max(len(context.desa), 1),
        count % max(len(context.desa), 1),
    )
    applicants, n = [], 0
    with RowWriter(Penduduk, chunk=options["chunk"]) as rows:
        for index, (desa_id, _code, _kec_id, kec_code, _name) in enumerate(desa):
            remaining = per_desa + (1 if index < extra else 0)
            while remaining > 0:
                size = min(remaining, rng.choice((1, 2, 3, 3, 4, 4, 5, 6)))
                remaining -= size
                no_kk = kks.issue(
                    kecamatan_code=kec_code, recorded=today - datetime.timedelta(days=rng.randint(30, 9000))
                )
                alamat = f"{rng.choice(pools['street'])} No. {rng.randint(1, 200)}"
                rt, rw = str(rng.randint(1, 12)), str(rng.randint(1, 6))
                for _member in range(size):
                    sex = rng.choice((JenisKelamin.LAKI_LAKI, JenisKelamin.PEREMPUAN))
                    birth = _birth(context, today)
                    nik_kec = kec_code if rng.random() < 0.95 else rng.choice(other_kecamatan)
                    adult = (today - birth).days >= 17 * 365
                    wna = rng.random() < 0.0005 and adult
                    penduduk = Penduduk(
                        id=first + n,
                        nik=niks.issue(kecamatan_code=nik_kec, birth=birth, sex=sex),
                        no_kk=no_kk,
                        nama=context.person_name(sex).upper(),
                        tempat_lahir=_birthplace(rng, pools),
                        tanggal_lahir=birth,
                        jenis_kelamin=sex,
                        golongan_darah=rng.choice(GOLONGAN),
                        agama=rng.choice(AGAMA),
                        status_perkawinan=(
                            rng.choice([StatusPerkawinan.KAWIN] * 6 + [StatusPerkawinan.BELUM_KAWIN] * 2
                                       + [StatusPerkawinan.CERAI_HIDUP, StatusPerkawinan.CERAI_MATI])
                            if adult else StatusPerkawinan.BELUM_KAWIN
                        ),
                        pekerjaan_id=rng.choice(pekerjaan),
                        kewarganegaraan=Kewarganegaraan.WNA if wna else Kewarganegaraan.WNI,
                        kebangsaan="JEPANG" if wna else "",
                        alamat=alamat,
                        rt=rt,
                        rw=rw,
                        desa_id=desa_id,
                    )  # fmt: skip
                    rows.add(penduduk)
                    if n in applying:
                        applicants.append(penduduk)
                    n += 1
    rng.shuffle(applicants)
    context.log(f"    {n} residents over {len(desa)} desa/kelurahan")
    return applicants


def _birthplace(rng, pools):
    return "TULUNGAGUNG" if rng.random() < 0.85 else rng.choice(pools["city"]).upper()


def _status_for(context, submitted):
    mix = RECENT_MIX if context.now - submitted < RECENT else OLD_MIX
    return context.rng.choice(mix)


def permohonan_create(context, applicants):  # noqa: C901 - one pass over four related tables
    options, rng = context.options, context.rng
    if not applicants:
        return
    kecamatan_of_desa = {d[0]: d[2] for d in context.desa}
    end = context.now
    start = end - datetime.timedelta(days=365 * options["ktp_years"])
    moments = sorted(context.moment_between(start, end) for _ in applicants)
    citizens = context.citizen_ids or [None]
    owners = list(context.demo_citizen_ids)  # the benchmark's citizens get the latest few
    first = {m: next_id(m) for m in (PermohonanKTP, RiwayatStatus, KTP, IssuedDocument)}
    content_type = ContentType.objects.get_for_model(PermohonanKTP)
    kecamatan_name = {pk: name for pk, _code, name in context.kecamatan}
    ids = dict(first)
    serial_by_year = {}
    statuses = {}
    chunk = options["chunk"]
    with (
        RowWriter(PermohonanKTP, chunk=chunk) as permohonan_rows,
        RowWriter(RiwayatStatus, chunk=chunk) as riwayat_rows,
        RowWriter(KTP, chunk=chunk) as ktp_rows,
        RowWriter(IssuedDocument, chunk=chunk) as receipt_rows,
    ):
        for n, (penduduk, submitted) in enumerate(zip(applicants, moments, strict=True)):
            pk = first[PermohonanKTP] + n
            kecamatan_id = kecamatan_of_desa[penduduk.desa_id]
            status = _status_for(context, submitted)
            if n >= len(applicants) - len(owners) * 2:
                applicant = owners[(len(applicants) - n - 1) % len(owners)]
            else:
                applicant = rng.choice(citizens)
            created = submitted - datetime.timedelta(minutes=rng.randint(5, 90))
            officers = context.kecamatan_officer_ids.get(kecamatan_id) or [None]
            permohonan = PermohonanKTP(
                id=pk,
                applicant_id=applicant,
                jenis=rng.choice(JENIS),
                kecamatan_id=kecamatan_id,
                status=status,
                created_at=created,
                updated_at=submitted,
                **{f: getattr(penduduk, f) for f in BIODATA},
            )  # fmt: skip
            if penduduk.kewarganegaraan == Kewarganegaraan.WNA:
                permohonan.kitap_berlaku_hingga = (submitted + datetime.timedelta(days=700)).date()
            statuses[status] = statuses.get(status, 0) + 1
            if status != Status.DRAF:
                year = submitted.year
                serial_by_year[year] = serial_by_year.get(year, 0) + 1
                permohonan.reference = f"KTP-{year}-{serial_by_year[year]:06d}"
                permohonan.submitted_at = submitted
                permohonan.sla_due = (submitted + datetime.timedelta(days=20)).date()
                # The receipt's record (its PDF is rendered on demand by the receipt task).
                receipt_rows.add(
                    IssuedDocument(
                        id=ids[IssuedDocument],
                        kind=IssuedDocument.Kind.BUKTI_PENDAFTARAN,
                        content_type_id=content_type.pk,
                        object_id=pk,
                        reference=permohonan.reference,
                        service=f"Layanan KTP-el: {permohonan.get_jenis_display()}",
                        office=f"Kantor Kecamatan {kecamatan_name[kecamatan_id]}",
                        issued_at=submitted,
                    )
                )
                ids[IssuedDocument] += 1
                if status not in (Status.DIAJUKAN, Status.DIBATALKAN):
                    permohonan.assigned_to_id = rng.choice(officers)
                moment, previous = submitted, Status.DRAF
                for step in PATH[status]:
                    if step != Status.DIAJUKAN:
                        moment = min(moment + datetime.timedelta(hours=rng.randint(2, 72)), end)
                    if step == Status.DIVERIFIKASI:
                        permohonan.appointment_date = (
                            moment + datetime.timedelta(days=rng.randint(1, 10))
                        ).date()
                    riwayat_rows.add(
                        RiwayatStatus(
                            id=ids[RiwayatStatus],
                            permohonan_id=pk,
                            from_status=previous,
                            to_status=step,
                            actor_id=applicant if step in (Status.DIAJUKAN, Status.DIBATALKAN)
                            else permohonan.assigned_to_id,
                            note=NOTES.get(step, ""),
                            created_at=moment,
                        )
                    )  # fmt: skip
                    ids[RiwayatStatus] += 1
                    previous = step
                permohonan.updated_at = moment
                if status in (Status.DITERBITKAN, Status.SIAP_DIAMBIL, Status.SELESAI):
                    ktp_rows.add(
                        KTP(
                            id=ids[KTP],
                            penduduk_id=penduduk.pk,
                            blanko_serial=f"BLK{pk:012d}",
                            tanggal_terbit=moment.date(),
                            berlaku_hingga=permohonan.kitap_berlaku_hingga,
                            status=StatusKTP.AKTIF,
                        )
                    )
                    ids[KTP] += 1
            permohonan_rows.add(permohonan)
    for year, last in serial_by_year.items():
        sequence_set(f"ktp_{year}", last)
    context.log(
        f"    {len(applicants)} applications: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))
    )
