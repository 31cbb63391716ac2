from django.urls import path

from . import views

app_name = "ktp"
urlpatterns = [
    path("", views.index, name="index"),
    path("permohonan/", views.permohonan_list, name="list"),
    path("permohonan/<int:pk>/", views.permohonan_detail, name="detail"),
    path("permohonan/<int:pk>/batalkan/", views.permohonan_withdraw_view, name="withdraw"),
]
