"""CUBA (Brette et al. 2007, Benchmark 2; Vogels & Abbott 2005) in Brian2, for bench/snn-cuba.ts.

The same definition as spikelab's sim/models/cuba: exact (linear) integration,
spikes applied to targets' ge/gi in the step they are detected. Prints one JSON
object: simulation-loop time (measured inside the generated binary), compile
time, spike count, mean rate and CV of ISIs.

usage: python3 cuba.py [--n 4000] [--dt 0.1] [--duration 1000] [--seed 1] [--device cpp_standalone|runtime]
"""
import argparse
import json
import os
import sys
import tempfile
import time

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument('--n', type=int, default=4000)
ap.add_argument('--dt', type=float, default=0.1)
ap.add_argument('--duration', type=float, default=1000.0)
ap.add_argument('--seed', type=int, default=1)
ap.add_argument('--device', default='cpp_standalone')
args = ap.parse_args()

import brian2 as b2  # noqa: E402
from brian2 import mV, ms  # noqa: E402

b2.prefs.codegen.target = 'numpy' if args.device == 'runtime' else 'auto'
build_dir = tempfile.mkdtemp(prefix='brian2-cuba-')
if args.device == 'cpp_standalone':
    b2.set_device('cpp_standalone', directory=build_dir, build_on_run=False)
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
# fixed fan-in: p scaled so each neuron receives from ~80 presynaptic neurons at any n
p = 0.02 * 4000 / n
Ce = b2.Synapses(P, P, on_pre='ge += we')
Ci = b2.Synapses(P, P, on_pre='gi += wi')
Ce.connect('i<n_exc', p=p)
Ci.connect('i>=n_exc', p=p)
M = b2.SpikeMonitor(P)

t0 = time.perf_counter()
b2.run(args.duration * ms)
if args.device == 'cpp_standalone':
    b2.device.build(directory=build_dir, compile=True, run=True, debug=False)
    total = time.perf_counter() - t0
    sim_s = float(b2.device._last_run_time)
else:
    total = time.perf_counter() - t0
    sim_s = total

i = np.asarray(M.i[:])
t = np.asarray(M.t[:] / ms)
dur_s = args.duration / 1000.0
cvs = []
for k in range(n):
    ts = np.sort(t[i == k])
    if len(ts) >= 3:
        isi = np.diff(ts)
        cvs.append(isi.std() / isi.mean())
print(json.dumps({
    'simulator': f'brian2 {b2.__version__} {args.device}',
    'n': n, 'dt': args.dt, 'durationMs': args.duration, 'seed': args.seed,
    'synapses': int(len(Ce) + len(Ci)),
    'spikes': int(M.num_spikes),
    'meanRateHz': M.num_spikes / n / dur_s,
    'cvIsi': float(np.mean(cvs)) if cvs else None,
    'simulationSeconds': sim_s,
    'compileAndBuildSeconds': total - sim_s,
}))
