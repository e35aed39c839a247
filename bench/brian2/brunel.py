"""Brunel 2000 network as in NEST's brunel_delta_nest example, in Brian2, for bench/snn-cuba.ts.

Delta synapses (voltage jumps), fixed in-degree (multapses and autapses allowed),
input during the refractory period discarded, external drive an independent
Poisson count per neuron per step. Builds once, runs the binary --repeats times and
prints one JSON object like cuba.py.

usage: python3 brunel.py [--scale 1] [--dt 0.1] [--duration 1000] [--seed 1] [--vreset 0]
                         [--repeats 3] [--threads 1] [--device cpp_standalone]
"""
import argparse

import numpy as np

from standalone import cv_isi, device, report, run

ap = argparse.ArgumentParser()
ap.add_argument('--scale', type=float, default=1.0)
ap.add_argument('--dt', type=float, default=0.1)
ap.add_argument('--duration', type=float, default=1000.0)
ap.add_argument('--seed', type=int, default=1)
ap.add_argument('--vreset', type=float, default=0.0)
ap.add_argument('--repeats', type=int, default=3)
ap.add_argument('--threads', type=int, default=1)
ap.add_argument('--device', default='cpp_standalone')
args = ap.parse_args()

import brian2 as b2  # noqa: E402
from brian2 import mV, ms  # noqa: E402

build_dir = device(b2, args.device, 'brian2-brunel-', args.threads)
b2.defaultclock.dt = args.dt * ms
b2.seed(args.seed)

NE = int(round(10000 * args.scale))
NI = int(round(2500 * args.scale))
CE, CI = 1000, 250  # in-degree kept fixed when scaling
J, g, eta = 0.1 * mV, 5.0, 2.0
theta, tau, tref, D = 20 * mV, 20 * ms, 2 * ms, 1.5 * ms
Vr = args.vreset * mV
nu_th = theta / (J * CE * tau)
nu_ext = eta * nu_th

eqs = 'dv/dt = -v/tau : volt (unless refractory)'
P = b2.NeuronGroup(NE + NI, eqs, threshold='v>=theta', reset='v = Vr', refractory=tref, method='exact')
P.v = 0 * mV
# external drive: CE independent Poisson trains at nu_ext (20 kHz in all), drawn as one binomial
# count per neuron per step; Brian2 applies it only to non-refractory neurons because v is
# declared (unless refractory)
ext = b2.PoissonInput(P, 'v', N=CE, rate=nu_ext, weight=J)
pre_e = np.random.default_rng(args.seed).integers(0, NE, size=(NE + NI) * CE)
pre_i = np.random.default_rng(args.seed + 1).integers(NE, NE + NI, size=(NE + NI) * CI)
post_e = np.repeat(np.arange(NE + NI), CE)
post_i = np.repeat(np.arange(NE + NI), CI)
S = b2.Synapses(P, P, 'w : volt', on_pre='v += w*int(not_refractory_post)', delay=D)
S.connect(i=np.concatenate([pre_e, pre_i]), j=np.concatenate([post_e, post_i]))
S.w[: len(pre_e)] = J
S.w[len(pre_e):] = -g * J
M = b2.SpikeMonitor(P)

timing = run(b2, args.duration * ms, build_dir, args.repeats)

i = np.asarray(M.i[:])
t = np.asarray(M.t[:] / ms)
dur_s = args.duration / 1000.0
report(b2, args.device, {
    'n': NE + NI, 'dt': args.dt, 'durationMs': args.duration, 'seed': args.seed,
    'threads': args.threads,
    'synapses': int(len(S)),
    'spikes': int(M.num_spikes),
    'meanRateHz': M.num_spikes / (NE + NI) / dur_s,
    'meanRateExcHz': float(np.sum(i < NE)) / NE / dur_s,
    'meanRateInhHz': float(np.sum(i >= NE)) / NI / dur_s,
    'cvIsi': cv_isi(np, i, t, NE + NI),
}, timing)
