#!/usr/bin/env python3
"""Writes tiny-gpt2.safetensors: a GPT-2-shaped checkpoint (names and layouts of Hugging Face's GPT-2 model.safetensors)
with d = 8, 2 blocks, 80 token rows and 64 positions, in the safetensors format as its public specification describes
(https://github.com/huggingface/safetensors, "Format"): an 8-byte little-endian unsigned header size N, N bytes of JSON
mapping each tensor name to {"dtype", "shape", "data_offsets": [begin, end]} (offsets into the byte buffer that follows
the header), an optional "__metadata__" string map, the JSON padded with spaces to a multiple of 8 bytes, then the raw
little-endian tensor bytes.

Python standard library only (struct + json): independent of the C# code under test. Every value is exact in float32:
element k (row-major) of a tensor is base + k / 1024, with base given by BASES below.

    python3 make_tiny_gpt2.py            # rewrites tiny-gpt2.safetensors next to this script
"""
import json
import os
import struct

D, LAYERS, VOCAB, POSITIONS = 8, 2, 80, 64

BLOCK = [  # (name inside block h.{i}., shape) in GPT-2's Conv1D layout [in, out]
    ("ln_1.weight", [D]), ("ln_1.bias", [D]),
    ("attn.c_attn.weight", [D, 3 * D]), ("attn.c_attn.bias", [3 * D]),
    ("attn.c_proj.weight", [D, D]), ("attn.c_proj.bias", [D]),
    ("ln_2.weight", [D]), ("ln_2.bias", [D]),
    ("mlp.c_fc.weight", [D, 4 * D]), ("mlp.c_fc.bias", [4 * D]),
    ("mlp.c_proj.weight", [4 * D, D]), ("mlp.c_proj.bias", [D]),
]

TENSORS = [("wte.weight", [VOCAB, D]), ("wpe.weight", [POSITIONS, D]), ("ln_f.weight", [D]), ("ln_f.bias", [D])]
BASES = {"wte.weight": 1, "wpe.weight": 2, "ln_f.weight": 3, "ln_f.bias": 4}
for i in range(LAYERS):
    for j, (name, shape) in enumerate(BLOCK):
        TENSORS.append((f"h.{i}.{name}", shape))
        BASES[f"h.{i}.{name}"] = 100 * (i + 1) + j


def count(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def main():
    # The byte buffer holds the tensors in reverse order of the list, so the reader must follow the offsets.
    header, blobs, offset = {}, [], 0
    for name, shape in reversed(TENSORS):
        n = count(shape)
        data = struct.pack(f"<{n}f", *(BASES[name] + k / 1024 for k in range(n)))
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"format": "pt", "writer": "make_tiny_gpt2.py (struct + json, per the safetensors spec)"}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tiny-gpt2.safetensors")
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)
    print(f"{path}: {8 + len(text) + offset} bytes, {len(TENSORS)} tensors")


if __name__ == "__main__":
    main()
