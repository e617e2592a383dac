#!/usr/bin/env python3
"""A local receiver for slotgate's webhooks: prints each event and whether its signature is valid.

Usage: scripts/webhook-receiver.py SECRET [PORT]   (PORT defaults to 9090; Ctrl-C stops it)
"""
import hashlib
import hmac
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

SECRET = sys.argv[1].encode() if len(sys.argv) > 1 else b""
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 9090


def valid(signature_header, body):
    """X-Slotgate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>[,v1=<old secret's>].

    Two v1 values are sent while a rotated secret overlaps the new one: any match is valid."""
    parts = [part.split("=", 1) for part in signature_header.split(",")]
    t = next((value for key, value in parts if key == "t"), "0")
    expected = hmac.new(SECRET, t.encode() + b"." + body, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(expected, value) for key, value in parts if key == "v1")


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        event = json.loads(body)
        ok = valid(self.headers.get("X-Slotgate-Signature", "t=0,v1="), body)
        appointment = event["event"]["appointment"]
        print(f'{event["eventTime"]} {event["eventType"]:38} id={appointment.get("id")} '
              f'status={appointment.get("status")} eventId={event["eventId"]} signature={"valid" if ok else "INVALID"}',
              flush=True)
        self.send_response(204 if ok else 401)
        self.end_headers()

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", PORT), Receiver).serve_forever()
