#!/usr/bin/env python3
"""JMH results.json -> an SVG chart (no dependencies): one panel per op, one group of bars per
shape, one bar per implementation, ns/element on a log scale (shorter is faster), with JMH's
99.9% error as a whisker. Usage: chart.py results.json "machine description" > results.svg"""
import html
import json
import math
import statistics
import sys

IMPLS = ["auto", "native-avx512", "native-avx2", "native-scalar", "java", "vector-api",
         "textbook-java", "floor"]
COLORS = {"auto": "#1b5e20", "native-avx512": "#2e7d32", "native-avx2": "#66bb6a",
          "native-scalar": "#a5d6a7", "java": "#1565c0", "vector-api": "#ef6c00",
          "textbook-java": "#c62828", "floor": "#757575"}


def elements(shape):
    n = 1
    for d in shape.split("/")[0].split("x"):
        n *= int(d)
    return n


def load(path):
    table = {}
    for r in json.load(open(path)):
        p = r["params"]
        n = elements(p["shape"])
        raw = [v for fork in r["primaryMetric"]["rawData"] for v in fork]
        err = float(r["primaryMetric"]["scoreError"])
        err = 0.0 if err != err else err  # "NaN" with fewer than 3 iterations
        table.setdefault(p["op"], {}).setdefault(p["shape"], {})[p["impl"]] = (
            statistics.median(raw) / n, err / n)
    return table


def main():
    table = load(sys.argv[1])
    title = "logits4j JMH: ns per element, single thread (shorter is faster)"
    if len(sys.argv) > 2:
        title += " - " + sys.argv[2]
    ops = [o for o in ["softmax", "log-softmax", "logsumexp", "cross-entropy"] if o in table]
    impls = [i for i in IMPLS if any(i in s for o in table.values() for s in o.values())]
    values = [v[0] for o in table.values() for s in o.values() for v in s.values() if v[0] > 0]
    lo = 10 ** math.floor(math.log10(min(values)))
    hi = 10 ** math.ceil(math.log10(max(values)))
    bar, gap, label_w, plot_w, panel_gap = 7, 8, 150, 520, 30
    panel_w = label_w + plot_w + 20
    out = []
    heights = []
    for op in ops:
        shapes = list(table[op].keys())
        heights.append(40 + sum(len(table[op][s]) * bar + gap for s in shapes))
    width = panel_w * 2 + panel_gap + 20
    rows_h = [max(heights[i:i + 2]) for i in range(0, len(heights), 2)]
    height = 60 + sum(rows_h) + 30 * len(rows_h) + 20 + 18 * ((len(impls) + 3) // 4)

    def x_of(v):
        return label_w + plot_w * (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))

    out.append(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
               f'font-family="sans-serif" font-size="11">')
    out.append(f'<rect width="{width}" height="{height}" fill="white"/>')
    out.append(f'<text x="10" y="22" font-size="14" font-weight="bold">{html.escape(title)}</text>')
    y0 = 50
    for idx, op in enumerate(ops):
        px = 10 + (idx % 2) * (panel_w + panel_gap)
        if idx % 2 == 0 and idx > 0:
            y0 += rows_h[idx // 2 - 1] + 30
        out.append(f'<g transform="translate({px},{y0})">')
        out.append(f'<text x="0" y="0" font-size="13" font-weight="bold">{op}</text>')
        decade = lo
        while decade <= hi * 1.0001:
            x = x_of(decade)
            out.append(f'<line x1="{x:.1f}" y1="10" x2="{x:.1f}" y2="{heights[idx] - 10}" stroke="#ddd"/>')
            out.append(f'<text x="{x:.1f}" y="{heights[idx]}" text-anchor="middle" fill="#555">{decade:g}</text>')
            decade *= 10
        y = 16
        for shape, by_impl in table[op].items():
            group = [i for i in impls if i in by_impl]
            out.append(f'<text x="{label_w - 6}" y="{y + len(group) * bar / 2 + 4:.1f}" '
                       f'text-anchor="end">{html.escape(shape)}</text>')
            for i in group:
                v, e = by_impl[i]
                x = x_of(max(v, lo))
                out.append(f'<rect x="{label_w}" y="{y}" width="{x - label_w:.1f}" height="{bar - 1}" '
                           f'fill="{COLORS[i]}"><title>{i} {shape}: {v:.3f} ns/element ± {e:.3f}'
                           f'</title></rect>')
                if e > 0:
                    x1, x2 = x_of(max(v - e, lo)), x_of(v + e)
                    out.append(f'<line x1="{x1:.1f}" y1="{y + bar / 2 - 0.5}" x2="{x2:.1f}" '
                               f'y2="{y + bar / 2 - 0.5}" stroke="black" stroke-width="0.8"/>')
                y += bar
            y += gap
        out.append('</g>')
    y_leg = 50 + sum(rows_h) + 30 * (len(rows_h) - 1) + 20
    for k, i in enumerate(impls):
        lx = 10 + (k % 4) * 200
        ly = y_leg + (k // 4) * 18
        out.append(f'<rect x="{lx}" y="{ly}" width="12" height="10" fill="{COLORS[i]}"/>')
        out.append(f'<text x="{lx + 16}" y="{ly + 9}">{i}</text>')
    out.append('</svg>')
    print("\n".join(out))


if __name__ == "__main__":
    main()
