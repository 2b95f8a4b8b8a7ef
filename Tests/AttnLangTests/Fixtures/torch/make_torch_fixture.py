#!/usr/bin/env python3
"""A saved torch.nn.MultiheadAttention and what it computes, for attnsh's
`mha NAME from=PATH.safetensors` test (issue 17). torch is needed here only;
the Swift tests read the files this writes.

Usage: python3 make_torch_fixture.py

Writes beside this script:
  mha.safetensors   the module's state dict (in_proj_weight [3E, E], in_proj_bias [3E],
                    out_proj.weight [E, E], out_proj.bias [E]), float32, with
                    metadata num_heads
  x.npy             the input [T, E]
  out.npy           attn_output [T, E] of module(x, x, x)
  weights.npy       the per-head attention weights [H, T, T] (average_attn_weights=False)
"""
import json
import os
import struct

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
EMBED, HEADS, TOKENS = 8, 2, 5


def write_safetensors(path, tensors, metadata):
    """The safetensors layout, written directly: 8-byte header length, JSON header, raw data."""
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def main():
    torch.manual_seed(17)
    module = torch.nn.MultiheadAttention(EMBED, HEADS, bias=True)
    with torch.no_grad():
        module.in_proj_bias.uniform_(-0.5, 0.5)
        module.out_proj.bias.uniform_(-0.5, 0.5)
    x = torch.randn(TOKENS, EMBED)
    with torch.no_grad():
        out, weights = module(x, x, x, need_weights=True, average_attn_weights=False)
    state = {name: tensor.detach().numpy() for name, tensor in module.state_dict().items()}
    write_safetensors(os.path.join(HERE, "mha.safetensors"), state, {"num_heads": str(HEADS)})
    np.save(os.path.join(HERE, "x.npy"), x.numpy().astype("<f4"))
    np.save(os.path.join(HERE, "out.npy"), out.numpy().astype("<f4"))
    np.save(os.path.join(HERE, "weights.npy"), weights.numpy().astype("<f4"))
    print({name: list(array.shape) for name, array in state.items()}, "out", list(out.shape), "weights", list(weights.shape))


if __name__ == "__main__":
    main()
