// The few timm helpers that model files written today import beside their own blocks
// (`from timm.models.layers import DropPath, to_2tuple, trunc_normal_` in Swin, ConvNeXt, PVT,
// PoolFormer… and `@register_model`), which come from the installed library, so their source is not
// in the workspace. Without them every residual branch through a DropPath was unknown, and with it
// the rest of the model. Only helpers whose behaviour is the same in every timm release are here:
// stochastic depth keeps its input's shape and has no parameters, the initialisers hand back their
// tensor, `to_2tuple` repeats a scalar, `make_divisible` rounds a width. Blocks that differ between
// releases (Mlp's dropout names, PatchEmbed's options) stay unknown, never guessed. Written for the
// analysis; checked against timm 1.0.29 where its wheel is on the machine
// (test/unit/timmLayers.unit.test.ts).

/** Where the program is filed in the analysis (never a path on disk). */
export const TIMM_LAYERS_FILE = '<library>/timm/layers.py';

/** The module names a model file imports these helpers from (timm ≥ 0.9 moved them to timm.layers). */
const MODULES = new Set([
  'timm.layers', 'timm.layers.drop', 'timm.layers.helpers', 'timm.layers.weight_init',
  'timm.models.layers', 'timm.models.layers.drop', 'timm.models.layers.helpers', 'timm.models.layers.weight_init',
  'timm.models.registry', 'timm.models._registry',
]);

export function isTimmLayersModule(name: string): boolean {
  return MODULES.has(name);
}

export const TIMM_LAYERS_SOURCE = `
import torch
from torch import nn


def _ntuple(n):
    # A scalar is repeated n times; a list or tuple becomes a tuple (a string counts as a scalar).
    def parse(x):
        if isinstance(x, (tuple, list)):
            return tuple(x)
        return (x,) * n
    return parse


to_1tuple = _ntuple(1)
to_2tuple = _ntuple(2)
to_3tuple = _ntuple(3)
to_4tuple = _ntuple(4)
to_ntuple = _ntuple


def make_divisible(v, divisor=8, min_value=None, round_limit=.9):
    min_value = min_value or divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < round_limit * v:
        new_v += divisor
    return new_v


def drop_path(x, drop_prob=0., training=False, scale_by_keep=True):
    # Whole samples are zeroed (and the rest scaled) at random: the shape is the input's.
    return x


class DropPath(nn.Module):
    def __init__(self, drop_prob=0., scale_by_keep=True):
        super().__init__()
        self.drop_prob = drop_prob
        self.scale_by_keep = scale_by_keep

    def forward(self, x):
        return drop_path(x, self.drop_prob, self.training, self.scale_by_keep)


# In-place initialisers: they fill the tensor and hand it back.
def trunc_normal_(tensor, mean=0., std=1., a=-2., b=2.):
    return tensor


def trunc_normal_tf_(tensor, mean=0., std=1., a=-2., b=2.):
    return tensor


def variance_scaling_(tensor, scale=1.0, mode='fan_in', distribution='normal'):
    return tensor


def lecun_normal_(tensor):
    return tensor


def register_model(fn):
    # Files the builder in timm's registry; the builder itself is unchanged.
    return fn
`;
