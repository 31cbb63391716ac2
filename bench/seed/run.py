"""
Fill an empty database with regency-scale fake data for the benchmark (`python -m bench.seed`).

The accounts part (agencies, officers, citizen accounts, the demo accounts the benchmark signs in
with) is made here; then each service's generator (bench/seed/ktp.py, perizinan.py, koordinasi.py)
adds its rows and its options.
"""

import argparse
import datetime
import random
import sys
import time

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone

from bench.seed import koordinasi, ktp, perizinan
from bench.seed.common import RowWriter, ScaleContext, Timer, next_id
from portal.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD, demo_accounts_create
from portal.accounts.models import User
from portal.accounts.roles import Role
from portal.accounts.services import user_assign_role
from portal.wilayah.models import Desa, Instansi, Kecamatan

GENERATORS = [ktp, perizinan, koordinasi]

# Regency agencies beyond the seeded ones (Dispendukcapil, DPMPTSP, Bagian Umum, 19 kecamatan).
AGENCY_NAMES = [
    ("DINKES", "Dinas Kesehatan"),
    ("DISDIK", "Dinas Pendidikan"),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("DISHUB", "Dinas Perhubungan"),
    ("DINSOS", "Dinas Sosial"),
    ("DLH", "Dinas Lingkungan Hidup"),
    ("DISNAKER", "Dinas Tenaga Kerja"),
    ("DISKOPUM", "Dinas Koperasi dan Usaha Mikro"),
    ("DISPERINDAG", "Dinas Perindustrian dan Perdagangan"),
    ("DISPERTA", "Dinas Pertanian"),
    ("DISKANLA", "Dinas Perikanan"),
    ("DISBUDPAR", "Dinas Kebudayaan dan Pariwisata"),
    ("DISPORA", "Dinas Pemuda dan Olahraga"),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika"),
    ("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa"),
    ("DP3AP2KB", "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan KB"),
    ("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman"),
    ("DISPUSIP", "Dinas Perpustakaan dan Kearsipan"),
    ("DKP", "Dinas Ketahanan Pangan"),
    ("SATPOLPP", "Satuan Polisi Pamong Praja"),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah"),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah"),
    ("BAPENDA", "Badan Pendapatan Daerah"),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah"),
    ("BAKESBANGPOL", "Badan Kesatuan Bangsa dan Politik"),
    ("INSPEKTORAT", "Inspektorat Daerah"),
    ("SETWAN", "Sekretariat DPRD"),
    ("BAG-HUKUM", "Bagian Hukum Setda"),
    ("BAG-ORGANISASI", "Bagian Organisasi Setda"),
    ("BAG-PBJ", "Bagian Pengadaan Barang dan Jasa Setda"),
    ("BAG-PROKOPIM", "Bagian Protokol dan Komunikasi Pimpinan Setda"),
    ("BAG-KESRA", "Bagian Kesejahteraan Rakyat Setda"),
    ("BAG-PEMERINTAHAN", "Bagian Pemerintahan Setda"),
    ("BAG-PEREKONOMIAN", "Bagian Perekonomian dan Sumber Daya Alam Setda"),
    ("BAG-ADMPEMBANGUNAN", "Bagian Administrasi Pembangunan Setda"),
    ("RSUD-ISKAK", "RSUD dr. Iskak"),
    ("RSUD-CAMPURDARAT", "RSUD Campurdarat"),
    ("DAMKAR", "Dinas Pemadam Kebakaran"),
    ("KESBANG-LINMAS", "Kantor Perlindungan Masyarakat"),
]

JABATAN = ["Kepala", "Sekretaris", "Kepala Bidang", "Kepala Seksi", "Analis", "Pengadministrasi Umum"]


class Refused(Exception):
    """The database or the settings are not an empty benchmark's: nothing was written."""


