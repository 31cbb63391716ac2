"""
Regency-scale memos for `python -m bench.seed`: memos among all agencies over three years, with
addressees, who may read each (as the services write it), read receipts, replies in threads,
disposisi chains and status history.

Sender agencies are weighted (a few agencies write most letters, as in any regency); every sent
memo carries a consecutive number per agency and year, and the agencies' counters are set to the
last number given so the next real memo continues the series.
"""

import datetime

from bench.seed.common import RowWriter, Timer, next_id
from koordinasi.constants import (
    DEFAULT_PATTERN,
    RESTRICTED,
    Alasan,
    Instruksi,
    Jenis,
    Klasifikasi,
    Peran,
    Sifat,
    Status,
)
from koordinasi.models import Disposisi, HakBaca, Naskah, NomorUrut, Penerima, RiwayatNaskah, TandaBaca

KODE = ["000.8.3", "000.1.2", "100.3.4", "400.14.1", "500.16.7.2", "800.1.2", "900.1.3", "000.9"]
PERIHAL = [
    "Undangan rapat koordinasi {}",
    "Permohonan data {}",
    "Laporan pelaksanaan {}",
    "Penyampaian hasil evaluasi {}",
    "Permohonan narasumber {}",
    "Pemberitahuan jadwal {}",
    "Tindak lanjut {}",
    "Usulan anggaran {}",
]
TOPIK = [
    "pelayanan publik", "pengadaan barang", "monitoring desa", "penanganan banjir", "vaksinasi",
    "pendataan UMKM", "sosialisasi perizinan", "kegiatan Hari Jadi Tulungagung", "pemeliharaan jalan",
    "penyusunan RKPD", "rekonsiliasi aset", "pembinaan pegawai", "keamanan data", "survei kepuasan",
]  # fmt: skip
JENIS = [Jenis.NOTA_DINAS] * 6 + [Jenis.SURAT_DINAS] * 2 + [Jenis.UNDANGAN, Jenis.SURAT_EDARAN, Jenis.MEMO]
SIFAT = [Sifat.BIASA] * 8 + [Sifat.SEGERA, Sifat.SANGAT_SEGERA]
DUE = {Sifat.SEGERA: datetime.timedelta(hours=48), Sifat.SANGAT_SEGERA: datetime.timedelta(hours=24)}


def arguments(parser):
    parser.add_argument("--memos", type=int, default=200_000, help="Memos (naskah) among the agencies.")
    parser.add_argument("--memo-years", type=int, default=3, help="Years the memos span, up to today.")


def seed(context):
    with Timer(context, "naskah"):
        count = naskah_create(context)
    context.log(f"    {count} memos")


def _addressees(context, sender):
    rng = context.rng
    others = [i for i in rng.sample(context.instansi_ids, min(5, len(context.instansi_ids))) if i != sender]
    kepada = others[: rng.choice((1, 1, 1, 2, 3))]
    tembusan = others[len(kepada) : len(kepada) + (1 if rng.random() < 0.25 else 0)]
    return kepada, tembusan


def _readers(naskah, *, named, agencies):
    """Return who may read a sent memo, as koordinasi.services writes it when the memo is sent."""
    rows = [HakBaca(naskah_id=naskah.id, pegawai_id=naskah.pengirim_id, alasan=Alasan.PENGIRIM)]
    rows += [HakBaca(naskah_id=naskah.id, pegawai_id=pegawai, alasan=Alasan.ALAMAT) for pegawai in named]
    if naskah.klasifikasi not in RESTRICTED:
        rows += [HakBaca(naskah_id=naskah.id, instansi_id=i, alasan=Alasan.INSTANSI) for i in agencies]
    return rows


