#!/usr/bin/env python3
"""Codes a news directory with `dyad code` and parses every JSONL line with strict JSON
(raw control characters rejected, as Python's json does by default). Usage: DYAD NEWS_DIR"""
import json
import subprocess
import sys

out = subprocess.run([sys.argv[1], "code", sys.argv[2]], capture_output=True).stdout  # exits 1: some docs have no text
lines = out.decode("utf-8").split("\n")
assert lines[-1] == "", "output does not end with a newline"
for n, line in enumerate(lines[:-1], 1):
    try:
        json.loads(line, strict=True)
    except ValueError as e:
        sys.exit(f"line {n}: {e}: {line[:200]!r}")
print(f"{len(lines) - 1} events, all strict JSON")
