from __future__ import annotations

from django.shortcuts import redirect, render

from accounts.models import Role
from agencies.models import Agency
from catalogue.models import Indicator
from places.models import AdministrativeUnit, Era, Level
from rounds.todo import todo_for


def home(request):
    """The visitor's to-do list by role; leadership goes straight to the dashboard, its page."""
    user = request.user
    if user.is_authenticated and user.role == Role.VIEWER:
        return redirect("analytics:dashboard")
    if user.is_authenticated:
        return render(request, "tonghop/home.html", {"todo": todo_for(user)})
    context = {
        "indicator_count": Indicator.objects.active().count(),
        "agency_count": Agency.objects.active().count(),
        "province_count": AdministrativeUnit.objects.filter(
            era=Era.FROM_2025, level=Level.PROVINCE
        ).count(),
    }
    return render(request, "tonghop/home.html", context)
