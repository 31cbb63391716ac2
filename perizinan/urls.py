from django.urls import path

from . import jadwal_views, views

app_name = "perizinan"
urlpatterns = [
    path("", views.index, name="index"),
    path("ajukan/", views.start, name="start"),
    path("ajukan/<str:code>/", views.jenis, name="jenis"),
    path("ajukan/<str:code>/baru/", views.baru, name="baru"),
    path("ajukan/<str:code>/perpanjangan/", views.perpanjangan, name="perpanjangan"),
    path("permohonan/", views.permohonan_list, name="list"),
    path("izin/", views.permohonan_list, name="izin_list"),
    path("izin/<int:pk>/perpanjang/", views.izin_renew, name="izin_renew"),
    path("izin/<int:pk>/izin.pdf", views.izin_download, name="izin_pdf"),
    path("permohonan/<int:pk>/", views.permohonan_detail, name="detail"),
    path("permohonan/<int:pk>/isi/<slug:step>/", views.step, name="step"),
    path("permohonan/<int:pk>/dokumen/", views.dokumen, name="dokumen"),
    path("permohonan/<int:pk>/jadwal/", jadwal_views.jadwal, name="jadwal"),
    path("permohonan/<int:pk>/periksa/", views.periksa, name="periksa"),
    path("permohonan/<int:pk>/konfirmasi/", views.konfirmasi, name="konfirmasi"),
    path("permohonan/<int:pk>/batalkan/", views.permohonan_withdraw_view, name="withdraw"),
    path("permohonan/<int:pk>/bukti.pdf", views.receipt_download, name="receipt"),
]
