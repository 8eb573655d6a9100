from __future__ import annotations

from django.urls import path

from analytics import views

app_name = "analytics"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("bang/", views.pivot, name="pivot"),
    path("dot/<int:pk>/", views.compilation, name="compilation"),
    path("dot/<int:pk>/toan-quoc/", views.national_page, name="national"),
    path("tim-kiem/", views.search_page, name="search"),
]
