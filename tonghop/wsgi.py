"""WSGI entry point for gunicorn: `gunicorn tonghop.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tonghop.settings")
application = get_wsgi_application()
