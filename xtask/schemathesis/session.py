"""An anonymous session of the demo for schemathesis: GET /api/oauth/csrf, then print the
session cookie (a `Cookie` header value) and the session's CSRF token, one per line, so that
every generated write can carry a valid `X-CSRF-Token` (the writes are then refused or
accepted for what they are, not for a missing token)."""

import sys

import requests

response = requests.get(f"{sys.argv[1]}/api/oauth/csrf", timeout=10)
response.raise_for_status()
print("; ".join(f"{cookie.name}={cookie.value}" for cookie in response.cookies))
print(response.json()["csrf_token"])
