"""CUBA (Brette et al. 2007, Benchmark 2; Vogels & Abbott 2005) in Brian2, for bench/snn-cuba.ts.

The same definition as spikelab's sim/models/cuba: exact (linear) integration,
fan-in 80 at any n (p = 0.02 * 4000 / n), spikes applied to targets' ge/gi in the
step they are detected (spikelab: one tick later). Connections are drawn with
Brian2's sample() generator, O(synapses) rather than a test of every pair. Builds
once, runs the binary --repeats times and prints one JSON object (see standalone.py
for the timings), with spike count, mean rate and CV of ISIs of the last run.

usage: python3 cuba.py [--n 4000] [--dt 0.1] [--duration 1000] [--seed 1] [--repeats 3] [--threads 1]
                       [--device cpp_standalone|cython|runtime]
"""
import argparse

import numpy as np

from standalone import cv_isi, device, report, run

ap = argparse.ArgumentParser()
ap.add_argument('--n', type=int, default=4000)
ap.add_argument('--dt', type=float, default=0.1)
ap.add_argument('--duration', type=float, default=1000.0)
ap.add_argument('--seed', type=int, default=1)
ap.add_argument('--repeats', type=int, default=3)
ap.add_argument('--threads', type=int, default=1)
ap.add_argument('--device', default='cpp_standalone')
args = ap.parse_args()

import brian2 as b2  # noqa: E402
from brian2 import mV, ms  # noqa: E402

build_dir = device(b2, args.device, 'brian2-cuba-', args.threads)
b2.defaultclock.dt = args.dt * ms
b2.seed(args.seed)

n = args.n
n_exc = n * 4 // 5
taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV
eqs = '''
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
'''
P = b2.NeuronGroup(n, eqs, threshold='v>Vt', reset='v = Vr', refractory=5 * ms, method='exact')
P.v = 'Vr + rand() * (Vt - Vr)'
P.ge = 0 * mV
P.gi = 0 * mV
we = (60 * 0.27 / 10) * mV
wi = (-20 * 4.5 / 10) * mV
p = min(1.0, 0.02 * 4000 / n)
Ce = b2.Synapses(P[:n_exc], P, on_pre='ge += we')
Ci = b2.Synapses(P[n_exc:], P, on_pre='gi += wi')
Ce.connect(j='k for k in sample(N_post, p=p)')
Ci.connect(j='k for k in sample(N_post, p=p)')
M = b2.SpikeMonitor(P)

timing = run(b2, args.duration * ms, build_dir, args.repeats)

i = np.asarray(M.i[:])
t = np.asarray(M.t[:] / ms)
report(b2, args.device, {
    'n': n, 'dt': args.dt, 'durationMs': args.duration, 'seed': args.seed, 'threads': args.threads,
    'synapses': int(len(Ce) + len(Ci)),
    'spikes': int(M.num_spikes),
    'meanRateHz': M.num_spikes / n / (args.duration / 1000.0),
    'cvIsi': cv_isi(np, i, t, n),
}, timing)
