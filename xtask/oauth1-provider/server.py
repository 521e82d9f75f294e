"""A small but real OAuth 1.0a provider, used only by integration tests.

The protocol work (parameter collection, signature checks, token responses)
is done by oauthlib's RFC 5849 server endpoints; this file only supplies an
in-memory store (the RequestValidator) and an HTTP front end from the stdlib,
so the tests exercise a provider that was not written by the client's authors.

    python server.py --port 0 --consumer-key K --consumer-secret S

Prints exactly one line `Ready on http://127.0.0.1:<port>` once listening.
"""
import argparse
import json
import logging
import re
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from oauthlib.common import add_params_to_uri, safe_string_equals
from oauthlib.oauth1 import (
    AccessTokenEndpoint, AuthorizationEndpoint, RequestTokenEndpoint,
    RequestValidator, ResourceEndpoint)
from oauthlib.oauth1.rfc5849 import errors

log = logging.getLogger("oauth1-provider")
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
USER_RE = re.compile(r"[A-Za-z0-9_.-]{1,64}")
# RFC 3986 "unreserved": oauthlib's default is alphanumerics only, which would
# reject keys such as `oauth1-demo-key`.
UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


class Validator(RequestValidator):
    """In-memory store. Every public method takes the lock because the HTTP
    server handles each request on its own thread."""

    enforce_ssl = False  # the test provider speaks plain HTTP on loopback
    allowed_signature_methods = ("HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "PLAINTEXT")
    safe_characters = UNRESERVED
    client_key_length = request_token_length = access_token_length = (1, 200)
    verifier_length = (1, 200)
    # oauthlib calls these with unknown keys so that a bad key costs the same
    # time as a good one (no early exit); they must resolve to some secret.
    dummy_client = "dummy-client"
    dummy_request_token = "dummy-request-token"
    dummy_access_token = "dummy-access-token"

    def __init__(self, consumer_key, consumer_secret):
        super().__init__()
        self.lock = threading.Lock()
        self.consumer_key, self.consumer_secret = consumer_key, consumer_secret
        self.request_tokens = {}  # token -> {client, secret, callback, verifier, user}
        self.access_tokens = {}   # token -> {client, secret, user}
        self.nonces = {}          # (client, timestamp, nonce, token) -> timestamp

    # --- format checks: relaxed, see UNRESERVED above ---------------------
    def check_nonce(self, nonce):
        # RFC 5849 puts no constraint on the nonce's alphabet; accept any
        # printable ASCII so clients using base64 nonces are not refused.
        return 1 <= len(nonce) <= 255 and all(33 <= ord(c) < 127 for c in nonce)

    # --- clients -----------------------------------------------------------
    def validate_client_key(self, client_key, request):
        return safe_string_equals(client_key, self.consumer_key)

    def get_client_secret(self, client_key, request):
        return self.consumer_secret if client_key == self.consumer_key else "dummy-secret"

    # Realms are unused here: none are required and any sent are accepted.
    def check_realms(self, realms): return True
    def get_default_realms(self, client_key, request): return []
    def get_realms(self, token, request): return []
    def validate_requested_realms(self, client_key, realms, request): return True
    def validate_realms(self, client_key, token, request, uri=None, realms=None): return True
    def verify_realms(self, token, realms, request): return True

    def validate_redirect_uri(self, client_key, redirect_uri, request):
        # oauthlib hands us the raw oauth_callback; a False here makes the
        # request-token endpoint answer 401 with an empty body.
        try:
            parts = urlsplit(redirect_uri)
            ok = parts.scheme in ("http", "https") and parts.hostname in LOOPBACK_HOSTS
        except ValueError:
            ok = False
        if not ok:
            log.info("refused callback (only loopback hosts are allowed)")
        return ok

    # --- replay protection --------------------------------------------------
    def validate_timestamp_and_nonce(self, client_key, timestamp, nonce, request,
                                     request_token=None, access_token=None):
        # oauthlib already refused timestamps more than timestamp_lifetime
        # away from now, so entries older than that can be forgotten.
        key = (client_key, timestamp, nonce, request_token or access_token)
        now = time.time()
        with self.lock:
            for k, ts in list(self.nonces.items()):
                if ts < now - 2 * self.timestamp_lifetime:
                    del self.nonces[k]
            if key in self.nonces:
                log.info("refused replayed timestamp+nonce")
                return False
            self.nonces[key] = int(timestamp)
            return True

    # --- request tokens ----------------------------------------------------
    def save_request_token(self, token, request):
        with self.lock:
            self.request_tokens[token["oauth_token"]] = {
                "client": request.client_key, "secret": token["oauth_token_secret"],
                "callback": request.redirect_uri, "verifier": None, "user": None}

    @staticmethod
    def _owned(table, client_key, token):
        """A token's entry, only if it was issued to this client."""
        entry = table.get(token)
        return entry if entry and entry["client"] == client_key else None

    def get_request_token_secret(self, client_key, token, request):
        with self.lock:
            entry = self._owned(self.request_tokens, client_key, token)
            return entry["secret"] if entry else "dummy-secret"

    def validate_request_token(self, client_key, token, request):
        with self.lock:
            return self._owned(self.request_tokens, client_key, token) is not None

    def verify_request_token(self, token, request):
        # Authorization step: the token must exist and not be authorized yet.
        with self.lock:
            entry = self.request_tokens.get(token)
            return entry is not None and entry["verifier"] is None

    def get_redirect_uri(self, token, request):
        with self.lock:
            return self.request_tokens[token]["callback"]

    def save_verifier(self, token, verifier, request):
        # The resource owner comes from the authorize URL's `user` parameter.
        user = dict(request.uri_query_params).get("user") or "alice"
        with self.lock:
            entry = self.request_tokens[token]
            entry["verifier"], entry["user"] = verifier["oauth_verifier"], user

    def deny(self, token):
        """Drop the token; returns its callback, or None if it is unknown."""
        with self.lock:
            entry = self.request_tokens.pop(token, None)
            return entry["callback"] if entry else None

    def validate_verifier(self, client_key, token, verifier, request):
        with self.lock:
            entry = self._owned(self.request_tokens, client_key, token)
            return bool(entry and entry["verifier"]
                        and safe_string_equals(verifier, entry["verifier"]))

    def user_for_request_token(self, token):
        with self.lock:
            entry = self.request_tokens.get(token)
        if entry is None:  # consumed by a concurrent exchange
            raise errors.InvalidClientError(description="request token already used")
        return entry["user"]

    def invalidate_request_token(self, client_key, request_token, request):
        with self.lock:
            self.request_tokens.pop(request_token, None)

    # --- access tokens -----------------------------------------------------
    def save_access_token(self, token, request):
        # Consume the request token here, under the lock, so two concurrent
        # exchanges of the same token cannot both succeed.
        with self.lock:
            entry = self.request_tokens.pop(request.resource_owner_key, None)
            if entry is None:
                raise errors.InvalidClientError(description="request token already used")
            self.access_tokens[token["oauth_token"]] = {
                "client": request.client_key, "secret": token["oauth_token_secret"],
                "user": entry["user"]}

    def get_access_token_secret(self, client_key, token, request):
        with self.lock:
            entry = self._owned(self.access_tokens, client_key, token)
            return entry["secret"] if entry else "dummy-secret"

    def validate_access_token(self, client_key, token, request):
        with self.lock:
            return self._owned(self.access_tokens, client_key, token) is not None

    def user_for_access_token(self, token):
        with self.lock:
            return self.access_tokens[token]["user"]


class UserAccessTokenEndpoint(AccessTokenEndpoint):
    """Adds Twitter-style `user_id`/`screen_name` to the access-token answer;
    the user is only known once oauthlib has validated the request token."""

    def create_access_token(self, request, credentials):
        user = self.request_validator.user_for_request_token(request.resource_owner_key)
        body = super().create_access_token(
            request, {**credentials, "user_id": user_id(user), "screen_name": user})
        # oauthlib always adds `oauth_authorized_realms`; realms are unused here.
        return "&".join(p for p in body.split("&")
                        if not p.startswith("oauth_authorized_realms="))


def user_id(user):
    return "u-" + user


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive; every response sets Content-Length

    def do_GET(self):
        self.dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def dispatch(self):
        path = urlsplit(self.path).path
        try:
            # Always read the body first: with keep-alive an unread body
            # would be taken for the start of the next request.
            request = self.oauth_request()
            if path.startswith("/fail/"):
                return self.reply(500, b"<html><body><h1>500 Internal Server Error</h1>"
                                       b"</body></html>", "text/html; charset=utf-8")
            handler = {
                ("POST", "/oauth/request_token"): self.request_token,
                ("GET", "/oauth/authorize"): self.authorize,
                ("POST", "/oauth/access_token"): self.access_token,
                ("GET", "/api/me"): self.me,
                # The same profile where oauthclient-testkit's `testkit:account_info` looks.
                ("GET", "/api/user"): self.me,
            }.get((self.command, path))
            if handler is None:
                return self.reply(404, b"not found\n")
            handler(*request)
        except (errors.OAuth1Error, ValueError) as e:
            # ValueError: oauthlib's strict parsing of a malformed query/body.
            self.reply(400, f"bad request: {e}\n".encode())

    def oauth_request(self):
        """Build the (uri, method, body, headers) quadruple oauthlib wants. The
        URI must be the one the client signed, so it is rebuilt from Host."""
        if "chunked" in self.headers.get("Transfer-Encoding", ""):
            self.close_connection = True  # body left unread: the connection is unusable
            raise ValueError("chunked request bodies are not supported")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        host = self.headers.get("Host") or "%s:%d" % self.server.server_address[:2]
        return f"http://{host}{self.path}", self.command, body, dict(self.headers.items())

    def request_token(self, uri, method, body, headers):
        self.reply(*self.server.endpoints["request"].create_request_token_response(
            uri, method, body, headers))

    def authorize(self, uri, method, body, headers):
        query = parse_qs(urlsplit(uri).query)
        token = query.get("oauth_token", [""])[0]
        user = query.get("user", ["alice"])[0]
        if not USER_RE.fullmatch(user):
            return self.reply(400, b"invalid user name\n")
        if query.get("deny", [""])[0] == "1":
            callback = self.server.validator.deny(token)
            if callback is None:
                return self.reply(400, b"unknown request token\n")
            # Twitter's convention: send the user back with `denied=<token>`.
            location = add_params_to_uri(callback, [("denied", token)])
            return self.reply(302, b"", extra={"Location": location})
        try:
            h, b, s = self.server.endpoints["authorize"].create_authorization_response(
                uri, method, body, headers)
        except errors.InvalidClientError:  # unknown, denied or already authorized
            return self.reply(400, b"unknown request token\n")
        self.reply(h, b, s)

    def access_token(self, uri, method, body, headers):
        self.reply(*self.server.endpoints["access"].create_access_token_response(
            uri, method, body, headers))

    def me(self, uri, method, body, headers):
        ok, req = self.server.endpoints["resource"].validate_protected_resource_request(
            uri, method, body, headers)
        if not ok:
            failed = [k for k, v in (req.validator_log if req else {}).items() if not v]
            reason = "invalid " + ", ".join(failed) if failed else "invalid or missing OAuth credentials"
            return self.reply(401, json.dumps({"error": reason}).encode(), "application/json")
        user = self.server.validator.user_for_access_token(req.resource_owner_key)
        profile = {"id": user_id(user), "username": user, "login": user,
                   "name": f"{user.capitalize()} Example",
                   "email": f"{user}@example.org", "email_verified": True}
        self.reply(200, json.dumps(profile).encode(), "application/json")

    def reply(self, status_or_headers, body, ctype_or_status=None, extra=None):
        """Send a response. Accepts oauthlib's (headers, body, status) tuple
        as well as (status, body, content_type)."""
        if isinstance(status_or_headers, dict):
            headers, status = dict(status_or_headers), ctype_or_status
        else:
            status = status_or_headers
            headers = {"Content-Type": ctype_or_status or "text/plain; charset=utf-8"}
        headers.update(extra or {})
        data = body.encode() if isinstance(body, str) else (body or b"")
        self.send_response(status)
        if self.close_connection:
            headers["Connection"] = "close"
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_request(self, code="-", size="-"):
        # Path only: a query string may carry oauth_signature or a verifier.
        log.info("%s %s -> %s", self.command, urlsplit(self.path).path, code)

    def log_message(self, fmt, *args):
        log.info("%s", fmt % args)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--consumer-key", required=True)
    parser.add_argument("--consumer-secret", required=True)
    args = parser.parse_args()
    # oauthlib's INFO lines say which check failed (booleans only, no secrets).
    logging.basicConfig(stream=sys.stderr, level=logging.INFO,
                        format="%(name)s: %(message)s")

    validator = Validator(args.consumer_key, args.consumer_secret)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.validator = validator
    server.endpoints = {
        "request": RequestTokenEndpoint(validator),
        "authorize": AuthorizationEndpoint(validator),
        "access": UserAccessTokenEndpoint(validator),
        "resource": ResourceEndpoint(validator),
    }
    # serve_forever runs on a thread so the main thread can wait for a signal
    # and then call shutdown() (which would deadlock from serve_forever's own thread).
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(f"Ready on http://127.0.0.1:{server.server_address[1]}", flush=True)
    while not stop.wait(0.5):
        pass
    server.shutdown()
    server.server_close()
    log.info("stopped")


if __name__ == "__main__":
    main()
