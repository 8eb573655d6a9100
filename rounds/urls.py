from django.urls import path

from rounds import lineage_views, target_views, views

app_name = "rounds"

urlpatterns = [
    path("dot-bao-cao/", views.round_list, name="round_list"),
    path("dot-bao-cao/mo-dot/", views.round_open, name="round_open"),
    path("dot-bao-cao/<int:pk>/", views.round_detail, name="round_detail"),
    path("dot-bao-cao/<int:pk>/nhac-nop/", views.round_remind, name="round_remind"),
    path("dot-bao-cao/<int:pk>/gui-len-cap-tren/", views.round_answer, name="round_answer"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report_detail"),
    path("yeu-cau-nhan/", views.received_list, name="received_list"),
    path("yeu-cau-nhan/<int:pk>/", views.received_request, name="received_request"),
    path("yeu-cau-nhan/<int:pk>/mo-dot/", views.child_round_open, name="child_round_open"),
    path("bao-cao/<int:pk>/soan/", views.report_edit, name="report_edit"),
    path("bao-cao/<int:pk>/kiem-tra/", views.report_check, name="report_check"),
    path("bao-cao/<int:pk>/tra-lai/", views.report_return, name="report_return"),
    path("bao-cao/<int:pk>/tiep-nhan/", views.report_accept, name="report_accept"),
    path("bao-cao/<int:pk>/mo-lai/", views.report_reopen, name="report_reopen"),
    path("hoat-dong/", views.activity_list, name="activity_list"),
    path("hoat-dong/<int:pk>/xoa/", views.activity_delete, name="activity_delete"),
    path("so-lieu/<int:pk>/nguon/", lineage_views.value_lineage, name="value_lineage"),
    path("dot-bao-cao/<int:pk>/muc-tieu/", target_views.targets, name="round_targets"),
    path("dot-bao-cao/<int:pk>/muc-tieu/ke-hoach/", target_views.round_plan, name="round_plan"),
    path(
        "dot-bao-cao/<int:pk>/muc-tieu/<int:target_pk>/xoa/",
        target_views.target_delete,
        name="target_delete",
    ),
]
