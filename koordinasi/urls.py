app_name = "koordinasi"
urlpatterns = []
