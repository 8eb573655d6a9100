"""The lineage page: where a carried figure comes from, down to the agencies' own entries."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from accounts.http import AuthenticatedRequest
from rounds import upward


@login_required
def value_lineage(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    node = upward.get_lineage(request.user, pk)
    context = {"node": node, "outdated": upward.outdated_ids(node)}
    return render(request, "rounds/lineage.html", context)
