// torchvision's classification model builders (`models.resnet18(pretrained=True)`, resnext*,
// wide_resnet*, `vgg16()`, `alexnet()`, `mobilenet_v2()`, `densenet121()`, `inception_v3()` and the
// `Inception3` class, `mobilenet_v3_small/large()`, `efficientnet_b0()`…`b7` and `_v2_s/m/l`,
// `squeezenet1_0/1_1()`, `shufflenet_v2_x0_5()`…`x2_0`, `googlenet()` and `GoogLeNet`,
// `mnasnet0_5()`…`1_3`), which transfer-learning code calls from the installed library, so their
// source is not in the workspace.
// The architectures are fixed by torchvision's documented behaviour (sub-module names and order,
// layer sizes, forward); the analysis reads them as a small Python program of its own (below), run
// by the same interpreter as the user's classes, so `named_modules()` paths, counts and shapes come
// out as PyTorch's. Checked builder by builder against torchvision 0.14, in training and eval mode
// (test/unit/torchvisionModels.unit.test.ts). Inception v3's and GoogLeNet's auxiliary heads run
// only in training mode, which the analysis knows only after `eval()` (as False): otherwise their
// outputs and the model's (a namedtuple in training mode) are unknown. Three blocks torchvision
// names like another family's (`InvertedResidual` of ShuffleNetV2 and MobileNetV3, GoogLeNet's
// `InceptionAux`) are named apart here, as this is one program: ShuffleInvertedResidual,
// MobileNetV3Block, GoogLeNetAux (paths, counts and shapes are the same).

/** Where the program is filed in the analysis (never a path on disk). */
export const TORCHVISION_MODELS_FILE = '<library>/torchvision/models.py';

/** The module names a model file imports these builders from. */
const MODULES = new Set([
  'torchvision.models',
  'torchvision.models.resnet',
  'torchvision.models.vgg',
  'torchvision.models.alexnet',
  'torchvision.models.mobilenet',
  'torchvision.models.mobilenetv2',
  'torchvision.models.densenet',
  'torchvision.models.inception',
  'torchvision.models.googlenet',
  'torchvision.models.squeezenet',
  'torchvision.models.shufflenetv2',
  'torchvision.models.mobilenetv3',
  'torchvision.models.efficientnet',
  'torchvision.models.mnasnet',
]);

export function isTorchvisionModelsModule(name: string): boolean {
  return MODULES.has(name);
}

