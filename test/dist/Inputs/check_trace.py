#!/usr/bin/env python3
"""Checks the PPAR_TRACE file of an MPI run of RANKS ranks.

usage: check_trace.py FILE RANKS

The file must be JSON in the Trace Event Format with a process per rank
(pid rank + 1, named "rank R"), task slices on at least one rank, a row
named "MPI progress thread" with send and receive slices, and every flow
event that starts at a send ("ph": "s") ending ("ph": "f") at a receive on
another process. Exit status 0 when all hold; else one line says what."""
import json
import sys


def main():
    path, ranks = sys.argv[1], int(sys.argv[2])
    with open(path) as f:
        events = json.load(f)["traceEvents"]
    names = {e["pid"]: e["args"]["name"] for e in events
             if e["ph"] == "M" and e["name"] == "process_name"}
    want = {r + 1: f"rank {r}" for r in range(ranks)}
    if names != want:
        return f"processes {names}, expected {want}"
    if not any(e.get("cat") == "task" for e in events):
        return "no task slices"
    rows = [e for e in events if e["ph"] == "M" and e["name"] == "thread_name"
            and e["args"]["name"] == "MPI progress thread"]
    if not rows:
        return "no row of MPI messages"
    slices = [e for e in events if e.get("cat") == "message" and e["ph"] == "X"]
    if not any(e["name"].startswith("send ") for e in slices) or \
       not any(e["name"].startswith("receive ") for e in slices):
        return "no send or no receive slices"
    starts = {e["id"]: e for e in events if e["ph"] == "s"}
    ends = {e["id"]: e for e in events if e["ph"] == "f"}
    if not starts or set(starts) != set(ends):
        return f"flows unmatched: starts {sorted(starts)} ends {sorted(ends)}"
    for i, s in starts.items():
        if s["pid"] == ends[i]["pid"]:
            return f"flow {i} starts and ends on process {s['pid']}"
    return None


if __name__ == "__main__":
    error = main()
    if error:
        print(f"{sys.argv[1]}: {error}")
    sys.exit(1 if error else 0)
