"""A real SMTP server for tests: aiosmtpd (requirements.txt) on 127.0.0.1.

Started by oauthclient-testkit's `SmtpSink` (src/smtp.rs), which writes this file into a
temporary directory and runs it with the python of OAUTHCLIENT_TEST_SMTP_PYTHON.

    python sink.py --dir DIR [--port 0] [--user NAME] [--starttls]

- Listens on 127.0.0.1:PORT (0: a free port) and prints "Ready on 127.0.0.1:<port>" once it
  accepts connections.
- Accepts every message and writes it as DIR/messages/<n>.json (n = 1, 2, ...; written to a
  temporary name first, then renamed): the envelope (mail_from, rcpt_to), the From, To and
  Subject headers, the top-level content type, the text/plain and text/html bodies (decoded,
  "\n" line endings, null when absent), the AUTH user (null without AUTH) and whether the
  session was under TLS.
- --user NAME: AUTH (PLAIN, LOGIN) is required before MAIL, also without TLS, and only NAME
  with the password in the environment variable SMTP_SINK_PASSWORD succeeds.
- --starttls: offers STARTTLS and requires it before anything else, with a self-signed
  certificate for "localhost" (a leaf, not a CA) made by the `openssl` command: otherwise
  valid, so a client that checks certificates refuses it for its unknown issuer only.
- Exits when its standard input closes (the test process is gone) or when killed.
"""

import argparse
import asyncio
import email
import email.policy
import json
import logging
import os
import ssl
import subprocess
import sys
import threading
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--user")
    parser.add_argument("--starttls", action="store_true")
    return parser.parse_args()


def text(part):
    if part is None:
        return None
    return part.get_content().replace("\r\n", "\n")


class Sink:
    """aiosmtpd handler: every message becomes a JSON file."""

    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(
            envelope.original_content, policy=email.policy.default
        )
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_to": list(envelope.rcpt_tos),
            "from": str(message.get("From", "")),
            "to": str(message.get("To", "")),
            "subject": str(message.get("Subject", "")),
            "content_type": message.get_content_type(),
            "text": text(message.get_body(preferencelist=("plain",))),
            "html": text(message.get_body(preferencelist=("html",))),
            "authenticated_as": session.auth_data if session.authenticated else None,
            "tls": session.ssl is not None,
        }
        self.count += 1
        path = os.path.join(self.directory, f"{self.count}.json")
        with open(path + ".tmp", "w", encoding="utf-8") as file:
            json.dump(record, file)
        os.replace(path + ".tmp", path)
        return "250 OK stored"


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        ok = auth_data.login == user.encode() and auth_data.password == password.encode()
        return AuthResult(success=ok, handled=False, auth_data=user if ok else None)

    return check


def self_signed_context(directory):
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
         "-addext", "basicConstraints=critical,CA:FALSE", "-keyout", key, "-out", cert],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def exit_when_stdin_closes():
    def wait():
        sys.stdin.read()
        os._exit(0)

    threading.Thread(target=wait, daemon=True).start()


async def main():
    args = parse_args()
    # AUTH without TLS is what the tests ask for: no warning about it on every connection.
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    messages = os.path.join(args.dir, "messages")
    os.makedirs(messages, exist_ok=True)
    handler = Sink(messages)
    options = {"hostname": "smtp-sink.localhost", "auth_require_tls": False}
    if args.user is not None:
        password = os.environ.get("SMTP_SINK_PASSWORD", "")
        options["authenticator"] = authenticator(args.user, password)
        options["auth_required"] = True
    if args.starttls:
        options["tls_context"] = self_signed_context(args.dir)
        options["require_starttls"] = True
    server = await asyncio.get_running_loop().create_server(
        lambda: SMTP(handler, **options), host="127.0.0.1", port=args.port
    )
    port = server.sockets[0].getsockname()[1]
    exit_when_stdin_closes()
    print(f"Ready on 127.0.0.1:{port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
