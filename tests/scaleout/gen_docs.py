#!/usr/bin/env python3
"""Writes N generated news documents as JSON Lines for the scale-out and soak tests.

Each document joins the paragraphs of two stories of dyad's example corpus (written by the
team) under a new id and a date that moves one day per document, so every document is distinct
and codes into real events. Deterministic: the same arguments give the same bytes.

    gen_docs.py examples/news.jsonl 20000 > gen.jsonl
    gen_docs.py examples/news.jsonl 1000000 --paragraphs 1 --bad-every 10000 | dyad ingest - ...

--paragraphs K keeps the first K paragraphs of the first story (0: all of them).
--bad-every M makes every M-th record a bad one, cycling through the kinds a scraper produces:
a line that is not JSON, a record without text, a text that is not a string, text with bytes
that are not UTF-8, and a truncated line. Each must be counted as failed with its reason.
"""
import argparse
import datetime
import json
import sys

BAD_KINDS = ("not-json", "no-text", "text-not-string", "bad-utf8", "truncated")


def bad_record(i, kind, good):
    if kind == "not-json":
        return b"this is not JSON, record %d\n" % i
    if kind == "no-text":
        return json.dumps({"id": "bad-%07d" % i, "date": "2013-01-01"}).encode() + b"\n"
    if kind == "text-not-string":
        return json.dumps({"id": "bad-%07d" % i, "text": [1, 2, 3]}).encode() + b"\n"
    if kind == "bad-utf8":
        return (b'{"id": "bad-%07d", "date": "2013-01-01", "text": "Rebels \xff\xfe attacked '
                b'the town."}\n' % i)
    return good[: len(good) // 2] + b"\n"  # truncated


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("source")
    ap.add_argument("n", type=int)
    ap.add_argument("--paragraphs", type=int, default=0)
    ap.add_argument("--bad-every", type=int, default=0)
    args = ap.parse_args()
    stories = [json.loads(line) for line in open(args.source, encoding="utf-8") if line.strip()]
    start = datetime.date(2013, 1, 1)
    out = sys.stdout.buffer
    for i in range(args.n):
        a = stories[i % len(stories)]
        b = stories[(i * 7 + 3) % len(stories)]
        day = start + datetime.timedelta(days=i % 3650)
        first = a["text"].rstrip()
        if args.paragraphs:
            first = "\n\n".join(first.split("\n\n")[: args.paragraphs])
        doc = {
            "id": "gen-%06d" % i,
            "date": day.isoformat(),
            "source": a.get("source", "Dyad News Service"),
            "url": "https://news.example.org/gen/%06d" % i,
            "title": a.get("title", ""),
            "text": first + "\n\n" + b["text"].split("\n\n")[-1].strip() + "\n",
        }
        line = (json.dumps(doc, ensure_ascii=False) + "\n").encode("utf-8")
        if args.bad_every and (i + 1) % args.bad_every == 0:
            kind = BAD_KINDS[(i + 1) // args.bad_every % len(BAD_KINDS)]
            line = bad_record(i, kind, line)
        out.write(line)


if __name__ == "__main__":
    main()
