#!/usr/bin/python3
"""Reference vectors for the ops around the loss (issue 27), computed by PyTorch autograd.

Run with a Python that has torch (tested with 1.13, Debian's python3-torch) and numpy:
    /usr/bin/python3 src/test/resources/conformance/gradients/gen.py
It rewrites cases.json beside this file (deterministic: fixed seeds). Special floats are written
as the strings "nan", "inf" and "-inf". 16-bit logits are given as their bits ("x_bits") and as
the float values they hold ("x"); every reference is computed in float64 from the values the
library receives (the logits after rounding to the case's dtype), so it holds for every dtype.

Ops:
- "ce_grad": torch.nn.functional.cross_entropy(x, t, weight, ignore_index, reduction,
  label_smoothing) in float64; "loss" is the forward's value (a list of one per position for
  reduction none), "grad" is torch.autograd.grad(loss, x, upstream) with upstream = "upstream"
  (one value for mean / sum, one per position for none).
- "token_logprobs": log_softmax(x, -1).gather(-1, t) with positions whose token is ignore_index
  set to 0; "seq" the per-sequence sums over s < lengths[b].
- "softmax_backward" / "log_softmax_backward": x in float64, y = softmax(x, axis) (or
  log_softmax), "grad" = autograd.grad(y, x, g); "y" (the input the library gets) is y rounded
  to the case's dtype.
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))


def enc(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def encl(a):
    return [enc(v) for v in np.asarray(a, dtype=np.float64).reshape(-1).tolist()]


TORCH_DT = {"f32": torch.float32, "f64": torch.float64, "f16": torch.float16, "bf16": torch.bfloat16}


def rounded(x64, dtype):
    """The logits as the library receives them: rounded to dtype, back in float64, and the bits."""
    r = x64.to(TORCH_DT[dtype])
    bits = None
    if dtype in ("f16", "bf16"):
        bits = r.view(torch.int16).reshape(-1).tolist()
        bits = [b & 0xFFFF for b in bits]
    return r.to(torch.float64), bits


def logits_entry(case, x, dtype):
    xr, bits = rounded(x, dtype)
    case["dtype"] = dtype
    case["shape"] = list(x.shape)
    case["x"] = encl(xr.numpy())
    if bits is not None:
        case["x_bits"] = bits
    return xr


def ce_case(cid, gen, shape, dtype, probs, weight, ignore, smoothing, reduction, special=None,
            target_dtype="i64"):
    n, c = shape[0], shape[1]
    x = torch.randn(*shape, generator=gen, dtype=torch.float64) * 3
    if special == "neg_inf":
        x[0, 0] = -math.inf
        if len(shape) == 2 and n > 1:
            x[1, :] = x[1, :]          # a row kept ordinary
            x[min(2, n - 1), 1] = -math.inf
    if special == "large":
        x = x * 1e3 + 5e3
    if special == "ignored_nonfinite":
        x[1, :] = -math.inf
        x[2, 3 % c] = math.nan
        x[3, 0] = math.inf
    case = {"id": cid, "op": "ce_grad"}
    xr = logits_entry(case, x, dtype)
    tshape = [shape[0]] + list(shape[2:])
    if probs:
        q = torch.softmax(torch.randn(*shape, generator=gen, dtype=torch.float64), dim=1)
        q = q.to(TORCH_DT["f64" if dtype == "f64" else "f32"]).to(torch.float64)
        target = q
        case["targets"] = encl(q.numpy())
        case["target_dtype"] = "f64" if dtype == "f64" else "f32"
    else:
        t = torch.randint(0, c, tshape, generator=gen)
        if special == "neg_inf":
            t.view(-1)[0] = 0          # the target's own logit is -inf
        if ignore is not None and special != "all_ignored":
            flat = t.view(-1)
            flat[1 % flat.numel()] = ignore
        if special == "all_ignored":
            t.fill_(ignore)
        if special == "ignored_nonfinite":
            # padding rows that are not finite: autograd gives NaN there, not 0
            t.view(-1)[1] = ignore
            t.view(-1)[2] = ignore
            t.view(-1)[3] = ignore
        target = t
        case["targets"] = t.reshape(-1).tolist()
        case["target_dtype"] = target_dtype
    w = None
    if weight == "some":
        w = torch.rand(c, generator=gen, dtype=torch.float64) * 2
        w = w.to(torch.float32).to(torch.float64)   # the library keeps float32 weights exactly
        if special == "zero_weight":
            w[:] = 0
        case["weight"] = encl(w.numpy())
    case["ignore_index"] = ignore if ignore is not None else -100
    case["label_smoothing"] = smoothing
    case["reduction"] = reduction
    xg = xr.clone().requires_grad_(True)
    loss = F.cross_entropy(xg, target, weight=w, ignore_index=case["ignore_index"],
                           reduction=reduction, label_smoothing=smoothing)
    if reduction == "none":
        up = torch.randn(*loss.shape, generator=gen, dtype=torch.float64)
        up = up.to(TORCH_DT["f64" if dtype == "f64" else "f32"]).to(torch.float64)
    else:
        up = torch.tensor(0.75, dtype=torch.float64)
    (grad,) = torch.autograd.grad(loss, xg, up)
    case["loss"] = encl(loss.detach().numpy())
    case["upstream"] = encl(up.numpy())
    case["grad"] = encl(grad.numpy())
    return case


def logprob_case(cid, gen, b, s, v, dtype, ignore, special=None):
    x = torch.randn(b, s, v, generator=gen, dtype=torch.float64) * 4
    if special == "neg_inf":
        x[0, 0, :v // 2] = -math.inf
    case = {"id": cid, "op": "token_logprobs"}
    xr = logits_entry(case, x, dtype)
    t = torch.randint(0, v, (b, s), generator=gen)
    if special == "neg_inf":
        t[0, 0] = v - 1
    t[0, s - 1] = ignore
    lengths = torch.randint(0, s + 1, (b,), generator=gen)
    lp = torch.log_softmax(xr, dim=-1)
    safe = torch.where(t == ignore, torch.zeros_like(t), t)
    g = lp.gather(-1, safe[..., None])[..., 0]
    g = torch.where(t == ignore, torch.zeros_like(g), g)
    p = torch.softmax(xr, dim=-1)
    ent = -(p * torch.where(p > 0, lp, torch.zeros_like(lp))).sum(-1)
    seq = torch.stack([g[i, :int(lengths[i])].sum() for i in range(b)])
    case.update({"tokens": t.reshape(-1).tolist(), "ignore_index": ignore,
                 "lengths": lengths.tolist(), "logprobs": encl(g.numpy()),
                 "entropy": encl(ent.numpy()), "seq": encl(seq.numpy())})
    return case


def backward_case(cid, gen, shape, axis, dtype, log):
    x = torch.randn(*shape, generator=gen, dtype=torch.float64) * 3
    xg = x.clone().requires_grad_(True)
    y = torch.log_softmax(xg, dim=axis) if log else torch.softmax(xg, dim=axis)
    g = torch.randn(*shape, generator=gen, dtype=torch.float64)
    g = g.to(TORCH_DT[dtype]).to(torch.float64)
    (gx,) = torch.autograd.grad(y, xg, g)
    yr = y.detach().to(TORCH_DT[dtype]).to(torch.float64)
    return {"id": cid, "op": "log_softmax_backward" if log else "softmax_backward", "dtype": dtype,
            "shape": list(shape), "axis": axis, "y": encl(yr.numpy()), "g": encl(g.numpy()),
            "grad": encl(gx.numpy())}


def main():
    gen = torch.Generator().manual_seed(27)
    cases = []
    k = 0
    for dtype in ("f32", "f64", "f16", "bf16"):
        for probs in (False, True):
            for weight in (None, "some"):
                for smoothing in (0.0, 0.1):
                    for reduction in ("mean", "sum", "none"):
                        for shape in ((5, 7), (3, 4, 5), (2, 300)):
                            ignore = None if probs else (-100 if k % 2 else 2)
                            cases.append(ce_case("ce%04d" % k, gen, shape, dtype, probs, weight,
                                                 ignore, smoothing, reduction,
                                                 target_dtype="i32" if k % 3 == 0 else "i64"))
                            k += 1
    for dtype in ("f32", "f64"):
        for special in ("neg_inf", "all_ignored", "zero_weight", "large"):
            for smoothing in (0.0, 0.2):
                for reduction in ("mean", "sum", "none"):
                    cases.append(ce_case("ce%04d-%s" % (k, special), gen, (4, 6), dtype, False,
                                         "some" if special == "zero_weight" else None, -100,
                                         smoothing, reduction, special))
                    k += 1
            cases.append(ce_case("ce%04d-%s-probs" % (k, special), gen, (4, 6), dtype, True, None,
                                 None, 0.1, "mean", special if special in ("neg_inf", "large") else None))
            k += 1
    for dtype in ("f32", "f64", "f16", "bf16"):
        for special in (None, "neg_inf"):
            cases.append(logprob_case("lp%04d" % k, gen, 3, 5, 33, dtype, -100, special))
            k += 1
        cases.append(logprob_case("lp%04d-long" % k, gen, 2, 3, 1000, dtype, 7))
        k += 1
    for dtype in ("f32", "f64"):
        for log in (False, True):
            for shape, axis in (((4, 9), -1), ((3, 5, 4), 1), ((2, 70), 1), ((6,), 0)):
                cases.append(backward_case("bw%04d" % k, gen, shape, axis, dtype, log))
                k += 1
    # ignored rows with a NaN, a +inf or only -inf (appended): NaN gradients, as autograd
    for dtype in ("f32", "f64"):
        for shape in ((4, 6), (4, 300), (4, 6, 3)):
            for smoothing in (0.0, 0.1):
                cases.append(ce_case("ce%04d-ignored_nonfinite" % k, gen, shape, dtype, False, None, -100,
                                     smoothing, "sum", "ignored_nonfinite"))
                k += 1
    # long rows (appended: the cases above keep their values): the native backward sums a row in
    # float lanes, block by block
    for dtype in ("f32", "f64"):
        for log in (False, True):
            cases.append(backward_case("bw%04d-long" % k, gen, (3, 5000), -1, dtype, log))
            k += 1
    with open(os.path.join(HERE, "cases.json"), "w") as f:
        json.dump({"generator": "gen.py", "torch": torch.__version__, "cases": cases}, f)
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
