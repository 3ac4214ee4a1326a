"""Writers for the export formats stalkguard reads, used by the make_*.py scenario scripts.

Each scenario script describes a conversation as plain Python data (local wall-clock times,
senders, texts) and calls the writers below, which lay the files out exactly as the real apps
do: SMS Backup & Restore XML (sms and calls), mbox / .eml, WhatsApp .txt (Android and iOS),
Telegram Desktop result.json, Instagram / Facebook message_1.json (with Meta's mojibake) and
native JSON Lines.

The writers are deterministic: running a script twice writes the same bytes. Each writer also
records how many events it wrote and how many of them are the protected person's own, in
/tmp/sg-scenario-stats/<folder>.json, which tools/check_import.py compares with the store.

Times are written as "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" in the scenario's zone; when
seconds are left out a fixed pseudo-random second is added so timestamps look like real ones.
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import hashlib
import json
import os
import random
import uuid
from email.header import Header
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
SCENARIOS = HERE.parent
STATS_DIR = Path(os.environ.get("SG_SCENARIO_STATS", "/tmp/sg-scenario-stats"))

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class Scenario:
    """One folder tests/scenarios/<name>/ and the protected person's display names."""

    def __init__(self, name: str, tz: str, me: list[str], seed: int | None = None):
        self.name = name
        self.dir = SCENARIOS / name
        self.tz = ZoneInfo(tz)
        self.tzname = tz
        self.me = set(me)              # display names / identities that are the person's own
        self.rng = random.Random(seed if seed is not None else name)
        self.events = 0
        self.outgoing = 0
        self.min_ms = None
        self.max_ms = None
        self.files: list[str] = []
        self.dir.mkdir(parents=True, exist_ok=True)

    # ---- time -------------------------------------------------------------------------
    def t(self, s: str | dt.datetime) -> dt.datetime:
        """Local wall-clock string -> aware datetime in the scenario zone."""
        if isinstance(s, dt.datetime):
            return s if s.tzinfo else s.replace(tzinfo=self.tz)
        s = s.strip()
        if len(s) == 16:
            d = dt.datetime.strptime(s, "%Y-%m-%d %H:%M")
            # a stable second derived from the text, so re-runs write the same file
            sec = int(hashlib.sha1((self.name + s).encode()).hexdigest(), 16) % 60
            d = d.replace(second=sec)
        else:
            d = dt.datetime.strptime(s, "%Y-%m-%d %H:%M:%S")
        return d.replace(tzinfo=self.tz)

    def _count(self, when: dt.datetime, outgoing: bool, n: int = 1):
        ms = ms_of(when)
        self.events += n
        if outgoing:
            self.outgoing += n
        self.min_ms = ms if self.min_ms is None else min(self.min_ms, ms)
        self.max_ms = ms if self.max_ms is None else max(self.max_ms, ms)

    def path(self, rel: str) -> Path:
        p = self.dir / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        self.files.append(rel)
        return p

    # ---- plain text files ---------------------------------------------------------------
    def write_text(self, rel: str, text: str):
        p = self.dir / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text.lstrip("\n"), encoding="utf-8")

    def profile(self, text: str):
        self.write_text("profile.toml", text)

    def expect(self, text: str):
        self.write_text("expect.toml", text)

    def done(self):
        STATS_DIR.mkdir(parents=True, exist_ok=True)
        (STATS_DIR / f"{self.name}.json").write_text(json.dumps({
            "events": self.events, "outgoing": self.outgoing,
            "min_ms": self.min_ms, "max_ms": self.max_ms, "files": self.files,
            "tz": self.tzname}, indent=1))
        print(f"{self.name}: {self.events} events ({self.outgoing} outgoing) in "
              f"{len(self.files)} file(s)")


def ms_of(d: dt.datetime) -> int:
    return int(d.timestamp() * 1000)


# =====================================================================================
# SMS Backup & Restore
# =====================================================================================

def _xml_attr(s: str) -> str:
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;")
        elif ch == '"':
            out.append("&quot;")
        elif ch == "'":
            out.append("&apos;")
        elif ch == "\n":
            out.append("&#10;")
        elif o > 0xFFFF:
            # Android writes each UTF-16 half as its own character reference
            v = o - 0x10000
            out.append(f"&#{0xD800 + (v >> 10)};&#{0xDC00 + (v & 0x3FF)};")
        elif o > 0x7E:
            out.append(f"&#{o};")
        else:
            out.append(ch)
    return "".join(out)


