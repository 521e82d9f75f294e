"""Checks server.py from the outside with an independent client (requests-oauthlib).

    python selftest.py http://127.0.0.1:PORT [CONSUMER_KEY CONSUMER_SECRET]

Needs `requests` and `requests-oauthlib` (test-only, not in requirements.txt).
Exits non-zero if any check fails.
"""
import sys
from urllib.parse import parse_qs, urlsplit

import requests
from requests_oauthlib import OAuth1, OAuth1Session

BASE = sys.argv[1].rstrip("/")
KEY = sys.argv[2] if len(sys.argv) > 2 else "oauth1-demo-key"
SECRET = sys.argv[3] if len(sys.argv) > 3 else "oauth1-demo-secret"
STATE = "eyJhbGciOiJIUzI1NiJ9." + "x" * 250 + ".c2lnbmF0dXJl-_"
CALLBACK = f"http://127.0.0.1:9/oauth/authorized/demo/?state={STATE}"
results = {"passed": 0, "failed": 0}


def check(name, cond, detail=""):
    results["passed" if cond else "failed"] += 1
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else f"  -- {detail}"))


def hdr(prepared, name):
    """requests-oauthlib leaves some prepared headers as bytes."""
    v = prepared.headers.get(name, "")
    return v.decode() if isinstance(v, bytes) else v


def query(url):
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def request_token(**kw):
    s = OAuth1Session(KEY, client_secret=SECRET, callback_uri=CALLBACK, **kw)
    return s, s.fetch_request_token(BASE + "/oauth/request_token")


def authorize(token, **params):
    return requests.get(BASE + "/oauth/authorize", params={"oauth_token": token, **params},
                        allow_redirects=False)


def dance(user=None):
    """Full three-legged flow with requests-oauthlib's own helpers."""
    s, rt = request_token()
    r = authorize(rt["oauth_token"], **({"user": user} if user else {}))
    s.parse_authorization_response(r.headers.get("Location", ""))
    at = s.fetch_access_token(BASE + "/oauth/access_token")
    api = OAuth1Session(KEY, client_secret=SECRET, resource_owner_key=at["oauth_token"],
                        resource_owner_secret=at["oauth_token_secret"])
    return at, api


