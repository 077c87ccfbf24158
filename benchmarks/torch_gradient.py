#!/usr/bin/python3
"""PyTorch's forward + backward of F.cross_entropy (and the forward alone), one thread, on
GradientBench's shapes and data distribution (float32 logits N(0, 3^2), int64 targets, reduction
mean): the issue-27 peer, run in the same session as the JMH run it is compared with.

    /usr/bin/python3 benchmarks/torch_gradient.py
Prints one line per shape: median and min / max of 7 rounds, in ms per call.
"""
import time

import torch
import torch.nn.functional as F


def timed(fn, rounds=7, calls=5):
    fn()
    out = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        out.append((time.perf_counter() - t0) / calls * 1e3)
    out.sort()
    return out[len(out) // 2], out[0], out[-1]


def main():
    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(27)
    for n, c in ((2048, 32000), (8, 128256)):
        x = (torch.randn(n, c, generator=g) * 3).requires_grad_(True)
        t = torch.randint(0, c, (n,), generator=g)

        def fwd():
            with torch.no_grad():
                F.cross_entropy(x, t)

        def fwd_bwd():
            x.grad = None
            F.cross_entropy(x, t).backward()

        for name, fn in (("forward", fwd), ("forward+backward", fwd_bwd)):
            med, lo, hi = timed(fn)
            print("torch %s %dx%d %s: %.3f ms (min %.3f, max %.3f)"
                  % (torch.__version__, n, c, name, med, lo, hi))


if __name__ == "__main__":
    main()
