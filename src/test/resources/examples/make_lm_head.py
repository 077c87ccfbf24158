#!/usr/bin/env python3
"""Writes lm_head.onnx: a toy "last layer" for the ONNX Runtime example in the README
("Using with"): logits = hidden @ W + b, hidden [batch, 4] float32 -> logits [batch, 10].
W[i][j] = (i + 1) * 0.25 * (j - 4.5), b[j] = 0.1 * j (the test recomputes them in float64).
Run with Debian's python3-onnx (1.12): /usr/bin/python3 make_lm_head.py"""
import onnx
from onnx import TensorProto, helper

HIDDEN, VOCAB = 4, 10
w = [(i + 1) * 0.25 * (j - 4.5) for i in range(HIDDEN) for j in range(VOCAB)]
b = [0.1 * j for j in range(VOCAB)]
graph = helper.make_graph(
    [helper.make_node("MatMul", ["hidden", "W"], ["hw"]),
     helper.make_node("Add", ["hw", "b"], ["logits"])],
    "lm_head",
    [helper.make_tensor_value_info("hidden", TensorProto.FLOAT, ["batch", HIDDEN])],
    [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", VOCAB])],
    [helper.make_tensor("W", TensorProto.FLOAT, [HIDDEN, VOCAB], w),
     helper.make_tensor("b", TensorProto.FLOAT, [VOCAB], b)])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="logits4j-tests")
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, "lm_head.onnx")
