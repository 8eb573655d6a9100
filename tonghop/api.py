"""The HTTP API (Django Ninja): OpenAPI 3 schema at /api/openapi.json, docs at /api/docs."""

from ninja import NinjaAPI

api = NinjaAPI(title="tonghop API", version="1", urls_namespace="api")
