"""A multi-layer perceptron solves XOR, in PyTorch (the document's section 「多层感知机」).

One hidden layer bends the input square so that a straight line in the hidden layer's space
separates what no straight line in the input square can. Data: the four XOR rows plus a cloud of
noisy points around each corner, labelled like their corner. The decision-boundary view shows the
two bands the hidden units carve out.
"""
import torch
import torch.nn as nn

CORNERS = [(0.0, 0.0, 0), (0.0, 1.0, 1), (1.0, 0.0, 1), (1.0, 1.0, 0)]  # x1, x2, x1 XOR x2

DESCRIPTION = {
    "id": "mlp-xor",
    "title": {"en": "MLP solves XOR", "zh-cn": "多层感知机解决异或"},
    "sections": [{"en": "Multi-layer perceptron", "zh-cn": "多层感知机"}],
    "dataset": {"en": "XOR truth table + 400 noisy points around its corners (σ = 0.15)", "zh-cn": "异或真值表 + 四角附近 400 个带噪声的点（σ = 0.15）"},
    "goal": {"en": "100 % on the XOR truth table", "zh-cn": "异或真值表 100% 正确"},
    "task": "classification",
    "defaults": {"learningRate": 0.03, "batchSize": 32, "epochs": 40, "optimizer": "adam", "activation": "tanh", "initializer": "xavier", "seed": 1},
}


# input: (32, 2)
class XorMLP(nn.Module):
    def __init__(self, activation=nn.Tanh):
        super(XorMLP, self).__init__()
        self.hidden = nn.Linear(2, 8)   # 2 inputs → 8 hidden units
        self.activation = activation()
        self.output = nn.Linear(8, 2)   # 8 hidden units → 2 class scores

    def forward(self, x):
        return self.output(self.activation(self.hidden(x)))


def noisy_xor(ctx, count, sigma):
    """Noisy copies of the corners, each labelled like its corner."""
    x, y = [], []
    for i in range(count):
        a, b, label = CORNERS[i % 4]
        x.append([a + sigma * ctx.data.gaussian(), b + sigma * ctx.data.gaussian()])
        y.append(label)
    return torch.tensor(x), torch.tensor(y)


def create(ctx):
    train_x, train_y = noisy_xor(ctx, 400, 0.15)
    # The exact truth table is part of the training set too.
    table = torch.tensor([[a, b] for a, b, _ in CORNERS])
    table_labels = torch.tensor([label for _, _, label in CORNERS])
    train_x[:4], train_y[:4] = table, table_labels
    test_x, test_y = noisy_xor(ctx, 200, 0.15)
    data = ctx.datasets(train=ctx.data.split(train_x, train_y), test=ctx.data.split(test_x, test_y))
    model = ctx.initialize(XorMLP(activation=ctx.activation))

    def xor_table():
        return (model(table).argmax(-1) == table_labels).float().mean().item()

    def visuals(show):
        grid = ctx.grid(41, -0.5, 1.5)
        class_one = model(grid).softmax(-1)[:, 1]
        show.boundary("XOR", (-0.5, 1.5), (-0.5, 1.5), 41, class_one, train_x, train_y.float(), xor_table())

    return ctx.classifier(model, data, visuals=visuals, extra_metrics=lambda: {"xorTable": xor_table()})
