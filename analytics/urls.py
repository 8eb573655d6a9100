from __future__ import annotations

from django.urls import path

from analytics import views

app_name = "analytics"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("bang/", views.pivot, name="pivot"),
    path("bang/da-luu/", views.saved_views, name="saved_views"),
    path("bang/da-luu/<str:token>/", views.saved_view, name="saved_view"),
    path("bang/da-luu/<str:token>/xoa/", views.saved_view_delete, name="saved_view_delete"),
    path("dot/<int:pk>/", views.compilation, name="compilation"),
    path("dot/<int:pk>/toan-quoc/", views.national_page, name="national"),
    path("tim-kiem/", views.search_page, name="search"),
]
