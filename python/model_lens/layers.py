"""A model's layers as the panels show them: which modules are layers, where each is written, and
each call's output shape from one traced forward pass.

Which modules are layers ("rows"):
- every torch layer (a module from ``torch.nn`` that is not a container such as ``Sequential`` or
  ``ModuleList``), children included (``nn.MultiheadAttention`` is one row);
- a module written in the model's own file that has no children (``LayerNormalization`` with its
  own parameters), or whose class the sample names as a block (the document's
  ``MultiHeadAttentionBlock`` with its four ``nn.Linear`` is one row, not four);
- the model itself only when nothing inside it is a row.
A row's descendants are never rows, so every parameter belongs to exactly one row.

A module called more than once in a forward pass (the document's CNN applies ``self.pool`` and
``self.relu`` twice) gets a row per call, named ``pool``, ``pool (2)``…, in execution order, each
with its own output shape; the first call carries the parameters.

Lines come from the source with ``ast``: the line of ``self.<name> = …`` in the class of the parent
module, else the parent's own line (an element of an ``nn.ModuleList`` points at the list).
Nothing here patches torch or leaves hooks behind: the trace registers forward hooks and removes
them before it returns.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import torch
import torch.nn as nn

CONTAINERS = (nn.Sequential, nn.ModuleList, nn.ModuleDict)


def is_torch_module(module: nn.Module) -> bool:
    return type(module).__module__.startswith("torch.")


def _is_torch_layer(module: nn.Module) -> bool:
    return is_torch_module(module) and not isinstance(module, CONTAINERS)


def _is_row(module: nn.Module, blocks: Tuple[type, ...]) -> bool:
    if blocks and isinstance(module, blocks):
        return True
    if _is_torch_layer(module):
        return True
    if is_torch_module(module):  # a container
        return False
    return next(module.children(), None) is None


def layer_modules(model: nn.Module, blocks: Tuple[type, ...] = ()) -> List[Tuple[str, nn.Module]]:
    """The rows of a model, in registration order, as (dotted path, module)."""
    rows: List[Tuple[str, nn.Module]] = []

    def visit(prefix: str, module: nn.Module) -> None:
        for name, child in module.named_children():
            path = f"{prefix}.{name}" if prefix else name
            if _is_row(child, blocks):
                rows.append((path, child))
            else:
                visit(path, child)

    visit("", model)
    if not rows:
        rows.append((type(model).__name__, model))
    return rows


# ─── source lines ──────────────────────────────────────────────────────────────────────────────
@dataclass
class SourceIndex:
    """Per class defined in a file: its line and the line of each ``self.<attr> = …``."""

    classes: Dict[str, int] = field(default_factory=dict)
    attributes: Dict[str, Dict[str, int]] = field(default_factory=dict)

    @staticmethod
    def parse(source: str) -> "SourceIndex":
        index = SourceIndex()
        try:
            tree = ast.parse(source)
        except SyntaxError:
            return index
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            index.classes.setdefault(node.name, node.lineno)
            attrs = index.attributes.setdefault(node.name, {})
            for inner in ast.walk(node):
                targets: Sequence[ast.expr] = ()
                if isinstance(inner, ast.Assign):
                    targets = inner.targets
                elif isinstance(inner, ast.AnnAssign):
                    targets = (inner.target,)
                for target in targets:
                    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
                        attrs.setdefault(target.attr, target.lineno)
        return index


def module_chain(model: nn.Module, path: str) -> Tuple[List[str], List[nn.Module]]:
    """The path's parts and the modules along it, from the model down (shorter when a part is missing)."""
    parts = path.split(".") if path else []
    chain: List[nn.Module] = [model]
    for part in parts:
        child = chain[-1]._modules.get(part)
        if not isinstance(child, nn.Module):
            break
        chain.append(child)
    return parts, chain


