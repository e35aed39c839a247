"""What the Brian2 scripts share: device set-up, one build, repeated runs of the binary, the report.

Threads: device(..., threads=N) with N > 1 builds the binary with OpenMP and N threads
(prefs.devices.cpp_standalone.openmp_threads); N = 1 keeps the serial code without OpenMP.
Compilation runs make -j2.

Timing, all in seconds:
  setupSeconds            Python start to the network defined (import brian2, code objects recorded)
  compileAndBuildSeconds  code generation and C++ compilation (cpp_standalone), once
  binarySeconds           wall time of each run of the generated binary (synapse creation,
                          the simulation loop, writing results)
  simulationSeconds       the simulation loop alone, as the binary measures it (Brian2's
                          last_run_info.txt: std::clock, the CPU time of its one thread,
                          without OpenMP; omp_get_wtime, wall-clock time, with OpenMP, i.e.
                          threads > 1), median over the runs; all runs in simulationSecondsAll
  simulationWallSeconds   the simulation loop alone in wall-clock time whatever the threads
                          (std::chrono::steady_clock around the network run, code inserted into
                          main.cpp), median over the runs; all runs in simulationWallSecondsAll
  simulationCpuSeconds    the CPU time of the process during the loop (std::clock, summed over
                          its threads), median; all runs in simulationCpuSecondsAll. With one
                          thread it equals simulationSeconds; on a loaded machine both can be
                          below the wall time
  timeToResultSeconds     setup + compile + the median binary run: what a user waits for
  buildDirectory          where the binary is (cpp_standalone): bench/snn-cuba.ts runs it again
                          between its own runs, reading results/last_run_info.txt, so both
                          share the machine's load

Every run of the binary, by Python or not, writes "<wall> <cpu>" (the loop's seconds, as
above) to results/loop_wall_seconds.txt of its build directory, next to Brian2's
results/last_run_info.txt. The inserted code assumes one network run per script.
"""
import json
import os
import statistics
import tempfile
import time

T_START = time.perf_counter()

WALL_FILE = 'loop_wall_seconds.txt'

# wall-clock and CPU time of the network run, written by the binary next to last_run_info.txt
WALL_BEFORE = '''const std::clock_t _loop_cpu_start = std::clock();
const auto _loop_wall_start = std::chrono::steady_clock::now();'''
WALL_AFTER = f'''{{
    const std::chrono::duration<double> _loop_wall =
        std::chrono::steady_clock::now() - _loop_wall_start;
    const double _loop_cpu = (double)(std::clock() - _loop_cpu_start) / CLOCKS_PER_SEC;
    std::ofstream _loop_wall_file("results/{WALL_FILE}", std::ios::out);
    _loop_wall_file.precision(9);
    _loop_wall_file << _loop_wall.count() << " " << _loop_cpu << std::endl;
}}'''


def device(b2, name, prefix, threads=1):
    """Selects the device; returns the build directory (None for the runtime device)."""
    if name != 'cpp_standalone':
        b2.prefs.codegen.target = 'numpy' if name == 'runtime' else 'auto'
        return None
    if threads < 1:
        raise SystemExit(f'--threads must be at least 1, not {threads}')
    build_dir = tempfile.mkdtemp(prefix=prefix)
    b2.set_device('cpp_standalone', directory=build_dir, build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = threads if threads > 1 else 0
    b2.prefs.devices.cpp_standalone.extra_make_args_unix = ['-j2']
    b2.prefs.codegen.cpp.headers += ['<chrono>', '<fstream>']
    b2.device.insert_code('before_network_run', WALL_BEFORE)
    b2.device.insert_code('after_network_run', WALL_AFTER)
    return build_dir


def loop_seconds(build_dir):
    """(wall, cpu) seconds of the last run's loop, as the binary wrote them."""
    with open(os.path.join(build_dir, 'results', WALL_FILE)) as f:
        wall, cpu = f.read().split()[:2]
    return float(wall), float(cpu)


def run(b2, duration, build_dir, repeats, objects=None):
    """Runs the network: builds once and runs the binary `repeats` times (standalone).

    The network is the calling script's objects (Brian2's magic run, which sees only
    names bound in that script), or `objects` when given (for objects kept in lists).
    """
    setup = time.perf_counter() - T_START
    t0 = time.perf_counter()
    c0 = time.process_time()
    if objects is None:
        b2.run(duration, level=1)  # objects and names of the calling script, one frame up
    else:
        b2.Network(*objects).run(duration, level=1)
    if build_dir is None:
        wall = time.perf_counter() - t0
        cpu = time.process_time() - c0
        return {'setupSeconds': setup, 'compileAndBuildSeconds': 0.0, 'binarySeconds': [wall],
                'simulationSecondsAll': [wall], 'simulationSeconds': wall,
                'simulationWallSecondsAll': [wall], 'simulationWallSeconds': wall,
                'simulationCpuSecondsAll': [cpu], 'simulationCpuSeconds': cpu,
                'timeToResultSeconds': setup + wall}
    b2.device.build(directory=build_dir, compile=True, run=False, debug=False)
    compile_s = time.perf_counter() - t0
    sims, walls, cpus, binary = [], [], [], []
    for _ in range(repeats):
        b2.device.run(directory=build_dir, with_output=False, run_args=[])
        sims.append(float(b2.device._last_run_time))
        wall, cpu = loop_seconds(build_dir)
        walls.append(wall)
        cpus.append(cpu)
        binary.append(float(b2.device.timers['run_binary']))
    return {'setupSeconds': setup, 'compileAndBuildSeconds': compile_s, 'binarySeconds': binary,
            'simulationSecondsAll': sims, 'simulationSeconds': statistics.median(sims),
            'simulationWallSecondsAll': walls, 'simulationWallSeconds': statistics.median(walls),
            'simulationCpuSecondsAll': cpus, 'simulationCpuSeconds': statistics.median(cpus),
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
