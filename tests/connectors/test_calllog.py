"""Call-log exports (CSV, JSON lines) read row by row: a bad row is refused alone, with its bytes and a
French reason, and its neighbours are taken."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors.calllog import drafts_from_csv, drafts_from_jsonl
from connectors.files import items_from_bytes
from intake.drafts import Draft, Refused

HEADER = "call_id,start,duration_s,caller,member_number,agent,reason_code,notes\n"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def test_a_bad_csv_row_is_refused_alone_and_the_rows_after_it_are_taken():
    data = (HEADER + "c1,2026-11-20T10:00:00+01:00,30,0612345678,12345678,ag,R1,Remboursement\n"
            "c2,pas une date,1,,,,,Notes\n"
            "c3,2026-11-20T11:00:00+01:00,1,,,,,\"Deux\nlignes\"\n").encode()
    items = list(drafts_from_csv(data, source="calllog:appels.csv", name="appels.csv"))
    assert [type(i).__name__ for i in items] == ["Draft", "Refused", "Draft"]
    refused = items[1]
    assert refused.reason.startswith("ligne 3 : l'heure de début") and refused.name == "appels-ligne-3.csv"
    assert refused.raw.decode() == HEADER + "c2,pas une date,1,,,,,Notes\n"
    assert [i for i in items_from_bytes(refused.name, refused.raw)][0].reason.startswith("ligne 2 :")


def test_a_bad_json_line_is_refused_alone_with_its_own_bytes():
    lines = [json.dumps({"call_id": "c1", "start": "2026-11-20T10:00:00Z", "notes": "Bonjour"}), "{pas du json",
             json.dumps({"call_id": "c3", "start": "2026-11-20T10:05:00Z", "notes": "\ud800"}),
             json.dumps({"call_id": "c4", "start": "2026-11-20T10:10:00Z", "notes": "Merci"})]
    items = list(drafts_from_jsonl("\n".join(lines).encode(), source="calllog:a.jsonl", name="a.jsonl"))
    assert [type(i).__name__ for i in items] == ["Draft", "Refused", "Refused", "Draft"]
    assert items[1].raw == b"{pas du json\n" and items[1].name == "a-ligne-2.jsonl"
    assert "ligne 3 : le texte contient un caractère invalide" in items[2].reason


def test_a_call_start_out_of_bounds_is_not_the_received_time():
    line = json.dumps({"call_id": "c9", "start": "9999-12-31T23:59:59+00:00", "notes": "Appel"})
    [draft] = drafts_from_jsonl(line.encode(), source="calllog:a.jsonl")
    assert abs(draft.received_at - _now()) < timedelta(minutes=1)
    assert draft.meta["start"] == "9999-12-31T23:59:59+00:00"


def test_nul_characters_are_removed_from_a_calls_notes_and_columns():
    [draft] = drafts_from_csv((HEADER + "c1,2026-11-20T10:00:00,1,06\x0012,,ag,R1,Bon\x00jour\n").encode(), "c")
    assert draft.body == "Bonjour" and draft.sender.phone == "0612"


# -- property: any export gives drafts and refused rows, never an exception -------------------------------

CELLS = st.one_of(st.text(max_size=20), st.sampled_from(["", "2026-11-20T10:00:00", "9999-12-31T23:59:59Z",
                                                         "0001-01-01", "\x00", "\ud800", '"', "\n", "a,b"]))
COLUMNS = ["call_id", "start", "duration_s", "caller", "member_number", "agent", "reason_code", "notes"]
ROWS = st.fixed_dictionaries({c: CELLS for c in COLUMNS})


def _csv(rows: list[dict], columns: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


EXPORTS = st.one_of(
    st.builds(_csv, st.lists(ROWS, max_size=6), st.permutations(COLUMNS)),
    st.lists(ROWS, max_size=4).map(lambda rows: "\n".join(json.dumps(r) for r in rows).encode()),
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@settings(max_examples=2500, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=EXPORTS, kind=st.sampled_from(["csv", "jsonl"]))
def test_any_call_log_gives_drafts_and_refused_rows_never_an_exception(data, kind):
    reader = drafts_from_csv if kind == "csv" else drafts_from_jsonl
    for item in reader(data, source=f"calllog:p.{kind}", name=f"p.{kind}"):
        if isinstance(item, Refused):
            assert item.reason.startswith("ligne ") and item.name.startswith("p-ligne-")
            continue
        assert isinstance(item, Draft) and item.channel == "phone" and item.content_hash()
        assert "\x00" not in item.body and abs(item.received_at - _now()) < timedelta(days=367)
