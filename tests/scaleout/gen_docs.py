#!/usr/bin/env python3
"""Writes N generated news documents as JSON Lines for the scale-out tests.

Each document joins the paragraphs of two stories of dyad's example corpus (written by the
team) under a new id and a date that moves one day per document, so every document is distinct
and codes into real events. Deterministic: the same N gives the same bytes.

    gen_docs.py examples/news.jsonl 20000 > gen.jsonl
"""
import datetime
import json
import sys


def main():
    source, n = sys.argv[1], int(sys.argv[2])
    stories = [json.loads(line) for line in open(source, encoding="utf-8") if line.strip()]
    start = datetime.date(2013, 1, 1)
    out = sys.stdout
    for i in range(n):
        a = stories[i % len(stories)]
        b = stories[(i * 7 + 3) % len(stories)]
        day = start + datetime.timedelta(days=i % 3650)
        doc = {
            "id": "gen-%06d" % i,
            "date": day.isoformat(),
            "source": a.get("source", "Dyad News Service"),
            "url": "https://news.example.org/gen/%06d" % i,
            "title": a.get("title", ""),
            "text": a["text"].rstrip() + "\n\n" + b["text"].split("\n\n")[-1].strip() + "\n",
        }
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
