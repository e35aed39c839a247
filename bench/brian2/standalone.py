"""What cuba.py and brunel.py share: device set-up, one build, repeated runs of the binary, the report.

Timing, all in seconds:
  setupSeconds            Python start to the network defined (import brian2, code objects recorded)
  compileAndBuildSeconds  code generation and C++ compilation (cpp_standalone), once
  binarySeconds           wall time of each run of the generated binary (synapse creation,
                          the simulation loop, writing results)
  simulationSeconds       the simulation loop alone, as the binary measures it (std::clock:
                          CPU time of its one thread), median over the runs; all runs in
                          simulationSecondsAll
  timeToResultSeconds     setup + compile + the median binary run: what a user waits for
  buildDirectory          where the binary is (cpp_standalone): bench/snn-cuba.ts runs it again
                          between its own runs, reading results/last_run_info.txt, so both
                          share the machine's load
"""
import json
import statistics
import tempfile
import time

T_START = time.perf_counter()


def device(b2, name, prefix):
    """Selects the device; returns the build directory (None for the runtime device)."""
    if name != 'cpp_standalone':
        b2.prefs.codegen.target = 'numpy' if name == 'runtime' else 'auto'
        return None
    build_dir = tempfile.mkdtemp(prefix=prefix)
    b2.set_device('cpp_standalone', directory=build_dir, build_on_run=False)
    return build_dir


def run(b2, duration, build_dir, repeats):
    """Runs the network: builds once and runs the binary `repeats` times (standalone)."""
    setup = time.perf_counter() - T_START
    t0 = time.perf_counter()
    b2.run(duration, level=1)  # objects and names of the calling script, one frame up
    if build_dir is None:
        wall = time.perf_counter() - t0
        return {'setupSeconds': setup, 'compileAndBuildSeconds': 0.0, 'binarySeconds': [wall],
                'simulationSecondsAll': [wall], 'simulationSeconds': wall,
                'timeToResultSeconds': setup + wall}
    b2.device.build(directory=build_dir, compile=True, run=False, debug=False)
    compile_s = time.perf_counter() - t0
    sims, binary = [], []
    for _ in range(repeats):
        b2.device.run(directory=build_dir, with_output=False, run_args=[])
        sims.append(float(b2.device._last_run_time))
        binary.append(float(b2.device.timers['run_binary']))
    return {'setupSeconds': setup, 'compileAndBuildSeconds': compile_s, 'binarySeconds': binary,
            'simulationSecondsAll': sims, 'simulationSeconds': statistics.median(sims),
            'timeToResultSeconds': setup + compile_s + statistics.median(binary),
            'buildDirectory': build_dir}


def cv_isi(np, i, t, n):
    """Mean over neurons with >= 2 ISIs of std/mean of their ISIs (population std)."""
    order = np.lexsort((t, i))
    i, t = i[order], t[order]
    starts = np.searchsorted(i, np.arange(n + 1))
    cvs = []
    for k in range(n):
        ts = t[starts[k]:starts[k + 1]]
        if len(ts) >= 3:
            isi = np.diff(ts)
            cvs.append(isi.std() / isi.mean())
    return float(np.mean(cvs)) if cvs else None


def report(b2, device_name, fields, timing):
    print(json.dumps({'simulator': f'brian2 {b2.__version__} {device_name}', **fields, **timing}))
