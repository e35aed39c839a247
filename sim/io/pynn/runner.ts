/**
 * The fixed part of every exported PyNN script: decoding helpers, command
 * line, set-up, the run (or one run per trial with a parameter set between
 * runs), and output. Written for the API PyNN 0.10 and ≥ 0.11 share, which
 * is also what sPyNNaker implements. Under MPI every rank builds and runs
 * its share; get_data gathers on every rank and only rank 0 writes.
 */
export const PYNN_HELPERS = `def f4(text):
    return np.frombuffer(base64.b64decode(text), dtype="<f4").astype(np.float64)


def f8(text):
    return np.frombuffer(base64.b64decode(text), dtype="<f8").copy()


def u4(text):
    return np.frombuffer(base64.b64decode(text), dtype="<u4").astype(np.int64)


def connections(pre, post, weights, delay_ticks):
    """Rows (pre, post, weight, delay in ms) for a FromListConnector."""
    return np.column_stack([pre, post, weights, delay_ticks * DT])


def spike_times(size, ticks, ids):
    """The spike times (ms) of each of size sources, from (tick, source) pairs."""
    return [Sequence(np.sort(ticks[ids == i]) * DT) for i in range(size)]
`;

export const PYNN_RUNNER = `def arguments():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\\n\\n")[0],
        epilog="With MPI on NEST: mpirun -np N python3 %(prog)s nest",
    )
    parser.add_argument("simulator", choices=sorted(BACKENDS))
    parser.add_argument(
        "--duration", type=float, default=DURATION, help="simulated time in ms (per trial with trials)"
    )
    parser.add_argument("--spikes", metavar="FILE.csv", help="write the spikes as time_ms,population,index")
    parser.add_argument(
        "--codegen", choices=["numpy", "cython"], help="brian2 only: code generation target (default Brian2's)"
    )
    return parser.parse_args()


def spikes_of(pop, duration):
    """(time_ms, index) of every spike, trial k shifted by k * duration."""
    rows = []
    for k, segment in enumerate(pop.get_data("spikes").segments):
        for i, train in enumerate(segment.spiketrains):
            index = int(train.annotations.get("source_index", i))
            rows.extend((float(t) + k * duration, index) for t in np.asarray(train.magnitude))
    return rows


def final_potentials(pop):
    """v of each neuron at the end of every trial."""
    out = []
    for segment in pop.get_data("v").segments:
        signal = segment.analogsignals[0]
        channels = signal.array_annotations.get("channel_index", np.arange(signal.shape[1]))
        last = np.full(pop.size, -np.inf)
        last[np.asarray(channels, dtype=int)] = np.asarray(signal.magnitude)[-1]
        out.append(last)
    return out


def classes(pop, duration, trials):
    """Per trial: most spikes, ties to the higher final v, then to the lower index."""
    counts = np.zeros((trials, pop.size), dtype=int)
    for t, i in spikes_of(pop, duration):
        counts[min(int(t // duration), trials - 1), i] += 1
    out = []
    for k, v in enumerate(final_potentials(pop)):
        best = 0
        for j in range(1, pop.size):
            if counts[k, j] > counts[k, best] or (counts[k, j] == counts[k, best] and v[j] > v[best]):
                best = j
        out.append(best)
    return out


def main():
    args = arguments()
    sim = importlib.import_module(BACKENDS[args.simulator])
    if args.codegen and args.simulator == "brian2":
        import brian2

        brian2.prefs.codegen.target = args.codegen
    sim.setup(timestep=DT, min_delay=MIN_DELAY)
    rank = sim.rank()
    if rank == 0 and sim.num_processes() == 1 and args.simulator == "nest":
        print("NEST on several processes: mpirun -np N python3 %s nest" % sys.argv[0])
    pops = build(sim)
    for label in RECORD:
        pops[label].record("spikes")
    if TRIALS:
        pops[TRIALS["readout"]].record("v")
        target = pops[TRIALS["population"]]
        for k, text in enumerate(TRIALS["values"]):
            if k > 0:
                sim.reset()
            target.set(**{TRIALS["parameter"]: f4(text)})
            sim.run(args.duration)
    else:
        sim.run(args.duration)
    rows = {label: spikes_of(pops[label], args.duration) for label in RECORD}
    result = {
        "simulator": args.simulator,
        "duration_ms": args.duration,
        "spikes": {label: len(rows[label]) for label in RECORD},
    }
    if TRIALS:
        found = classes(pops[TRIALS["readout"]], args.duration, len(TRIALS["values"]))
        result["classes"] = found
        result["spikelab_classes"] = TRIALS["spikelab"]
        result["agree"] = sum(int(a == b) for a, b in zip(found, TRIALS["spikelab"]))
    sim.end()
    if rank != 0:
        return
    if args.spikes:
        with open(args.spikes, "w") as out:
            out.write("time_ms,population,index\\n")
            for label in RECORD:
                for t, i in sorted(rows[label]):
                    out.write("%.4f,%s,%d\\n" % (t, label, i))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
`;