def main():
    # 1. Happy path, default user, checking each leg's answer.
    s, rt = request_token()
    check("request token issued", rt.get("oauth_callback_confirmed") == "true"
          and rt.get("oauth_token") and rt.get("oauth_token_secret"), rt)
    raw = OAuth1Session(KEY, client_secret=SECRET, callback_uri=CALLBACK).post(
        BASE + "/oauth/request_token")
    check("request token content type is form", raw.headers.get("Content-Type", "")
          .startswith("application/x-www-form-urlencoded"), raw.headers)
    check("empty POST body sent with Content-Length: 0",
          hdr(raw.request, "Content-Length") == "0", raw.request.headers)
    r = authorize(rt["oauth_token"])
    loc = r.headers.get("Location", "")
    q = query(loc)
    check("authorize redirects 302 to callback", r.status_code == 302
          and loc.startswith("http://127.0.0.1:9/oauth/authorized/demo/"), (r.status_code, loc))
    check("callback keeps state", q.get("state") == STATE, q.get("state"))
    check("callback has token and verifier", q.get("oauth_token") == rt["oauth_token"]
          and q.get("oauth_verifier"), q)
    check("authorizing twice is refused", authorize(rt["oauth_token"]).status_code == 400)
    # Sign the exchange by hand (requests-oauthlib forgets the verifier after
    # one use, so it could not be made to try a second exchange itself).
    exchange = OAuth1(KEY, SECRET, rt["oauth_token"], rt["oauth_token_secret"],
                      verifier=q.get("oauth_verifier"))
    r = requests.post(BASE + "/oauth/access_token", auth=exchange)
    at = query("?" + r.text)
    check("access token answer", r.status_code == 200 and r.headers["Content-Type"]
          .startswith("application/x-www-form-urlencoded") and at.get("oauth_token")
          and at.get("oauth_token_secret") and at.get("user_id") == "u-alice"
          and at.get("screen_name") == "alice" and "oauth_authorized_realms" not in at,
          (r.status_code, r.headers, at))
    r = requests.post(BASE + "/oauth/access_token", auth=exchange)
    check("request token is single use", r.status_code in (400, 401), (r.status_code, r.text))
    api = OAuth1Session(KEY, client_secret=SECRET, resource_owner_key=at["oauth_token"],
                        resource_owner_secret=at["oauth_token_secret"])
    me = api.get(BASE + "/api/me")
    check("/api/me for alice", me.status_code == 200 and me.json() == {
        "id": "u-alice", "username": "alice", "name": "Alice Example",
        "email": "alice@example.org"}, (me.status_code, me.text))

    # 2. Access tokens are bound to the user who authorized.
    at_bob, api_bob = dance("bob")
    me = api_bob.get(BASE + "/api/me")
    check("access token bound to bob", at_bob.get("screen_name") == "bob"
          and me.json().get("id") == "u-bob", (at_bob, me.text))
    me = OAuth1Session(KEY, client_secret=SECRET, resource_owner_key=at_bob["oauth_token"],
                       resource_owner_secret=at["oauth_token_secret"]).get(BASE + "/api/me")
    check("bob's token with alice's secret is refused", me.status_code == 401, me.status_code)

    # 3. Denial: Twitter-style `denied=<token>`, and the token is gone.
    s, rt = request_token()
    r = authorize(rt["oauth_token"], deny="1")
    q = query(r.headers.get("Location", ""))
    check("deny redirects with denied=", r.status_code == 302
          and q.get("denied") == rt["oauth_token"] and q.get("state") == STATE
          and "oauth_verifier" not in q, (r.status_code, q))
    r = authorize(rt["oauth_token"])
    check("denied token cannot be authorized", r.status_code == 400
          and r.headers["Content-Type"].startswith("text/plain"), (r.status_code, r.text))
    r = authorize("no-such-token")
    check("unknown token -> 400 plain text", r.status_code == 400
          and r.headers["Content-Type"].startswith("text/plain"), (r.status_code, r.headers))

    # 4. Wrong verifier.
    s, rt = request_token()
    authorize(rt["oauth_token"])
    s._client.client.verifier = "wrong-verifier"
    r = s.post(BASE + "/oauth/access_token")
    check("wrong verifier -> 401", r.status_code == 401, (r.status_code, r.text))

    # 5. Signature checks on /api/me.
    prepared = requests.Request("GET", BASE + "/api/me", auth=OAuth1(
        KEY, SECRET, at["oauth_token"], at["oauth_token_secret"])).prepare()
    header = hdr(prepared, "Authorization")
    prepared.headers["Authorization"] = header.replace('oauth_signature="', 'oauth_signature="AA')
    r = requests.Session().send(prepared)
    check("tampered signature -> 401 JSON", r.status_code == 401 and "error" in r.json(),
          (r.status_code, r.text))
    r = requests.get(BASE + "/api/me")
    check("unsigned /api/me -> 401 JSON", r.status_code == 401 and "error" in r.json(),
          (r.status_code, r.text))
    prepared = requests.Request("GET", BASE + "/api/me", auth=OAuth1(
        KEY, SECRET, at["oauth_token"], at["oauth_token_secret"])).prepare()
    first, second = requests.Session().send(prepared), requests.Session().send(prepared)
    check("replayed nonce+timestamp refused", first.status_code == 200
          and second.status_code == 401, (first.status_code, second.status_code))
    r = requests.get(BASE + "/api/me", auth=OAuth1(KEY, SECRET, at["oauth_token"],
                     at["oauth_token_secret"], signature_type="query"))
    check("signature in query string accepted", r.status_code == 200, r.status_code)

    # 6. Request-token refusals.
    r = OAuth1Session(KEY, client_secret="wrong", callback_uri=CALLBACK).post(
        BASE + "/oauth/request_token")
    check("wrong consumer secret -> 401", r.status_code == 401, r.status_code)
    r = OAuth1Session("other-key", client_secret=SECRET, callback_uri=CALLBACK).post(
        BASE + "/oauth/request_token")
    check("unknown consumer key -> 401", r.status_code == 401, r.status_code)
    r = OAuth1Session(KEY, client_secret=SECRET, callback_uri="https://evil.example/cb").post(
        BASE + "/oauth/request_token")
    check("non-loopback callback refused", r.status_code == 401, r.status_code)
    r = OAuth1Session(KEY, client_secret=SECRET).post(BASE + "/oauth/request_token")
    check("missing callback -> 400", r.status_code == 400, (r.status_code, r.text))
    for cb in ("http://localhost:1234/x", "http://[::1]:8080/cb?a=b"):
        r = OAuth1Session(KEY, client_secret=SECRET, callback_uri=cb).post(
            BASE + "/oauth/request_token")
        check(f"callback {cb} accepted", r.status_code == 200, r.status_code)
    r = OAuth1Session(KEY, client_secret=SECRET, callback_uri=CALLBACK,
                      signature_method="PLAINTEXT").post(BASE + "/oauth/request_token")
    check("PLAINTEXT accepted", r.status_code == 200, r.status_code)
    r = OAuth1Session(KEY, client_secret=SECRET, callback_uri=CALLBACK,
                      signature_type="body").post(BASE + "/oauth/request_token",
                                                  data={"x": "1"})
    check("signature in form body accepted", r.status_code == 200, (r.status_code, r.text))

    # 7. Fault injection and unknown paths.
    r = requests.post(BASE + "/fail/request_token")
    check("/fail/ -> 500 HTML", r.status_code == 500
          and r.headers["Content-Type"].startswith("text/html"), (r.status_code, r.headers))
    r = requests.get(BASE + "/nope")
    check("unknown path -> 404", r.status_code == 404, r.status_code)

    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
