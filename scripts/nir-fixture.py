"""Writes test/data/nir/nested_gzip.nir the way nir.write (NIR >= 1.0.8) lays
files out: a root `version`, gzip-compressed arrays, a nested NIRGraph (the
recurrent subgraph snnTorch's RLeaky exports), scalar neuron parameters that
broadcast, `v_reset`, and graph metadata holding dt. Run with Debian's
python3-h5py: /usr/bin/python3 scripts/nir-fixture.py
"""
import pathlib

import h5py
import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "test" / "data" / "nir" / "nested_gzip.nir"


def string(group, name, value):
    group.create_dataset(name, data=value, dtype=h5py.string_dtype())


def array(group, name, value):
    group.create_dataset(name, data=value, dtype=value.dtype, compression="gzip")


def main():
    with h5py.File(OUT, "w") as f:
        string(f, "version", "1.0.8")
        node = f.create_group("node")
        string(node, "type", "NIRGraph")
        nodes = node.create_group("nodes")
        inp = nodes.create_group("input")
        string(inp, "type", "Input")
        array(inp, "shape", np.array([2], dtype=np.int64))
        fc = nodes.create_group("fc")
        string(fc, "type", "Affine")
        array(fc, "weight", np.array([[0.6, 0.0], [0.0, 0.7], [0.4, 0.4]], dtype=np.float32))
        array(fc, "bias", np.array([0.0, 0.0, 0.05], dtype=np.float32))
        sub = nodes.create_group("rlif")
        string(sub, "type", "NIRGraph")
        sn = sub.create_group("nodes")
        for name, kind in (("input", "Input"), ("output", "Output")):
            g = sn.create_group(name)
            string(g, "type", kind)
            array(g, "shape", np.array([3], dtype=np.int64))
        lif = sn.create_group("lif")
        string(lif, "type", "LIF")
        # scalars broadcast to the 3 neurons; snnTorch's export of beta = 0.9 at dt = 1e-4 s
        lif.create_dataset("tau", data=np.float64(1e-3))
        lif.create_dataset("r", data=np.float64(10.0))
        lif.create_dataset("v_leak", data=np.float64(0.0))
        lif.create_dataset("v_threshold", data=np.float64(1.0))
        lif.create_dataset("v_reset", data=np.float64(0.0))
        rec = sn.create_group("w_rec")
        string(rec, "type", "Linear")
        array(rec, "weight", np.array([[0, -0.3, 0], [0, 0, -0.3], [0.5, 0, 0]], dtype=np.float32))
        sub.create_dataset(
            "edges",
            data=[["input", "lif"], ["lif", "w_rec"], ["w_rec", "lif"], ["lif", "output"]],
            dtype=h5py.string_dtype(),
        )
        out = nodes.create_group("output")
        string(out, "type", "Output")
        array(out, "shape", np.array([3], dtype=np.int64))
        node.create_dataset(
            "edges",
            data=[["input", "fc"], ["fc", "rlif"], ["rlif", "output"]],
            dtype=h5py.string_dtype(),
        )
        meta = node.create_group("metadata")
        meta.create_dataset("dt", data=np.float64(1e-4))
    print(OUT)


if __name__ == "__main__":
    main()
