"""
The evaluation's arithmetic: which bids pass by the Pokja's majority, and their order.

A bid passes the administrative and technical evaluation when more than half of the members who
completed the evaluation passed it; its price must not exceed the HPS. Only members who declared
no conflict of interest and evaluated every opened bid are counted.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .constants import CaraEvaluasi
from .models import Evaluasi, Penawaran, PernyataanKonflik
from .selectors import penawaran_opened


@dataclass
class Hasil:
    penawaran: Penawaran
    administrasi: int = 0
    teknis: int = 0
    nilai_teknis: list = field(default_factory=list)
    harga_lulus: bool = False
    lulus: bool = False
    nilai_akhir: Decimal | None = None


@dataclass
class Ranking:
    members: int  # the whole Pokja
    evaluators: list  # user ids who completed the evaluation without conflict
    rows: list  # Hasil, passing ones first in rank order

    @property
    def majority(self) -> bool:
        return len(self.evaluators) * 2 > self.members

    @property
    def ranked(self) -> list:
        return [row for row in self.rows if row.lulus]


def paket_ranking(*, paket) -> Ranking:
    """Return the evaluation result of an opened package as it stands."""
    bids = list(penawaran_opened(paket=paket))
    clear = set(
        PernyataanKonflik.objects.filter(paket=paket, ada_konflik=False).values_list("anggota_id", flat=True)
    )
    evaluations = [e for e in Evaluasi.objects.filter(penawaran__in=bids) if e.anggota_id in clear]
    done = {}
    for e in evaluations:
        done.setdefault(e.anggota_id, set()).add(e.penawaran_id)
    evaluators = sorted(m for m, seen in done.items() if seen == {b.pk for b in bids} and bids)
    rows = {b.pk: Hasil(penawaran=b, harga_lulus=b.harga is not None and b.harga <= paket.hps) for b in bids}
    for e in evaluations:
        if e.anggota_id in evaluators:
            row = rows[e.penawaran_id]
            row.administrasi += e.administrasi_lulus
            row.teknis += e.teknis_lulus
            if e.nilai_teknis is not None:
                row.nilai_teknis.append(e.nilai_teknis)
    for row in rows.values():
        half = len(evaluators) / 2
        row.lulus = bool(evaluators) and row.harga_lulus and row.administrasi > half and row.teknis > half
    ranking = Ranking(members=paket.pokja_set.count(), evaluators=evaluators, rows=list(rows.values()))
    _order(ranking, paket.metode_evaluasi)
    return ranking


def _order(ranking, metode):
    passing = ranking.ranked
    if metode.cara == CaraEvaluasi.SISTEM_NILAI and passing:
        lowest = min(row.penawaran.harga for row in passing)
        for row in passing:
            teknis = Decimal(sum(row.nilai_teknis)) / max(len(row.nilai_teknis), 1)
            harga = lowest / row.penawaran.harga * 100
            row.nilai_akhir = (teknis * metode.bobot_teknis + harga * metode.bobot_harga) / 100
        passing.sort(key=lambda row: (-row.nilai_akhir, row.penawaran.harga, row.penawaran.diterima_at))
    else:
        passing.sort(key=lambda row: (row.penawaran.harga, row.penawaran.diterima_at))
    failing = [row for row in ranking.rows if not row.lulus]
    ranking.rows = passing + sorted(failing, key=lambda row: row.penawaran.diterima_at)
