from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-nhap/mo-khoa/", views.unlock_request, name="unlock_request"),
    path("dang-nhap/mo-khoa/<str:token>/", views.unlock, name="unlock"),
    path("dang-nhap/ma-xac-thuc/", views.otp_verify, name="otp_verify"),
    path("xac-thuc-hai-buoc/", views.otp_setup, name="otp_setup"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("ma-api/", views.token_list, name="token_list"),
    path("ma-api/<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
]
