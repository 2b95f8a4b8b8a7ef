"""Writes the seed inputs of the `safetensors` fuzz target (numpy only).

Each seed is one byte choosing the reader (0: config.json, 1: .safetensors) and the file.
Run from this folder: python3 make_seeds.py
"""
import json
import struct

import numpy as np


def safetensors(tensors):
    header, data, offset = {}, b"", 0
    for name, (dtype, array) in tensors.items():
        raw = array.tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(raw)]}
        data += raw
        offset += len(raw)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + data


rng = np.random.default_rng(0)
seeds = {
    "f32.bin": b"\x01" + safetensors({"w": ("F32", rng.standard_normal((2, 3)).astype("<f4"))}),
    "f16.bin": b"\x01" + safetensors({"a": ("F16", rng.standard_normal(4).astype("<f2")),
                                      "b": ("F32", np.zeros((1, 2), "<f4"))}),
    "bf16.bin": b"\x01" + safetensors({"x": ("BF16", (rng.standard_normal(3).astype("<f4").view("<u4") >> 16).astype("<u2"))}),
    "config.bin": b"\x00" + json.dumps({"hidden_size": 32, "num_attention_heads": 4, "num_hidden_layers": 2,
                                        "intermediate_size": 64, "vocab_size": 100, "max_position_embeddings": 64,
                                        "type_vocab_size": 2, "layer_norm_eps": 1e-12, "hidden_act": "gelu"}).encode(),
}
for name, content in seeds.items():
    with open(f"safetensors/{name}", "wb") as f:
        f.write(content)
