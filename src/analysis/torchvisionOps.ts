// torchvision's `ops` building blocks (Conv2dNormActivation, SqueezeExcitation, StochasticDepth,
// MLP, Permute) and `models._utils.IntermediateLayerGetter`, which model files import from the installed library, so their source is not in
// the workspace. Their construction and forward are fixed by torchvision's documented behaviour;
// the analysis reads them as a small Python program of its own (below), run by the same
// interpreter as the user's classes, so `named_modules()` paths, counts and shapes come out as
// PyTorch's. Checked against torchvision 0.14 (the sub-module order, the padding and bias
// defaults) and against the newest source (which differs only in `MLP`'s `inplace` default,
// True → None: a flag that changes neither a shape nor a count).

/** Where the program is filed in the analysis (never a path on disk). */
export const TORCHVISION_OPS_FILE = '<library>/torchvision/ops.py';

/** The module names a model file imports these blocks from. */
const MODULES = new Set(['torchvision.ops', 'torchvision.ops.misc', 'torchvision.ops.stochastic_depth', 'torchvision.models._utils']);

export function isTorchvisionOpsModule(name: string): boolean {
  return MODULES.has(name);
}

/**
 * The absolute name of a relative import made inside a copy of the torchvision package
 * (`from ..ops.misc import X` in torchvision/models/convnext.py → torchvision.ops.misc), when the
 * workspace does not hold that module; undefined elsewhere.
 */
export function torchvisionModuleOf(fromFile: string, level: number, module: string): string | undefined {
  if (level === 0) return module;
  const parts = fromFile.split(/[\\/]/).slice(0, -level);
  const at = parts.lastIndexOf('torchvision');
  if (at < 0) return undefined;
  const pkg = parts.slice(at).join('.');
  return module === '' ? pkg : `${pkg}.${module}`;
}

// Written for the analysis from torchvision's documented behaviour; only what shapes and
// parameter counts depend on. Each class keeps torchvision's name and argument order, since
// callers pass arguments by position.
export const TORCHVISION_OPS_SOURCE = `
from collections import OrderedDict

import torch
from torch import nn


def _centered_padding(kernel_size, dilation):
    # None padding keeps the size at stride 1: (k - 1) // 2 * d per dimension.
    if isinstance(kernel_size, int) and isinstance(dilation, int):
        return (kernel_size - 1) // 2 * dilation
    n = len(kernel_size) if isinstance(kernel_size, (tuple, list)) else len(dilation)
    ks = tuple(kernel_size) if isinstance(kernel_size, (tuple, list)) else (kernel_size,) * n
    ds = tuple(dilation) if isinstance(dilation, (tuple, list)) else (dilation,) * n
    return tuple((ks[i] - 1) // 2 * ds[i] for i in range(n))


class ConvNormActivation(nn.Sequential):
    def __init__(self, in_channels, out_channels, kernel_size=3, stride=1, padding=None, groups=1,
                 norm_layer=nn.BatchNorm2d, activation_layer=nn.ReLU, dilation=1, inplace=True,
                 bias=None, conv_layer=nn.Conv2d):
        if padding is None:
            padding = _centered_padding(kernel_size, dilation)
        # A bias only when no norm layer follows the convolution.
        if bias is None:
            bias = norm_layer is None
        parts = [conv_layer(in_channels, out_channels, kernel_size, stride, padding, dilation=dilation, groups=groups, bias=bias)]
        if norm_layer is not None:
            parts.append(norm_layer(out_channels))
        if activation_layer is not None:
            if inplace is None:
                parts.append(activation_layer())
            else:
                parts.append(activation_layer(inplace=inplace))
        super().__init__(*parts)
        self.out_channels = out_channels


class Conv2dNormActivation(ConvNormActivation):
    def __init__(self, in_channels, out_channels, kernel_size=3, stride=1, padding=None, groups=1,
                 norm_layer=nn.BatchNorm2d, activation_layer=nn.ReLU, dilation=1, inplace=True, bias=None):
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, groups, norm_layer,
                         activation_layer, dilation, inplace, bias, nn.Conv2d)


class Conv3dNormActivation(ConvNormActivation):
    def __init__(self, in_channels, out_channels, kernel_size=3, stride=1, padding=None, groups=1,
                 norm_layer=nn.BatchNorm3d, activation_layer=nn.ReLU, dilation=1, inplace=True, bias=None):
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, groups, norm_layer,
                         activation_layer, dilation, inplace, bias, nn.Conv3d)


class SqueezeExcitation(nn.Module):
    def __init__(self, input_channels, squeeze_channels, activation=nn.ReLU, scale_activation=nn.Sigmoid):
        super().__init__()
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc1 = nn.Conv2d(input_channels, squeeze_channels, 1)
        self.fc2 = nn.Conv2d(squeeze_channels, input_channels, 1)
        self.activation = activation()
        self.scale_activation = scale_activation()

    def _scale(self, input):
        s = self.avgpool(input)
        s = self.fc1(s)
        s = self.activation(s)
        s = self.fc2(s)
        return self.scale_activation(s)

    def forward(self, input):
        return self._scale(input) * input


class StochasticDepth(nn.Module):
    def __init__(self, p, mode):
        super().__init__()
        if p < 0.0 or p > 1.0:
            raise ValueError("p")
        if mode != "batch" and mode != "row":
            raise ValueError("mode")
        self.p = p
        self.mode = mode

    def forward(self, input):
        # Drops whole rows or the whole batch; the shape stays.
        return input


class MLP(nn.Sequential):
    def __init__(self, in_channels, hidden_channels, norm_layer=None, activation_layer=nn.ReLU,
                 inplace=None, bias=True, dropout=0.0):
        extra = {} if inplace is None else {"inplace": inplace}
        parts = []
        width = in_channels
        for hidden in hidden_channels[:-1]:
            parts.append(nn.Linear(width, hidden, bias=bias))
            if norm_layer is not None:
                parts.append(norm_layer(hidden))
            parts.append(activation_layer(**extra))
            parts.append(nn.Dropout(dropout, **extra))
            width = hidden
        parts.append(nn.Linear(width, hidden_channels[-1], bias=bias))
        parts.append(nn.Dropout(dropout, **extra))
        super().__init__(*parts)


class Permute(nn.Module):
    def __init__(self, dims):
        super().__init__()
        self.dims = dims

    def forward(self, x):
        return torch.permute(x, self.dims)


class IntermediateLayerGetter(nn.ModuleDict):
    # The model's children up to the last one asked for; forward runs them in order and returns
    # the outputs asked for, keyed by the names given.
    def __init__(self, model, return_layers):
        names = [name for name, _ in model.named_children()]
        for k in return_layers:
            if k not in names:
                raise ValueError("return_layers are not present in model")
        wanted = [str(k) for k in return_layers]
        found = 0
        layers = OrderedDict()
        for name, module in model.named_children():
            layers[name] = module
            if name in wanted:
                found += 1
            if found == len(wanted):
                break
        super().__init__(layers)
        self.return_layers = return_layers

    def forward(self, x):
        out = OrderedDict()
        for name, module in self.items():
            x = module(x)
            if name in self.return_layers:
                out[self.return_layers[name]] = x
        return out
`;
