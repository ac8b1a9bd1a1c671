"""The single-layer perceptron, in PyTorch (the document's section 「单层感知机」).

Four perceptrons, one per logic gate (AND, OR, NAND, XOR), learn their truth tables side by side.
Each forms a weighted sum of its two inputs plus a bias and fires (1) when the sum is positive:
its decision boundary is a straight line through the input square.

The perceptron rule moves the weights by lr · (target - output) · input whenever the output is
wrong. That is plain SGD on the "perceptron criterion"

    L = -(target - step(z)) · z,   z = w·x + b,

because step() passes no gradient: dL/dw = -(target - output) · x. So the ordinary training loop
(and its gradient instrumentation) runs the classic rule unchanged.

AND, OR and NAND are separable by a line and reach 100 %. XOR is not: no line puts (0,1) and (1,0)
on one side and (0,0), (1,1) on the other, so at most 3 of its 4 rows come out right; its boundary
keeps flipping while the other three settle.
"""
import torch
import torch.nn as nn

GATES = ["AND", "OR", "NAND", "XOR"]
INPUTS = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
TRUTH = {"AND": [0, 0, 0, 1], "OR": [0, 1, 1, 1], "NAND": [1, 1, 1, 0], "XOR": [0, 1, 1, 0]}

DESCRIPTION = {
    "id": "perceptron",
    "title": {"en": "Perceptron: AND, OR, NAND, XOR", "zh-cn": "单层感知机：与、或、与非、异或"},
    "sections": [{"en": "Single-layer perceptron", "zh-cn": "单层感知机"}],
    "dataset": {"en": "Truth tables of AND, OR, NAND and XOR (4 rows each)", "zh-cn": "与、或、与非、异或的真值表（各 4 行）"},
    "goal": {"en": "AND, OR, NAND 100 %; XOR stays at or below 75 % (not linearly separable)", "zh-cn": "与、或、与非达到 100%；异或不超过 75%（线性不可分）"},
    "task": "classification",
    # Batch 1 is the classic online rule: one row at a time.
    "defaults": {"learningRate": 0.1, "batchSize": 1, "epochs": 25, "optimizer": "sgd", "activation": "linear", "initializer": "zeros", "seed": 1},
}


def step(z):
    """1 where z > 0, else 0 (no gradient flows through it)."""
    return (z > 0).float()


# input: (1, 2)
class GatePerceptrons(nn.Module):
    def __init__(self):
        super(GatePerceptrons, self).__init__()
        # four perceptrons side by side: 2 inputs → 4 weighted sums, one per gate
        self.perceptron = nn.Linear(2, 4)

    def forward(self, x):
        return self.perceptron(x)  # z = w·x + b for each gate; step(z) is the output


def create(ctx):
    x = torch.tensor(INPUTS)
    y = torch.tensor([[float(TRUTH[g][row]) for g in GATES] for row in range(4)])
    # The table is all there is: the same four rows train and test.
    data = ctx.data.split(x, y)
    model = ctx.initialize(GatePerceptrons())

    def perceptron_rule(batch, tap):
        z = model(batch.x)
        out = step(z)
        tap.metric("acc", (out == batch.y).float().mean())
        return (-(batch.y - out) * z).sum(1).mean()

    def evaluate(split):
        z = model(split.x)
        per_gate = (step(z) == split.y).float().mean(0).tolist()
        figures = {"loss": (-(split.y - step(z)) * z).sum(1).mean().item(), "acc": sum(per_gate) / 4}
        figures.update({f"acc{g}": a for g, a in zip(GATES, per_gate)})
        return figures

    def visuals(show):
        grid = ctx.grid(41, -0.5, 1.5)
        fired = step(model(grid))
        per_gate = (step(model(x)) == y).float().mean(0).tolist()
        for col, gate in enumerate(GATES):
            show.boundary(gate, (-0.5, 1.5), (-0.5, 1.5), 41, fired[:, col], x, TRUTH[gate], per_gate[col])

    return ctx.trainable(
        model, ctx.datasets(train=data, test=data), [ctx.phase("perceptron rule", model.parameters(), perceptron_rule)],
        evaluate, trace=lambda: model(x[:2]), visuals=visuals,
    )
