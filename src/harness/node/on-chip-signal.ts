/** Slots of the shared Int32Array between an on-chip worker and the thread waiting for it. */
export const DONE = 0;
/** 0 until the worker's deployment is built, then 1 + samples simulated. */
export const PROGRESS = 1;
export const SIGNAL_SLOTS = 2;
