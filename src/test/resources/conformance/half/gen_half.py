#!/usr/bin/python3
"""Generate the float16 / bfloat16 conformance vectors of logits4j (issue 13).

Usage (PyTorch and numpy; on Debian /usr/bin/python3):

    /usr/bin/python3 gen_half.py --out . --seed 1613 --clean

Semantics under test: PyTorch's op(x.float()) for 16-bit logits x. Every case is built by the
public generator (../public/gen.py, imported, not copied) from the float32 values of the 16-bit
input, so expected values (PyTorch in float64) and tolerances follow the float32 rules unchanged;
only the input file differs: '<f2' for float16, '<u2' holding the bfloat16 bits for bfloat16
(numpy has no bfloat16; the CLI is told with --dtype bfloat16, recorded in the case's args).
Probability targets and class weights stay float32; every expected file is '<f8'.

The generator checks that PyTorch's own up-conversion (Tensor.float() of a float16 / bfloat16
tensor) gives exactly the float32 values used, bit for bit (NaN payloads included).
"""
import argparse
import importlib.util
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("gen", os.path.join(HERE, "..", "public", "gen.py"))
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)
F32 = np.float32


def f16_bits_to_f32(bits):
    """PyTorch's float16 -> float32 (a signalling NaN comes out quiet, as from VCVTPH2PS), checked
    against numpy's conversion bit for bit everywhere else."""
    h = np.asarray(bits, dtype=np.uint16)
    t = torch.from_numpy(h.view(np.int16).copy()).view(torch.float16).float().numpy()
    x = h.view(np.float16).astype(F32)
    same = np.isnan(x) | (x.view(np.uint32) == t.view(np.uint32))
    assert same.all() and np.array_equal(np.isnan(x), np.isnan(t)), "float16 up-conversion differs"
    return t


def bf16_bits_to_f32(bits):
    """bfloat16 -> float32 as bits << 16, bit-checked against PyTorch's Tensor.float()."""
    h = np.asarray(bits, dtype=np.uint16)
    x = (h.astype(np.uint32) << 16).view(F32)
    t = torch.from_numpy(h.view(np.int16).copy()).view(torch.bfloat16).float().numpy()
    assert np.array_equal(x.view(np.uint32), t.view(np.uint32)), "bfloat16 up-conversion differs"
    return x


def to_f16_bits(x32):
    return np.asarray(x32, F32).astype(np.float16).view(np.uint16)


def to_bf16_bits(x32):
    t = torch.from_numpy(np.ascontiguousarray(x32, dtype=F32)).to(torch.bfloat16)
    return t.view(torch.int16).numpy().view(np.uint16)


KINDS = {
    "float16": (to_f16_bits, f16_bits_to_f32, "f16"),
    "bfloat16": (to_bf16_bits, bf16_bits_to_f32, "bf16"),
}


class HalfCaseSet(gen.CaseSet):
    """CaseSet whose logits files hold the 16-bit bits of the float32 values the case is built from."""
    current = None   # (kind, 16-bit bits array) while a case of that input is added

    def _file(self, arr, stem):
        if self.current is not None and (stem.endswith(".in") or stem.endswith(".logits")):
            kind, bits = self.current
            stored = bits.view(np.float16) if kind == "float16" else bits
            return super()._file(stored, stem)
        return super()._file(arr, stem)

    def half(self, kind, bits, add):
        """Adds the cases add(x32) makes, with x32 the exact float32 values of the 16-bit bits."""
        bits = np.ascontiguousarray(bits, dtype=np.uint16)
        x32 = KINDS[kind][1](bits)
        start = len(self.cases)
        self.current = (kind, bits)
        try:
            add(x32)
        finally:
            self.current = None
        for c in self.cases[start:]:
            c["dtype"] = kind
            if kind == "bfloat16":
                c["args"]["dtype"] = "bfloat16"
            c["tags"] = c["tags"] + ["half", kind]


