from django.urls import path

from .views import evaluasi, kelola, langsung, ocds, penyedia, public, tanda

app_name = "pengadaan"
urlpatterns = [
    path("", public.index, name="index"),
    path("paket.csv", public.index_csv, name="index_csv"),
    path("ocds/releases.json", ocds.releases_json, name="ocds_releases"),
    path("paket/<int:pk>/ocds/releases.json", ocds.paket_releases_json, name="ocds_paket_releases"),
    path("paket/<int:pk>/ocds/record.json", ocds.paket_record_json, name="ocds_paket_record"),
    path("paket/<int:pk>/", public.paket, name="paket"),
    path("tanda-bahaya/", tanda.definisi, name="tanda_definisi"),
    path("tanda-bahaya/instansi/<int:pk>/", tanda.instansi, name="tanda_instansi"),
    path("paket/<int:pk>/dokumen/<int:doc_pk>/", public.dokumen, name="dokumen"),
    path("paket/<int:pk>/berita-acara-pembukaan.pdf", public.berita_acara, name="berita_acara"),
    path("paket/<int:pk>/hasil-pemilihan.pdf", public.hasil, name="hasil"),
    path("penyedia/", penyedia.penyedia, name="penyedia"),
    path("paket/<int:pk>/daftar/", penyedia.daftar, name="daftar"),
    path("paket/<int:pk>/tanya/", penyedia.tanya, name="tanya"),
    path("paket/<int:pk>/penawaran/", penyedia.penawaran, name="penawaran"),
    path("paket/<int:pk>/sanggah/", penyedia.sanggah, name="sanggah"),
    # By the bid's digest, not its row number: the numbers would tell a vendor how many bids were sent.
    path(
        "penawaran/<int:pk>/bukti.pdf", penyedia.bukti_lama, name="bukti_lama"
    ),  # links in emails sent before
    path("penawaran/<str:digest>/bukti.pdf", penyedia.bukti, name="bukti"),
    path("paket/<int:pk>/penawaran-langsung/", langsung.penawaran, name="langsung_penawaran"),
    path("paket/<int:pk>/penawaran-langsung.pdf", langsung.berkas, name="langsung_berkas"),
    path("kelola/", kelola.kelola, name="kelola"),
    path("kelola/penyedia/", kelola.penyedia_list, name="penyedia_list"),
    path("kelola/penyedia/<int:pk>/verifikasi/", kelola.penyedia_verifikasi, name="penyedia_verifikasi"),
    path("kelola/paket/baru/", kelola.paket_baru, name="paket_baru"),
    path("kelola/langsung/baru/", langsung.baru, name="langsung_baru"),
    path("kelola/paket/<int:pk>/", kelola.kelola_paket, name="kelola_paket"),
    path("kelola/paket/<int:pk>/negosiasi/", langsung.negosiasi, name="langsung_negosiasi"),
    path("kelola/paket/<int:pk>/pesanan/", langsung.pesanan, name="langsung_pesanan"),
    path("kelola/paket/<int:pk>/batal/", langsung.batal, name="langsung_batal"),
    path("kelola/paket/<int:pk>/jadwal/", kelola.jadwal, name="jadwal"),
    path("kelola/paket/<int:pk>/adendum/", kelola.adendum, name="adendum"),
    path("kelola/paket/<int:pk>/buka/", kelola.buka, name="buka"),
    path("kelola/paket/<int:pk>/konflik/", kelola.konflik, name="konflik"),
    path("kelola/paket/<int:pk>/tetapkan/", kelola.tetapkan, name="tetapkan"),
    path("kelola/paket/<int:pk>/gagal/", kelola.gagal, name="gagal"),
    path("kelola/paket/<int:pk>/kontrak/", kelola.kontrak, name="kontrak"),
    path("kelola/paket/<int:pk>/ulang/", kelola.ulang, name="ulang"),
    path("kelola/pertanyaan/<int:pk>/jawab/", kelola.jawab, name="jawab"),
    path("kelola/sanggah/<int:pk>/jawab/", kelola.sanggah_jawab, name="sanggah_jawab"),
    path("kelola/sanggah/<int:pk>/bukti/", kelola.sanggah_bukti, name="sanggah_bukti"),
    path("kelola/penawaran/<int:pk>/", evaluasi.evaluasi, name="evaluasi"),
    path("kelola/penawaran/<int:pk>/berkas/<str:name>/", evaluasi.berkas, name="berkas"),
]
