"""Reads a NIR file with h5py the way nir.read (nir/serialization.py) does and
prints a JSON summary; exits non-zero, naming the path, where the layout is
not NIR's. Used by test/sim/io/nir/h5py.test.ts."""
import json
import sys

import h5py
import numpy as np

REQUIRED = {
    "Input": ["shape"], "Output": ["shape"], "Affine": ["weight", "bias"], "Linear": ["weight"],
    "Scale": ["scale"], "Delay": ["delay"], "IF": ["r", "v_threshold"], "I": ["r"],
    "LI": ["tau", "r", "v_leak"], "LIF": ["tau", "r", "v_leak", "v_threshold"],
    "CubaLI": ["tau_syn", "tau_mem", "r", "v_leak", "w_in"],
    "CubaLIF": ["tau_syn", "tau_mem", "r", "v_leak", "v_threshold", "w_in"],
}


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def node(g, path, out):
    t = g["type"][()]
    if not isinstance(t, bytes):
        fail(f"{path}/type: not a string dataset")
    t = t.decode("utf8")
    if t == "NIRGraph":
        edges = g["edges"][()]
        if edges.ndim != 2 or edges.shape[1] != 2:
            fail(f"{path}/edges: shape {edges.shape}, not (E, 2)")
        names = set(g["nodes"].keys())
        for a, b in edges:
            for x in (a.decode("utf8"), b.decode("utf8")):
                if x not in names:
                    fail(f"{path}/edges: {x} is not a node")
        for k in g["nodes"].keys():
            node(g["nodes"][k], f"{path}/nodes/{k}", out)
        return
    for p in REQUIRED.get(t, []):
        if p not in g:
            fail(f"{path}: {t} without {p}")
    params = {}
    for k, v in g.items():
        if isinstance(v, h5py.Dataset) and k != "type":
            a = v[()]
            params[k] = {"dtype": str(np.asarray(a).dtype), "shape": list(np.shape(a)), "gzip": v.compression == "gzip"}
    out[path] = {"type": t, "params": params}


def main():
    with h5py.File(sys.argv[1], "r") as f:
        version = f["version"][()]
        if not isinstance(version, bytes):
            fail("version: not a string dataset")
        out = {}
        node(f["node"], "node", out)
        meta = {k: (v[()].decode("utf8") if isinstance(v[()], bytes) else float(v[()])) for k, v in f["node/metadata"].items()} if "metadata" in f["node"] else {}
        print(json.dumps({"version": version.decode("utf8"), "nodes": out, "metadata": meta}))


main()
