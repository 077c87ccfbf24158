#!/usr/bin/python3
"""Reference vectors for argmax, top-k, top log-probs and sample (issue 12), computed by PyTorch.

Run with a Python that has torch (tested with 1.13) and numpy:
    /usr/bin/python3 src/test/resources/conformance/sampling/gen.py
It rewrites cases.json beside this file (deterministic: fixed seeds). Special floats are written
as the strings "nan", "inf" and "-inf" (JSON has no literal for them).

The sample reference is the pipeline written the usual PyTorch / Hugging Face way, in float64:
logit bias; repetition penalty (HF RepetitionPenaltyLogitsProcessor: gather, x<0 ? x*r : x/r,
scatter, so a repeated token is penalised once); presence/frequency penalties (vLLM: x -= f*count
+ a*(count>0), counts by bincount); temperature (T = 0: torch.argmax of the processed logits);
top-k (HF TopKLogitsWarper: remove x < topk(x, k).values[-1], ties kept); top-p (a full stable
descending sort + cumsum: keep a token while the probability before it is < p, so ties at the
boundary go to the lower index); min-p (HF MinPLogitsWarper: remove p < min_p * max p); then the
draw by inverse CDF in vocabulary order with the given u: the first index whose cumulative kept
probability exceeds u * S. u is placed inside a token's interval, away from both ends by more
than 1e-6 of S, and top-p / min-p thresholds are checked to sit more than 1e-6 from a boundary,
so every case has one right answer whatever the summation order.
"""
import json
import math
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
MARGIN = 1e-6


