from __future__ import annotations

from django.urls import path

from analytics import bulk_views, views

app_name = "analytics"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("bang/", views.pivot, name="pivot"),
    path("dot/<int:pk>/", views.compilation, name="compilation"),
    path("tim-kiem/", views.search_page, name="search"),
    path("bao-cao/<int:pk>/nhap-excel/", bulk_views.upload, name="bulk_entry"),
    path(
        "bao-cao/<int:pk>/nhap-excel/tep-mau/", bulk_views.template_download, name="bulk_template"
    ),
]
