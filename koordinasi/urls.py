from django.urls import path

from . import views

app_name = "koordinasi"
urlpatterns = [
    path("", views.index, name="index"),
    path("terkirim/", views.sent, name="sent"),
    path("draf/", views.drafts, name="drafts"),
    path("tulis/", views.compose, name="compose"),
    path("draf/<int:pk>/", views.draft_edit, name="draft_edit"),
    path("draf/<int:pk>/kirim/", views.draft_send, name="draft_send"),
    path("draf/<int:pk>/hapus/", views.draft_discard, name="draft_discard"),
    path("naskah/<int:pk>/", views.detail, name="detail"),
    path("naskah/<int:pk>/balas/", views.reply, name="reply"),
    path("naskah/<int:pk>/disposisi/", views.disposisi, name="disposisi"),
    path("naskah/<int:pk>/lampiran/<int:lampiran_pk>/", views.attachment, name="attachment"),
    path("naskah/<int:pk>/ekspor.pdf", views.export, name="export"),
    path("disposisi/<int:pk>/selesai/", views.disposisi_done, name="disposisi_done"),
]