// Written for the analysis from torchvision's documented behaviour; only what shapes and
// parameter counts depend on (weight initialisation and downloads change values, not sizes).
// Builders take torchvision 0.14's arguments: `weights` (an enum member, its name as a string,
// None, or the legacy bool), `progress`, the legacy `pretrained=` flag, and the model's own
// keyword arguments. Weights fix num_classes at their category count, as torchvision enforces.
// A call torchvision refuses (another num_classes with pretrained weights) is unknown, with its message.
export const TORCHVISION_MODELS_SOURCE = `
import math
from collections import OrderedDict, namedtuple
from functools import partial

import torch
import torch.nn.functional as F
from torch import nn
from torchvision.ops import Conv2dNormActivation, SqueezeExcitation, StochasticDepth

_NOT_GIVEN = "<weights not given>"


def _arguments(builder, weights, kwargs, enum_name, members, categories=1000):
    # What torchvision refuses, as a message (None: accepted); kwargs is settled in place. The
    # builders raise it themselves, as the analysis does not carry an exception out of a call.
    # The legacy interface: a bool where the weights go, or pretrained=; True means the V1 weights.
    if weights == _NOT_GIVEN:
        weights = None
        if "pretrained" in kwargs:
            weights = "IMAGENET1K_V1" if kwargs.pop("pretrained") else None
    elif isinstance(weights, bool):
        weights = "IMAGENET1K_V1" if weights else None
    if "pretrained" in kwargs:
        return builder + "() got an unexpected keyword argument 'pretrained'"
    if weights is None:
        return None
    if not isinstance(weights, str):
        return "weights of " + builder + "() must be a " + enum_name + " member"
    # A member (filed as "Enum.NAME") or its name: another enum's member is refused, as verify() does.
    name = weights.replace(enum_name + ".", "")
    if name not in members:
        return weights + " is not a member of " + enum_name
    # Weights hold a classifier for their categories (vgg16's IMAGENET1K_FEATURES holds none).
    if name == "IMAGENET1K_FEATURES":
        return None
    if "num_classes" in kwargs and kwargs["num_classes"] != categories:
        return "The parameter 'num_classes' expected value " + str(categories) + " but got " + str(kwargs["num_classes"]) + " instead."
    kwargs["num_classes"] = categories
    return None


def _fixed(kwargs, name, value):
    if name in kwargs and kwargs[name] != value:
        return "The parameter '" + name + "' expected value " + str(value) + " but got " + str(kwargs[name]) + " instead."
    kwargs[name] = value
    return None


# ------------------------------------------------------------------ ResNet family


def conv3x3(in_planes, out_planes, stride=1, groups=1, dilation=1):
    return nn.Conv2d(in_planes, out_planes, kernel_size=3, stride=stride, padding=dilation, groups=groups, bias=False, dilation=dilation)


def conv1x1(in_planes, out_planes, stride=1):
    return nn.Conv2d(in_planes, out_planes, kernel_size=1, stride=stride, bias=False)


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None, groups=1, base_width=64, dilation=1, norm_layer=None):
        super().__init__()
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d
        if groups != 1 or base_width != 64:
            raise ValueError("BasicBlock only supports groups=1 and base_width=64")
        if dilation > 1:
            raise NotImplementedError("Dilation > 1 not supported in BasicBlock")
        self.conv1 = conv3x3(inplanes, planes, stride)
        self.bn1 = norm_layer(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes)
        self.bn2 = norm_layer(planes)
        self.downsample = downsample
        self.stride = stride

    def forward(self, x):
        identity = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        out += identity
        return self.relu(out)


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes, stride=1, downsample=None, groups=1, base_width=64, dilation=1, norm_layer=None):
        super().__init__()
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d
        width = int(planes * (base_width / 64.0)) * groups
        self.conv1 = conv1x1(inplanes, width)
        self.bn1 = norm_layer(width)
        self.conv2 = conv3x3(width, width, stride, groups, dilation)
        self.bn2 = norm_layer(width)
        self.conv3 = conv1x1(width, planes * self.expansion)
        self.bn3 = norm_layer(planes * self.expansion)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample
        self.stride = stride

    def forward(self, x):
        identity = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        out += identity
        return self.relu(out)


class ResNet(nn.Module):
    def __init__(self, block, layers, num_classes=1000, zero_init_residual=False, groups=1, width_per_group=64,
                 replace_stride_with_dilation=None, norm_layer=None):
        super().__init__()
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d
        self._norm_layer = norm_layer
        self.inplanes = 64
        self.dilation = 1
        if replace_stride_with_dilation is None:
            replace_stride_with_dilation = [False, False, False]
        if len(replace_stride_with_dilation) != 3:
            raise ValueError("replace_stride_with_dilation should be None or a 3-element tuple")
        self.groups = groups
        self.base_width = width_per_group
        self.conv1 = nn.Conv2d(3, self.inplanes, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = norm_layer(self.inplanes)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, 64, layers[0])
        self.layer2 = self._make_layer(block, 128, layers[1], stride=2, dilate=replace_stride_with_dilation[0])
        self.layer3 = self._make_layer(block, 256, layers[2], stride=2, dilate=replace_stride_with_dilation[1])
        self.layer4 = self._make_layer(block, 512, layers[3], stride=2, dilate=replace_stride_with_dilation[2])
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(512 * block.expansion, num_classes)

    def _make_layer(self, block, planes, blocks, stride=1, dilate=False):
        norm_layer = self._norm_layer
        downsample = None
        previous_dilation = self.dilation
        if dilate:
            self.dilation *= stride
            stride = 1
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = nn.Sequential(conv1x1(self.inplanes, planes * block.expansion, stride), norm_layer(planes * block.expansion))
        layers = [block(self.inplanes, planes, stride, downsample, self.groups, self.base_width, previous_dilation, norm_layer)]
        self.inplanes = planes * block.expansion
        for _ in range(1, blocks):
            layers.append(block(self.inplanes, planes, groups=self.groups, base_width=self.base_width, dilation=self.dilation, norm_layer=norm_layer))
        return nn.Sequential(*layers)

    def _forward_impl(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer1(x)
        x = self.layer2(x)
        x = self.layer3(x)
        x = self.layer4(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.fc(x)

    def forward(self, x):
        return self._forward_impl(x)


def _resnet(builder, block, layers, weights, kwargs, enum_name, members, fixed=None):
    problem = _arguments(builder, weights, kwargs, enum_name, members)
    if fixed is not None:
        for name, value in fixed.items():
            if problem is None:
                problem = _fixed(kwargs, name, value)
    if problem is not None:
        raise ValueError(problem)
    return ResNet(block, layers, **kwargs)


def resnet18(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _resnet("resnet18", BasicBlock, [2, 2, 2, 2], weights, kwargs, "ResNet18_Weights", ["IMAGENET1K_V1", "DEFAULT"])


def resnet34(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _resnet("resnet34", BasicBlock, [3, 4, 6, 3], weights, kwargs, "ResNet34_Weights", ["IMAGENET1K_V1", "DEFAULT"])


def resnet50(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _resnet("resnet50", Bottleneck, [3, 4, 6, 3], weights, kwargs, "ResNet50_Weights", ["IMAGENET1K_V1", "IMAGENET1K_V2", "DEFAULT"])


def resnet101(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _resnet("resnet101", Bottleneck, [3, 4, 23, 3], weights, kwargs, "ResNet101_Weights", ["IMAGENET1K_V1", "IMAGENET1K_V2", "DEFAULT"])


def resnet152(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _resnet("resnet152", Bottleneck, [3, 8, 36, 3], weights, kwargs, "ResNet152_Weights", ["IMAGENET1K_V1", "IMAGENET1K_V2", "DEFAULT"])


def resnext50_32x4d(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _resnet("resnext50_32x4d", Bottleneck, [3, 4, 6, 3], weights, kwargs, "ResNeXt50_32X4D_Weights", ["IMAGENET1K_V1", "IMAGENET1K_V2", "DEFAULT"], {"groups": 32, "width_per_group": 4})


def resnext101_32x8d(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _resnet("resnext101_32x8d", Bottleneck, [3, 4, 23, 3], weights, kwargs, "ResNeXt101_32X8D_Weights", ["IMAGENET1K_V1", "IMAGENET1K_V2", "DEFAULT"], {"groups": 32, "width_per_group": 8})


def wide_resnet50_2(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _resnet("wide_resnet50_2", Bottleneck, [3, 4, 6, 3], weights, kwargs, "Wide_ResNet50_2_Weights", ["IMAGENET1K_V1", "IMAGENET1K_V2", "DEFAULT"], {"width_per_group": 128})


def wide_resnet101_2(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _resnet("wide_resnet101_2", Bottleneck, [3, 4, 23, 3], weights, kwargs, "Wide_ResNet101_2_Weights", ["IMAGENET1K_V1", "IMAGENET1K_V2", "DEFAULT"], {"width_per_group": 128})


# ------------------------------------------------------------------ VGG and AlexNet


class VGG(nn.Module):
    def __init__(self, features, num_classes=1000, init_weights=True, dropout=0.5):
        super().__init__()
        self.features = features
        self.avgpool = nn.AdaptiveAvgPool2d((7, 7))
        self.classifier = nn.Sequential(
            nn.Linear(512 * 7 * 7, 4096), nn.ReLU(True), nn.Dropout(p=dropout),
            nn.Linear(4096, 4096), nn.ReLU(True), nn.Dropout(p=dropout),
            nn.Linear(4096, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


def make_layers(cfg, batch_norm=False):
    layers = []
    in_channels = 3
    for v in cfg:
        if v == "M":
            layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
        else:
            conv2d = nn.Conv2d(in_channels, v, kernel_size=3, padding=1)
            if batch_norm:
                layers += [conv2d, nn.BatchNorm2d(v), nn.ReLU(inplace=True)]
            else:
                layers += [conv2d, nn.ReLU(inplace=True)]
            in_channels = v
    return nn.Sequential(*layers)


cfgs = {
    "A": [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "B": [64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "D": [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"],
    "E": [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512, 512, 512, "M"],
}


def _vgg(builder, cfg, batch_norm, weights, kwargs, enum_name, members):
    problem = _arguments(builder, weights, kwargs, enum_name, members)
    if problem is not None:
        raise ValueError(problem)
    return VGG(make_layers(cfgs[cfg], batch_norm=batch_norm), **kwargs)


def vgg11(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _vgg("vgg11", "A", False, weights, kwargs, "VGG11_Weights", ["IMAGENET1K_V1", "DEFAULT"])


def vgg11_bn(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _vgg("vgg11_bn", "A", True, weights, kwargs, "VGG11_BN_Weights", ["IMAGENET1K_V1", "DEFAULT"])


def vgg13(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _vgg("vgg13", "B", False, weights, kwargs, "VGG13_Weights", ["IMAGENET1K_V1", "DEFAULT"])


def vgg13_bn(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _vgg("vgg13_bn", "B", True, weights, kwargs, "VGG13_BN_Weights", ["IMAGENET1K_V1", "DEFAULT"])


def vgg16(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _vgg("vgg16", "D", False, weights, kwargs, "VGG16_Weights", ["IMAGENET1K_V1", "IMAGENET1K_FEATURES", "DEFAULT"])


def vgg16_bn(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _vgg("vgg16_bn", "D", True, weights, kwargs, "VGG16_BN_Weights", ["IMAGENET1K_V1", "DEFAULT"])


def vgg19(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _vgg("vgg19", "E", False, weights, kwargs, "VGG19_Weights", ["IMAGENET1K_V1", "DEFAULT"])


def vgg19_bn(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _vgg("vgg19_bn", "E", True, weights, kwargs, "VGG19_BN_Weights", ["IMAGENET1K_V1", "DEFAULT"])


class AlexNet(nn.Module):
    def __init__(self, num_classes=1000, dropout=0.5):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, kernel_size=11, stride=4, padding=2), nn.ReLU(inplace=True), nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(64, 192, kernel_size=5, padding=2), nn.ReLU(inplace=True), nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(192, 384, kernel_size=3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(384, 256, kernel_size=3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(256, 256, kernel_size=3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(kernel_size=3, stride=2),
        )
        self.avgpool = nn.AdaptiveAvgPool2d((6, 6))
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout), nn.Linear(256 * 6 * 6, 4096), nn.ReLU(inplace=True),
            nn.Dropout(p=dropout), nn.Linear(4096, 4096), nn.ReLU(inplace=True),
            nn.Linear(4096, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


def alexnet(weights=_NOT_GIVEN, progress=True, **kwargs):
    problem = _arguments("alexnet", weights, kwargs, "AlexNet_Weights", ["IMAGENET1K_V1", "DEFAULT"])
    if problem is not None:
        raise ValueError(problem)
    return AlexNet(**kwargs)


# ------------------------------------------------------------------ MobileNetV2


def _make_divisible(v, divisor, min_value=None):
    # The nearest multiple of divisor, never more than 10 % below v.
    if min_value is None:
        min_value = divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


class InvertedResidual(nn.Module):
    def __init__(self, inp, oup, stride, expand_ratio, norm_layer=None):
        super().__init__()
        self.stride = stride
        if stride not in [1, 2]:
            raise ValueError("stride should be 1 or 2")
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d
        hidden_dim = int(round(inp * expand_ratio))
        self.use_res_connect = self.stride == 1 and inp == oup
        layers = []
        if expand_ratio != 1:
            layers.append(Conv2dNormActivation(inp, hidden_dim, kernel_size=1, norm_layer=norm_layer, activation_layer=nn.ReLU6))
        layers.extend([
            Conv2dNormActivation(hidden_dim, hidden_dim, stride=stride, groups=hidden_dim, norm_layer=norm_layer, activation_layer=nn.ReLU6),
            nn.Conv2d(hidden_dim, oup, 1, 1, 0, bias=False),
            norm_layer(oup),
        ])
        self.conv = nn.Sequential(*layers)
        self.out_channels = oup
        self._is_cn = stride > 1

    def forward(self, x):
        if self.use_res_connect:
            return x + self.conv(x)
        return self.conv(x)


class MobileNetV2(nn.Module):
    def __init__(self, num_classes=1000, width_mult=1.0, inverted_residual_setting=None, round_nearest=8, block=None,
                 norm_layer=None, dropout=0.2):
        super().__init__()
        if block is None:
            block = InvertedResidual
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d
        input_channel = 32
        last_channel = 1280
        if inverted_residual_setting is None:
            inverted_residual_setting = [
                [1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1],
            ]
        if len(inverted_residual_setting) == 0 or len(inverted_residual_setting[0]) != 4:
            raise ValueError("inverted_residual_setting should be non-empty and a 4-element list")
        input_channel = _make_divisible(input_channel * width_mult, round_nearest)
        self.last_channel = _make_divisible(last_channel * max(1.0, width_mult), round_nearest)
        features = [Conv2dNormActivation(3, input_channel, stride=2, norm_layer=norm_layer, activation_layer=nn.ReLU6)]
        for t, c, n, s in inverted_residual_setting:
            output_channel = _make_divisible(c * width_mult, round_nearest)
            for i in range(n):
                stride = s if i == 0 else 1
                features.append(block(input_channel, output_channel, stride, expand_ratio=t, norm_layer=norm_layer))
                input_channel = output_channel
        features.append(Conv2dNormActivation(input_channel, self.last_channel, kernel_size=1, norm_layer=norm_layer, activation_layer=nn.ReLU6))
        self.features = nn.Sequential(*features)
        self.classifier = nn.Sequential(nn.Dropout(p=dropout), nn.Linear(self.last_channel, num_classes))

    def _forward_impl(self, x):
        x = self.features(x)
        x = F.adaptive_avg_pool2d(x, (1, 1))
        x = torch.flatten(x, 1)
        return self.classifier(x)

    def forward(self, x):
        return self._forward_impl(x)


def mobilenet_v2(weights=_NOT_GIVEN, progress=True, **kwargs):
    problem = _arguments("mobilenet_v2", weights, kwargs, "MobileNet_V2_Weights", ["IMAGENET1K_V1", "IMAGENET1K_V2", "DEFAULT"])
    if problem is not None:
        raise ValueError(problem)
    return MobileNetV2(**kwargs)


# ------------------------------------------------------------------ DenseNet


class _DenseLayer(nn.Module):
    def __init__(self, num_input_features, growth_rate, bn_size, drop_rate, memory_efficient=False):
        super().__init__()
        self.norm1 = nn.BatchNorm2d(num_input_features)
        self.relu1 = nn.ReLU(inplace=True)
        self.conv1 = nn.Conv2d(num_input_features, bn_size * growth_rate, kernel_size=1, stride=1, bias=False)
        self.norm2 = nn.BatchNorm2d(bn_size * growth_rate)
        self.relu2 = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(bn_size * growth_rate, growth_rate, kernel_size=3, stride=1, padding=1, bias=False)
        self.drop_rate = float(drop_rate)
        self.memory_efficient = memory_efficient

    def forward(self, input):
        # The block passes every earlier output; they are joined along the channels.
        prev_features = [input] if isinstance(input, torch.Tensor) else input
        concated = torch.cat(prev_features, 1)
        bottleneck_output = self.conv1(self.relu1(self.norm1(concated)))
        new_features = self.conv2(self.relu2(self.norm2(bottleneck_output)))
        if self.drop_rate > 0:
            new_features = F.dropout(new_features, p=self.drop_rate, training=self.training)
        return new_features


class _DenseBlock(nn.ModuleDict):
    def __init__(self, num_layers, num_input_features, bn_size, growth_rate, drop_rate, memory_efficient=False):
        super().__init__()
        for i in range(num_layers):
            layer = _DenseLayer(num_input_features + i * growth_rate, growth_rate=growth_rate, bn_size=bn_size,
                                drop_rate=drop_rate, memory_efficient=memory_efficient)
            self.add_module("denselayer%d" % (i + 1), layer)

    def forward(self, init_features):
        features = [init_features]
        for name, layer in self.items():
            new_features = layer(features)
            features.append(new_features)
        return torch.cat(features, 1)


class _Transition(nn.Sequential):
    def __init__(self, num_input_features, num_output_features):
        super().__init__()
        self.norm = nn.BatchNorm2d(num_input_features)
        self.relu = nn.ReLU(inplace=True)
        self.conv = nn.Conv2d(num_input_features, num_output_features, kernel_size=1, stride=1, bias=False)
        self.pool = nn.AvgPool2d(kernel_size=2, stride=2)


class DenseNet(nn.Module):
    def __init__(self, growth_rate=32, block_config=(6, 12, 24, 16), num_init_features=64, bn_size=4, drop_rate=0,
                 num_classes=1000, memory_efficient=False):
        super().__init__()
        self.features = nn.Sequential(OrderedDict([
            ("conv0", nn.Conv2d(3, num_init_features, kernel_size=7, stride=2, padding=3, bias=False)),
            ("norm0", nn.BatchNorm2d(num_init_features)),
            ("relu0", nn.ReLU(inplace=True)),
            ("pool0", nn.MaxPool2d(kernel_size=3, stride=2, padding=1)),
        ]))
        num_features = num_init_features
        for i, num_layers in enumerate(block_config):
            block = _DenseBlock(num_layers=num_layers, num_input_features=num_features, bn_size=bn_size,
                                growth_rate=growth_rate, drop_rate=drop_rate, memory_efficient=memory_efficient)
            self.features.add_module("denseblock%d" % (i + 1), block)
            num_features = num_features + num_layers * growth_rate
            if i != len(block_config) - 1:
                trans = _Transition(num_input_features=num_features, num_output_features=num_features // 2)
                self.features.add_module("transition%d" % (i + 1), trans)
                num_features = num_features // 2
        self.features.add_module("norm5", nn.BatchNorm2d(num_features))
        self.classifier = nn.Linear(num_features, num_classes)

    def forward(self, x):
        features = self.features(x)
        out = F.relu(features, inplace=True)
        out = F.adaptive_avg_pool2d(out, (1, 1))
        out = torch.flatten(out, 1)
        return self.classifier(out)


def _densenet(builder, growth_rate, block_config, num_init_features, weights, kwargs, enum_name):
    problem = _arguments(builder, weights, kwargs, enum_name, ["IMAGENET1K_V1", "DEFAULT"])
    if problem is not None:
        raise ValueError(problem)
    return DenseNet(growth_rate, block_config, num_init_features, **kwargs)


def densenet121(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _densenet("densenet121", 32, (6, 12, 24, 16), 64, weights, kwargs, "DenseNet121_Weights")


def densenet161(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _densenet("densenet161", 48, (6, 12, 36, 24), 96, weights, kwargs, "DenseNet161_Weights")


def densenet169(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _densenet("densenet169", 32, (6, 12, 32, 32), 64, weights, kwargs, "DenseNet169_Weights")


def densenet201(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _densenet("densenet201", 32, (6, 12, 48, 32), 64, weights, kwargs, "DenseNet201_Weights")


def _loads_weights(weights, kwargs):
    # Whether the call asks for pretrained weights (the legacy flag included); read before
    # _arguments settles kwargs, for the builders that fix more than num_classes when it does.
    if weights == _NOT_GIVEN:
        return "pretrained" in kwargs and bool(kwargs["pretrained"])
    if isinstance(weights, bool):
        return weights
    return weights is not None


# ------------------------------------------------------------------ Inception v3 and GoogLeNet
# In training mode (with aux_logits) both return a namedtuple with the auxiliary heads' outputs,
# in eval mode the logits alone; the heads run only in training mode.

InceptionOutputs = namedtuple("InceptionOutputs", ["logits", "aux_logits"])
_InceptionOutputs = InceptionOutputs
GoogLeNetOutputs = namedtuple("GoogLeNetOutputs", ["logits", "aux_logits2", "aux_logits1"])
_GoogLeNetOutputs = GoogLeNetOutputs


class BasicConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, **kwargs):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, bias=False, **kwargs)
        self.bn = nn.BatchNorm2d(out_channels, eps=0.001)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)), inplace=True)


class InceptionA(nn.Module):
    def __init__(self, in_channels, pool_features, conv_block=None):
        super().__init__()
        if conv_block is None:
            conv_block = BasicConv2d
        self.branch1x1 = conv_block(in_channels, 64, kernel_size=1)
        self.branch5x5_1 = conv_block(in_channels, 48, kernel_size=1)
        self.branch5x5_2 = conv_block(48, 64, kernel_size=5, padding=2)
        self.branch3x3dbl_1 = conv_block(in_channels, 64, kernel_size=1)
        self.branch3x3dbl_2 = conv_block(64, 96, kernel_size=3, padding=1)
        self.branch3x3dbl_3 = conv_block(96, 96, kernel_size=3, padding=1)
        self.branch_pool = conv_block(in_channels, pool_features, kernel_size=1)

    def forward(self, x):
        a = self.branch1x1(x)
        b = self.branch5x5_2(self.branch5x5_1(x))
        c = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))
        d = self.branch_pool(F.avg_pool2d(x, kernel_size=3, stride=1, padding=1))
        return torch.cat([a, b, c, d], 1)


class InceptionB(nn.Module):
    def __init__(self, in_channels, conv_block=None):
        super().__init__()
        if conv_block is None:
            conv_block = BasicConv2d
        self.branch3x3 = conv_block(in_channels, 384, kernel_size=3, stride=2)
        self.branch3x3dbl_1 = conv_block(in_channels, 64, kernel_size=1)
        self.branch3x3dbl_2 = conv_block(64, 96, kernel_size=3, padding=1)
        self.branch3x3dbl_3 = conv_block(96, 96, kernel_size=3, stride=2)

    def forward(self, x):
        a = self.branch3x3(x)
        b = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))
        c = F.max_pool2d(x, kernel_size=3, stride=2)
        return torch.cat([a, b, c], 1)


class InceptionC(nn.Module):
    def __init__(self, in_channels, channels_7x7, conv_block=None):
        super().__init__()
        if conv_block is None:
            conv_block = BasicConv2d
        c7 = channels_7x7
        self.branch1x1 = conv_block(in_channels, 192, kernel_size=1)
        self.branch7x7_1 = conv_block(in_channels, c7, kernel_size=1)
        self.branch7x7_2 = conv_block(c7, c7, kernel_size=(1, 7), padding=(0, 3))
        self.branch7x7_3 = conv_block(c7, 192, kernel_size=(7, 1), padding=(3, 0))
        self.branch7x7dbl_1 = conv_block(in_channels, c7, kernel_size=1)
        self.branch7x7dbl_2 = conv_block(c7, c7, kernel_size=(7, 1), padding=(3, 0))
        self.branch7x7dbl_3 = conv_block(c7, c7, kernel_size=(1, 7), padding=(0, 3))
        self.branch7x7dbl_4 = conv_block(c7, c7, kernel_size=(7, 1), padding=(3, 0))
        self.branch7x7dbl_5 = conv_block(c7, 192, kernel_size=(1, 7), padding=(0, 3))
        self.branch_pool = conv_block(in_channels, 192, kernel_size=1)

    def forward(self, x):
        a = self.branch1x1(x)
        b = self.branch7x7_3(self.branch7x7_2(self.branch7x7_1(x)))
        c = self.branch7x7dbl_1(x)
        c = self.branch7x7dbl_3(self.branch7x7dbl_2(c))
        c = self.branch7x7dbl_5(self.branch7x7dbl_4(c))
        d = self.branch_pool(F.avg_pool2d(x, kernel_size=3, stride=1, padding=1))
        return torch.cat([a, b, c, d], 1)


class InceptionD(nn.Module):
    def __init__(self, in_channels, conv_block=None):
        super().__init__()
        if conv_block is None:
            conv_block = BasicConv2d
        self.branch3x3_1 = conv_block(in_channels, 192, kernel_size=1)
        self.branch3x3_2 = conv_block(192, 320, kernel_size=3, stride=2)
        self.branch7x7x3_1 = conv_block(in_channels, 192, kernel_size=1)
        self.branch7x7x3_2 = conv_block(192, 192, kernel_size=(1, 7), padding=(0, 3))
        self.branch7x7x3_3 = conv_block(192, 192, kernel_size=(7, 1), padding=(3, 0))
        self.branch7x7x3_4 = conv_block(192, 192, kernel_size=3, stride=2)

    def forward(self, x):
        a = self.branch3x3_2(self.branch3x3_1(x))
        b = self.branch7x7x3_2(self.branch7x7x3_1(x))
        b = self.branch7x7x3_4(self.branch7x7x3_3(b))
        c = F.max_pool2d(x, kernel_size=3, stride=2)
        return torch.cat([a, b, c], 1)


class InceptionE(nn.Module):
    def __init__(self, in_channels, conv_block=None):
        super().__init__()
        if conv_block is None:
            conv_block = BasicConv2d
        self.branch1x1 = conv_block(in_channels, 320, kernel_size=1)
        self.branch3x3_1 = conv_block(in_channels, 384, kernel_size=1)
        self.branch3x3_2a = conv_block(384, 384, kernel_size=(1, 3), padding=(0, 1))
        self.branch3x3_2b = conv_block(384, 384, kernel_size=(3, 1), padding=(1, 0))
        self.branch3x3dbl_1 = conv_block(in_channels, 448, kernel_size=1)
        self.branch3x3dbl_2 = conv_block(448, 384, kernel_size=3, padding=1)
        self.branch3x3dbl_3a = conv_block(384, 384, kernel_size=(1, 3), padding=(0, 1))
        self.branch3x3dbl_3b = conv_block(384, 384, kernel_size=(3, 1), padding=(1, 0))
        self.branch_pool = conv_block(in_channels, 192, kernel_size=1)

    def forward(self, x):
        a = self.branch1x1(x)
        b = self.branch3x3_1(x)
        b = torch.cat([self.branch3x3_2a(b), self.branch3x3_2b(b)], 1)
        c = self.branch3x3dbl_2(self.branch3x3dbl_1(x))
        c = torch.cat([self.branch3x3dbl_3a(c), self.branch3x3dbl_3b(c)], 1)
        d = self.branch_pool(F.avg_pool2d(x, kernel_size=3, stride=1, padding=1))
        return torch.cat([a, b, c, d], 1)


class InceptionAux(nn.Module):
    def __init__(self, in_channels, num_classes, conv_block=None):
        super().__init__()
        if conv_block is None:
            conv_block = BasicConv2d
        self.conv0 = conv_block(in_channels, 128, kernel_size=1)
        self.conv1 = conv_block(128, 768, kernel_size=5)
        self.fc = nn.Linear(768, num_classes)

    def forward(self, x):
        x = F.avg_pool2d(x, kernel_size=5, stride=3)
        x = self.conv1(self.conv0(x))
        x = F.adaptive_avg_pool2d(x, (1, 1))
        x = torch.flatten(x, 1)
        return self.fc(x)


def _transform_input(x):
    # The pretrained weights' normalisation, channel by channel (values only).
    x_ch0 = torch.unsqueeze(x[:, 0], 1) * (0.229 / 0.5) + (0.485 - 0.5) / 0.5
    x_ch1 = torch.unsqueeze(x[:, 1], 1) * (0.224 / 0.5) + (0.456 - 0.5) / 0.5
    x_ch2 = torch.unsqueeze(x[:, 2], 1) * (0.225 / 0.5) + (0.406 - 0.5) / 0.5
    return torch.cat((x_ch0, x_ch1, x_ch2), 1)


class Inception3(nn.Module):
    def __init__(self, num_classes=1000, aux_logits=True, transform_input=False, inception_blocks=None, init_weights=None,
                 dropout=0.5):
        super().__init__()
        if inception_blocks is None:
            inception_blocks = [BasicConv2d, InceptionA, InceptionB, InceptionC, InceptionD, InceptionE, InceptionAux]
        if len(inception_blocks) != 7:
            raise ValueError("lenght of inception_blocks should be 7 instead of " + str(len(inception_blocks)))
        conv_block, inception_a, inception_b, inception_c, inception_d, inception_e, inception_aux = inception_blocks
        self.aux_logits = aux_logits
        self.transform_input = transform_input
        self.Conv2d_1a_3x3 = conv_block(3, 32, kernel_size=3, stride=2)
        self.Conv2d_2a_3x3 = conv_block(32, 32, kernel_size=3)
        self.Conv2d_2b_3x3 = conv_block(32, 64, kernel_size=3, padding=1)
        self.maxpool1 = nn.MaxPool2d(kernel_size=3, stride=2)
        self.Conv2d_3b_1x1 = conv_block(64, 80, kernel_size=1)
        self.Conv2d_4a_3x3 = conv_block(80, 192, kernel_size=3)
        self.maxpool2 = nn.MaxPool2d(kernel_size=3, stride=2)
        self.Mixed_5b = inception_a(192, pool_features=32)
        self.Mixed_5c = inception_a(256, pool_features=64)
        self.Mixed_5d = inception_a(288, pool_features=64)
        self.Mixed_6a = inception_b(288)
        self.Mixed_6b = inception_c(768, channels_7x7=128)
        self.Mixed_6c = inception_c(768, channels_7x7=160)
        self.Mixed_6d = inception_c(768, channels_7x7=160)
        self.Mixed_6e = inception_c(768, channels_7x7=192)
        self.AuxLogits = None
        if aux_logits:
            self.AuxLogits = inception_aux(768, num_classes)
        self.Mixed_7a = inception_d(768)
        self.Mixed_7b = inception_e(1280)
        self.Mixed_7c = inception_e(2048)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.dropout = nn.Dropout(p=dropout)
        self.fc = nn.Linear(2048, num_classes)

    def forward(self, x):
        if self.transform_input:
            x = _transform_input(x)
        x = self.maxpool1(self.Conv2d_2b_3x3(self.Conv2d_2a_3x3(self.Conv2d_1a_3x3(x))))
        x = self.maxpool2(self.Conv2d_4a_3x3(self.Conv2d_3b_1x1(x)))
        x = self.Mixed_5d(self.Mixed_5c(self.Mixed_5b(x)))
        x = self.Mixed_6a(x)
        x = self.Mixed_6e(self.Mixed_6d(self.Mixed_6c(self.Mixed_6b(x))))
        aux = None
        if self.AuxLogits is not None:
            if self.training:
                aux = self.AuxLogits(x)
        x = self.Mixed_7c(self.Mixed_7b(self.Mixed_7a(x)))
        x = self.dropout(self.avgpool(x))
        x = self.fc(torch.flatten(x, 1))
        if self.training and self.aux_logits:
            return InceptionOutputs(x, aux)
        return x


def inception_v3(weights=_NOT_GIVEN, progress=True, **kwargs):
    # Pretrained weights also fix aux_logits=True and init_weights=False, and switch
    # transform_input on unless it is given.
    loads = _loads_weights(weights, kwargs)
    problem = _arguments("inception_v3", weights, kwargs, "Inception_V3_Weights", ["IMAGENET1K_V1", "DEFAULT"])
    if problem is None and loads:
        if "transform_input" not in kwargs:
            kwargs["transform_input"] = True
        problem = _fixed(kwargs, "aux_logits", True)
        if problem is None:
            problem = _fixed(kwargs, "init_weights", False)
    if problem is not None:
        raise ValueError(problem)
    return Inception3(**kwargs)


class Inception(nn.Module):
    # GoogLeNet's block: four branches joined along the channels.
    def __init__(self, in_channels, ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj, conv_block=None):
        super().__init__()
        if conv_block is None:
            conv_block = BasicConv2d
        self.branch1 = conv_block(in_channels, ch1x1, kernel_size=1)
        self.branch2 = nn.Sequential(conv_block(in_channels, ch3x3red, kernel_size=1), conv_block(ch3x3red, ch3x3, kernel_size=3, padding=1))
        # The "5x5" branch has a 3x3 kernel in torchvision (a known deviation it keeps for its weights).
        self.branch3 = nn.Sequential(conv_block(in_channels, ch5x5red, kernel_size=1), conv_block(ch5x5red, ch5x5, kernel_size=3, padding=1))
        self.branch4 = nn.Sequential(nn.MaxPool2d(kernel_size=3, stride=1, padding=1, ceil_mode=True), conv_block(in_channels, pool_proj, kernel_size=1))

    def forward(self, x):
        return torch.cat([self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)], 1)


class GoogLeNetAux(nn.Module):
    # torchvision names it InceptionAux too (googlenet.InceptionAux); renamed here, as Inception v3's holds that name.
    def __init__(self, in_channels, num_classes, conv_block=None, dropout=0.7):
        super().__init__()
        if conv_block is None:
            conv_block = BasicConv2d
        self.conv = conv_block(in_channels, 128, kernel_size=1)
        self.fc1 = nn.Linear(2048, 1024)
        self.fc2 = nn.Linear(1024, num_classes)
        self.dropout = nn.Dropout(p=dropout)

    def forward(self, x):
        x = F.adaptive_avg_pool2d(x, (4, 4))
        x = torch.flatten(self.conv(x), 1)
        x = F.relu(self.fc1(x), inplace=True)
        return self.fc2(self.dropout(x))


class GoogLeNet(nn.Module):
    def __init__(self, num_classes=1000, aux_logits=True, transform_input=False, init_weights=None, blocks=None, dropout=0.2,
                 dropout_aux=0.7):
        super().__init__()
        if blocks is None:
            blocks = [BasicConv2d, Inception, GoogLeNetAux]
        if len(blocks) != 3:
            raise ValueError("blocks length should be 3 instead of " + str(len(blocks)))
        conv_block, inception_block, inception_aux_block = blocks
        self.aux_logits = aux_logits
        self.transform_input = transform_input
        self.conv1 = conv_block(3, 64, kernel_size=7, stride=2, padding=3)
        self.maxpool1 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.conv2 = conv_block(64, 64, kernel_size=1)
        self.conv3 = conv_block(64, 192, kernel_size=3, padding=1)
        self.maxpool2 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.inception3a = inception_block(192, 64, 96, 128, 16, 32, 32)
        self.inception3b = inception_block(256, 128, 128, 192, 32, 96, 64)
        self.maxpool3 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.inception4a = inception_block(480, 192, 96, 208, 16, 48, 64)
        self.inception4b = inception_block(512, 160, 112, 224, 24, 64, 64)
        self.inception4c = inception_block(512, 128, 128, 256, 24, 64, 64)
        self.inception4d = inception_block(512, 112, 144, 288, 32, 64, 64)
        self.inception4e = inception_block(528, 256, 160, 320, 32, 128, 128)
        self.maxpool4 = nn.MaxPool2d(2, stride=2, ceil_mode=True)
        self.inception5a = inception_block(832, 256, 160, 320, 32, 128, 128)
        self.inception5b = inception_block(832, 384, 192, 384, 48, 128, 128)
        if aux_logits:
            self.aux1 = inception_aux_block(512, num_classes, dropout=dropout_aux)
            self.aux2 = inception_aux_block(528, num_classes, dropout=dropout_aux)
        else:
            self.aux1 = None
            self.aux2 = None
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.dropout = nn.Dropout(p=dropout)
        self.fc = nn.Linear(1024, num_classes)

    def forward(self, x):
        if self.transform_input:
            x = _transform_input(x)
        x = self.maxpool1(self.conv1(x))
        x = self.maxpool2(self.conv3(self.conv2(x)))
        x = self.maxpool3(self.inception3b(self.inception3a(x)))
        x = self.inception4a(x)
        aux1 = None
        if self.aux1 is not None:
            if self.training:
                aux1 = self.aux1(x)
        x = self.inception4d(self.inception4c(self.inception4b(x)))
        aux2 = None
        if self.aux2 is not None:
            if self.training:
                aux2 = self.aux2(x)
        x = self.maxpool4(self.inception4e(x))
        x = self.inception5b(self.inception5a(x))
        x = torch.flatten(self.avgpool(x), 1)
        x = self.fc(self.dropout(x))
        if self.training and self.aux_logits:
            # torchvision 0.14 fills aux_logits2 with aux1's output and aux_logits1 with aux2's (same shapes).
            return GoogLeNetOutputs(x, aux1, aux2)
        return x


def googlenet(weights=_NOT_GIVEN, progress=True, **kwargs):
    # Pretrained weights fix aux_logits=True, init_weights=False and switch transform_input on unless
    # given; the auxiliary heads are then dropped unless aux_logits=True was asked for.
    loads = _loads_weights(weights, kwargs)
    keep_aux = "aux_logits" in kwargs and kwargs["aux_logits"]
    problem = _arguments("googlenet", weights, kwargs, "GoogLeNet_Weights", ["IMAGENET1K_V1", "DEFAULT"])
    if problem is None and loads:
        if "transform_input" not in kwargs:
            kwargs["transform_input"] = True
        problem = _fixed(kwargs, "aux_logits", True)
        if problem is None:
            problem = _fixed(kwargs, "init_weights", False)
        # Built without the heads: the same modules as torchvision's setting them to None after loading.
        kwargs["aux_logits"] = keep_aux
    if problem is not None:
        raise ValueError(problem)
    return GoogLeNet(**kwargs)


# ------------------------------------------------------------------ SqueezeNet


class Fire(nn.Module):
    def __init__(self, inplanes, squeeze_planes, expand1x1_planes, expand3x3_planes):
        super().__init__()
        self.inplanes = inplanes
        self.squeeze = nn.Conv2d(inplanes, squeeze_planes, kernel_size=1)
        self.squeeze_activation = nn.ReLU(inplace=True)
        self.expand1x1 = nn.Conv2d(squeeze_planes, expand1x1_planes, kernel_size=1)
        self.expand1x1_activation = nn.ReLU(inplace=True)
        self.expand3x3 = nn.Conv2d(squeeze_planes, expand3x3_planes, kernel_size=3, padding=1)
        self.expand3x3_activation = nn.ReLU(inplace=True)

    def forward(self, x):
        x = self.squeeze_activation(self.squeeze(x))
        return torch.cat([self.expand1x1_activation(self.expand1x1(x)), self.expand3x3_activation(self.expand3x3(x))], 1)


class SqueezeNet(nn.Module):
    def __init__(self, version="1_0", num_classes=1000, dropout=0.5):
        super().__init__()
        self.num_classes = num_classes
        if version == "1_0":
            self.features = nn.Sequential(
                nn.Conv2d(3, 96, kernel_size=7, stride=2), nn.ReLU(inplace=True), nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
                Fire(96, 16, 64, 64), Fire(128, 16, 64, 64), Fire(128, 32, 128, 128),
                nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
                Fire(256, 32, 128, 128), Fire(256, 48, 192, 192), Fire(384, 48, 192, 192), Fire(384, 64, 256, 256),
                nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
                Fire(512, 64, 256, 256),
            )
        elif version == "1_1":
            self.features = nn.Sequential(
                nn.Conv2d(3, 64, kernel_size=3, stride=2), nn.ReLU(inplace=True), nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
                Fire(64, 16, 64, 64), Fire(128, 16, 64, 64),
                nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
                Fire(128, 32, 128, 128), Fire(256, 32, 128, 128),
                nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
                Fire(256, 48, 192, 192), Fire(384, 48, 192, 192), Fire(384, 64, 256, 256), Fire(512, 64, 256, 256),
            )
        else:
            raise ValueError("Unsupported SqueezeNet version " + str(version) + ": 1_0 or 1_1 expected")
        self.classifier = nn.Sequential(nn.Dropout(p=dropout), nn.Conv2d(512, self.num_classes, kernel_size=1), nn.ReLU(inplace=True),
                                        nn.AdaptiveAvgPool2d((1, 1)))

    def forward(self, x):
        x = self.classifier(self.features(x))
        return torch.flatten(x, 1)


def squeezenet1_0(weights=_NOT_GIVEN, progress=True, **kwargs):
    problem = _arguments("squeezenet1_0", weights, kwargs, "SqueezeNet1_0_Weights", ["IMAGENET1K_V1", "DEFAULT"])
    if problem is not None:
        raise ValueError(problem)
    return SqueezeNet("1_0", **kwargs)


def squeezenet1_1(weights=_NOT_GIVEN, progress=True, **kwargs):
    problem = _arguments("squeezenet1_1", weights, kwargs, "SqueezeNet1_1_Weights", ["IMAGENET1K_V1", "DEFAULT"])
    if problem is not None:
        raise ValueError(problem)
    return SqueezeNet("1_1", **kwargs)


# ------------------------------------------------------------------ ShuffleNetV2


def channel_shuffle(x, groups):
    batchsize, num_channels, height, width = x.size()
    x = x.view(batchsize, groups, num_channels // groups, height, width)
    x = torch.transpose(x, 1, 2).contiguous()
    return x.view(batchsize, -1, height, width)


class ShuffleInvertedResidual(nn.Module):
    # torchvision's shufflenetv2.InvertedResidual, renamed here (MobileNetV2's holds that name).
    def __init__(self, inp, oup, stride):
        super().__init__()
        if not (1 <= stride and stride <= 3):
            raise ValueError("illegal stride value")
        self.stride = stride
        branch_features = oup // 2
        if self.stride == 1 and inp != branch_features * 2:
            raise ValueError("Invalid combination of stride " + str(stride) + ", inp " + str(inp) + " and oup " + str(oup) + " values. If stride == 1 then inp should be equal to oup // 2 << 1.")
        if self.stride > 1:
            self.branch1 = nn.Sequential(
                nn.Conv2d(inp, inp, 3, self.stride, 1, bias=False, groups=inp), nn.BatchNorm2d(inp),
                nn.Conv2d(inp, branch_features, kernel_size=1, stride=1, padding=0, bias=False), nn.BatchNorm2d(branch_features), nn.ReLU(inplace=True),
            )
        else:
            self.branch1 = nn.Sequential()
        self.branch2 = nn.Sequential(
            nn.Conv2d(inp if self.stride > 1 else branch_features, branch_features, kernel_size=1, stride=1, padding=0, bias=False),
            nn.BatchNorm2d(branch_features), nn.ReLU(inplace=True),
            nn.Conv2d(branch_features, branch_features, 3, self.stride, 1, bias=False, groups=branch_features), nn.BatchNorm2d(branch_features),
            nn.Conv2d(branch_features, branch_features, kernel_size=1, stride=1, padding=0, bias=False), nn.BatchNorm2d(branch_features), nn.ReLU(inplace=True),
        )

    def forward(self, x):
        if self.stride == 1:
            x1, x2 = x.chunk(2, dim=1)
            out = torch.cat((x1, self.branch2(x2)), dim=1)
        else:
            out = torch.cat((self.branch1(x), self.branch2(x)), dim=1)
        return channel_shuffle(out, 2)


class ShuffleNetV2(nn.Module):
    def __init__(self, stages_repeats, stages_out_channels, num_classes=1000, inverted_residual=ShuffleInvertedResidual):
        super().__init__()
        if len(stages_repeats) != 3:
            raise ValueError("expected stages_repeats as list of 3 positive ints")
        if len(stages_out_channels) != 5:
            raise ValueError("expected stages_out_channels as list of 5 positive ints")
        self._stage_out_channels = stages_out_channels
        input_channels = 3
        output_channels = stages_out_channels[0]
        self.conv1 = nn.Sequential(nn.Conv2d(input_channels, output_channels, 3, 2, 1, bias=False), nn.BatchNorm2d(output_channels), nn.ReLU(inplace=True))
        input_channels = output_channels
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        stages = []
        for repeats, output_channels in zip(stages_repeats, stages_out_channels[1:]):
            seq = [inverted_residual(input_channels, output_channels, 2)]
            for i in range(repeats - 1):
                seq.append(inverted_residual(output_channels, output_channels, 1))
            stages.append(nn.Sequential(*seq))
            input_channels = output_channels
        self.stage2 = stages[0]
        self.stage3 = stages[1]
        self.stage4 = stages[2]
        output_channels = stages_out_channels[-1]
        self.conv5 = nn.Sequential(nn.Conv2d(input_channels, output_channels, 1, 1, 0, bias=False), nn.BatchNorm2d(output_channels), nn.ReLU(inplace=True))
        self.fc = nn.Linear(output_channels, num_classes)

    def forward(self, x):
        x = self.maxpool(self.conv1(x))
        x = self.stage4(self.stage3(self.stage2(x)))
        x = self.conv5(x)
        x = x.mean([2, 3])
        return self.fc(x)


def _shufflenetv2(builder, enum_name, weights, kwargs, repeats, channels):
    problem = _arguments(builder, weights, kwargs, enum_name, ["IMAGENET1K_V1", "DEFAULT"])
    if problem is not None:
        raise ValueError(problem)
    return ShuffleNetV2(repeats, channels, **kwargs)


def shufflenet_v2_x0_5(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _shufflenetv2("shufflenet_v2_x0_5", "ShuffleNet_V2_X0_5_Weights", weights, kwargs, [4, 8, 4], [24, 48, 96, 192, 1024])


def shufflenet_v2_x1_0(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _shufflenetv2("shufflenet_v2_x1_0", "ShuffleNet_V2_X1_0_Weights", weights, kwargs, [4, 8, 4], [24, 116, 232, 464, 1024])


def shufflenet_v2_x1_5(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _shufflenetv2("shufflenet_v2_x1_5", "ShuffleNet_V2_X1_5_Weights", weights, kwargs, [4, 8, 4], [24, 176, 352, 704, 1024])


def shufflenet_v2_x2_0(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _shufflenetv2("shufflenet_v2_x2_0", "ShuffleNet_V2_X2_0_Weights", weights, kwargs, [4, 8, 4], [24, 244, 488, 976, 2048])


# ------------------------------------------------------------------ MobileNetV3


class InvertedResidualConfig:
    def __init__(self, input_channels, kernel, expanded_channels, out_channels, use_se, activation, stride, dilation, width_mult):
        self.input_channels = _make_divisible(input_channels * width_mult, 8)
        self.kernel = kernel
        self.expanded_channels = _make_divisible(expanded_channels * width_mult, 8)
        self.out_channels = _make_divisible(out_channels * width_mult, 8)
        self.use_se = use_se
        self.use_hs = activation == "HS"
        self.stride = stride
        self.dilation = dilation


class MobileNetV3Block(nn.Module):
    # torchvision's mobilenetv3.InvertedResidual, renamed here (MobileNetV2's holds that name).
    def __init__(self, cnf, norm_layer, se_layer=None):
        super().__init__()
        if se_layer is None:
            se_layer = partial(SqueezeExcitation, scale_activation=nn.Hardsigmoid)
        if not (1 <= cnf.stride and cnf.stride <= 2):
            raise ValueError("illegal stride value")
        self.use_res_connect = cnf.stride == 1 and cnf.input_channels == cnf.out_channels
        layers = []
        activation_layer = nn.Hardswish if cnf.use_hs else nn.ReLU
        if cnf.expanded_channels != cnf.input_channels:
            layers.append(Conv2dNormActivation(cnf.input_channels, cnf.expanded_channels, kernel_size=1, norm_layer=norm_layer, activation_layer=activation_layer))
        stride = 1 if cnf.dilation > 1 else cnf.stride
        layers.append(Conv2dNormActivation(cnf.expanded_channels, cnf.expanded_channels, kernel_size=cnf.kernel, stride=stride, dilation=cnf.dilation,
                                           groups=cnf.expanded_channels, norm_layer=norm_layer, activation_layer=activation_layer))
        if cnf.use_se:
            layers.append(se_layer(cnf.expanded_channels, _make_divisible(cnf.expanded_channels // 4, 8)))
        layers.append(Conv2dNormActivation(cnf.expanded_channels, cnf.out_channels, kernel_size=1, norm_layer=norm_layer, activation_layer=None))
        self.block = nn.Sequential(*layers)
        self.out_channels = cnf.out_channels
        self._is_cn = cnf.stride > 1

    def forward(self, input):
        result = self.block(input)
        if self.use_res_connect:
            result = result + input
        return result


class MobileNetV3(nn.Module):
    def __init__(self, inverted_residual_setting, last_channel, num_classes=1000, block=None, norm_layer=None, dropout=0.2, **kwargs):
        super().__init__()
        if not inverted_residual_setting:
            raise ValueError("The inverted_residual_setting should not be empty")
        if block is None:
            block = MobileNetV3Block
        if norm_layer is None:
            norm_layer = partial(nn.BatchNorm2d, eps=0.001, momentum=0.01)
        layers = []
        firstconv_output_channels = inverted_residual_setting[0].input_channels
        layers.append(Conv2dNormActivation(3, firstconv_output_channels, kernel_size=3, stride=2, norm_layer=norm_layer, activation_layer=nn.Hardswish))
        for cnf in inverted_residual_setting:
            layers.append(block(cnf, norm_layer))
        lastconv_input_channels = inverted_residual_setting[-1].out_channels
        lastconv_output_channels = 6 * lastconv_input_channels
        layers.append(Conv2dNormActivation(lastconv_input_channels, lastconv_output_channels, kernel_size=1, norm_layer=norm_layer, activation_layer=nn.Hardswish))
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Sequential(
            nn.Linear(lastconv_output_channels, last_channel), nn.Hardswish(inplace=True), nn.Dropout(p=dropout, inplace=True),
            nn.Linear(last_channel, num_classes),
        )

    def forward(self, x):
        x = self.avgpool(self.features(x))
        x = torch.flatten(x, 1)
        return self.classifier(x)


def _mobilenet_v3_conf(arch, width_mult=1.0, reduced_tail=False, dilated=False, **kwargs):
    rd = 2 if reduced_tail else 1
    d = 2 if dilated else 1
    # (input, kernel, expanded, out, SE, activation, stride, dilation) per block, as the paper's tables.
    if arch == "mobilenet_v3_large":
        rows = [
            (16, 3, 16, 16, False, "RE", 1, 1), (16, 3, 64, 24, False, "RE", 2, 1), (24, 3, 72, 24, False, "RE", 1, 1),
            (24, 5, 72, 40, True, "RE", 2, 1), (40, 5, 120, 40, True, "RE", 1, 1), (40, 5, 120, 40, True, "RE", 1, 1),
            (40, 3, 240, 80, False, "HS", 2, 1), (80, 3, 200, 80, False, "HS", 1, 1), (80, 3, 184, 80, False, "HS", 1, 1),
            (80, 3, 184, 80, False, "HS", 1, 1), (80, 3, 480, 112, True, "HS", 1, 1), (112, 3, 672, 112, True, "HS", 1, 1),
            (112, 5, 672, 160 // rd, True, "HS", 2, d), (160 // rd, 5, 960 // rd, 160 // rd, True, "HS", 1, d),
            (160 // rd, 5, 960 // rd, 160 // rd, True, "HS", 1, d),
        ]
        last = 1280 // rd
    elif arch == "mobilenet_v3_small":
        rows = [
            (16, 3, 16, 16, True, "RE", 2, 1), (16, 3, 72, 24, False, "RE", 2, 1), (24, 3, 88, 24, False, "RE", 1, 1),
            (24, 5, 96, 40, True, "HS", 2, 1), (40, 5, 240, 40, True, "HS", 1, 1), (40, 5, 240, 40, True, "HS", 1, 1),
            (40, 5, 120, 48, True, "HS", 1, 1), (48, 5, 144, 48, True, "HS", 1, 1), (48, 5, 288, 96 // rd, True, "HS", 2, d),
            (96 // rd, 5, 576 // rd, 96 // rd, True, "HS", 1, d), (96 // rd, 5, 576 // rd, 96 // rd, True, "HS", 1, d),
        ]
        last = 1024 // rd
    else:
        raise ValueError("Unsupported model type " + arch)
    setting = []
    for i, k, e, o, se, act, s, dil in rows:
        setting.append(InvertedResidualConfig(i, k, e, o, se, act, s, dil, width_mult))
    return setting, _make_divisible(last * width_mult, 8)


def _mobilenet_v3(builder, enum_name, members, weights, kwargs):
    # width_mult, reduced_tail and dilated shape the blocks; MobileNetV3 takes and ignores them.
    problem = _arguments(builder, weights, kwargs, enum_name, members)
    if problem is not None:
        raise ValueError(problem)
    setting, last_channel = _mobilenet_v3_conf(builder, **kwargs)
    return MobileNetV3(setting, last_channel, **kwargs)


def mobilenet_v3_large(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _mobilenet_v3("mobilenet_v3_large", "MobileNet_V3_Large_Weights", ["IMAGENET1K_V1", "IMAGENET1K_V2", "DEFAULT"], weights, kwargs)


def mobilenet_v3_small(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _mobilenet_v3("mobilenet_v3_small", "MobileNet_V3_Small_Weights", ["IMAGENET1K_V1", "DEFAULT"], weights, kwargs)


# ------------------------------------------------------------------ EfficientNet (B0-B7, V2 S/M/L)


class MBConvConfig:
    def __init__(self, expand_ratio, kernel, stride, input_channels, out_channels, num_layers, width_mult=1.0, depth_mult=1.0, block=None):
        self.expand_ratio = expand_ratio
        self.kernel = kernel
        self.stride = stride
        self.input_channels = _make_divisible(input_channels * width_mult, 8)
        self.out_channels = _make_divisible(out_channels * width_mult, 8)
        self.num_layers = int(math.ceil(num_layers * depth_mult))
        if block is None:
            block = MBConv
        self.block = block


class FusedMBConvConfig:
    # EfficientNetV2's early stages: a full convolution in place of the expansion and depthwise pair.
    def __init__(self, expand_ratio, kernel, stride, input_channels, out_channels, num_layers, block=None):
        self.expand_ratio = expand_ratio
        self.kernel = kernel
        self.stride = stride
        self.input_channels = input_channels
        self.out_channels = out_channels
        self.num_layers = num_layers
        if block is None:
            block = FusedMBConv
        self.block = block


class _BlockConfig:
    # One block's settings: its stage's, with the input and stride of a block after the first.
    def __init__(self, cnf, first):
        self.expand_ratio = cnf.expand_ratio
        self.kernel = cnf.kernel
        self.stride = cnf.stride if first else 1
        self.input_channels = cnf.input_channels if first else cnf.out_channels
        self.out_channels = cnf.out_channels
        self.num_layers = cnf.num_layers
        self.block = cnf.block


class _DepthResidual(nn.Module):
    # MBConv and FusedMBConv: the block, dropped per sample in training, plus the input when the shapes allow.
    def forward(self, input):
        result = self.block(input)
        if self.use_res_connect:
            result = self.stochastic_depth(result)
            result = result + input
        return result


class MBConv(_DepthResidual):
    def __init__(self, cnf, stochastic_depth_prob, norm_layer, se_layer=SqueezeExcitation):
        super().__init__()
        if not (1 <= cnf.stride and cnf.stride <= 2):
            raise ValueError("illegal stride value")
        self.use_res_connect = cnf.stride == 1 and cnf.input_channels == cnf.out_channels
        layers = []
        expanded_channels = _make_divisible(cnf.input_channels * cnf.expand_ratio, 8)
        if expanded_channels != cnf.input_channels:
            layers.append(Conv2dNormActivation(cnf.input_channels, expanded_channels, kernel_size=1, norm_layer=norm_layer, activation_layer=nn.SiLU))
        layers.append(Conv2dNormActivation(expanded_channels, expanded_channels, kernel_size=cnf.kernel, stride=cnf.stride, groups=expanded_channels,
                                           norm_layer=norm_layer, activation_layer=nn.SiLU))
        layers.append(se_layer(expanded_channels, max(1, cnf.input_channels // 4), activation=partial(nn.SiLU, inplace=True)))
        layers.append(Conv2dNormActivation(expanded_channels, cnf.out_channels, kernel_size=1, norm_layer=norm_layer, activation_layer=None))
        self.block = nn.Sequential(*layers)
        self.stochastic_depth = StochasticDepth(stochastic_depth_prob, "row")
        self.out_channels = cnf.out_channels


class FusedMBConv(_DepthResidual):
    def __init__(self, cnf, stochastic_depth_prob, norm_layer):
        super().__init__()
        if not (1 <= cnf.stride and cnf.stride <= 2):
            raise ValueError("illegal stride value")
        self.use_res_connect = cnf.stride == 1 and cnf.input_channels == cnf.out_channels
        layers = []
        expanded_channels = _make_divisible(cnf.input_channels * cnf.expand_ratio, 8)
        if expanded_channels != cnf.input_channels:
            layers.append(Conv2dNormActivation(cnf.input_channels, expanded_channels, kernel_size=cnf.kernel, stride=cnf.stride, norm_layer=norm_layer,
                                               activation_layer=nn.SiLU))
            layers.append(Conv2dNormActivation(expanded_channels, cnf.out_channels, kernel_size=1, norm_layer=norm_layer, activation_layer=None))
        else:
            layers.append(Conv2dNormActivation(cnf.input_channels, cnf.out_channels, kernel_size=cnf.kernel, stride=cnf.stride, norm_layer=norm_layer,
                                               activation_layer=nn.SiLU))
        self.block = nn.Sequential(*layers)
        self.stochastic_depth = StochasticDepth(stochastic_depth_prob, "row")
        self.out_channels = cnf.out_channels


class EfficientNet(nn.Module):
    def __init__(self, inverted_residual_setting, dropout, stochastic_depth_prob=0.2, num_classes=1000, norm_layer=None, last_channel=None, **kwargs):
        super().__init__()
        if not inverted_residual_setting:
            raise ValueError("The inverted_residual_setting should not be empty")
        # The deprecated block= replaces the block of every MBConv stage.
        if "block" in kwargs and kwargs["block"] is not None:
            for s in inverted_residual_setting:
                if isinstance(s, MBConvConfig):
                    s.block = kwargs["block"]
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d
        layers = []
        firstconv_output_channels = inverted_residual_setting[0].input_channels
        layers.append(Conv2dNormActivation(3, firstconv_output_channels, kernel_size=3, stride=2, norm_layer=norm_layer, activation_layer=nn.SiLU))
        total_stage_blocks = 0
        for cnf in inverted_residual_setting:
            total_stage_blocks += cnf.num_layers
        stage_block_id = 0
        for cnf in inverted_residual_setting:
            stage = []
            for j in range(cnf.num_layers):
                sd_prob = stochastic_depth_prob * float(stage_block_id) / total_stage_blocks
                stage.append(cnf.block(_BlockConfig(cnf, j == 0), sd_prob, norm_layer))
                stage_block_id += 1
            layers.append(nn.Sequential(*stage))
        lastconv_input_channels = inverted_residual_setting[-1].out_channels
        lastconv_output_channels = last_channel if last_channel is not None else 4 * lastconv_input_channels
        layers.append(Conv2dNormActivation(lastconv_input_channels, lastconv_output_channels, kernel_size=1, norm_layer=norm_layer, activation_layer=nn.SiLU))
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Sequential(nn.Dropout(p=dropout, inplace=True), nn.Linear(lastconv_output_channels, num_classes))

    def forward(self, x):
        x = self.avgpool(self.features(x))
        x = torch.flatten(x, 1)
        return self.classifier(x)


def _efficientnet_settings(builder, kwargs, norm_layer):
    # What torchvision refuses, as a message (None: accepted); the B5-B7 and V2 norm_layer goes into kwargs.
    if norm_layer is not None:
        if "norm_layer" in kwargs:
            return builder + "() got multiple values for keyword argument 'norm_layer'"
        kwargs["norm_layer"] = norm_layer
    return None


def _efficientnet(builder, enum_name, members, width_mult, depth_mult, dropout, weights, kwargs, norm_layer=None):
    problem = _arguments(builder, weights, kwargs, enum_name, members)
    if problem is None:
        problem = _efficientnet_settings(builder, kwargs, norm_layer)
    if problem is not None:
        raise ValueError(problem)
    # (expand ratio, kernel, stride, input, output, blocks) per stage, before the width and depth multipliers.
    rows = [(1, 3, 1, 32, 16, 1), (6, 3, 2, 16, 24, 2), (6, 5, 2, 24, 40, 2), (6, 3, 2, 40, 80, 3), (6, 5, 1, 80, 112, 3),
            (6, 5, 2, 112, 192, 4), (6, 3, 1, 192, 320, 1)]
    setting = []
    for e, k, s, i, o, n in rows:
        setting.append(MBConvConfig(e, k, s, i, o, n, width_mult=width_mult, depth_mult=depth_mult))
    return EfficientNet(setting, dropout, last_channel=None, **kwargs)


def _efficientnet_v2(builder, enum_name, fused, mb, dropout, weights, kwargs):
    # fused / mb: (expand ratio, kernel, stride, input, output, blocks) of the FusedMBConv, then the MBConv stages.
    problem = _arguments(builder, weights, kwargs, enum_name, ["IMAGENET1K_V1", "DEFAULT"])
    if problem is None:
        problem = _efficientnet_settings(builder, kwargs, partial(nn.BatchNorm2d, eps=0.001))
    if problem is not None:
        raise ValueError(problem)
    setting = []
    for e, k, s, i, o, n in fused:
        setting.append(FusedMBConvConfig(e, k, s, i, o, n))
    for e, k, s, i, o, n in mb:
        setting.append(MBConvConfig(e, k, s, i, o, n))
    return EfficientNet(setting, dropout, last_channel=1280, **kwargs)


def efficientnet_b0(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _efficientnet("efficientnet_b0", "EfficientNet_B0_Weights", ["IMAGENET1K_V1", "DEFAULT"], 1.0, 1.0, 0.2, weights, kwargs)


def efficientnet_b1(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _efficientnet("efficientnet_b1", "EfficientNet_B1_Weights", ["IMAGENET1K_V1", "IMAGENET1K_V2", "DEFAULT"], 1.0, 1.1, 0.2, weights, kwargs)


def efficientnet_b2(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _efficientnet("efficientnet_b2", "EfficientNet_B2_Weights", ["IMAGENET1K_V1", "DEFAULT"], 1.1, 1.2, 0.3, weights, kwargs)


def efficientnet_b3(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _efficientnet("efficientnet_b3", "EfficientNet_B3_Weights", ["IMAGENET1K_V1", "DEFAULT"], 1.2, 1.4, 0.3, weights, kwargs)


def efficientnet_b4(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _efficientnet("efficientnet_b4", "EfficientNet_B4_Weights", ["IMAGENET1K_V1", "DEFAULT"], 1.4, 1.8, 0.4, weights, kwargs)


def efficientnet_b5(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _efficientnet("efficientnet_b5", "EfficientNet_B5_Weights", ["IMAGENET1K_V1", "DEFAULT"], 1.6, 2.2, 0.4, weights, kwargs,
                         partial(nn.BatchNorm2d, eps=0.001, momentum=0.01))


def efficientnet_b6(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _efficientnet("efficientnet_b6", "EfficientNet_B6_Weights", ["IMAGENET1K_V1", "DEFAULT"], 1.8, 2.6, 0.5, weights, kwargs,
                         partial(nn.BatchNorm2d, eps=0.001, momentum=0.01))


def efficientnet_b7(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _efficientnet("efficientnet_b7", "EfficientNet_B7_Weights", ["IMAGENET1K_V1", "DEFAULT"], 2.0, 3.1, 0.5, weights, kwargs,
                         partial(nn.BatchNorm2d, eps=0.001, momentum=0.01))


def efficientnet_v2_s(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _efficientnet_v2("efficientnet_v2_s", "EfficientNet_V2_S_Weights",
                            [(1, 3, 1, 24, 24, 2), (4, 3, 2, 24, 48, 4), (4, 3, 2, 48, 64, 4)],
                            [(4, 3, 2, 64, 128, 6), (6, 3, 1, 128, 160, 9), (6, 3, 2, 160, 256, 15)], 0.2, weights, kwargs)


def efficientnet_v2_m(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _efficientnet_v2("efficientnet_v2_m", "EfficientNet_V2_M_Weights",
                            [(1, 3, 1, 24, 24, 3), (4, 3, 2, 24, 48, 5), (4, 3, 2, 48, 80, 5)],
                            [(4, 3, 2, 80, 160, 7), (6, 3, 1, 160, 176, 14), (6, 3, 2, 176, 304, 18), (6, 3, 1, 304, 512, 5)], 0.3, weights, kwargs)


def efficientnet_v2_l(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _efficientnet_v2("efficientnet_v2_l", "EfficientNet_V2_L_Weights",
                            [(1, 3, 1, 32, 32, 4), (4, 3, 2, 32, 64, 7), (4, 3, 2, 64, 96, 7)],
                            [(4, 3, 2, 96, 192, 10), (6, 3, 1, 192, 224, 19), (6, 3, 2, 224, 384, 25), (6, 3, 1, 384, 640, 7)], 0.4, weights, kwargs)


# ------------------------------------------------------------------ MNASNet

_BN_MOMENTUM = 1 - 0.9997


class _InvertedResidual(nn.Module):
    def __init__(self, in_ch, out_ch, kernel_size, stride, expansion_factor, bn_momentum=0.1):
        super().__init__()
        if stride not in [1, 2]:
            raise ValueError("stride should be 1 or 2 instead of " + str(stride))
        if kernel_size not in [3, 5]:
            raise ValueError("kernel_size should be 3 or 5 instead of " + str(kernel_size))
        mid_ch = in_ch * expansion_factor
        self.apply_residual = in_ch == out_ch and stride == 1
        self.layers = nn.Sequential(
            nn.Conv2d(in_ch, mid_ch, 1, bias=False), nn.BatchNorm2d(mid_ch, momentum=bn_momentum), nn.ReLU(inplace=True),
            nn.Conv2d(mid_ch, mid_ch, kernel_size, padding=kernel_size // 2, stride=stride, groups=mid_ch, bias=False),
            nn.BatchNorm2d(mid_ch, momentum=bn_momentum), nn.ReLU(inplace=True),
            nn.Conv2d(mid_ch, out_ch, 1, bias=False), nn.BatchNorm2d(out_ch, momentum=bn_momentum),
        )

    def forward(self, input):
        if self.apply_residual:
            return self.layers(input) + input
        return self.layers(input)


def _stack(in_ch, out_ch, kernel_size, stride, exp_factor, repeats, bn_momentum):
    blocks = [_InvertedResidual(in_ch, out_ch, kernel_size, stride, exp_factor, bn_momentum=bn_momentum)]
    for _ in range(1, repeats):
        blocks.append(_InvertedResidual(out_ch, out_ch, kernel_size, 1, exp_factor, bn_momentum=bn_momentum))
    return nn.Sequential(*blocks)


def _round_to_multiple_of(val, divisor, round_up_bias=0.9):
    # The nearest multiple of divisor, raised by one step when that is below round_up_bias * val.
    new_val = max(divisor, int(val + divisor / 2) // divisor * divisor)
    if new_val >= round_up_bias * val:
        return new_val
    return new_val + divisor


class MNASNet(nn.Module):
    _version = 2

    def __init__(self, alpha, num_classes=1000, dropout=0.2):
        super().__init__()
        if alpha <= 0.0:
            raise ValueError("alpha should be greater than 0.0 instead of " + str(alpha))
        self.alpha = alpha
        self.num_classes = num_classes
        depths = []
        for depth in [32, 16, 24, 40, 80, 96, 192, 320]:
            depths.append(_round_to_multiple_of(depth * alpha, 8))
        layers = [
            nn.Conv2d(3, depths[0], 3, padding=1, stride=2, bias=False), nn.BatchNorm2d(depths[0], momentum=_BN_MOMENTUM), nn.ReLU(inplace=True),
            nn.Conv2d(depths[0], depths[0], 3, padding=1, stride=1, groups=depths[0], bias=False), nn.BatchNorm2d(depths[0], momentum=_BN_MOMENTUM),
            nn.ReLU(inplace=True),
            nn.Conv2d(depths[0], depths[1], 1, padding=0, stride=1, bias=False), nn.BatchNorm2d(depths[1], momentum=_BN_MOMENTUM),
            _stack(depths[1], depths[2], 3, 2, 3, 3, _BN_MOMENTUM),
            _stack(depths[2], depths[3], 5, 2, 3, 3, _BN_MOMENTUM),
            _stack(depths[3], depths[4], 5, 2, 6, 3, _BN_MOMENTUM),
            _stack(depths[4], depths[5], 3, 1, 6, 2, _BN_MOMENTUM),
            _stack(depths[5], depths[6], 5, 2, 6, 4, _BN_MOMENTUM),
            _stack(depths[6], depths[7], 3, 1, 6, 1, _BN_MOMENTUM),
            nn.Conv2d(depths[7], 1280, 1, padding=0, stride=1, bias=False), nn.BatchNorm2d(1280, momentum=_BN_MOMENTUM), nn.ReLU(inplace=True),
        ]
        self.layers = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Dropout(p=dropout, inplace=True), nn.Linear(1280, num_classes))

    def forward(self, x):
        x = self.layers(x)
        x = x.mean([2, 3])
        return self.classifier(x)


def _mnasnet(builder, alpha, enum_name, weights, kwargs):
    problem = _arguments(builder, weights, kwargs, enum_name, ["IMAGENET1K_V1", "DEFAULT"])
    if problem is not None:
        raise ValueError(problem)
    return MNASNet(alpha, **kwargs)


def mnasnet0_5(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _mnasnet("mnasnet0_5", 0.5, "MNASNet0_5_Weights", weights, kwargs)


def mnasnet0_75(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _mnasnet("mnasnet0_75", 0.75, "MNASNet0_75_Weights", weights, kwargs)


def mnasnet1_0(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _mnasnet("mnasnet1_0", 1.0, "MNASNet1_0_Weights", weights, kwargs)


def mnasnet1_3(weights=_NOT_GIVEN, progress=True, **kwargs):
    return _mnasnet("mnasnet1_3", 1.3, "MNASNet1_3_Weights", weights, kwargs)


# ------------------------------------------------------------------ weights enums
# Opaque values: a member is filed as "Enum.NAME", which the builders check and otherwise ignore.
`;

