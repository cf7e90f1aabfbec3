"""Extra checks and the client rule for the API contract run (npm run api:contract, issue 13).

Loaded by schemathesis through SCHEMATHESIS_HOOKS. No personal data is involved: the seeded
traject has only dates and codes.
"""

import datetime
import os
import re
import uuid

import schemathesis
from schemathesis.core.failures import AcceptedNegativeData
from schemathesis.core.jsonschema import make_validator
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import CoveragePhaseData, CoverageScenario

NEGEN_CIJFERS = re.compile(r"^\d{9}$")
ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
FEEDS = "/api/v1/feeds/"
# Feeds whose items name the traject by `trajectId` or the person by `bsn` (exactly one of both).
TRAJECT_OF_BSN = ("/api/v1/feeds/duo/examenresultaten", "/api/v1/feeds/duo/besluiten")


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


def bestaande_week(waarde):
    """Week 53 only exists in a long ISO year (the document says so in words): a client asks for
    week 52 in another year."""
    m = ISO_WEEK.match(waarde)
    if not m or m.group(2) != "53":
        return waarde
    jaar = int(m.group(1))
    try:
        lang = datetime.date(jaar, 12, 28).isocalendar()[1] == 53
    except ValueError:
        return waarde
    return waarde if lang else f"{m.group(1)}-W52"


def volg_regels_tussen_velden(pad, body):
    """What OpenAPI cannot say across fields, a client following the description does: a person
    either new (`inburgeraar`) or existing (`inburgeraarId`), a feed item either by `trajectId` or by
    `bsn` (DUO), by `bsn` or `vnummer` with `persoon` and `kennisgevingsdatum` together (COA), a
    verhuizing to another gemeente (BRP), BSNs that pass the elfproef and ISO weeks that exist."""
    if not isinstance(body, dict):
        return
    if "inburgeraar" in body and "inburgeraarId" in body:
        del body["inburgeraarId"]
    persoon = body.get("inburgeraar")
    if isinstance(persoon, dict) and isinstance(persoon.get("bsn"), str) and NEGEN_CIJFERS.match(persoon["bsn"]):
        persoon["bsn"] = elfproef_bsn(persoon["bsn"])
    if isinstance(body.get("week"), str):
        body["week"] = bestaande_week(body["week"])
    toetsen = body.get("toetsen")
    if isinstance(toetsen, list):
        # Each component at most once (the description; uniqueItems only forbids equal objects).
        gezien = set()
        body["toetsen"] = [
            t for t in toetsen
            if not (isinstance(t, dict) and isinstance(t.get("component"), str))
            or not (t["component"] in gezien or gezien.add(t["component"]))
        ]
    items = body.get("items")
    if not isinstance(items, list):
        return
    for item in items:
        if not isinstance(item, dict):
            continue
        if pad in TRAJECT_OF_BSN:
            if "bsn" in item and "trajectId" in item:
                del item["bsn"]
            elif "bsn" not in item and "trajectId" not in item:
                item["trajectId"] = os.environ.get("CONTRACT_TRAJECT_ID", str(uuid.uuid4()))
        if pad == "/api/v1/feeds/coa/koppelingen":
            if ("persoon" in item) != ("kennisgevingsdatum" in item):
                item.pop("persoon", None)
                item.pop("kennisgevingsdatum", None)
            if "bsn" not in item and ("vnummer" not in item or "persoon" in item):
                item["bsn"] = "111222333"
        if pad == "/api/v1/feeds/brp/mutaties" and item.get("soort") == "verhuizing":
            naar = item.get("naarGemeente")
            if isinstance(naar, str) and naar == item.get("gemeente") and len(naar) == 6:
                item["naarGemeente"] = naar[:5] + str((int(naar[5]) + 1) % 10) if naar[5].isdigit() else naar
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


