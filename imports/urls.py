from django.urls import path

from imports import views, xlsx_views

app_name = "imports"

urlpatterns = [
    path("bao-cao/<int:report_pk>/", views.upload, name="upload"),
    path("bao-cao/<int:pk>/nhap-excel/", xlsx_views.upload, name="xlsx_entry"),
    path(
        "bao-cao/<int:pk>/nhap-excel/tep-mau/", xlsx_views.template_download, name="xlsx_template"
    ),
    path("van-ban/<int:pk>/", views.review, name="review"),
    path("van-ban/<int:pk>/chon/", views.choose, name="choose"),
    path("van-ban/<int:pk>/xac-nhan/", views.confirm, name="confirm"),
    path("van-ban/<int:pk>/xoa/", views.discard, name="discard"),
    path("van-ban/<int:pk>/doc-lai/", views.retry, name="retry"),
]
