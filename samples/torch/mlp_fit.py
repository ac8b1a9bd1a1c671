"""A small MLP approximates y = sin(x), in PyTorch (the document's section 「通用逼近定理」).

The universal approximation theorem says one hidden layer with enough units and a non-linear
activation can get as close as we like to any continuous function on a closed interval. Two hidden
layers of 32 tanh units make it quick in practice. The fitted-curve view overlays the network's
output on the target as it trains.
"""
import math

import torch
import torch.nn as nn

LOW, HIGH = -math.pi, math.pi

DESCRIPTION = {
    "id": "mlp-fit",
    "title": {"en": "MLP fits sin(x) (universal approximation)", "zh-cn": "多层感知机拟合 sin(x)（通用逼近定理）"},
    "sections": [{"en": "Universal approximation theorem", "zh-cn": "通用逼近定理"}],
    "dataset": {"en": "512 random points of y = sin(x) on [-π, π]; 200 evenly spaced test points", "zh-cn": "y = sin(x) 在 [-π, π] 上随机取 512 个点；测试用 200 个等距点"},
    "goal": {"en": "test MSE ≤ 0.001", "zh-cn": "测试均方误差 ≤ 0.001"},
    "task": "regression",
    "defaults": {"learningRate": 0.01, "batchSize": 64, "epochs": 250, "optimizer": "adam", "activation": "tanh", "initializer": "xavier", "seed": 1},
}


# input: (64, 1)
class FitMLP(nn.Module):
    def __init__(self, activation=nn.Tanh):
        super(FitMLP, self).__init__()
        self.hidden1 = nn.Linear(1, 32)
        self.hidden2 = nn.Linear(32, 32)
        self.output = nn.Linear(32, 1)
        self.activation = activation()

    def forward(self, x):
        x = self.activation(self.hidden1(x))
        x = self.activation(self.hidden2(x))
        return self.output(x)


def create(ctx):
    train_x = torch.tensor([[LOW + ctx.random() * (HIGH - LOW)] for _ in range(512)])
    test_x = torch.linspace(LOW, HIGH, 200).reshape(200, 1)
    data = ctx.datasets(train=ctx.data.split(train_x, torch.sin(train_x)), test=ctx.data.split(test_x, torch.sin(test_x)))
    model = ctx.initialize(FitMLP(activation=ctx.activation))

    def visuals(show):
        show.curve("sin(x)", test_x, torch.sin(test_x), model(test_x))

    return ctx.regressor(model, data, visuals=visuals)
