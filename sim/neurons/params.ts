/**
 * Parameter specs shared by the integrate-and-fire models, with PyNN's
 * defaults (IF_curr_exp: v_rest −65, v_reset −65, v_thresh −50 mV, cm 1 nF,
 * tau_m 20, tau_syn 5, tau_refrac 0.1 ms, i_offset 0 nA).
 */
import type { ParamSpec } from './types.ts';

const positiveMs = (def: number, doc: string): ParamSpec => ({
  default: def,
  unit: 'ms',
  min: 0,
  exclusiveMin: true,
  doc,
});

export const cm: ParamSpec = {
  default: 1,
  unit: 'nF',
  min: 0,
  exclusiveMin: true,
  doc: 'membrane capacitance',
};
export const tauM = positiveMs(20, 'membrane time constant');
export const tauRefrac: ParamSpec = {
  default: 0.1,
  unit: 'ms',
  min: 0,
  doc: 'absolute refractory period',
};
export const vRest: ParamSpec = { default: -65, unit: 'mV', doc: 'resting potential' };
export const vReset: ParamSpec = { default: -65, unit: 'mV', doc: 'potential after a spike' };
export const vThresh: ParamSpec = { default: -50, unit: 'mV', doc: 'spike threshold' };
export const iOffset: ParamSpec = { default: 0, unit: 'nA', doc: 'constant injected current' };

/** The leaky membrane of every LIF model here. */
export const leakyMembrane = { cm, tauM, tauRefrac, vRest, vReset, vThresh, iOffset };

/** Excitatory and inhibitory decay time constants of exponential synapses. */
export function synapseTaus(what: 'current' | 'conductance') {
  return {
    tauSynE: positiveMs(5, `excitatory ${what} decay`),
    tauSynI: positiveMs(5, `inhibitory ${what} decay`),
  };
}

export function resetBelowThreshold(p: Readonly<Record<string, number>>): string | null {
  return p.vReset! < p.vThresh! ? null : 'vReset must be below vThresh';
}
