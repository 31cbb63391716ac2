from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.data_saya, name="data_saya"),
    path("data-saya.json", views.data_saya_json, name="data_saya_json"),
    path("data-saya.pdf", views.data_saya_pdf, name="data_saya_pdf"),
]