def _readable(d: dt.datetime, style: str) -> str:
    if style == "us":
        h = d.hour % 12 or 12
        ap = "AM" if d.hour < 12 else "PM"
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year} {h}:{d:%M:%S} {ap}"
    return f"{d.day} {MONTHS[d.month - 1]} {d.year} {d:%H:%M:%S}"


def _guid(seed: str) -> str:
    return str(uuid.UUID(hashlib.md5(seed.encode()).hexdigest()))


def sms_backup(sc: Scenario, rel: str, records: list[dict], style: str = "uk",
               own_number: str = "+447700900100"):
    """records: dicts with
         t      local time string
         addr   the other party's number as the phone shows it (or a letter sender "PARCELCO")
         name   contact_name ("(Unknown)" when not saved)
         out    True for a sent message (type 2)
         body   text
       MMS: add mms=True and optionally parts=[(content_type, name, text_or_bytes)],
            to=[numbers] (extra recipients for a group MMS; address becomes a ~ list).
    """
    recs = sorted(records, key=lambda r: sc.t(r["t"]))
    lines = []
    last = None
    for i, r in enumerate(recs, 1):
        d = sc.t(r["t"])
        last = d
        ms = ms_of(d)
        out = bool(r.get("out"))
        name = r.get("name", "(Unknown)")
        rd = _readable(d, style)
        sc._count(d, out)
        if not r.get("mms"):
            typ = r.get("type", 2 if out else 1)
            sent = 0 if out else ms - 1000 * (1 + (ms // 1000) % 3)
            svc = "null" if out else ("+447700900000" if style == "uk" else "+13125550100")
            lines.append(
                f'  <sms protocol="0" address="{_xml_attr(r["addr"])}" date="{ms}" type="{typ}" '
                f'subject="null" body="{_xml_attr(r["body"])}" toa="null" sc_toa="null" '
                f'service_center="{svc}" read="1" status="-1" locked="0" date_sent="{sent}" '
                f'sub_id="1" readable_date="{rd}" contact_name="{_xml_attr(name)}" />')
            continue
        # MMS
        others = [r["addr"]] + list(r.get("to", []))
        address = "~".join(others)
        box = 2 if out else 1
        mtype = 128 if out else 132
        mid = "m" + hashlib.sha1(f"{sc.name}{ms}".encode()).hexdigest()[:12]
        parts = [('application/smil', "null", None)] + list(r.get("parts", []))
        if r.get("body"):
            parts.append(("text/plain", "null", r["body"]))
        pl = []
        for seq, (ct, pname, content) in enumerate(parts):
            if ct == "application/smil":
                pl.append('      <part seq="-1" ct="application/smil" name="null" chset="null" '
                          'cd="null" fn="null" cid="&lt;smil&gt;" cl="smil.xml" ctt_s="null" '
                          'ctt_t="null" text="&lt;smil&gt;&lt;head&gt;&lt;layout&gt;&lt;'
                          'root-layout/&gt;&lt;/layout&gt;&lt;/head&gt;&lt;body&gt;&lt;par '
                          'dur=&quot;5000ms&quot;&gt;&lt;/par&gt;&lt;/body&gt;&lt;/smil&gt;" />')
            elif ct == "text/plain":
                pl.append(f'      <part seq="0" ct="text/plain" name="null" chset="106" cd="null" '
                          f'fn="null" cid="&lt;text00000{seq}&gt;" cl="text00000{seq}.txt" '
                          f'ctt_s="null" ctt_t="null" text="{_xml_attr(content)}" />')
            else:
                data = base64.b64encode(content).decode()
                pl.append(f'      <part seq="0" ct="{ct}" name="{_xml_attr(pname)}" chset="null" '
                          f'cd="null" fn="null" cid="&lt;{_xml_attr(pname)}&gt;" '
                          f'cl="{_xml_attr(pname)}" ctt_s="null" ctt_t="null" data="{data}" />')
        al = []
        if out:
            al.append('      <addr address="insert-address-token" type="137" charset="106" />')
            for a in others:
                al.append(f'      <addr address="{_xml_attr(a)}" type="151" charset="106" />')
        else:
            al.append(f'      <addr address="{_xml_attr(r["addr"])}" type="137" charset="106" />')
            al.append(f'      <addr address="{_xml_attr(own_number)}" type="151" charset="106" />')
            for a in r.get("to", []):
                al.append(f'      <addr address="{_xml_attr(a)}" type="151" charset="106" />')
        text_only = 1 if all(p[0] in ("application/smil", "text/plain") for p in parts) else 0
        lines.append(
            f'  <mms date="{ms}" rr="null" sub="null" ct_t="application/vnd.wap.multipart.related" '
            f'read_status="null" seen="1" msg_box="{box}" address="{_xml_attr(address)}" '
            f'sub_cs="null" resp_st="null" retr_st="null" d_tm="null" text_only="{text_only}" '
            f'exp="null" locked="0" m_id="{mid}" st="null" retr_txt_cs="null" retr_txt="null" '
            f'creator="null" date_sent="0" read="1" m_size="2048" rpt_a="null" ct_cls="null" '
            f'pri="null" sub_id="1" tr_id="T{mid[1:9]}" resp_txt="null" ct_l="null" '
            f'm_cls="personal" d_rpt="null" v="18" _id="{100 + i}" m_type="{mtype}" '
            f'readable_date="{rd}" contact_name="{_xml_attr(name)}">\n'
            f'    <parts>\n' + "\n".join(pl) + '\n    </parts>\n'
            f'    <addrs>\n' + "\n".join(al) + '\n    </addrs>\n  </mms>')
    backup = (last or dt.datetime.now(sc.tz)) + dt.timedelta(hours=2, minutes=13)
    head = ("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
            f"<!--File Created By SMS Backup & Restore v10.20.002 on "
            f"{backup:%d/%m/%Y %H:%M:%S}-->\n"
            '<?xml-stylesheet type="text/xsl" href="sms.xsl"?>\n'
            f'<smses count="{len(recs)}" backup_set="{_guid(sc.name + rel)}" '
            f'backup_date="{ms_of(backup)}" type="full">\n')
    sc.path(rel).write_text(head + "\n".join(lines) + "\n</smses>\n", encoding="utf-8")


CALL_TYPES = {"in": 1, "out": 2, "missed": 3, "voicemail": 4, "rejected": 5, "blocked": 6}


def calls_backup(sc: Scenario, rel: str, calls: list[dict], style: str = "uk"):
    """calls: dicts with t, number ("" for a withheld number), name, type (in/out/missed/
    voicemail/rejected/blocked), dur (seconds, default 0)."""
    cs = sorted(calls, key=lambda c: sc.t(c["t"]))
    lines = []
    last = None
    for c in cs:
        d = sc.t(c["t"])
        last = d
        typ = CALL_TYPES[c["type"]]
        sc._count(d, typ == 2)
        number = c["number"] if "number" in c else c["addr"]
        pres = 2 if number == "" else 1
        lines.append(
            f'  <call number="{_xml_attr(number)}" duration="{c.get("dur", 0)}" date="{ms_of(d)}" '
            f'type="{typ}" presentation="{pres}" subscription_id="89440000000000000001" '
            f'post_dial_digits="" subscription_component_name="com.android.phone/'
            f'com.android.services.telephony.TelephonyConnectionService" '
            f'readable_date="{_readable(d, style)}" '
            f'contact_name="{_xml_attr(c.get("name", "(Unknown)"))}" />')
    backup = (last or dt.datetime.now(sc.tz)) + dt.timedelta(hours=2, minutes=13)
    head = ("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
            f"<!--File Created By SMS Backup & Restore v10.20.002 on "
            f"{backup:%d/%m/%Y %H:%M:%S}-->\n"
            '<?xml-stylesheet type="text/xsl" href="calls.xsl"?>\n'
            f'<calls count="{len(cs)}" backup_set="{_guid(sc.name + rel)}" '
            f'backup_date="{ms_of(backup)}" type="full">\n')
    sc.path(rel).write_text(head + "\n".join(lines) + "\n</calls>\n", encoding="utf-8")


# =====================================================================================
# E-mail
# =====================================================================================

def _hdr(s: str) -> str:
    try:
        s.encode("ascii")
        return s
    except UnicodeEncodeError:
        return Header(s, "utf-8").encode()


def _addr(name: str | None, addr: str) -> str:
    if not name:
        return addr
    if any(c in name for c in ',.;:@"()') and not name.startswith('"'):
        name = '"' + name.replace('"', '') + '"'
    return f"{_hdr(name)} <{addr}>"


def _body_part(text: str, ctype: str) -> tuple[str, str]:
    try:
        text.encode("ascii")
        return (f"Content-Type: {ctype}; charset=utf-8\nContent-Transfer-Encoding: 7bit\n", text)
    except UnicodeEncodeError:
        return (f"Content-Type: {ctype}; charset=utf-8\nContent-Transfer-Encoding: 8bit\n", text)


def _b64(data: bytes) -> str:
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def email_message(sc: Scenario, m: dict) -> tuple[dt.datetime, str]:
    """m: from=(name, addr), to=[(name, addr)], cc=[...], subject, t, id (Message-ID without
    <>), reply_to_id, text, html, attachments=[(filename, content_type, bytes)],
    headers={extra}, out (sent by the protected person)."""
    d = sc.t(m["t"])
    fname, faddr = m["from"]
    h = []
    if not m.get("out"):
        h.append(f"Return-Path: <{m.get('return_path', faddr)}>")
        h.append(f"Delivered-To: {m['to'][0][1]}")
        rcv = d + dt.timedelta(seconds=2)
        relay = m.get("relay", "mail." + faddr.split("@")[1])
        h.append(f"Received: from {relay} ({relay} [{m.get('relay_ip', '192.0.2.25')}])\n"
                 f"\tby mx.{m['to'][0][1].split('@')[1]} with ESMTPS id "
                 f"{hashlib.sha1((sc.name + m['id']).encode()).hexdigest()[:10]}; "
                 f"{email.utils.format_datetime(rcv)}")
    h.append(f"From: {_addr(fname, faddr)}")
    h.append("To: " + ", ".join(_addr(n, a) for n, a in m["to"]))
    if m.get("cc"):
        h.append("Cc: " + ", ".join(_addr(n, a) for n, a in m["cc"]))
    h.append(f"Subject: {_hdr(m['subject'])}")
    h.append(f"Date: {email.utils.format_datetime(d)}")
    h.append(f"Message-ID: <{m['id']}>")
    if m.get("reply_to_id"):
        h.append(f"In-Reply-To: <{m['reply_to_id']}>")
        root = m.get("thread_root", m["reply_to_id"])
        refs = f"<{root}>" if root == m["reply_to_id"] else f"<{root}> <{m['reply_to_id']}>"
        h.append(f"References: {refs}")
    for k, v in m.get("headers", {}).items():
        h.append(f"{k}: {v}")
    h.append("MIME-Version: 1.0")
    text = m.get("text")
    html = m.get("html")
    atts = m.get("attachments", [])
    bnd = "==sg_" + hashlib.sha1((sc.name + m["id"]).encode()).hexdigest()[:16]
    if text is not None and html is None and not atts:
        ph, body = _body_part(text, "text/plain")
        msg = "\n".join(h) + "\n" + ph + "\n" + body
    elif html is not None and text is None and not atts:
        ph, body = _body_part(html, "text/html")
        msg = "\n".join(h) + "\n" + ph + "\n" + body
    else:
        inner = []
        if text is not None and html is not None:
            alt = bnd + "_alt"
            p1 = _body_part(text, "text/plain")
            p2 = _body_part(html, "text/html")
            inner.append(f'Content-Type: multipart/alternative; boundary="{alt}"\n\n'
                         f"--{alt}\n{p1[0]}\n{p1[1]}\n\n--{alt}\n{p2[0]}\n{p2[1]}\n\n--{alt}--\n")
        elif text is not None:
            ph, body = _body_part(text, "text/plain")
            inner.append(ph + "\n" + body + "\n")
        elif html is not None:
            ph, body = _body_part(html, "text/html")
            inner.append(ph + "\n" + body + "\n")
        for fn, ct, data in atts:
            inner.append(f'Content-Type: {ct}; name="{fn}"\n'
                         f'Content-Disposition: attachment; filename="{fn}"\n'
                         f"Content-Transfer-Encoding: base64\n\n{_b64(data)}\n")
        msg = ("\n".join(h) + f'\nContent-Type: multipart/mixed; boundary="{bnd}"\n\n'
               + "This is a multi-part message in MIME format.\n\n"
               + "".join(f"--{bnd}\n{p}\n" for p in inner) + f"--{bnd}--\n")
    if not msg.endswith("\n"):
        msg += "\n"
    sc._count(d, bool(m.get("out")))
    return d, msg


def mbox(sc: Scenario, rel: str, messages: list[dict]):
    chunks = []
    for m in sorted(messages, key=lambda m: sc.t(m["t"])):
        d, msg = email_message(sc, m)
        u = d.astimezone(dt.timezone.utc)
        sep = f"From {m['from'][1]} {u:%a %b} {u.day:2d} {u:%H:%M:%S %Y}"
        body = []
        for line in msg.split("\n"):
            stripped = line.lstrip(">")
            if stripped.startswith("From ") and body:
                line = ">" + line
            body.append(line)
        chunks.append(sep + "\n" + "\n".join(body).rstrip("\n") + "\n")
    sc.path(rel).write_text("\n".join(chunks), encoding="utf-8")


def eml(sc: Scenario, rel: str, m: dict):
    _, msg = email_message(sc, m)
    sc.path(rel).write_text(msg, encoding="utf-8")


# =====================================================================================
# WhatsApp
# =====================================================================================

E2E = ("Messages and calls are end-to-end encrypted. No one outside of this chat, not even "
       "WhatsApp, can read or listen to them. Tap to learn more.")


def whatsapp(sc: Scenario, rel: str, lines: list[tuple], layout: str = "android24",
             chat: str | None = None, e2e: bool = True):
    """lines: (time, sender, text) or (time, None, system text). Text may hold several lines
    and media markers written as the app writes them. layout: android24 (dd/mm/yyyy, 24 h),
    android12us (m/d/yy, 12 h with U+202F), ios (dd/mm/yyyy), iosus (m/d/yy, 12 h)."""
    items = sorted(lines, key=lambda x: sc.t(x[0]))
    out = []
    chat = chat or Path(rel).stem.replace("WhatsApp Chat with ", "")
    if e2e and items:
        first = sc.t(items[0][0]) - dt.timedelta(minutes=3)
        items = [(first.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S"), None, None)] + items
    for i, (ts, who, text) in enumerate(items):
        d = sc.t(ts)
        if layout.startswith("android"):
            d = d.replace(second=0)    # Android exports show minutes only
        if text is None:
            text = E2E if layout.startswith("android") else E2E.replace(" Tap to learn more.", "")
        if layout == "android24":
            stamp = f"{d:%d/%m/%Y}, {d:%H:%M} - "
        elif layout == "android12us":
            h = d.hour % 12 or 12
            stamp = f"{d.month}/{d.day}/{d:%y}, {h}:{d:%M}\u202f{'AM' if d.hour < 12 else 'PM'} - "
        elif layout == "ios":
            stamp = f"[{d:%d/%m/%Y}, {d:%H:%M:%S}] "
        elif layout == "iosus":
            h = d.hour % 12 or 12
            stamp = f"[{d.month}/{d.day}/{d:%y}, {h}:{d:%M:%S}\u202f{'AM' if d.hour < 12 else 'PM'}] "
        else:
            raise ValueError(layout)
        ios = layout.startswith("ios")
        if who is None:
            sc._count(d, False)
            if ios:
                out.append(f"{stamp}{chat}: \u200e{text}")
            else:
                out.append(f"{stamp}{text}")
            continue
        sc._count(d, who in sc.me)
        if ios and (text.endswith(" omitted") or text.startswith("<attached:")
                    or text in ("This message was deleted.", "Missed voice call",
                                "Missed video call")):
            text = "\u200e" + text
        out.append(f"{stamp}{who}: {text}")
    sc.path(rel).write_text("\n".join(out) + "\n", encoding="utf-8")


# =====================================================================================
# Telegram Desktop
# =====================================================================================

class TgChat:
    def __init__(self, sc: Scenario, name: str, chat_id: int, ctype: str = "personal_chat"):
        self.sc, self.name, self.id, self.type = sc, name, chat_id, ctype
        self.messages: list[dict] = []
        self._next = 1000 + (chat_id % 900)

    def _base(self, ts: str, typ: str) -> dict:
        d = self.sc.t(ts)
        self._next += 1
        return {"id": self._next, "type": typ,
                "date": d.strftime("%Y-%m-%dT%H:%M:%S"),
                "date_unixtime": str(int(d.timestamp()))}

    def msg(self, ts: str, who: tuple[str, int], text, reply_to: int | None = None,
            photo: str | None = None, file: str | None = None, edited: bool = False) -> int:
        """who = (display name, user id). text: str, or a list of str and (kind, text[, href])
        entity tuples, e.g. ("text_link", "here", "http://..."), ("link", "https://..."),
        ("mention", "@name")."""
        m = self._base(ts, "message")
        m["from"], m["from_id"] = who[0], f"user{who[1]}"
        if reply_to:
            m["reply_to_message_id"] = reply_to
        if edited:
            e = self.sc.t(ts) + dt.timedelta(minutes=2)
            m["edited"] = e.strftime("%Y-%m-%dT%H:%M:%S")
            m["edited_unixtime"] = str(int(e.timestamp()))
        if photo:
            m["photo"] = photo
            m["width"], m["height"] = 960, 1280
        if file:
            m["file"] = file
            m["file_name"] = file.split("/")[-1]
            m["mime_type"] = "application/octet-stream"
        if isinstance(text, str):
            m["text"] = text
            m["text_entities"] = [{"type": "plain", "text": text}] if text else []
        else:
            arr, ents = [], []
            for part in text:
                if isinstance(part, str):
                    arr.append(part)
                    ents.append({"type": "plain", "text": part})
                else:
                    kind, t = part[0], part[1]
                    e = {"type": kind, "text": t}
                    if kind == "text_link":
                        e["href"] = part[2]
                    arr.append(e)
                    ents.append(e)
            m["text"] = arr
            m["text_entities"] = ents
        self.messages.append(m)
        self.sc._count(self.sc.t(ts), False)   # direction fixed up in write()
        m["_who"] = who
        return m["id"]

    def call(self, ts: str, who: tuple[str, int], reason: str = "missed", duration: int = 0):
        m = self._base(ts, "service")
        m["actor"], m["actor_id"] = who[0], f"user{who[1]}"
        m["action"] = "phone_call"
        if duration:
            m["duration_seconds"] = duration
        m["discard_reason"] = reason
        m["text"], m["text_entities"] = "", []
        m["_who"] = who
        self.messages.append(m)
        self.sc._count(self.sc.t(ts), False)

    def service(self, ts: str, who: tuple[str, int], action: str, **extra):
        m = self._base(ts, "service")
        m["actor"], m["actor_id"] = who[0], f"user{who[1]}"
        m["action"] = action
        m.update(extra)
        m["text"], m["text_entities"] = "", []
        self.messages.append(m)
        self.sc._count(self.sc.t(ts), False)

    def as_json(self, owner_id: int | None) -> dict:
        msgs = sorted(self.messages, key=lambda m: int(m["date_unixtime"]))
        clean = []
        for m in msgs:
            who = m.pop("_who", None)
            if who and owner_id is not None and who[1] == owner_id:
                self.sc.outgoing += 1
            clean.append(m)
        return {"name": self.name, "type": self.type, "id": self.id, "messages": clean}


def telegram_full(sc: Scenario, rel: str, owner: dict, contacts: list[dict], chats: list[TgChat],
                  left: list[TgChat] | None = None):
    """owner: user_id, first_name, last_name, phone_number, username."""
    doc = {
        "about": "Here is the data you requested. Remember: Telegram is ad free, it doesn't "
                 "sell your data to anyone.",
        "personal_information": {"user_id": owner["user_id"], "first_name": owner["first_name"],
                                 "last_name": owner.get("last_name", ""),
                                 "phone_number": owner.get("phone_number", ""),
                                 "username": owner.get("username", ""), "bio": ""},
        "contacts": {"about": "This is your contact list.", "list": contacts},
        "chats": {"about": "This page lists all chats from this export.",
                  "list": [c.as_json(owner["user_id"]) for c in chats]},
        "left_chats": {"about": "This page lists all supergroups and channels from this export "
                                "that you've left.",
                       "list": [c.as_json(owner["user_id"]) for c in (left or [])]},
    }
    sc.path(rel).write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n",
                            encoding="utf-8")


def telegram_single(sc: Scenario, rel: str, chat: TgChat, owner_id: int):
    sc.path(rel).write_text(json.dumps(chat.as_json(owner_id), ensure_ascii=False, indent=1)
                            + "\n", encoding="utf-8")


# =====================================================================================
# Instagram / Facebook Messenger
# =====================================================================================

def _moji(s):
    if isinstance(s, str):
        return s.encode("utf-8").decode("latin-1")
    if isinstance(s, list):
        return [_moji(x) for x in s]
    if isinstance(s, dict):
        return {k: _moji(v) for k, v in s.items()}
    return s


def meta_thread(sc: Scenario, root: str, platform: str, folder: str, title: str,
                participants: list[str], messages: list[dict]):
    """messages: dicts with t, who, and one of text / photo (uri tail) / share (link, text) /
    missed_call / call (duration) / unsent. Written newest first, strings in Meta's mojibake.
    root: folder under the scenario (e.g. "instagram"); platform: instagram | facebook."""
    if platform == "instagram":
        base = f"{root}/your_instagram_activity/messages/inbox/{folder}"
    else:
        base = f"{root}/your_facebook_activity/messages/inbox/{folder}"
    out = []
    for m in sorted(messages, key=lambda m: sc.t(m["t"]), reverse=True):
        d = sc.t(m["t"])
        sc._count(d, m["who"] in sc.me)
        o = {"sender_name": m["who"], "timestamp_ms": ms_of(d)}
        if "text" in m:
            o["content"] = m["text"]
        if "photo" in m:
            o["photos"] = [{"uri": f"{base}/photos/{m['photo']}",
                            "creation_timestamp": int(d.timestamp()) - 1}]
        if "share" in m:
            link, stext = m["share"]
            o["share"] = {"link": link}
            if stext:
                o["share"]["share_text"] = stext
        if m.get("missed_call"):
            if platform == "instagram":
                o["content"] = f"You missed a call from {m['who']}."
                o["call_duration"] = 0
            else:
                first = m["who"].split()[0]
                o["content"] = f"{first} missed your call." if m["who"] in sc.me else \
                    f"You missed a call from {first}."
                o["type"] = "Call"
                o["call_duration"] = 0
                o["missed"] = True
        if "call" in m:
            o["content"] = f"{m['who'].split()[0]} called you." if platform == "facebook" \
                else "Audio call ended"
            o["call_duration"] = m["call"]
            if platform == "facebook":
                o["type"] = "Call"
        if m.get("unsent"):
            o["is_unsent"] = True
        if "reaction" in m:
            o["reactions"] = [{"reaction": m["reaction"][0], "actor": m["reaction"][1]}]
        if platform == "instagram":
            o["is_geoblocked_for_viewer"] = False
        elif "type" not in o:
            o["type"] = "Share" if "share" in m else "Generic"
        out.append(o)
    doc = {"participants": [{"name": p} for p in participants], "messages": out,
           "title": title, "is_still_participant": True,
           "thread_path": f"inbox/{folder}", "magic_words": []}
    if platform == "instagram":
        doc["joinable_mode"] = {"mode": 1, "link": ""}
    else:
        doc["thread_type"] = "Regular"
    text = json.dumps(_moji(doc), ensure_ascii=True, indent=2)
    sc.path(f"{base}/message_1.json").write_text(text + "\n", encoding="utf-8")


# =====================================================================================
# Native JSON Lines
# =====================================================================================

def jsonl(sc: Scenario, rel: str, events: list[dict], outgoing_ids: set[str] = frozenset()):
    """events: dicts in the native schema, except that "t" (a local time string) is turned
    into "time" with the zone's offset. A sender whose id is in outgoing_ids is the person."""
    lines = []
    for e in sorted(events, key=lambda e: sc.t(e["t"])):
        d = sc.t(e["t"])
        o = {}
        if "id" in e:
            o["id"] = e["id"]
        o["time"] = d.isoformat(timespec="seconds")
        for k, v in e.items():
            if k in ("t", "id"):
                continue
            o[k] = v
        sender = e.get("sender")
        sid = sender["id"] if isinstance(sender, dict) else sender
        sc._count(d, sid in outgoing_ids or e.get("direction") == "outgoing")
        lines.append(json.dumps(o, ensure_ascii=False))
    sc.path(rel).write_text("\n".join(lines) + "\n", encoding="utf-8")


def fake_bytes(kind: str, note: str) -> bytes:
    """Small harmless stand-ins for attachment bytes, with the right magic numbers."""
    tail = (f"\nstalkguard scenario sample ({note}); not a real file\n").encode()
    if kind == "exe":
        return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + \
            b"This program cannot be run in DOS mode." + tail
    if kind == "zip":      # docm/xlsm/apk are zip containers
        return b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"[Content_Types].xml" + tail
    if kind == "pdf":
        return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" + tail + b"%%EOF\n"
    if kind == "jpg":
        return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + tail + b"\xff\xd9"
    if kind == "png":
        return base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGO4oGAAAALkASEC8JXhAAAAAElFTkSuQmCC")
    if kind == "ics":
        return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:" + note +
                "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()
    return tail
