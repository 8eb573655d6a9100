"""A user's own notifications: the list, and marking them read. Nobody sees another's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from notifications.models import Notification

PAGE_SIZE = 50


@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    """Newest first, a page at a time; the unread ones stand out."""
    mine = Notification.objects.filter(recipient=request.user)
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def mark_read(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    Notification.objects.filter(pk=notification.pk).mark_read()
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request: AuthenticatedRequest) -> HttpResponse:
    marked = Notification.objects.filter(recipient=request.user).mark_read()
    if marked:
        messages.success(request, f"Đã đánh dấu {marked} thông báo là đã đọc.")
    return redirect("notifications:list")