/** The weights enums and their members (torchvision 0.14), written into the program as classes. */
const WEIGHTS: Record<string, string[]> = {
  ResNet18_Weights: ['IMAGENET1K_V1'],
  ResNet34_Weights: ['IMAGENET1K_V1'],
  ResNet50_Weights: ['IMAGENET1K_V1', 'IMAGENET1K_V2'],
  ResNet101_Weights: ['IMAGENET1K_V1', 'IMAGENET1K_V2'],
  ResNet152_Weights: ['IMAGENET1K_V1', 'IMAGENET1K_V2'],
  ResNeXt50_32X4D_Weights: ['IMAGENET1K_V1', 'IMAGENET1K_V2'],
  ResNeXt101_32X8D_Weights: ['IMAGENET1K_V1', 'IMAGENET1K_V2'],
  Wide_ResNet50_2_Weights: ['IMAGENET1K_V1', 'IMAGENET1K_V2'],
  Wide_ResNet101_2_Weights: ['IMAGENET1K_V1', 'IMAGENET1K_V2'],
  VGG11_Weights: ['IMAGENET1K_V1'],
  VGG11_BN_Weights: ['IMAGENET1K_V1'],
  VGG13_Weights: ['IMAGENET1K_V1'],
  VGG13_BN_Weights: ['IMAGENET1K_V1'],
  VGG16_Weights: ['IMAGENET1K_V1', 'IMAGENET1K_FEATURES'],
  VGG16_BN_Weights: ['IMAGENET1K_V1'],
  VGG19_Weights: ['IMAGENET1K_V1'],
  VGG19_BN_Weights: ['IMAGENET1K_V1'],
  AlexNet_Weights: ['IMAGENET1K_V1'],
  MobileNet_V2_Weights: ['IMAGENET1K_V1', 'IMAGENET1K_V2'],
  DenseNet121_Weights: ['IMAGENET1K_V1'],
  DenseNet161_Weights: ['IMAGENET1K_V1'],
  DenseNet169_Weights: ['IMAGENET1K_V1'],
  DenseNet201_Weights: ['IMAGENET1K_V1'],
  Inception_V3_Weights: ['IMAGENET1K_V1'],
  GoogLeNet_Weights: ['IMAGENET1K_V1'],
  SqueezeNet1_0_Weights: ['IMAGENET1K_V1'],
  SqueezeNet1_1_Weights: ['IMAGENET1K_V1'],
  ShuffleNet_V2_X0_5_Weights: ['IMAGENET1K_V1'],
  ShuffleNet_V2_X1_0_Weights: ['IMAGENET1K_V1'],
  ShuffleNet_V2_X1_5_Weights: ['IMAGENET1K_V1'],
  ShuffleNet_V2_X2_0_Weights: ['IMAGENET1K_V1'],
  MobileNet_V3_Large_Weights: ['IMAGENET1K_V1', 'IMAGENET1K_V2'],
  MobileNet_V3_Small_Weights: ['IMAGENET1K_V1'],
  EfficientNet_B0_Weights: ['IMAGENET1K_V1'],
  EfficientNet_B1_Weights: ['IMAGENET1K_V1', 'IMAGENET1K_V2'],
  EfficientNet_B2_Weights: ['IMAGENET1K_V1'],
  EfficientNet_B3_Weights: ['IMAGENET1K_V1'],
  EfficientNet_B4_Weights: ['IMAGENET1K_V1'],
  EfficientNet_B5_Weights: ['IMAGENET1K_V1'],
  EfficientNet_B6_Weights: ['IMAGENET1K_V1'],
  EfficientNet_B7_Weights: ['IMAGENET1K_V1'],
  EfficientNet_V2_S_Weights: ['IMAGENET1K_V1'],
  EfficientNet_V2_M_Weights: ['IMAGENET1K_V1'],
  EfficientNet_V2_L_Weights: ['IMAGENET1K_V1'],
  MNASNet0_5_Weights: ['IMAGENET1K_V1'],
  MNASNet0_75_Weights: ['IMAGENET1K_V1'],
  MNASNet1_0_Weights: ['IMAGENET1K_V1'],
  MNASNet1_3_Weights: ['IMAGENET1K_V1'],
};

/** The whole program: the builders, then one class per weights enum (DEFAULT: the best ImageNet weights, V2 where there are two). */
export const TORCHVISION_MODELS_PROGRAM =
  TORCHVISION_MODELS_SOURCE +
  Object.entries(WEIGHTS)
    .map(([cls, members]) => {
      const lines = members.map((m) => `    ${m} = "${cls}.${m}"`);
      const newest = members.includes('IMAGENET1K_V2') ? 'IMAGENET1K_V2' : 'IMAGENET1K_V1';
      return `\n\nclass ${cls}:\n${lines.join('\n')}\n    DEFAULT = "${cls}.${newest}"\n`;
    })
    .join('');