def naskah_create(context):  # noqa: C901 - one pass that writes seven related tables
    options, rng = context.options, context.rng
    count = options["memos"]
    if not count:
        return 0
    agencies = context.instansi_ids
    weights = [1 + (i % 7 == 0) * 6 + (i % 3 == 0) * 2 for i in range(len(agencies))]
    end = context.now
    start = end - datetime.timedelta(days=365 * options["memo_years"])
    moments = sorted(context.moment_between(start, end) for _ in range(count))
    ids = {m: next_id(m) for m in (Naskah, Penerima, TandaBaca, Disposisi, RiwayatNaskah, HakBaca)}
    counters = {}  # (instansi, year) -> last serial
    threads = []  # recent sent memos (id, utas root, sender agency, recipients) to reply to
    chunk = options["chunk"]
    with (
        RowWriter(Naskah, chunk=chunk) as naskah_rows,
        RowWriter(Penerima, chunk=chunk) as penerima_rows,
        RowWriter(TandaBaca, chunk=chunk) as baca_rows,
        RowWriter(Disposisi, chunk=chunk) as disposisi_rows,
        RowWriter(RiwayatNaskah, chunk=chunk) as riwayat_rows,
        RowWriter(HakBaca, chunk=chunk) as hak_baca_rows,
    ):
        for n, created in enumerate(moments):
            pk = ids[Naskah] + n
            reply_to = rng.choice(threads) if threads and rng.random() < 0.15 else None
            if reply_to:
                sender = rng.choice(reply_to[3])
                kepada, tembusan = [reply_to[2]], []
            else:
                sender = rng.choices(agencies, weights)[0]
                kepada, tembusan = _addressees(context, sender)
            pengirim = rng.choice(context.officer_ids_by_instansi[sender])
            draft = n >= count - max(count // 50, 1) and rng.random() < 0.5  # recent drafts
            sifat = rng.choice(SIFAT)
            klasifikasi = (
                Klasifikasi.RAHASIA
                if rng.random() < 0.04
                else rng.choice([Klasifikasi.BIASA] * 9 + [Klasifikasi.TERBATAS])
            )
            named = []
            if klasifikasi == Klasifikasi.RAHASIA or rng.random() < 0.08:
                named = [rng.choice(context.officer_ids_by_instansi[kepada[0]])]
            kode = rng.choice(KODE)
            naskah = Naskah(
                id=pk,
                instansi_id=sender,
                pengirim_id=pengirim,
                jenis=rng.choice(JENIS),
                sifat=sifat,
                klasifikasi=klasifikasi,
                kode_klasifikasi=kode,
                perihal=rng.choice(PERIHAL).format(rng.choice(TOPIK)),
                isi=rng.choice(context.pools()["paragraph"]),
                status=Status.DRAF if draft else Status.TERKIRIM,
                created_at=created,
                updated_at=created,
            )
            if reply_to:
                naskah.balasan_untuk_id = reply_to[0]
                naskah.utas_id = reply_to[1]
                naskah.perihal = f"Balasan: {naskah.perihal}"[:200]
            if not draft:
                sent = created + datetime.timedelta(minutes=rng.randint(5, 600))
                sent = min(sent, end)
                key = (sender, sent.year)
                counters[key] = counters.get(key, 0) + 1
                unit = context.instansi_code[sender]
                naskah.sent_at, naskah.tahun, naskah.nomor_urut = sent, sent.year, counters[key]
                naskah.nomor = DEFAULT_PATTERN.format(
                    kode_klasifikasi=kode, seq=counters[key], unit=unit, year=sent.year
                )
                naskah.due_at = sent + DUE[sifat] if sifat in DUE else None
            naskah_rows.add(naskah)
            addressed = []
            for peran, targets in ((Peran.KEPADA, kepada), (Peran.TEMBUSAN, tembusan)):
                for instansi_id in targets:
                    if named and klasifikasi == Klasifikasi.RAHASIA:
                        continue
                    penerima_rows.add(
                        Penerima(id=ids[Penerima], naskah_id=pk, peran=peran, instansi_id=instansi_id)
                    )
                    ids[Penerima] += 1
                    addressed.append(instansi_id)
            for pegawai in named:
                penerima_rows.add(
                    Penerima(id=ids[Penerima], naskah_id=pk, peran=Peran.KEPADA, pegawai_id=pegawai)
                )
                ids[Penerima] += 1
            if draft:
                continue
            riwayat_rows.add(
                RiwayatNaskah(
                    id=ids[RiwayatNaskah],
                    naskah_id=pk,
                    from_status=Status.DRAF,
                    to_status=Status.TERKIRIM,
                    actor_id=pengirim,
                    created_at=naskah.sent_at,
                )
            )
            ids[RiwayatNaskah] += 1
            for row in _readers(naskah, named=named, agencies=addressed):
                row.id = ids[HakBaca]
                hak_baca_rows.add(row)
                ids[HakBaca] += 1
            threads.append((pk, naskah.utas_id or pk, sender, kepada))
            if len(threads) > 500:
                threads.pop(0)
            age = end - naskah.sent_at
            for instansi_id in kepada + tembusan:
                officers = context.officer_ids_by_instansi[instansi_id]
                readers = [named[0]] if named and named[0] in officers else officers[:1]
                if age > datetime.timedelta(days=2) or rng.random() < 0.5:
                    for reader in readers:
                        baca_rows.add(
                            TandaBaca(
                                id=ids[TandaBaca],
                                naskah_id=pk,
                                pembaca_id=reader,
                                instansi_id=instansi_id,
                                dibaca_at=naskah.sent_at
                                + min(age, datetime.timedelta(hours=rng.randint(1, 30))),
                            )
                        )
                        ids[TandaBaca] += 1
                if rng.random() < 0.12 and len(officers) > 1 and klasifikasi != Klasifikasi.RAHASIA:
                    dari, kepada_pegawai = officers[0], rng.choice(officers[1:])
                    given = naskah.sent_at + min(age, datetime.timedelta(hours=rng.randint(1, 48)))
                    done = age > datetime.timedelta(days=7) and rng.random() < 0.85
                    disposisi_rows.add(
                        Disposisi(
                            id=ids[Disposisi],
                            naskah_id=pk,
                            instansi_id=instansi_id,
                            dari_id=dari,
                            kepada_id=kepada_pegawai,
                            instruksi=rng.sample(Instruksi.values, rng.randint(1, 2)),
                            batas_waktu=(given + datetime.timedelta(days=rng.randint(2, 10))).date(),
                            selesai_at=given + datetime.timedelta(days=rng.randint(1, 6)) if done else None,
                            catatan_selesai="Sudah ditindaklanjuti." if done else "",
                            created_at=given,
                        )
                    )
                    ids[Disposisi] += 1
                    for officer in (dari, kepada_pegawai):
                        hak_baca_rows.add(
                            HakBaca(
                                id=ids[HakBaca], naskah_id=pk, pegawai_id=officer, alasan=Alasan.DISPOSISI
                            )
                        )
                        ids[HakBaca] += 1
    NomorUrut.objects.bulk_create(
        [NomorUrut(instansi_id=i, tahun=y, terakhir=last) for (i, y), last in counters.items()]
    )
    return count
