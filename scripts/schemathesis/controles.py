"""Extra checks and the client rule for the API contract run (npm run api:contract, issue 13).

Loaded by schemathesis through SCHEMATHESIS_HOOKS. No personal data is involved: the seeded
traject has only dates and codes.
"""

import uuid

import schemathesis


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
    if body is None or "commandId" in body:
        return None
    heeft_sleutel = any(k.lower() == "idempotency-key" for k in (case.headers or {}))
    if case.method.upper() == "POST" and not heeft_sleutel:
        case.headers = {**(case.headers or {}), "Idempotency-Key": f"contract-{uuid.uuid4()}"}
    return None
