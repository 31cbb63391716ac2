from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("lacak/", views.track, name="track"),
    path("transparansi/", views.transparency, name="transparency"),
    path("transparansi/kinerja-layanan.csv", views.transparency_csv, name="transparency_csv"),
    path("transparansi/<slug:name>.csv", views.transparency_section_csv, name="transparency_section_csv"),
    path("informasi/", views.informasi_list, name="informasi"),
    path("informasi/<slug:slug>/", views.informasi_detail, name="informasi_detail"),
    path("informasi/<slug:slug>/data.csv", views.informasi_csv, name="informasi_csv"),
]
