from django.urls import path

from . import views

app_name = "ktp"
urlpatterns = [
    path("", views.index, name="index"),
    path("standar-pelayanan/", views.standar_pelayanan, name="standar"),
    path("ajukan/", views.start, name="start"),
    path("permohonan/", views.permohonan_list, name="list"),
    path("permohonan/<int:pk>/", views.permohonan_detail, name="detail"),
    path("permohonan/<int:pk>/biodata/", views.biodata, name="biodata"),
    path("permohonan/<int:pk>/dokumen/", views.dokumen, name="dokumen"),
    path("permohonan/<int:pk>/jadwal/", views.jadwal, name="jadwal"),
    path("permohonan/<int:pk>/periksa/", views.periksa, name="periksa"),
    path("permohonan/<int:pk>/konfirmasi/", views.konfirmasi, name="konfirmasi"),
    path("permohonan/<int:pk>/batalkan/", views.permohonan_withdraw_view, name="withdraw"),
    path("permohonan/<int:pk>/bukti.pdf", views.receipt_download, name="receipt"),
]
