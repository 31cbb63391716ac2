"""Every write of the tender module: keyword-only, validated, recorded, side effects after commit."""

from .aanwijzing import adendum_add, pertanyaan_answer, pertanyaan_ask
from .evaluasi import evaluasi_record, konflik_declare, paket_winner_decide
from .hasil import kontrak_record, paket_fail, paket_retender, sanggah_answer, sanggah_file
from .langsung import langsung_cancel, langsung_create, langsung_negotiate, langsung_offer, langsung_order
from .paket import jadwal_amend, jadwal_draw, paket_join, paket_register
from .penawaran import paket_open, penawaran_part, penawaran_submit
from .penyedia import penyedia_register, penyedia_verify

__all__ = [
    "adendum_add",
    "evaluasi_record",
    "jadwal_amend",
    "jadwal_draw",
    "konflik_declare",
    "langsung_cancel",
    "langsung_create",
    "langsung_negotiate",
    "langsung_offer",
    "langsung_order",
    "kontrak_record",
    "paket_fail",
    "paket_join",
    "paket_open",
    "paket_register",
    "paket_retender",
    "paket_winner_decide",
    "penawaran_part",
    "penawaran_submit",
    "penyedia_register",
    "penyedia_verify",
    "pertanyaan_answer",
    "pertanyaan_ask",
    "sanggah_answer",
    "sanggah_file",
]
