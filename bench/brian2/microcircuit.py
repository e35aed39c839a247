"""The Potjans & Diesmann 2014 cortical microcircuit in Brian2 (cpp_standalone).

The same definition as spikelab's sim/models/microcircuit.ts (tables from PD14 Table 5
and INM-6/microcircuit-PD14-model):
  - eight populations L23E, L23I, L4E, L4I, L5E, L5I, L6E, L6I of FULL_SIZES * scale
    neurons (rounded half up, at least 1), in-degrees kept: the synapse number of each
    projection is round(K * scale), K = ln(1 - C) / ln(1 - 1/(N_pre N_post)) at full size;
  - fixed total number with multapses and autapses: pre and post indices drawn uniformly
    (numpy, --seed) and passed to connect(i=..., j=...);
  - iaf_psc_exp neurons (C_m 250 pF, tau_m 10 ms, tau_syn 0.5 ms, E_L = V_reset = -65 mV,
    V_th -50 mV, t_ref 2 ms), integrated exactly; excitatory and inhibitory currents;
  - weights: PSP 0.15 mV (L4E -> L23E 0.3 mV), g = -4, turned into PSC amplitudes,
    normal with CV 0.1 truncated to the right sign;
  - delays: 1.5 ms (excitatory sources), 0.75 ms (inhibitory), CV 0.5, truncated to
    [dt/2, mean + 6 sd];
  - background: K_ext Poisson inputs at 8 Hz per neuron (PoissonInput onto the excitatory
    current, weight the excitatory PSC);
  - initial potentials: the reference's per-population normal.
The truncated normals are what spikelab's redraw-until-inside gives, sampled in one draw
by the inverse CDF (rand() mapped into [Phi(a), Phi(b)], then Phi^-1), in generated C++:
only the indices i and j are static arrays.

Prints one JSON object (timings as in standalone.py) with neurons, synapses and the mean
rate of each population after the warm-up (populationRatesHz, in the order above), and
over the whole run (populationRatesWholeRunHz, what spikelab's CLI reports).

Memory: the binary's peak resident set is about 53 bytes per synapse (0.32 GB at scale
0.02, 5.98e6 synapses; 0.80 GB at scale 0.05, 1.49e7 synapses), so the full model
(77,169 neurons, 2.99e8 synapses) needs about 16 GB for the binary, and the Python
process, alive meanwhile, 2.4 GB or more for i and j (int32).

Threads: with OpenMP (--threads 2) Brian2 2.5.1 gave higher L2/3 rates at small scales
than its serial build and spikelab (scale 0.05, seed 55, rates over the whole run:
L23E 6.3 vs 3.0 Hz serial), and on a loaded machine its threads spend much CPU time
waiting for each other; compare with --threads 1 before trusting a threaded run.

usage: python3 microcircuit.py [--scale 1] [--duration 1500] [--warmup 500] [--seed 55]
                               [--dt 0.1] [--threads 2] [--repeats 1] [--device cpp_standalone]
"""
import argparse
import math

import numpy as np

from standalone import device, report, run

POPULATIONS = ['L23E', 'L23I', 'L4E', 'L4I', 'L5E', 'L5I', 'L6E', 'L6I']
FULL_SIZES = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948]
# connection probabilities [target][source]
CONN_PROBS = [
    [0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0],
    [0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0],
    [0.0077, 0.0059, 0.0497, 0.135, 0.0067, 0.0003, 0.0453, 0.0],
    [0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0],
    [0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0],
    [0.0548, 0.0269, 0.0257, 0.0022, 0.06, 0.3158, 0.0086, 0.0],
    [0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252],
    [0.0364, 0.001, 0.0034, 0.0005, 0.0277, 0.008, 0.0658, 0.1443],
]
K_EXT = [1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100]
V0_MEAN = [-68.28, -63.16, -63.33, -63.45, -63.11, -61.66, -66.72, -61.43]  # mV
V0_SD = [5.36, 4.57, 4.74, 4.94, 4.94, 4.55, 5.46, 4.48]
CM, TAU_M, TAU_SYN = 250.0, 10.0, 0.5  # pF, ms, ms
PSP_EXC, G, WEIGHT_CV = 0.15, -4.0, 0.1  # mV
DELAY_EXC, DELAY_INH, DELAY_CV = 1.5, 0.75, 0.5  # ms
BG_RATE = 8.0  # Hz per external input

