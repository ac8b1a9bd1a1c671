"""A small stand-in for einops (not installable on this offline machine) so the corpus measurement
can run model files that use it: rearrange / repeat / reduce / pack / unpack on torch tensors,
with einops's pattern language (names, parenthesised groups, 1, ..., numbers on the right of
repeat). Written for Model Lens's measurement only; shapes and values follow einops's rules."""
import math

import torch

__all__ = ["rearrange", "repeat", "reduce", "pack", "unpack", "parse_shape", "einsum"]


def _parse(side):
    groups = []
    i = 0
    tokens = side.replace("(", " ( ").replace(")", " ) ").split()
    current = None
    for t in tokens:
        if t == "(":
            current = []
        elif t == ")":
            groups.append(current)
            current = None
        elif current is not None:
            current.append(t)
        else:
            groups.append(["…"] if t == "..." else [t] if t != "1" else [])
        i += 1
    return groups


def _bind(x_shape, left, sizes):
    """Elementary axis sizes from the left side; ellipsis dims become '…0', '…1'."""
    n_ell = sum(1 for g in left if g == ["…"])
    fixed = len(left) - n_ell
    ell_len = len(x_shape) - fixed
    if ell_len < 0 or n_ell > 1 or (n_ell == 0 and ell_len != 0):
        raise ValueError(f"pattern does not match shape {tuple(x_shape)}")
    axes = []
    known = dict(sizes)
    dim = 0
    for g in left:
        if g == ["…"]:
            for k in range(ell_len):
                name = f"...{k}"
                known[name] = x_shape[dim]
                axes.append(name)
                dim += 1
            continue
        size = x_shape[dim]
        dim += 1
        unknown = [a for a in g if a not in known and not a.isdigit()]
        prod = 1
        for a in g:
            if a.isdigit():
                prod *= int(a)
            elif a in known:
                prod *= known[a]
        if len(unknown) > 1:
            raise ValueError(f"cannot infer sizes of {unknown}")
        if unknown:
            if size % prod:
                raise ValueError(f"shape {size} not divisible by {prod}")
            known[unknown[0]] = size // prod
        elif prod != size:
            raise ValueError(f"shape mismatch {prod} != {size}")
        axes.extend(a for a in g)
    return axes, known, ell_len


def _expand_right(right, ell_len):
    out = []
    ell = [f"...{k}" for k in range(ell_len)]
    for g in right:
        if g == ["…"]:
            out.extend([[a] for a in ell])
        elif "..." in g:
            i = g.index("...")
            out.append(g[:i] + ell + g[i + 1:])
        else:
            out.append(g)
    return out


def _apply(x, pattern, mode, reduction=None, **sizes):
    left_s, right_s = pattern.split("->")
    left = _parse(left_s)
    right = _parse(right_s)
    axes, known, ell_len = _bind(list(x.shape), left, sizes)
    right = _expand_right(right, ell_len)
    elem = [a for a in axes if not a.isdigit()]
    x = x.reshape([known[a] for a in elem] if elem else [])
    right_elem = [a for g in right for a in g]
    if mode == "reduce":
        drop = [i for i, a in enumerate(elem) if a not in right_elem]
        if drop:
            fn = {"mean": torch.mean, "sum": torch.sum, "max": lambda t, dim: torch.amax(t, dim=dim), "min": lambda t, dim: torch.amin(t, dim=dim), "prod": None}[reduction]
            x = fn(x, dim=drop) if reduction != "prod" else x
        elem = [a for a in elem if a in right_elem]
    present = [a for a in right_elem if a in elem]
    x = x.permute([elem.index(a) for a in present]) if present else x
    if mode == "repeat":
        # insert new axes as size-1 dims, then expand
        shape = []
        src = 0
        for a in right_elem:
            if a in elem:
                shape.append(known[a])
                src += 1
            else:
                shape.append(1)
        x = x.reshape(shape)
        target = [known[a] if a in known else int(a) for a in right_elem]
        x = x.expand(target)
    final = []
    for g in right:
        prod = 1
        for a in g:
            prod *= known[a] if a in known else int(a)
        final.append(prod)
    return x.reshape(final)


def rearrange(tensor, pattern, **axes_lengths):
    if isinstance(tensor, (list, tuple)):
        tensor = torch.stack(list(tensor))
    return _apply(tensor, pattern, "rearrange", **axes_lengths)


def repeat(tensor, pattern, **axes_lengths):
    return _apply(tensor, pattern, "repeat", **axes_lengths)


def reduce(tensor, pattern, reduction, **axes_lengths):
    return _apply(tensor, pattern, "reduce", reduction, **axes_lengths)


def parse_shape(tensor, pattern):
    names = pattern.split()
    return {n: d for n, d in zip(names, tensor.shape) if n != "_"}


def pack(tensors, pattern):
    names = pattern.split()
    star = names.index("*")
    before, after = star, len(names) - star - 1
    flat = []
    ps = []
    for t in tensors:
        mid = list(t.shape[before:t.dim() - after])
        ps.append(mid)
        flat.append(t.reshape(*t.shape[:before], math.prod(mid) if mid else 1, *t.shape[t.dim() - after:]))
    return torch.cat(flat, dim=before), ps


def unpack(tensor, ps, pattern):
    names = pattern.split()
    star = names.index("*")
    sizes = [math.prod(p) if p else 1 for p in ps]
    parts = torch.split(tensor, sizes, dim=star)
    return [p.reshape(*p.shape[:star], *shape, *p.shape[star + 1:]) for p, shape in zip(parts, ps)]


def einsum(*args):
    *tensors, pattern = args
    return torch.einsum(pattern.replace(" ", ""), *tensors)
