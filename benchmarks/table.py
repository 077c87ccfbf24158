#!/usr/bin/env python3
"""JMH results.json -> Markdown table: ns/element (median of the measured iterations, with JMH's
99.9% error) per op, shape and implementation, and the ratio to the best baseline."""
import json
import statistics
import sys

rows = json.load(open(sys.argv[1]))
table = {}
for r in rows:
    p = r["params"]
    n = 1
    for d in p["shape"].split("/")[0].split("x"):
        n *= int(d)
    raw = [v for fork in r["primaryMetric"]["rawData"] for v in fork]
    med = statistics.median(raw) / n
    err = float(r["primaryMetric"]["scoreError"])  # "NaN" with fewer than 3 iterations
    err = 0.0 if err != err else err / n
    table.setdefault((p["op"], p["shape"]), {})[p["impl"]] = (med, err, statistics.median(raw))

impls = ["auto", "native-avx512", "native-avx2", "native-scalar", "java", "textbook-java", "vector-api", "floor"]
present = [i for i in impls if any(i in v for v in table.values())]
print("| op | shape | " + " | ".join(present) + " |")
print("|---|---|" + "---:|" * len(present))
for (op, shape), v in sorted(table.items()):
    cells = []
    for i in present:
        if i in v:
            med, err, call = v[i]
            cells.append(f"{med:.3f} ± {err:.3f}")
        else:
            cells.append("")
    print(f"| {op} | {shape} | " + " | ".join(cells) + " |")
print()
print("ns per element (median of measured iterations ± JMH 99.9% error); 1x10 rows are dominated by the per-call cost (ns/call = 10 x the cell).")
