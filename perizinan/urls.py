app_name = "perizinan"
urlpatterns = []
