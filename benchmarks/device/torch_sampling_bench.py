#!/usr/bin/env python3
"""PyTorch baseline for `sample` (issue 12): the pipeline written the usual way (temperature,
top-k by topk, top-p by sort + cumsum, min-p, multinomial), one thread, float32, on 1x128256 and
32x128256 (T 0.7, top-k 50, top-p 0.9, min-p 0.05); also torch.softmax for scale. Prints the
best of 7 batches in microseconds per call."""
import time

import torch

torch.set_num_threads(1)


def sample(x, t=0.7, k=50, p=0.9, min_p=0.05):
    z = x / t
    kth = torch.topk(z, k, dim=-1).values[..., -1:]
    z = z.masked_fill(z < kth, -float("inf"))
    sz, si = torch.sort(z, descending=False, dim=-1)
    cum = torch.softmax(sz, -1).cumsum(-1)
    remove = cum <= 1 - p
    remove[..., -1:] = False
    z = z.masked_fill(remove.scatter(-1, si, remove), -float("inf"))
    probs = torch.softmax(z, -1)
    z = z.masked_fill(probs < min_p * probs.max(-1, keepdim=True).values, -float("inf"))
    return torch.multinomial(torch.softmax(z, -1), 1)


def full_sort_sample(x, t=0.7, k=50, p=0.9, min_p=0.05):
    """The HF order with a full sort first (what many servers do)."""
    z = x / t
    sz, si = torch.sort(z, descending=True, dim=-1)
    kth = sz[..., k - 1:k]
    sz = sz.masked_fill(sz < kth, -float("inf"))
    probs = torch.softmax(sz, -1)
    before = probs.cumsum(-1) - probs
    sz = sz.masked_fill(before >= p, -float("inf"))
    probs = torch.softmax(sz, -1)
    sz = sz.masked_fill(probs < min_p * probs[..., :1], -float("inf"))
    return si.gather(-1, torch.multinomial(torch.softmax(sz, -1), 1))


print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
with torch.no_grad():
    for rows in (1, 32):
        x = torch.randn(rows, 128256) * 3
        for name, f in [("softmax", lambda x: torch.softmax(x, -1)), ("sample-hf", sample),
                        ("sample-full-sort", full_sort_sample)]:
            f(x)
            reps = 20 if rows == 1 else 3
            best = float("inf")
            for _ in range(7):
                s = time.perf_counter_ns()
                for _ in range(reps):
                    f(x)
                best = min(best, (time.perf_counter_ns() - s) / reps)
            print(f"torch {name} {rows}x128256 {best / 1000:.1f} us/call")