ap = argparse.ArgumentParser()
ap.add_argument('--scale', type=float, default=1.0)
ap.add_argument('--duration', type=float, default=1500.0)
ap.add_argument('--warmup', type=float, default=500.0)
ap.add_argument('--seed', type=int, default=55)
ap.add_argument('--dt', type=float, default=0.1)
ap.add_argument('--threads', type=int, default=2)
ap.add_argument('--repeats', type=int, default=1)
ap.add_argument('--device', default='cpp_standalone')
args = ap.parse_args()
if not 0 < args.scale <= 1:
    raise SystemExit(f'--scale must be in (0, 1], not {args.scale}')
if not 0 <= args.warmup < args.duration:
    raise SystemExit('--warmup must be in [0, --duration)')

import brian2 as b2  # noqa: E402
from brian2 import Hz, mV, ms, pA, pF  # noqa: E402

build_dir = device(b2, args.device, 'brian2-microcircuit-', args.threads)
b2.defaultclock.dt = args.dt * ms
b2.seed(args.seed)


def round_half_up(x):
    return int(math.floor(x + 0.5))


def synapses_from_probability(c, n_pre, n_post):
    prod = n_pre * n_post
    return math.log(1 - c) / math.log((prod - 1) / prod)


def psc_over_psp(cm, tau_m, tau_syn):
    """PSC amplitude (pA) per PSP amplitude (mV) of the exponential synapse."""
    sub = 1 / (tau_syn - tau_m)
    pre = tau_m * tau_syn / cm * sub
    frac = (tau_m / tau_syn) ** sub
    return 1 / (pre * (frac ** tau_m - frac ** tau_syn))


sizes = [max(1, round_half_up(n * args.scale)) for n in FULL_SIZES]
offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(int)
n_total = int(offsets[-1])
w_exc = PSP_EXC * psc_over_psp(CM, TAU_M, TAU_SYN)  # pA

# standard normal truncated to [a, b] from one uniform u: Phi^-1(Phi(a) + u (Phi(b) - Phi(a))),
# Phi^-1 by Acklam's rational approximation refined by one Halley step (double precision)
TRUNC_NORMAL_CPP = '''
static inline double _normal_quantile(double p)
{
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
        -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01,
        2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
        -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
        -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00,
        2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
        2.445134137142996e+00, 3.754408661907416e+00};
    const double p_low = 0.02425;
    double x;
    if (p < p_low) {
        const double q = sqrt(-2 * log(p));
        x = (((((c[0]*q + c[1])*q + c[2])*q + c[3])*q + c[4])*q + c[5]) /
            ((((d[0]*q + d[1])*q + d[2])*q + d[3])*q + 1);
    } else if (p <= 1 - p_low) {
        const double q = p - 0.5, r = q * q;
        x = (((((a[0]*r + a[1])*r + a[2])*r + a[3])*r + a[4])*r + a[5]) * q /
            (((((b[0]*r + b[1])*r + b[2])*r + b[3])*r + b[4])*r + 1);
    } else {
        const double q = sqrt(-2 * log(1 - p));
        x = -(((((c[0]*q + c[1])*q + c[2])*q + c[3])*q + c[4])*q + c[5]) /
             ((((d[0]*q + d[1])*q + d[2])*q + d[3])*q + 1);
    }
    const double e = 0.5 * erfc(-x / sqrt(2.0)) - p;
    const double u = e * sqrt(2 * M_PI) * exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

static inline double trunc_normal(double u, double a, double b)
{
    const double pa = 0.5 * erfc(-a / sqrt(2.0));
    const double pb = 0.5 * erfc(-b / sqrt(2.0));
    return _normal_quantile(pa + u * (pb - pa));
}
'''


@b2.implementation('cpp', TRUNC_NORMAL_CPP)
@b2.check_units(u=1, a=1, b=1, result=1)
def trunc_normal(u, a, b):
    from statistics import NormalDist
    nd = NormalDist()
    pa, pb = nd.cdf(a), nd.cdf(b)
    return np.vectorize(lambda x: nd.inv_cdf(pa + x * (pb - pa)))(np.asarray(u, dtype=float))


