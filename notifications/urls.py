from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/da-doc/", views.mark_read, name="mark_read"),
    path("da-doc/", views.mark_all_read, name="mark_all_read"),
]
