"""Extra checks and the client rule for the API contract run (npm run api:contract, issue 13).

Loaded by schemathesis through SCHEMATHESIS_HOOKS. No personal data is involved: the seeded
traject has only dates and codes.
"""

import os
import re
import uuid

import schemathesis

NEGEN_CIJFERS = re.compile(r"^\d{9}$")


def elfproef_bsn(waarde):
    """The same nine digits made to pass the elfproef (the document gives only the pattern: the
    checksum is in its description, as a client must compute it). Changes the last digit, or the one
    before it when no last digit fits."""
    cijfers = [int(c) for c in waarde]
    for plek in (8, 7):
        for poging in range(10):
            kandidaat = cijfers.copy()
            kandidaat[plek] = (cijfers[plek] + poging) % 10
            som = sum(d * (9 - i) for i, d in enumerate(kandidaat[:8])) - kandidaat[8]
            if som != 0 and som % 11 == 0:
                return "".join(str(d) for d in kandidaat)
    return "111222333"


def volg_regels_tussen_velden(body):
    """What OpenAPI cannot say across fields, a client following the description does: a person
    either new (`inburgeraar`) or existing (`inburgeraarId`), a feed item either by `trajectId` or by
    `bsn`, and BSNs that pass the elfproef."""
    if not isinstance(body, dict):
        return
    if "inburgeraar" in body and "inburgeraarId" in body:
        del body["inburgeraarId"]
    persoon = body.get("inburgeraar")
    if isinstance(persoon, dict) and isinstance(persoon.get("bsn"), str) and NEGEN_CIJFERS.match(persoon["bsn"]):
        persoon["bsn"] = elfproef_bsn(persoon["bsn"])
    items = body.get("items")
    if isinstance(items, list):
        for item in items:
            if not isinstance(item, dict):
                continue
            if "bsn" in item and "trajectId" in item:
                del item["bsn"]
            elif "bsn" not in item and "trajectId" not in item:
                item["trajectId"] = os.environ.get("CONTRACT_TRAJECT_ID", str(uuid.uuid4()))
            if isinstance(item.get("bsn"), str) and NEGEN_CIJFERS.match(item["bsn"]):
                item["bsn"] = elfproef_bsn(item["bsn"])


@schemathesis.check
def probleem_json_bij_fouten(ctx, response, case):
    """Every 4xx and 5xx answer is application/problem+json (RFC 9457) with a status and a title."""
    if response.status_code < 400:
        return None
    soort = (response.headers.get("content-type") or [""])[0]
    if not soort.startswith("application/problem+json"):
        raise AssertionError(
            f"{response.status_code} zonder application/problem+json (Content-Type: {soort or 'geen'})"
        )
    body = response.json()
    if not isinstance(body, dict) or body.get("status") != response.status_code or not body.get("title"):
        raise AssertionError(f"{response.status_code}: problem+json zonder juiste status en title")
    return None


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    """A command's commandId travels in the body or in the Idempotency-Key header: one of the two is
    required, which OpenAPI cannot say across a body field and a header (the document says it in
    words). Like every client that follows the description, send the header when the body has no
    commandId; a generated header value stays as it is."""
    body = case.body if isinstance(case.body, dict) else None
    volg_regels_tussen_velden(body)
    if body is None or "commandId" in body:
        return None
    heeft_sleutel = any(k.lower() == "idempotency-key" for k in (case.headers or {}))
    if case.method.upper() == "POST" and not heeft_sleutel:
        case.headers = {**(case.headers or {}), "Idempotency-Key": f"contract-{uuid.uuid4()}"}
    return None
