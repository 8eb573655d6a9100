from __future__ import annotations

from django.shortcuts import render

from agencies.models import Agency
from catalogue.models import Indicator
from places.models import AdministrativeUnit, Era, Level
from rounds.models import Round


def home(request):
    """What the system holds, and the rounds that concern the visitor."""
    context = {
        "indicator_count": Indicator.objects.active().count(),
        "agency_count": Agency.objects.active().count(),
        "province_count": AdministrativeUnit.objects.filter(
            era=Era.FROM_2025, level=Level.PROVINCE
        ).count(),
        "rounds": Round.objects.select_related("period", "coordinator")[:5],
    }
    return render(request, "tonghop/home.html", context)
