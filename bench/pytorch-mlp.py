"""PyTorch baseline for bench/ann-train.ts: the same MLP, data and schedule on one thread.

Usage: python3 pytorch-mlp.py <x.f32> <y.i32> <features> <epochs> <rounds>
Prints one JSON line: samples/s per round (SGD) and test-free timing only.
"""
import json
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
x_path, y_path, features, epochs, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
x = torch.from_numpy(np.fromfile(x_path, dtype=np.float32).reshape(-1, features))
y = torch.from_numpy(np.fromfile(y_path, dtype=np.int32).astype(np.int64))
n = x.shape[0]


def train_once(seed):
    torch.manual_seed(seed)
    model = torch.nn.Sequential(torch.nn.Linear(features, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_fn = torch.nn.CrossEntropyLoss()
    t0 = time.perf_counter()
    for _ in range(epochs):
        perm = torch.randperm(n)
        for s in range(0, n, 64):
            idx = perm[s : s + 64]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
    return n * epochs / (time.perf_counter() - t0)


train_once(0)  # warm-up
print(json.dumps({"torch": torch.__version__, "samplesPerSecond": [train_once(r + 1) for r in range(rounds)]}))