def parser(parents=()):
    """Return the options of every part, the accounts' and each generator's."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.seed",
        parents=list(parents),
        description="Fill an EMPTY database with regency-scale fake data (1.14 million residents, KTP-el "
        "applications, businesses and licences, memos) for the benchmark. Refuses a database that "
        "already has accounts, and refuses when DEBUG is off unless --i-know is given.",
    )
    parser.add_argument("--seed", type=int, default=2026, help="Random seed (same seed, same data).")
    parser.add_argument("--citizens", type=int, default=300_000, help="Citizen accounts.")
    parser.add_argument("--agencies", type=int, default=60, help="Agencies (instansi) in total.")
    parser.add_argument("--officers-per-agency", type=int, default=4, help="Officers per agency.")
    parser.add_argument("--chunk", type=int, default=20_000, help="Rows per COPY.")
    parser.add_argument(
        "--i-know",
        action="store_true",
        help="Run with DEBUG off (an empty staging or benchmark database).",
    )
    for generator in GENERATORS:
        generator.arguments(parser)
    return parser


def main(argv, *, stdout=sys.stdout, parents=()):
    """Parse argv and fill the database; raise Refused if it is not an empty benchmark database."""
    seed_scale(vars(parser(parents).parse_args(argv)), stdout)


def seed_scale(options, stdout):
    refuse_unsafe(options)
    started = time.monotonic()
    context = ScaleContext(options=options, rng=random.Random(options["seed"]), stdout=stdout)
    context.log(f"bench.seed on {connection.vendor} database {connection.settings_dict['NAME']}")
    with transaction.atomic():
        seed_accounts(context)
        for generator in GENERATORS:
            context.log(f"{generator.__name__.rsplit('.', 1)[-1]}:")
            generator.seed(context)
    if connection.vendor == "postgresql":
        # Statistics for the planner, and the visibility map that lets counts and queue queries
        # use index-only scans: what autovacuum would do after a bulk load, done now. (Inside a
        # caller's transaction, a test's, VACUUM cannot run: statistics only.)
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with Timer(context, command), connection.cursor() as cursor:
            cursor.execute(command)
    elapsed = time.monotonic() - started
    context.timings["total"] = round(elapsed, 1)
    context.log(f"bench.seed done in {elapsed:.0f} s ({elapsed / 60:.1f} min).")
    context.log(f"Benchmark accounts: *@{DEMO_DOMAIN}, password {DEMO_PASSWORD} (see README).")


def refuse_unsafe(options):
    if User.objects.exists():
        raise Refused(
            "bench.seed refuses a database that already has accounts: it is for an empty "
            "benchmark database (createdb, then migrate, then bench.seed)."
        )
    if not settings.DEBUG and not options["i_know"]:
        raise Refused(
            "DEBUG is off: this looks like production. bench.seed sets known passwords on "
            "benchmark accounts; pass --i-know only for an empty staging or benchmark database."
        )


def seed_accounts(context):
    context.log("accounts:")
    context.kecamatan = list(Kecamatan.objects.order_by("code").values_list("id", "code", "name"))
    context.desa = list(
        Desa.objects.order_by("code").values_list("id", "code", "kecamatan_id", "kecamatan__code", "name")
    )
    with Timer(context, "instansi"):
        agencies_create(context)
    with Timer(context, "petugas"):
        demo = demo_accounts_create()
        context.demo_citizen_ids = [u.pk for u in demo if u.has_role(Role.WARGA)]
        officers_create(context)
    with Timer(context, "akun warga"):
        citizens_create(context)


def agencies_create(context):
    missing = max(context.options["agencies"] - Instansi.objects.count(), 0)
    extra = AGENCY_NAMES[:missing]
    extra += [(f"UPT-{i:02d}", f"Unit Pelaksana Teknis {i:02d}") for i in range(1, missing - len(extra) + 1)]
    Instansi.objects.bulk_create([Instansi(code=code, name=name) for code, name in extra])
    context.instansi_code = dict(Instansi.objects.values_list("id", "code"))
    context.instansi_ids = sorted(context.instansi_code)


def officers_create(context):
    per_agency = context.options["officers_per_agency"]
    for instansi in Instansi.objects.order_by("code"):
        ids = list(User.objects.filter(instansi=instansi).values_list("id", flat=True))
        for n in range(max(per_agency - len(ids), 0)):
            sex = context.rng.choice("LP")
            user = User(
                email=f"pegawai{n + 1}.{instansi.code.lower()}@scale.tulungagung.go.id",
                name=context.person_name(sex),
                jabatan=f"{JABATAN[n % len(JABATAN)]} {instansi.name}"[:150],
            )
            user.set_unusable_password()
            user.save()
            user_assign_role(user=user, role=Role.PETUGAS_INSTANSI, instansi=instansi)
            ids.append(user.pk)
        context.officer_ids_by_instansi[instansi.pk] = ids
    for kecamatan in Kecamatan.objects.all():
        ids = list(User.objects.filter(kecamatan=kecamatan).values_list("id", flat=True))
        if not ids:
            user = User(
                email=f"petugas.{kecamatan.code.replace('.', '')}@scale.tulungagung.go.id",
                name=context.person_name(context.rng.choice("LP")),
            )
            user.set_unusable_password()
            user.save()
            user_assign_role(user=user, role=Role.PETUGAS_KECAMATAN, kecamatan=kecamatan)
            ids.append(user.pk)
        context.kecamatan_officer_ids[kecamatan.pk] = ids


def citizens_create(context):
    count = context.options["citizens"]
    group = Group.objects.get_or_create(name=Role.WARGA.value)[0]
    first = next_id(User)
    start = timezone.now() - datetime.timedelta(days=3 * 365)
    membership = User.groups.through
    first_membership = next_id(membership)
    chunk = context.options["chunk"]
    with RowWriter(User, chunk=chunk) as users, RowWriter(membership, chunk=chunk) as groups:
        for n in range(count):
            pk = first + n
            sex = context.rng.choice("LP")
            user = User(
                id=pk,
                email=f"warga{n + 1}@scale.contoh.id",
                name=context.person_name(sex),
                password="!",  # unusable: these accounts never log in
                date_joined=context.moment_between(start, context.now),
            )
            users.add(user)
            groups.add(membership(id=first_membership + n, user_id=pk, group_id=group.pk))
    context.citizen_ids = list(range(first, first + count))
    context.log(f"    {count} citizen accounts")
