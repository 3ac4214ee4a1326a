#!/usr/bin/env python3
"""Import every scenario with the stalkguard CLI and check the data, not the detection.

    python3 tests/scenarios/tools/check_import.py [--bin PATH] [NN ...]

For each tests/scenarios/NN-slug/ it checks that
  - expect.toml follows the schema in tests/scenarios/README.md;
  - `stalkguard scan --db /tmp/scn/NN.db --profile profile.toml --tz <tz> <folder> --json`
    rejects no record and skips nothing but the two .toml files;
  - each [[case]] contact resolves to exactly one contact that sent something;
  - the store holds as many events, and as many outgoing ones, as the make_*.py script wrote
    (when its statistics are in /tmp/sg-scenario-stats/), and the same first and last times.

When the CLI already reports cases, one more line says how they compare with expect.toml
("detect: ok" or what is missing). That line is information, not a failure, unless --strict is
given: the scenario_suite test is the judge of detection.

A CLI built before the profile learned `schools`, `workplaces` and `[blocked]` refuses those
keys; the check then retries with a copy of the profile without them and says so.
"""

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REPO = ROOT.parent.parent
FORMS = {"abusive_messages", "excessive_contact", "public_shaming", "device_compromise",
         "impersonation", "rumours"}
SEVERITIES = ["info", "watch", "warning", "danger"]
STATS = Path(os.environ.get("SG_SCENARIO_STATS", "/tmp/sg-scenario-stats"))


def check_expect(e: dict) -> list[str]:
    errs = []
    allowed = {"description", "kind", "tz", "case", "max_severity"}
    for k in e:
        if k not in allowed:
            errs.append(f"unknown key {k}")
    if not isinstance(e.get("description"), str) or not e["description"]:
        errs.append("description missing")
    kind = e.get("kind")
    if kind == "stalking":
        cases = e.get("case", [])
        if not cases:
            errs.append("stalking scenario without [[case]]")
        for c in cases:
            if set(c) - {"contact", "min_severity", "forms"}:
                errs.append(f"unknown case keys {set(c) - {'contact', 'min_severity', 'forms'}}")
            if c.get("min_severity") not in ("warning", "danger"):
                errs.append(f"case {c.get('contact')}: min_severity must be warning or danger")
            bad = set(c.get("forms", [])) - FORMS
            if bad or not c.get("forms"):
                errs.append(f"case {c.get('contact')}: forms {bad or 'missing'}")
        if "max_severity" in e:
            errs.append("max_severity in a stalking scenario")
    elif kind == "negative":
        if e.get("max_severity") not in SEVERITIES[:2]:
            errs.append("negative scenario needs max_severity = info or watch")
        if "case" in e:
            errs.append("[[case]] in a negative scenario")
    else:
        errs.append(f"kind {kind!r}")
    return errs


def compare_cases(expect: dict, cases) -> str:
    """'' when the CLI's cases meet expect.toml, else what differs."""
    if cases is None:
        return ""
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    if expect["kind"] == "negative":
        limit = rank[expect["max_severity"]]
        over = [f"{c['contact']['display']} is {c['severity']} {c.get('forms', [])}"
                for c in cases if rank.get(c["severity"], 0) > limit]
        return "; ".join(over)
    miss = []
    for want in expect.get("case", []):
        who = want["contact"]
        got = [c for c in cases if c["contact"]["display"] == who or who in c["contact"]["identities"]]
        if not got:
            miss.append(f"no case for {who}")
            continue
        c = max(got, key=lambda c: rank.get(c["severity"], 0))
        if rank.get(c["severity"], 0) < rank[want["min_severity"]]:
            miss.append(f"{who} is {c['severity']}, want {want['min_severity']}")
        lacking = set(want["forms"]) - set(c.get("forms", []))
        if lacking:
            miss.append(f"{who} lacks {sorted(lacking)} (has {c.get('forms', [])})")
    return "; ".join(miss)


def stripped_profile(src: Path, dst: Path):
    d = tomllib.loads(src.read_text())
    q = lambda v: json.dumps(v, ensure_ascii=False)
    out = ["[person]"]
    for k, v in d["person"].items():
        if k not in ("schools", "workplaces"):
            out.append(f"{k} = {q(v)}")
    for t in d.get("trusted", []):
        out.append("[[trusted]]")
        out += [f"{k} = {q(v)}" for k, v in t.items()]
    dst.write_text("\n".join(out) + "\n")


