// Runs in a browser module worker, as the web UI's simulator does: both backends on CUBA and Brunel.
import { brunel } from '../../../../sim/models/brunel.ts';
import { cuba } from '../../../../sim/models/cuba.ts';
import { simulateSpec } from '../../../../sim/run.ts';
import { wasmSimdSupported } from '../../../../src/core/wasm.ts';

const runs = (['wasm', 'js'] as const).map((backend) => {
  const c = simulateSpec(cuba({ seed: 2 }), { durationMs: 200, backend });
  const b = simulateSpec(brunel({ scale: 0.1, seed: 2 }), { durationMs: 100, backend });
  return { backend: c.backend, cuba: c.spikes, brunel: b.spikes, events: c.synapticEvents };
});
postMessage({ simd: wasmSimdSupported(), runs });
