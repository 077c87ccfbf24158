#!/usr/bin/env python3
"""PyTorch single-thread CPU timings (float32, ns per element and per call) on the shapes of
`bin/logits4j bench`, for side-by-side comparison. Needs torch; prints one line per op x shape."""
import statistics
import sys
import time

import torch

torch.set_num_threads(1)
shapes = [(1, 10), (1024, 1000), (8, 32000), (65536, 10), (1, 128256), (2048, 32000)]
if len(sys.argv) > 1:
    shapes = [tuple(int(d) for d in s.split("x")) for s in sys.argv[1].split(",")]
ops = {
    "softmax": lambda x, t: torch.softmax(x, -1),
    "log-softmax": lambda x, t: torch.log_softmax(x, -1),
    "logsumexp": lambda x, t: torch.logsumexp(x, -1),
    "cross-entropy": lambda x, t: torch.nn.functional.cross_entropy(x, t),
}
print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
with torch.no_grad():
    for rows, cols in shapes:
        x = torch.randn(rows, cols) * 3
        t = torch.randint(0, cols, (rows,))
        n = rows * cols
        for name, f in ops.items():
            f(x, t)
            reps = max(1, int(2e6 // n))
            runs = []
            for _ in range(7):
                s = time.perf_counter_ns()
                for _ in range(reps):
                    f(x, t)
                runs.append((time.perf_counter_ns() - s) / reps)
            call = statistics.median(runs)
            print(f"torch {name} {rows}x{cols} {call / n:.3f} ns/element {call:.0f} ns/call")
