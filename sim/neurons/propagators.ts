/**
 * Exact propagators of linear subthreshold dynamics over one tick of length h
 * (Rotter & Diesmann 1999, Biol. Cybern. 81:381), as NEST's iaf_psc_exp uses:
 *
 *   τm dV/dt = −V + R I,   τs dI/dt = −I,   R = τm / C
 *
 *   V(t+h) = P22 V + P21 I + P20 I₀,   I(t+h) = P11 I
 *   P22 = e^(−h/τm), P11 = e^(−h/τs), P20 = (τm/C)(1 − e^(−h/τm))
 *   P21 = (1/C) τm τs/(τs − τm) (e^(−h/τs) − e^(−h/τm))
 *
 * P21 is written as e^(−h/τm)·expm1(h δ)/(C δ) with δ = 1/τm − 1/τs, which
 * stays accurate as τs → τm (limit h e^(−h/τ)/C) instead of cancelling.
 */

export function decay(h: number, tau: number): number {
  return Math.exp(-h / tau);
}

/**
 * 1 − e^(−h/τ), the part of a variable that decays away in one tick. The
 * float32 kernels apply decay as x − d·x rather than p·x: rounding d to
 * float32 then perturbs the decay by 6e-8·d instead of 6e-8, so the
 * effective time constant stays exact to ~1e-7 whatever dt/τ (with p in
 * float32, τ would be off by 6e-8·τ/h: 1e-4 relative at dt 0.01 ms).
 */
export function decayed(h: number, tau: number): number {
  return -Math.expm1(-h / tau);
}

/** Response of V to a constant current over one tick, mV per nA. */
export function p20(h: number, tauM: number, cm: number): number {
  return (-tauM / cm) * Math.expm1(-h / tauM);
}

/** Response of V at t+h to a synaptic current I at t decaying with τs, mV per nA. */
export function p21(h: number, tauM: number, tauS: number, cm: number): number {
  const delta = 1 / tauM - 1 / tauS;
  const ratio = Math.abs(delta * h) < 1e-14 ? h : Math.expm1(h * delta) / delta;
  return (Math.exp(-h / tauM) * ratio) / cm;
}