def enc(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def encl(a):
    return [enc(v) for v in np.asarray(a).reshape(-1).tolist()]


class Ambiguous(Exception):
    pass


def process(x, p, hist, bias):
    """The logits after bias, penalties and temperature (None for T = 0), float64."""
    z = x.clone()
    for tok, val in bias.items():
        z[tok] += val
    ids = torch.tensor([h for h in hist if h >= 0], dtype=torch.long)
    if len(ids) > 0:
        r = p["repetition_penalty"]
        score = torch.gather(z, 0, ids)
        score = torch.where(score < 0, score * r, score / r)
        z = z.scatter(0, ids, score)
        counts = torch.bincount(ids, minlength=z.shape[0]).double()
        z = z - p["frequency_penalty"] * counts - p["presence_penalty"] * (counts > 0).double()
    return z


def sample_row(x, p, hist, bias, rng, u=None):
    """(token, logprob, u) for one row; raises Ambiguous when a threshold sits on a boundary."""
    raw = x.double()
    z = process(raw, p, hist, bias)
    lp_all = torch.log_softmax(raw, 0)
    if torch.isnan(z).any() or torch.isposinf(z).any() or torch.isneginf(z).all():
        return -1, float("nan"), 0.5 if u is None else u
    if p["temperature"] == 0:
        tok = int(torch.argmax(z))
        return tok, float(lp_all[tok]), 0.5 if u is None else u
    z = z / p["temperature"]
    n = z.shape[0]
    k = p["top_k"]
    if 0 < k < n:
        kth = torch.topk(z, k).values[-1]
        z = z.masked_fill(z < kth, -math.inf)
    probs = torch.softmax(z, 0)
    if p["top_p"] < 1:
        sp, si = torch.sort(probs, descending=True, stable=True)
        before = torch.cumsum(sp, 0) - sp
        live = sp > 0
        if (live & ((before - p["top_p"]).abs() <= MARGIN)).any():
            raise Ambiguous("top_p")
        remove = before >= p["top_p"]
        remove[0] = False
        z = z.masked_fill(torch.zeros(n, dtype=torch.bool).scatter(0, si, remove), -math.inf)
        probs = torch.softmax(z, 0)
    if p["min_p"] > 0:
        thr = p["min_p"] * probs.max()
        live = probs > 0
        if (live & ((probs - thr).abs() <= MARGIN)).any():
            raise Ambiguous("min_p")
        z = z.masked_fill(probs < thr, -math.inf)
        probs = torch.softmax(z, 0)
    cum = torch.cumsum(probs, 0)
    if u is None:
        cand = [i for i in range(n) if probs[i] > 10 * MARGIN]
        tok = cand[int(rng.integers(len(cand)))]
        lo = float(cum[tok] - probs[tok])
        u = lo + float(probs[tok]) * (0.2 + 0.6 * float(rng.random()))
    tok = int(torch.nonzero(cum > u)[0]) if (cum > u).any() else int(torch.nonzero(probs > 0)[-1])
    lo = float(cum[tok] - probs[tok])
    if abs(u - lo) <= MARGIN or abs(float(cum[tok]) - u) <= MARGIN:
        raise Ambiguous("u")
    return tok, float(lp_all[tok]), u


PARAMS = ["temperature", "top_k", "top_p", "min_p", "repetition_penalty", "presence_penalty",
          "frequency_penalty"]
DEFAULTS = {"temperature": 1.0, "top_k": 0, "top_p": 1.0, "min_p": 0.0,
            "repetition_penalty": 1.0, "presence_penalty": 0.0, "frequency_penalty": 0.0}

cases = []


def tensor(x, dtype):
    """The logits as PyTorch holds them: float32 / float64, or float16 / bfloat16 rounded from
    float32 and computed as op(x.float()) (the up-conversion is exact)."""
    if dtype == "f16":
        return torch.tensor(np.asarray(x, dtype=float), dtype=torch.float32).half().float()
    if dtype == "bf16":
        return torch.tensor(np.asarray(x, dtype=float), dtype=torch.float32).bfloat16().float()
    return torch.tensor(x, dtype=torch.float32 if dtype == "f32" else torch.float64)


def add_sample(name, x, dtype, rows_params, hist=None, bias=None, rng=None, u=None):
    """rows_params: one dict per row (missing keys: defaults); hist: padded [N, L] with -1."""
    rng = rng or np.random.default_rng(len(cases))
    n_rows, vocab = x.shape
    xt = tensor(x, dtype)
    hist = hist if hist is not None else [[] for _ in range(n_rows)]
    bias = bias if bias is not None else [{} for _ in range(n_rows)]
    params = [{**DEFAULTS, **rp} for rp in rows_params]
    toks, lps, us = [], [], []
    for r in range(n_rows):
        for attempt in range(50):
            try:
                t, lp, ur = sample_row(xt[r], params[r], hist[r], bias[r], rng,
                                       None if u is None else u[r])
                break
            except Ambiguous:
                if u is not None:
                    raise
        else:
            raise SystemExit(name + ": no unambiguous draw")
        toks.append(t)
        lps.append(lp)
        us.append(ur)
    width = max([len(h) for h in hist] + [0])
    padded = [list(h) + [-1] * (width - len(h)) for h in hist]
    cases.append({
        "id": "s%03d-%s-%s" % (len(cases), name, dtype), "op": "sample", "dtype": dtype,
        "shape": [n_rows, vocab], "x": encl(xt.double().numpy()),
        "params": {k: [params[r][k] for r in range(n_rows)] for k in PARAMS},
        "history": padded, "history_length": width,
        "bias": [[[int(t), enc(v)] for t, v in b.items()] for b in bias],
        "u": us, "tokens": toks, "logprobs": encl(lps),
    })


def add_select(name, x, dtype, k=None, axis=-1):
    xt = tensor(x, dtype)
    base = {"dtype": dtype, "shape": list(xt.shape), "x": encl(xt.double().numpy())}
    am = torch.argmax(xt, dim=axis)
    cases.append({**base, "id": "a%03d-%s-%s" % (len(cases), name, dtype), "op": "argmax",
                  "axis": axis, "indices": am.reshape(-1).tolist()})
    if k is not None:
        v, i = torch.sort(xt, dim=-1, descending=True, stable=True)
        cases.append({**base, "id": "k%03d-%s-%s" % (len(cases), name, dtype), "op": "topk",
                      "k": k, "values": encl(v[..., :k].double().numpy()),
                      "indices": i[..., :k].reshape(-1).tolist()})
        lsm = torch.log_softmax(xt.double(), dim=-1)
        lv, li = torch.sort(lsm, dim=-1, descending=True, stable=True)
        cases.append({**base, "id": "l%03d-%s-%s" % (len(cases), name, dtype), "op": "toplogprobs",
                      "k": k, "values": encl(lv[..., :k].numpy()),
                      "indices": li[..., :k].reshape(-1).tolist()})


def main():
    rng = np.random.default_rng(2026)
    inf = math.inf
    nan = math.nan
    # ---- argmax / top-k / top log-probs
    for dt in ["f32", "f64"]:
        add_select("ties", [[1, 3, 3, 2, 3, 0]], dt, k=3)
        add_select("ties-at-kth", [[5, 1, 4, 4, 4, 2, 4]], dt, k=2)
        add_select("neg-inf", [[-inf, -inf, 1, -inf], [-inf, -inf, -inf, -inf]], dt, k=2)
        add_select("nan", [[1, nan, 7, nan, 2]], dt, k=3)
        add_select("k0", [[1, 2, 3]], dt, k=0)
        add_select("k-all", [[0.5, -0.5, 0.25, 0.5]], dt, k=4)
        add_select("random", rng.normal(size=(3, 200)).round(1), dt, k=10)
        x3 = rng.integers(0, 3, size=(3, 4, 5)).astype(float)
        for ax in [0, 1, 2, -2]:
            add_select("axis%d" % ax, x3, dt, axis=ax)
    # ---- sample
    for dt in ["f32", "f64"]:
        add_sample("plain", rng.normal(size=(4, 50)), dt, [{}] * 4, rng=rng)
        add_sample("greedy", np.array([[1, 5, 5, 2], [0, -1, 3, 3]], float), dt,
                   [{"temperature": 0.0}] * 2, rng=rng)
        tie = np.array([[3, 2, 2, 2, 1, 0, -1, 2]], float)
        add_sample("topk-ties-kept", np.repeat(tie, 6, 0), dt,
                   [{"top_k": 2, "temperature": 1.0}] * 6, rng=rng,
                   u=[0.05, 0.3, 0.55, 0.7, 0.85, 0.97])
        add_sample("topk-1", rng.normal(size=(3, 30)), dt, [{"top_k": 1}] * 3, rng=rng)
        add_sample("topp", rng.normal(size=(4, 40)), dt,
                   [{"top_p": 0.5}, {"top_p": 0.9}, {"top_p": 0.1}, {"top_p": 0.99}], rng=rng)
        # top-p boundary: probabilities 0.4 0.3 0.2 0.1: p = 0.69 keeps 2, p = 0.71 keeps 3
        lg = np.log(np.array([[0.1, 0.4, 0.2, 0.3]]))
        add_sample("topp-boundary", np.repeat(lg, 4, 0), dt,
                   [{"top_p": 0.69}, {"top_p": 0.71}, {"top_p": 0.69}, {"top_p": 0.71}], rng=rng,
                   u=[0.99, 0.99, 0.5, 0.8])
        # equal probabilities at the top-p boundary: the lower index is kept first
        eq = np.log(np.array([[0.2, 0.2, 0.2, 0.2, 0.2]]))
        add_sample("topp-ties", np.repeat(eq, 3, 0), dt, [{"top_p": 0.5}] * 3, rng=rng,
                   u=[0.1, 0.5, 0.9])
        add_sample("minp", rng.normal(size=(3, 60)) * 2, dt,
                   [{"min_p": 0.05}, {"min_p": 0.3}, {"min_p": 0.9}], rng=rng)
        hist = [[1, 1, 1, 4, 7, 7], [0, 2], [5, 5, 5, 5]]
        add_sample("penalties", rng.normal(size=(3, 10)), dt,
                   [{"repetition_penalty": 1.3, "temperature": 0.0},
                    {"repetition_penalty": 0.8, "presence_penalty": 0.5, "frequency_penalty": 0.3},
                    {"frequency_penalty": 1.0, "temperature": 0.0}], hist=hist, rng=rng)
        add_sample("penalties-sampled", rng.normal(size=(3, 10)), dt,
                   [{"repetition_penalty": 1.5, "presence_penalty": 0.2, "frequency_penalty": 0.4}] * 3,
                   hist=[[3, 3, 9], [], [0, 0, 0, 0, 1]], rng=rng)
        add_sample("bias", rng.normal(size=(3, 12)), dt, [{}, {"temperature": 0.0}, {"top_k": 3}],
                   bias=[{3: 4.0, 5: -inf}, {0: 10.0}, {1: -2.5}], rng=rng)
        x = rng.normal(size=(3, 16))
        x[0, :8] = -inf
        x[1, :] = -inf
        x[1, 3] = 0.0
        x[2, ::2] = -inf
        add_sample("neg-inf", x, dt, [{"top_p": 0.8}, {}, {"top_k": 3, "temperature": 0.5}], rng=rng)
        add_sample("no-distribution", np.array([[-inf, -inf, -inf], [1, nan, 2], [0, inf, 1]]), dt,
                   [{}, {"temperature": 0.0}, {}], rng=rng)
        add_sample("mixed-rows", rng.normal(size=(5, 64)) * 1.5, dt,
                   [{"temperature": 0.7, "top_k": 50, "top_p": 0.9, "min_p": 0.05},
                    {"temperature": 0.0},
                    {"temperature": 1.3, "top_p": 0.6},
                    {"top_k": 5, "repetition_penalty": 1.2},
                    {"temperature": 0.5, "min_p": 0.1, "frequency_penalty": 0.5}],
                   hist=[[1, 2, 3], [4], [5, 5], [6, 6, 6, 7], [8, 8]], rng=rng)
        add_sample("vocab-1000", rng.normal(size=(4, 1000)) * 3, dt,
                   [{"temperature": 0.7, "top_k": 50, "top_p": 0.9, "min_p": 0.05}] * 4, rng=rng)
        add_sample("vocab-1", np.array([[0.3], [-inf]]), dt, [{}, {}], rng=rng)
    # ---- 16-bit logits (issue 13): every op on float16 / bfloat16 rows, short and long
    for dt in ["f16", "bf16"]:
        add_select("ties", [[1, 3, 3, 2, 3, 0]], dt, k=3)
        add_select("nan", [[1, nan, 7, nan, 2]], dt, k=3)
        add_select("neg-inf", [[-inf, -inf, 1, -inf], [-inf, -inf, -inf, -inf]], dt, k=2)
        add_select("extremes", [[65504, -65504, 2.0 ** -24, 0, -inf, 1e-3]], dt, k=3)
        add_select("random", rng.normal(size=(3, 70)) * 3, dt, k=10)
        add_select("long", rng.normal(size=(1, 32000)) * 3, dt, k=20)
        add_sample("mixed-rows", rng.normal(size=(5, 64)) * 1.5, dt,
                   [{"temperature": 0.7, "top_k": 50, "top_p": 0.9, "min_p": 0.05},
                    {"temperature": 0.0},
                    {"temperature": 1.3, "top_p": 0.6},
                    {"top_k": 5, "repetition_penalty": 1.2},
                    {"temperature": 0.5, "min_p": 0.1, "frequency_penalty": 0.5}],
                   hist=[[1, 2, 3], [4], [5, 5], [6, 6, 6, 7], [8, 8]], rng=rng)
        add_sample("no-distribution", np.array([[-inf, -inf, -inf], [1, nan, 2], [0, inf, 1]]), dt,
                   [{}, {"temperature": 0.0}, {}], rng=rng)
    # ---- long rows (the candidate scan and the pass without top-k)
    for dt in ["f32", "f16", "bf16"]:
        add_sample("vocab-4096", rng.normal(size=(2, 4096)) * 3, dt,
                   [{"temperature": 0.7, "top_k": 50, "top_p": 0.9, "min_p": 0.05},
                    {"temperature": 0.0, "repetition_penalty": 1.3}],
                   hist=[[5, 9, 9, 4095], [int(i) for i in rng.integers(0, 4096, 20)]],
                   bias=[{7: 3.0}, {}], rng=rng)
        add_sample("vocab-3000-no-topk", rng.normal(size=(2, 3000)) * 0.5, dt,
                   [{"temperature": 1.0}, {"top_p": 0.5}], hist=[[1, 1, 2], []], rng=rng)
        add_sample("vocab-3000-minp", rng.normal(size=(1, 3000)) * 3, dt,
                   [{"min_p": 0.3, "temperature": 1.5, "repetition_penalty": 1.2}],
                   hist=[[2999, 17]], rng=rng)
    with open(os.path.join(HERE, "cases.json"), "w") as f:
        json.dump({"generator": "gen.py", "torch": torch.__version__, "cases": cases}, f,
                  allow_nan=False)
        f.write("\n")
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
