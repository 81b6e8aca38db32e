"""Compare romi's metrics.json with funnel_reference.py's output, fact by fact.

usage: python3 compare.py ROMI_METRICS_JSON REFERENCE_JSON [--rel 1e-9]
Prints facts missing on either side and values that differ; exits 1 on any.
"""
import json
import math
import sys


def key(f):
    return (f["id"], tuple(sorted((f.get("dims") or {}).items())))


def main():
    romi = {key(f): f["value"] for f in json.load(open(sys.argv[1]))["facts"]}
    ref = {key(f): f["value"] for f in json.load(open(sys.argv[2]))["facts"]}
    rel = float(sys.argv[sys.argv.index("--rel") + 1]) if "--rel" in sys.argv else 1e-9
    bad = 0
    for k in sorted(set(ref) - set(romi)):
        print("missing in romi:", k, ref[k]); bad += 1
    for k in sorted(set(romi) - set(ref)):
        print("extra in romi:", k, romi[k])
    for k in sorted(set(romi) & set(ref)):
        a, b = romi[k], ref[k]
        if a is None or b is None:
            if a is not b:
                print("null mismatch:", k, a, b); bad += 1
        elif not math.isclose(a, b, rel_tol=rel, abs_tol=1e-12):
            print("differs:", k, "romi", a, "reference", b); bad += 1
    print(f"{len(set(romi) & set(ref))} shared facts, {bad} problems")
    sys.exit(1 if bad else 0)


main()