def test_ontbrekende_header(case):
    """A coverage case that leaves out a required header (the Authorization of the bearer scheme):
    it tests that absence and nothing else, so the client rules below leave it alone (an edited
    header set would make schemathesis send the token after all, and then expect a 401)."""
    meta = case.meta
    data = meta.phase.data if meta is not None else None
    return (
        isinstance(data, CoveragePhaseData)
        and data.scenario == CoverageScenario.MISSING_PARAMETER
        and data.parameter_location == ParameterLocation.HEADER
    )


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    """A command's commandId travels in the body or in the Idempotency-Key header: one of the two is
    required, which OpenAPI cannot say across a body field and a header (the document says it in
    words). Like every client that follows the description, send the header when the body has no
    commandId; a generated header value stays as it is.

    A cursor is opaque (the document: only `volgende` from a previous answer; anything else is 400
    CURSOR_ONGELDIG): a generated cursor is no valid data, so a schema-valid case sends none, as a
    client on its first page does. A schema-violating case keeps it (400 either way)."""
    if test_ontbrekende_header(case):
        return None
    positief = case.meta is not None and case.meta.generation.mode.is_positive
    if positief and isinstance(case.query, dict) and "cursor" in case.query:
        case.query = {k: v for k, v in case.query.items() if k != "cursor"}
    body = case.body if isinstance(case.body, dict) else None
    volg_regels_tussen_velden(case.path, body)
    if body is None or "commandId" in body:
        return None
    heeft_sleutel = any(k.lower() == "idempotency-key" for k in (case.headers or {}))
    if case.method.upper() == "POST" and not heeft_sleutel:
        case.headers = {**(case.headers or {}), "Idempotency-Key": f"contract-{uuid.uuid4()}"}
    return None


def batch_schema_met_losse_items(schema):
    """The feed's body schema with the items left free: the envelope the API judges as a whole."""
    if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict):
        return None
    items = schema["properties"].get("items")
    if not isinstance(items, dict):
        return None
    return {**schema, "properties": {**schema["properties"], "items": {**items, "items": {}}}}


@schemathesis.hook
def filter_failure(ctx, failure, case, response):
    """The feeds answer per item (issue 15): a batch whose envelope is right is delivered, and an item
    that breaks its own schema comes back as `uitkomst: ongeldig` in a 200, while the other items are
    processed. So negative data that only breaks items is no batch to refuse. Narrowly, this drops
    only such a 'schema-violating request accepted' for a feed: the envelope ({items: [1..1000]}, no
    other fields) is valid, the answer is 200, and every item that violates the item schema is
    reported `ongeldig` at its index. Anything else (a wrong envelope accepted, an invalid item not
    reported) still fails the run.

    A batch handed over with `Prefer: respond-async` (202, issue 14) is only stored: its items are
    judged when it is delivered, by the same code as the 200 (the per-item results then sit behind
    its status URL; test/e2e/feeds-asynchroon checks an invalid item reported there at its index).
    So a 202 is dropped here when its envelope is valid and it took in every item; waiting here for
    each batch's delivery would queue hundreds of generated batches behind each other."""
    if not isinstance(failure, AcceptedNegativeData) or not case.path.startswith(FEEDS):
        return True
    if response.status_code not in (200, 202) or not isinstance(case.body, dict):
        return True
    alternatief = case.operation.get_body_for_media_type(case.media_type)
    if alternatief is None:
        return True
    validator_cls = case.operation.schema.adapter.jsonschema_validator_cls
    schema = alternatief.optimized_schema
    envelop = batch_schema_met_losse_items(schema)
    if envelop is None or not make_validator(envelop, validator_cls).is_valid(case.body):
        return True
    try:
        antwoord = response.json()
    except ValueError:
        return True
    if response.status_code == 202:
        return not (
            isinstance(antwoord, dict)
            and antwoord.get("status") == "in_behandeling"
            and antwoord.get("ontvangen") == len(case.body["items"])
        )
    resultaten = antwoord.get("resultaten") if isinstance(antwoord, dict) else None
    if not isinstance(resultaten, list):
        return True
    ongeldig = {r.get("index") for r in resultaten if isinstance(r, dict) and r.get("uitkomst") == "ongeldig"}
    geheel = make_validator(schema, validator_cls)
    for index, item in enumerate(case.body["items"]):
        if not geheel.is_valid({"items": [item]}) and index not in ongeldig:
            return True
    return False
