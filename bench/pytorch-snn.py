"""PyTorch baseline for bench/snn-train.ts: snnTorch tutorial 5's network in PyTorch ops on one thread.

784-1000-10 LIF, beta 0.95, threshold 1, reset by subtraction, ATan surrogate (alpha 2) with the reset
detached, cross-entropy on the output membrane summed over 25 steps, Adam 5e-4, batch 128. The dynamics
are spikelab's (the engine's): the reset acts within the tick of the spike, and the output layer sees the
hidden spikes of the previous tick. The image is a constant current, so fc1(x) is computed once per batch
(the tutorial recomputes it every step; the result is the same).

Usage: python3 pytorch-snn.py <x.f32> <y.i32> <batches> <rounds>
Prints one JSON line: samples/s per round.
"""
import json
import math
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
x_path, y_path, batches, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
x = torch.from_numpy(np.fromfile(x_path, dtype=np.float32).reshape(-1, 784))
y = torch.from_numpy(np.fromfile(y_path, dtype=np.int32).astype(np.int64))
n = x.shape[0]
T, BETA, ALPHA, BATCH = 25, 0.95, 2.0, 128


class ATan(torch.autograd.Function):
    @staticmethod
    def forward(ctx, u):
        ctx.save_for_backward(u)
        return (u > 0).float()

    @staticmethod
    def backward(ctx, g):
        (u,) = ctx.saved_tensors
        return g * (ALPHA / 2) / (1 + (math.pi / 2 * ALPHA * u) ** 2)


spike = ATan.apply


def forward(fc1, fc2, xb):
    cur1 = fc1(xb)
    b = xb.shape[0]
    v1 = torch.zeros(b, 1000)
    v2 = torch.zeros(b, 10)
    s_prev = torch.zeros(b, 1000)
    mems = []
    for _ in range(T):
        cur2 = fc2(s_prev)
        u1 = BETA * v1 + cur1
        s1 = spike(u1 - 1.0)
        v1 = u1 - s1.detach()
        u2 = BETA * v2 + cur2
        s2 = spike(u2 - 1.0)
        v2 = u2 - s2.detach()
        mems.append(v2)
        s_prev = s1
    return torch.stack(mems)


def train_once(seed):
    torch.manual_seed(seed)
    fc1, fc2 = torch.nn.Linear(784, 1000), torch.nn.Linear(1000, 10)
    opt = torch.optim.Adam(list(fc1.parameters()) + list(fc2.parameters()), lr=5e-4, betas=(0.9, 0.999))
    loss_fn = torch.nn.CrossEntropyLoss()
    perm = torch.randperm(n)
    t0 = 0.0
    for k in range(batches + 1):
        if k == 1:
            t0 = time.perf_counter()  # the first batch untimed, as in bench/snn-train.ts
        idx = perm[k * BATCH : (k + 1) * BATCH]
        mem = forward(fc1, fc2, x[idx])
        loss = sum(loss_fn(mem[t], y[idx]) for t in range(T))
        opt.zero_grad()
        loss.backward()
        opt.step()
    return batches * BATCH / (time.perf_counter() - t0)


train_once(0)  # warm-up
print(json.dumps({"torch": torch.__version__, "samplesPerSecond": [train_once(r + 1) for r in range(rounds)]}))
