from django.urls import path

from rendering import issuance_views, job_views, views

app_name = "rendering"

urlpatterns = [
    path("bao-cao/<int:pk>.<str:fmt>", views.report_document, name="report_document"),
    path(
        "dot/<int:pk>/<str:document>.<str:fmt>",
        views.round_document,
        name="round_document",
    ),
    path("tep/<uuid:file_id>/", job_views.rendered_file, name="rendered_file"),
    path(
        "tep/<uuid:file_id>/tai-ve", job_views.rendered_file_download, name="rendered_file_download"
    ),
    path("xuat/dot/<int:pk>.xlsx", job_views.compilation_export, name="compilation_export"),
    path("xuat/bang.xlsx", job_views.pivot_export, name="pivot_export"),
    path("dot/<int:pk>/soan-thao/", views.drafted_texts, name="drafted_texts"),
    path("dot/<int:pk>/ban-hanh/<str:document>/", issuance_views.issuance, name="issuance"),
    path("kiem-tra-chu-ky/", views.verify_signature, name="verify_signature"),
]
