app_name = "rendering"

urlpatterns: list = []
