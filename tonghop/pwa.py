"""The installable app: its web manifest and its service worker (docs/offline.md).

The service worker is built from Workbox's modules (npm, served from node_modules like the
other vendor files) and served at the site's root so that its scope is the whole site.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse

THEME_COLOUR = "#8b1d1d"
ICON_SIZES = (192, 512)
# What the entry pages load, fetched once when the service worker installs.
PRECACHED = (
    "vendor/pico/pico.min.css",
    "vendor/htmx/htmx.min.js",
    "vendor/idb/umd.js",
    "tonghop/app.css",
    "tonghop/pwa.js",
    "tonghop/offline-store.js",
    "rounds/conflicts.css",
    "rounds/offline/entry.js",
    "rounds/offline/entry.css",
    "rounds/entry-form.js",
    "rounds/entry-form.css",
    *(f"tonghop/icons/icon-{size}.png" for size in ICON_SIZES),
)
# Pages kept for use without a connection once opened (network first, the copy when offline):
# the round list, a report and its entry form.
OFFLINE_PAGES = (r"^/dot-bao-cao/$", r"^/bao-cao/\d+/$", r"^/bao-cao/\d+/soan/$")


@cache
def _revision(name: str) -> str:
    """The file's content hash: a changed file changes the worker, which then fetches it anew."""
    found = finders.find(name)
    with open(found, "rb") if found else staticfiles_storage.open(name) as file:
        return hashlib.sha256(file.read()).hexdigest()[:16]


def service_worker(request: HttpRequest) -> HttpResponse:
    modules = {
        name: static(f"vendor/{name}/{name}.prod.js")
        for name in settings.WORKBOX_MODULES
        if name != "workbox-sw"
    }
    context = {
        "workbox_sw": json.dumps(static("vendor/workbox-sw/workbox-sw.js")),
        "modules": json.dumps(modules),
        "precache": json.dumps(
            [{"url": static(name), "revision": _revision(name)} for name in PRECACHED]
        ),
        "pages": json.dumps(OFFLINE_PAGES),
    }
    response = HttpResponse(
        render_to_string("tonghop/sw.js", context), content_type="text/javascript; charset=utf-8"
    )
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


def manifest(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {
            "name": "Tổng hợp báo cáo phòng, chống mại dâm",
            "short_name": "Tổng hợp",
            "description": "Nhập, nộp và tổng hợp báo cáo công tác phòng, chống mại dâm.",
            "lang": "vi",
            "start_url": reverse("rounds:round_list"),
            "scope": "/",
            "display": "standalone",
            "theme_color": THEME_COLOUR,
            "background_color": "#ffffff",
            "icons": [
                {
                    "src": static(f"tonghop/icons/icon-{size}.png"),
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                    "purpose": "any maskable",
                }
                for size in ICON_SIZES
            ],
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