def run(binary: str, folder: Path, tz: str, db: Path, profile: Path):
    for p in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
        p.unlink(missing_ok=True)
    cmd = [binary, "scan", "--db", str(db), "--profile", str(profile), "--tz", tz,
           str(folder), "--json"]
    for attempt in range(30):      # the tree's binary may be mid-rebuild: wait for it
        try:
            return subprocess.run(cmd, capture_output=True, text=True)
        except OSError:
            if attempt == 29:
                raise
            time.sleep(5)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(REPO / "build/release/apps/stalkguard/stalkguard"))
    ap.add_argument("--strict", action="store_true",
                    help="count detection mismatches as failures")
    ap.add_argument("only", nargs="*")
    a = ap.parse_args()
    tmp = Path("/tmp/scn")
    tmp.mkdir(exist_ok=True)
    if not Path(a.bin).exists():
        print(f"no CLI at {a.bin}; nothing checked")
        return 0
    failures = 0
    for folder in sorted(p for p in ROOT.iterdir() if p.is_dir() and p.name[:2].isdigit()):
        nn = folder.name[:2]
        if a.only and nn not in a.only and folder.name not in a.only:
            continue
        problems = []
        expect = tomllib.loads((folder / "expect.toml").read_text())
        problems += check_expect(expect)
        tomllib.loads((folder / "profile.toml").read_text())
        tz = expect.get("tz", "UTC")
        db = tmp / f"{nn}.db"
        profile = folder / "profile.toml"
        note = ""
        r = run(a.bin, folder, tz, db, profile)
        if r.returncode == 1 and "unknown key" in r.stderr:
            profile = tmp / f"{nn}-profile.toml"
            stripped_profile(folder / "profile.toml", profile)
            note = " (profile without schools/workplaces/[blocked] for this older CLI)"
            r = run(a.bin, folder, tz, db, profile)
        if r.returncode not in (0, 2):
            print(f"FAIL {folder.name}: exit {r.returncode}: {r.stderr.strip()}")
            failures += 1
            continue
        out = json.loads(r.stdout)
        if out["rejected"]:
            problems.append(f"{len(out['rejected'])} rejected: {out['rejected'][:3]}")
        skipped = sorted(Path(s["file"]).name for s in out["skipped"])
        if skipped != ["expect.toml", "profile.toml"]:
            problems.append(f"skipped {out['skipped']}")
        contacts = out["contacts"]
        for c in expect.get("case", []):
            who = c["contact"]
            hits = [k for k in contacts if k["display"] == who or who in k["identities"]]
            if len(hits) != 1:
                problems.append(f"case contact {who!r} matches {len(hits)} contacts")
            elif hits[0]["messages"]["incoming"] + hits[0]["messages"]["other"] == 0:
                problems.append(f"case contact {who!r} sent nothing")
        con = sqlite3.connect(db)
        total, outgoing, lo, hi = con.execute(
            "select count(*), sum(direction='outgoing'), min(ts_ms), max(ts_ms) from events"
        ).fetchone()
        withheld = con.execute("select count(*) from events where channel = 'call' and "
                               "counterpart_id is null").fetchone()[0]
        con.close()
        st = STATS / f"{folder.name}.json"
        if st.exists():
            s = json.loads(st.read_text())
            if (total, outgoing) != (s["events"], s["outgoing"]):
                problems.append(f"store has {total} events / {outgoing} outgoing, script wrote "
                                f"{s['events']} / {s['outgoing']}")
            if (lo, hi) != (s["min_ms"], s["max_ms"]):
                problems.append(f"times {lo}..{hi} differ from the script's "
                                f"{s['min_ms']}..{s['max_ms']}")
        if outgoing == 0:
            problems.append("no outgoing event")
        detect = compare_cases(expect, out.get("cases"))
        if detect and a.strict:
            problems.append("detect: " + detect)
        status = "ok  " if not problems else "FAIL"
        failures += bool(problems)
        cs = ", ".join(f"{k['display']} {k['messages']['incoming']}/"
                       f"{k['messages']['outgoing']}/{k['messages']['other']}"
                       for k in contacts[:4])
        print(f"{status} {folder.name}: {total} events, {outgoing} outgoing, "
              f"{len(contacts)} contacts [{cs}]"
              + (f", {withheld} calls without a number" if withheld else "") + note)
        for p in problems:
            print(f"     - {p}")
        if out.get("cases") is not None and not a.strict:
            print(f"     detect: {detect or 'ok'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