def nearest_assignment(model: nn.Module, path: str, index_for: Callable[[type], Optional[SourceIndex]]) -> Optional[Tuple[int, type, int]]:
    """The nearest parent of the layer at ``path`` whose class source (``index_for``) assigns the next
    name (``self.<name> = …``): (its depth in the path, its class, the assignment's line)."""
    parts, chain = module_chain(model, path)
    for depth in range(min(len(parts), len(chain) - 1), 0, -1):
        cls = type(chain[depth - 1])
        index = index_for(cls)
        if index is not None:
            line = index.attributes.get(cls.__name__, {}).get(parts[depth - 1])
            if line is not None:
                return depth, cls, line
    return None


def layer_line(model: nn.Module, path: str, index: SourceIndex, module_name: str) -> Optional[int]:
    """1-based line where the layer at ``path`` is written in the model's own file, or None."""
    found = nearest_assignment(model, path, lambda cls: index if cls.__module__ == module_name else None)
    if found is not None:
        return found[2]
    own = type(module_chain(model, path)[1][-1])
    if own.__module__ == module_name:
        return index.classes.get(own.__name__)
    return None


# ─── the traced forward pass ──────────────────────────────────────────────────────────────────
@dataclass
class LayerCall:
    """One row of the panel's layer table: a call of a layer module."""

    name: str
    path: str
    module: nn.Module
    kind: str
    output_shape: List[Optional[int]]
    params: int
    line: Optional[int]

    def info(self) -> Dict[str, object]:
        return {"name": self.name, "kind": self.kind, "outputShape": self.output_shape, "params": self.params, "line": self.line}


def first_tensor(value: object) -> Optional[torch.Tensor]:
    """The tensor a layer hands on: nn.LSTM returns (output, (h, c)), attention blocks (out, weights)."""
    if isinstance(value, torch.Tensor):
        return value
    if isinstance(value, (tuple, list)):
        for v in value:
            t = first_tensor(v)
            if t is not None:
                return t
    return None


def call_name(path: str, call: int) -> str:
    return path if call == 1 else f"{path} ({call})"


def trace_layers(model: nn.Module, forward: Callable[[], object], index: SourceIndex, module_name: str, blocks: Tuple[type, ...] = ()) -> List[LayerCall]:
    """Runs ``forward`` once (no gradients) with forward hooks on the rows, then removes them.

    Rows that the forward pass never reached are listed after the others with an unknown shape.
    The batch dimension of every output shape is reported as null (it varies).
    """
    rows = layer_modules(model, blocks)
    calls: List[LayerCall] = []
    counts: Dict[int, int] = {}

    def hook_for(path: str) -> Callable[[nn.Module, object, object], None]:
        def hook(module: nn.Module, _inputs: object, output: object) -> None:
            n = counts.get(id(module), 0) + 1
            counts[id(module)] = n
            t = first_tensor(output)
            shape: List[Optional[int]] = [int(d) for d in t.shape] if t is not None else []
            if shape:
                shape[0] = None  # type: ignore[call-overload]
            params = sum(p.numel() for p in module.parameters()) if n == 1 else 0
            calls.append(LayerCall(call_name(path, n), path, module, type(module).__name__, shape, params, None))
        return hook

    handles = [m.register_forward_hook(hook_for(p)) for p, m in rows]
    was_training = model.training
    try:
        model.eval()
        with torch.no_grad():
            forward()
    finally:
        for h in handles:
            h.remove()
        model.train(was_training)
    for path, module in rows:
        if id(module) not in counts:
            calls.append(LayerCall(path, path, module, type(module).__name__, [], sum(p.numel() for p in module.parameters()), None))
    lines = {path: layer_line(model, path, index, module_name) for path, _ in rows}
    for c in calls:
        c.line = lines.get(c.path)
    return calls


def parameter_owners(model: nn.Module, calls: Sequence[LayerCall]) -> List[Tuple[str, str, nn.Parameter]]:
    """Every trainable parameter as (name, row name, parameter); the row is its layer's first call."""
    first_call = {}
    for c in calls:
        first_call.setdefault(c.path, c.name)
    rows = sorted(first_call, key=len, reverse=True)
    out: List[Tuple[str, str, nn.Parameter]] = []
    fallback = calls[0].name if calls else type(model).__name__
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        owner = next((first_call[r] for r in rows if name == r or name.startswith(r + ".")), fallback)
        out.append((name, owner, p))
    return out