def build(cs, large=True):
    rng = cs.rng
    I32, I64 = np.int32, np.int64
    scales = [1.0, 4.0, 12.0]

    def bits(kind, x32):
        return KINDS[kind][0](x32)

    # rows of 1..70, alternating types (both at the SIMD widths), all three ops
    for n in range(1, 71):
        kinds = ["float16", "bfloat16"] if n in gen.SIMD + [1, 2, 70] else [["bfloat16", "float16"][n % 2]]
        for kind in kinds:
            R = int(rng.integers(1, 5))
            x = gen.normal(rng, (R, n), F32, scales[n % 3], rng.uniform(-5, 5))
            tag = f"{KINDS[kind][2]}-n{n}"
            cs.half(kind, bits(kind, x), lambda v: cs.sm_all(v, None, f"{kind} length {n}, {R} rows", tag,
                                                             ["length-sweep"]))
    # LLM-like logits, longer rows, a temperature, axes (strided slices)
    for kind in KINDS:
        t = KINDS[kind][2]
        x = gen.llm_logits(rng, (8, 1000), F32)
        cs.half(kind, bits(kind, x), lambda v: cs.sm_all(v, None, f"{kind} LLM-like 8x1000", f"{t}-llm", ["length"]))
        x = gen.normal(rng, (3, 4097), F32, 3.0)
        cs.half(kind, bits(kind, x), lambda v: cs.sm_pair(v, None, 0.7, f"{kind} 3x4097, T=0.7", f"{t}-T07",
                                                          ["temperature"]))
        x = gen.normal(rng, (4, 9, 17), F32, 3.0)
        for ax in (0, 1):
            cs.half(kind, bits(kind, x), lambda v: cs.sm_all(v, ax, f"{kind} 3-D (4,9,17) axis {ax}",
                                                             f"{t}-3d-ax{ax}", ["axis"]))
    # extremes of each type, special values, NaN payloads
    f16_rows = {
        "max": [0x7BFF, 0x0000, 0x3C00, 0xBC00],                 # 65504, 0, 1, -1
        "min": [0xFBFF, 0x0000, 0xFBFF, 0xC000],                 # -65504 next to 0
        "sub": [0x0001, 0x8001, 0x03FF, 0x0000],                 # smallest subnormals, largest subnormal
        "wide": [0x7BFF, 0xFBFF, 0x0001, 0x3C00],                # 65504 and -65504 in one row
        "ninf": [0xFC00, 0x3C00, 0xFC00, 0x4000],                # -inf entries
        "pinf": [0x7C00, 0x3C00, 0x0000, 0x4000],                # +inf
        "nan": [0x7E01, 0x3C00, 0x0000, 0x4000],                 # quiet NaN with a payload
        "snan": [0x7C01, 0x3C00, 0x0000, 0x4000],                # signalling NaN
        "allninf": [0xFC00, 0xFC00, 0xFC00, 0xFC00],
    }
    bf16_rows = {
        "max": [0x7F7F, 0x0000, 0x3F80, 0xBF80],                 # 3.39e38, 0, 1, -1
        "min": [0xFF7F, 0x0000, 0xFF7F, 0xC000],
        "sub": [0x0001, 0x8001, 0x007F, 0x0080],                 # smallest subnormal 2^-133 .. smallest normal
        "wide": [0x7F7F, 0xFF7F, 0x0001, 0x3F80],
        "ninf": [0xFF80, 0x3F80, 0xFF80, 0x4000],
        "pinf": [0x7F80, 0x3F80, 0x0000, 0x4000],
        "nan": [0x7FC1, 0x3F80, 0x0000, 0x4000],
        "snan": [0x7F81, 0x3F80, 0x0000, 0x4000],
        "allninf": [0xFF80, 0xFF80, 0xFF80, 0xFF80],
    }
    for kind, rows in (("float16", f16_rows), ("bfloat16", bf16_rows)):
        t = KINDS[kind][2]
        for name, r in rows.items():
            # the special value in lane 0, and again in a SIMD tail position (rows of 20)
            b = np.array([r + [r[2]] * 16, [r[2]] * 17 + [r[0], r[1], r[3]]], dtype=np.uint16)
            cs.half(kind, b, lambda v: cs.sm_all(v, None, f"{kind} special values '{name}'", f"{t}-{name}",
                                                 ["nonfinite" if "inf" in name or "nan" in name else "huge"]))
            lt = np.array([0, 3], I64)
            cs.half(kind, b, lambda v: cs.ce(v, lt, None, None, "none", None, f"{kind} special values '{name}'",
                                             f"{t}-{name}", ["nonfinite" if "inf" in name or "nan" in name else "huge"]))
    # cross-entropy: index targets (int32/int64), weights, ignore_index, smoothing, probabilities, K-dim
    for kind in KINDS:
        t = KINDS[kind][2]
        C = 37
        x = gen.llm_logits(rng, (16, C), F32)
        tg = gen.int_targets(rng, (16,), C, I64, 0.2)
        w = rng.uniform(0.2, 2.0, C).astype(F32)
        cs.half(kind, bits(kind, x), lambda v: cs.ce(v, tg, None, None, None, None, f"{kind} CE mean", f"{t}-mean"))
        cs.half(kind, bits(kind, x), lambda v: cs.ce(v, tg.astype(I32), w, None, "sum", 0.1,
                                                     f"{kind} CE int32 targets, weights, smoothing 0.1, sum",
                                                     f"{t}-w-ls"))
        cs.half(kind, bits(kind, x), lambda v: cs.ce(v, tg, None, None, "none", 0.25, f"{kind} CE none, smoothing",
                                                     f"{t}-none"))
        p = gen.prob_targets(rng, (16, C), 1, F32)
        cs.half(kind, bits(kind, x), lambda v: cs.ce(v, p, w, None, None, 0.1, f"{kind} CE float32 probabilities",
                                                     f"{t}-prob"))
        xk = gen.normal(rng, (3, 7, 5), F32, 3.0)
        tk = gen.int_targets(rng, (3, 5), 7, I64)
        cs.half(kind, bits(kind, xk), lambda v: cs.ce(v, tk, None, None, "none", None, f"{kind} CE K-dim (3,7,5)",
                                                      f"{t}-kdim"))
        pk = gen.prob_targets(rng, (3, 7, 5), 1, F32)
        cs.half(kind, bits(kind, xk), lambda v: cs.ce(v, pk, None, None, "none", None,
                                                      f"{kind} CE K-dim probabilities", f"{t}-kdim-prob"))
        x1 = gen.normal(rng, (13,), F32, 2.0)
        cs.half(kind, bits(kind, x1), lambda v: cs.ce(v, np.array(4, I64), None, None, None, None,
                                                      f"{kind} CE unbatched (C,)", f"{t}-unbatched"))
    if not large:
        return
    # few long rows (the data stays small): vocabularies of 32000 and 128256
    x = gen.llm_logits(rng, (1, 32000), F32)
    cs.half("bfloat16", bits("bfloat16", x), lambda v: cs.softmax("softmax", v, None, None, "bfloat16 1x32000",
                                                                  "bf16-n32000", ["large"]))
    cs.half("float16", bits("float16", x), lambda v: cs.softmax("log-softmax", v, None, None, "float16 1x32000",
                                                                "f16-n32000", ["large"]))
    x = gen.llm_logits(rng, (1, 128256), F32)
    tl = np.array([int(rng.integers(0, 128256))], I64)
    cs.half("float16", bits("float16", x), lambda v: (
        cs.softmax("softmax", v, None, None, "float16 1x128256", "f16-n128256", ["large"]),
        cs.lse(v, None, False, "float16 1x128256", "f16-n128256", ["large"]),
        cs.ce(v, tl, None, None, None, 0.1, "float16 1x128256", "f16-n128256", ["large"])))
    cs.half("bfloat16", bits("bfloat16", x), lambda v: (
        cs.softmax("log-softmax", v, None, None, "bfloat16 1x128256", "bf16-n128256", ["large"]),
        cs.lse(v, None, False, "bfloat16 1x128256", "bf16-n128256", ["large"]),
        cs.ce(v, tl, None, None, None, None, "bfloat16 1x128256", "bf16-n128256", ["large"])))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--no-large", action="store_true")
    ap.add_argument("--clean", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(1)
    if a.clean and os.path.isdir(a.out):
        for fn in os.listdir(a.out):
            if fn.endswith(".npy") or fn == "cases.json":
                os.remove(os.path.join(a.out, fn))
    cs = HalfCaseSet(a.out, a.seed, "half")
    build(cs, large=not a.no_large)
    counts = cs.write()
    total = sum(os.path.getsize(os.path.join(a.out, f)) for f in os.listdir(a.out))
    print(f"{len(cs.cases)} cases, {len(os.listdir(a.out))} files, {total / 1e6:.2f} MB in {a.out}")
    for k in sorted(counts):
        print(f"  {k}: {counts[k]}")


if __name__ == "__main__":
    main()
