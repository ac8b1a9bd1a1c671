// torchvision's classification model builders (`models.resnet18(pretrained=True)`, `vgg16()`,
// `alexnet()`, `mobilenet_v2()`, `densenet121()`), which transfer-learning code calls from the
// installed library, so their source is not in the workspace. The architectures are fixed by
// torchvision's documented behaviour (sub-module names and order, layer sizes, forward); the
// analysis reads them as a small Python program of its own (below), run by the same interpreter
// as the user's classes, so `named_modules()` paths, counts and shapes come out as PyTorch's.
// Checked builder by builder against torchvision 0.14 (test/unit/torchvisionModels.unit.test.ts).

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
from collections import OrderedDict

import torch
import torch.nn.functional as F
from torch import nn
from torchvision.ops import Conv2dNormActivation

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