eqs = '''
dv/dt = -(v - E_L)/tau_m + (I_e + I_i)/C_m : volt (unless refractory)
dI_e/dt = -I_e/tau_syn : amp
dI_i/dt = -I_i/tau_syn : amp
'''
ns = {'E_L': -65 * mV, 'V_th': -50 * mV, 'V_reset': -65 * mV, 'C_m': CM * pF,
      'tau_m': TAU_M * ms, 'tau_syn': TAU_SYN * ms}
P = b2.NeuronGroup(n_total, eqs, threshold='v > V_th', reset='v = V_reset',
                   refractory=2 * ms, method='exact', namespace=ns)
pops = [P[int(offsets[t]):int(offsets[t + 1])] for t in range(8)]
background = []
for t, pop in enumerate(pops):
    pop.v = f'{V0_MEAN[t]}*mV + {V0_SD[t]}*mV*randn()'
    background.append(b2.PoissonInput(pop, 'I_e', N=K_EXT[t], rate=BG_RATE * Hz,
                                      weight=w_exc * pA))

# connectivity: per projection round(K * scale) synapses, pre and post uniform in their
# populations; excitatory sources (even index) in S_e, inhibitory in S_i
full = [[synapses_from_probability(CONN_PROBS[t][s], FULL_SIZES[s], FULL_SIZES[t])
         for s in range(8)] for t in range(8)]
counts = [[round_half_up(full[t][s] * args.scale) for s in range(8)] for t in range(8)]
rng = np.random.default_rng(args.seed)
syn = []
for kind in (0, 1):
    m = sum(counts[t][s] for t in range(8) for s in range(kind, 8, 2))
    pre, post = np.empty(m, dtype=np.int32), np.empty(m, dtype=np.int32)
    k = 0
    for t in range(8):
        for s in range(kind, 8, 2):
            n = counts[t][s]
            pre[k:k + n] = rng.integers(offsets[s], offsets[s + 1], size=n, dtype=np.int32)
            post[k:k + n] = rng.integers(offsets[t], offsets[t + 1], size=n, dtype=np.int32)
            k += n
    current = 'I_e' if kind == 0 else 'I_i'
    S = b2.Synapses(P, P, 'w : amp (constant)', on_pre=f'{current}_post += w',
                    namespace={'trunc_normal': trunc_normal})
    S.connect(i=pre, j=post)
    del pre, post
    d = DELAY_EXC if kind == 0 else DELAY_INH
    if kind == 0:
        # L4E -> L23E doubled
        l4e_l23e = f'int(i >= {offsets[2]} and i < {offsets[3]} and j < {offsets[1]})'
        mean = f'{w_exc!r}*pA*(1 + {l4e_l23e})'
    else:
        mean = f'{G * w_exc!r}*pA'
    # sign kept: mean * (1 + CV z) with z >= -1/CV
    S.w = f'{mean}*(1 + {WEIGHT_CV!r}*trunc_normal(rand(), {-1 / WEIGHT_CV!r}, 1e300))'
    lo = (args.dt / 2 - d) / (d * DELAY_CV)
    S.delay = f'{d!r}*ms*(1 + {DELAY_CV!r}*trunc_normal(rand(), {lo!r}, 6.0))'
    syn.append(S)

M = b2.SpikeMonitor(P)

timing = run(b2, args.duration * ms, build_dir, args.repeats, [P, M, *background, *syn])

i = np.asarray(M.i[:])
t_ms = np.asarray(M.t[:] / ms)
pop_of = np.searchsorted(offsets, i, side='right') - 1
after = t_ms >= args.warmup
counts_after = np.bincount(pop_of[after], minlength=8)
counts_all = np.bincount(pop_of, minlength=8)
window_s = (args.duration - args.warmup) / 1000.0
report(b2, args.device, {
    'model': 'microcircuit', 'scale': args.scale, 'dt': args.dt, 'durationMs': args.duration,
    'warmupMs': args.warmup, 'seed': args.seed, 'threads': args.threads,
    'neurons': n_total, 'synapses': int(sum(len(S) for S in syn)),
    'populations': POPULATIONS, 'sizes': sizes,
    'spikes': int(M.num_spikes),
    'populationRatesHz': [float(counts_after[t] / sizes[t] / window_s) for t in range(8)],
    'populationRatesWholeRunHz': [
        float(counts_all[t] / sizes[t] / (args.duration / 1000.0)) for t in range(8)],
}, timing)
