"""The document's encoder-decoder Transformer, small, learning to reverse digit sequences, in
PyTorch (section 「Transformer」 and its parts: input embeddings, positional encoding, Q/K/V
self-attention, multi-head attention, residual + LayerNorm, the FFN, masked attention, cross
attention and the final projection).

Task: the source is 4 to 8 random digits (padded to 8); the target is the same digits reversed, then
an end token. To write output position t the decoder must look at source position (L - 1 - t), so
the cross-attention maps grow an anti-diagonal as training goes, and the decoder's self-attention
shows the empty upper triangle of the causal mask.

Shapes: d_model = 64, 4 heads of d_k = 16, FFN 128, 2 encoder and 2 decoder blocks, pre-LayerNorm
residual connections x + Sublayer(Norm(x)) and a final LayerNorm on each stack, as in the
document's code. Masks follow the document's convention (mask == 0 → score -1e9):
  src_mask  [batch, 1, 1, S]  hides padding in the encoder's self-attention and in cross attention
  tgt_mask  [batch, 1, T, T]  hides padding and every later position in the decoder's self-attention
  Attention(Q, K, V) = softmax(Q·Kᵀ / √d_k + M) · V
"""
import math

import torch
import torch.nn as nn

PAD, BOS, EOS, DIGIT0 = 0, 1, 2, 3
VOCAB = 13
SRC_LEN = 8               # longest source
TGT_LEN = SRC_LEN + 1     # reversed digits + end token
TOKEN_TEXT = ["·", "<s>", "</s>", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]

DESCRIPTION = {
    "id": "transformer",
    "title": {"en": "Transformer learns to reverse digit sequences", "zh-cn": "Transformer 学习反转数字序列"},
    "sections": [
        {"en": "Transformer", "zh-cn": "Transformer"},
        {"en": "Multi-head attention", "zh-cn": "多头注意力"},
        {"en": "Decoder masked attention", "zh-cn": "Decoder掩码注意力"},
        {"en": "Decoder cross attention", "zh-cn": "Decoder的交叉注意力"},
    ],
    "dataset": {"en": "Generated: 4–8 random digits → the same digits reversed; 8,000 training and 1,000 held-out pairs", "zh-cn": "自动生成：4–8 个随机数字 → 反转后的序列；8,000 对训练、1,000 对留出"},
    "goal": {"en": "≥ 99 % token accuracy on held-out sequences within 60 s; greedy decodings shown", "zh-cn": "60 秒内留出序列的逐词准确率 ≥ 99%；展示贪心解码结果"},
    "task": "seq2seq",
    "defaults": {"learningRate": 0.002, "batchSize": 64, "epochs": 3, "optimizer": "adam", "activation": "relu", "initializer": "xavier", "seed": 1},
    "learningRateDecay": "linear",
}


class InputEmbeddings(nn.Module):
    def __init__(self, d_model, vocab_size):
        super().__init__()
        self.d_model = d_model
        self.embedding = nn.Embedding(vocab_size, d_model)
        # Start at std 1/√d_model, so after the x√d_model below the token vectors and the
        # positional encodings (values in [-1, 1]) are of the same size and position is not drowned.
        nn.init.normal_(self.embedding.weight, std=d_model ** -0.5)

    def forward(self, x):
        # [batch, seq_len] → [batch, seq_len, d_model], scaled by √d_model
        return self.embedding(x) * math.sqrt(self.d_model)


class PositionalEncoding(nn.Module):
    def __init__(self, d_model, seq_len):
        super().__init__()
        position = torch.arange(seq_len, dtype=torch.float).unsqueeze(1)                          # [seq_len, 1]
        frequency = torch.exp(torch.arange(0, d_model, 2).float() * (-math.log(10000.0) / d_model))  # 1 / 10000^(2i/d)
        pe = torch.zeros(seq_len, d_model)
        pe[:, 0::2] = torch.sin(position * frequency)   # PE(pos, 2i)
        pe[:, 1::2] = torch.cos(position * frequency)   # PE(pos, 2i+1)
        self.register_buffer("pe", pe.unsqueeze(0))     # fixed, not a parameter

    def forward(self, x):
        return x + self.pe[:, :x.shape[1], :]


class LayerNormalization(nn.Module):
    def __init__(self, features, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.alpha = nn.Parameter(torch.ones(features))   # learned scale
        self.bias = nn.Parameter(torch.zeros(features))   # learned shift

    def forward(self, x):
        mean = x.mean(dim=-1, keepdim=True)
        std = x.std(dim=-1, keepdim=True)
        return self.alpha * (x - mean) / (std + self.eps) + self.bias


class FeedForwardBlock(nn.Module):
    def __init__(self, d_model, d_ff, activation=nn.ReLU):
        super().__init__()
        self.linear_1 = nn.Linear(d_model, d_ff)   # W1, b1
        self.activation = activation()
        self.linear_2 = nn.Linear(d_ff, d_model)   # W2, b2

    def forward(self, x):
        return self.linear_2(self.activation(self.linear_1(x)))


class MultiHeadAttentionBlock(nn.Module):
    def __init__(self, d_model, h):
        super().__init__()
        assert d_model % h == 0, "d_model is not divisible by h"
        self.h = h
        self.d_k = d_model // h
        self.w_q = nn.Linear(d_model, d_model, bias=False)   # W_Q
        self.w_k = nn.Linear(d_model, d_model, bias=False)   # W_K
        self.w_v = nn.Linear(d_model, d_model, bias=False)   # W_V
        self.w_o = nn.Linear(d_model, d_model, bias=False)   # W_O
        self.attention_scores = None                         # kept for the attention maps

    @staticmethod
    def attention(query, key, value, mask):
        d_k = query.shape[-1]
        scores = (query @ key.transpose(-2, -1)) / math.sqrt(d_k)   # [batch, h, q_len, k_len]
        if mask is not None:
            scores = scores.masked_fill(mask == 0, -1e9)
        weights = scores.softmax(dim=-1)
        return weights @ value, weights

    def forward(self, q, k, v, mask):
        batch = q.shape[0]
        # [batch, len, d_model] → [batch, h, len, d_k]
        query = self.w_q(q).view(batch, -1, self.h, self.d_k).transpose(1, 2)
        key = self.w_k(k).view(batch, -1, self.h, self.d_k).transpose(1, 2)
        value = self.w_v(v).view(batch, -1, self.h, self.d_k).transpose(1, 2)
        x, weights = MultiHeadAttentionBlock.attention(query, key, value, mask)
        self.attention_scores = weights.detach()
        # concatenate the heads again: [batch, h, len, d_k] → [batch, len, d_model]
        x = x.transpose(1, 2).contiguous().view(batch, -1, self.h * self.d_k)
        return self.w_o(x)


class ResidualConnection(nn.Module):
    def __init__(self, features):
        super().__init__()
        self.norm = LayerNormalization(features)

    def forward(self, x, sublayer):
        return x + sublayer(self.norm(x))   # pre-LN: x + Sublayer(Norm(x))


class EncoderBlock(nn.Module):
    def __init__(self, features, self_attention_block, feed_forward_block):
        super().__init__()
        self.self_attention_block = self_attention_block
        self.feed_forward_block = feed_forward_block
        self.residual_connections = nn.ModuleList([ResidualConnection(features) for _ in range(2)])

    def forward(self, x, src_mask):
        x = self.residual_connections[0](x, lambda x: self.self_attention_block(x, x, x, src_mask))
        return self.residual_connections[1](x, self.feed_forward_block)


class Encoder(nn.Module):
    def __init__(self, features, layers):
        super().__init__()
        self.layers = layers
        self.norm = LayerNormalization(features)

    def forward(self, x, mask):
        for layer in self.layers:
            x = layer(x, mask)
        return self.norm(x)


class DecoderBlock(nn.Module):
    def __init__(self, features, self_attention_block, cross_attention_block, feed_forward_block):
        super().__init__()
        self.self_attention_block = self_attention_block
        self.cross_attention_block = cross_attention_block
        self.feed_forward_block = feed_forward_block
        self.residual_connections = nn.ModuleList([ResidualConnection(features) for _ in range(3)])

    def forward(self, x, encoder_output, src_mask, tgt_mask):
        x = self.residual_connections[0](x, lambda x: self.self_attention_block(x, x, x, tgt_mask))
        x = self.residual_connections[1](x, lambda x: self.cross_attention_block(x, encoder_output, encoder_output, src_mask))
        return self.residual_connections[2](x, self.feed_forward_block)


class Decoder(nn.Module):
    def __init__(self, features, layers):
        super().__init__()
        self.layers = layers
        self.norm = LayerNormalization(features)

    def forward(self, x, encoder_output, src_mask, tgt_mask):
        for layer in self.layers:
            x = layer(x, encoder_output, src_mask, tgt_mask)
        return self.norm(x)


class ProjectionLayer(nn.Module):
    def __init__(self, d_model, vocab_size):
        super().__init__()
        self.proj = nn.Linear(d_model, vocab_size)

    def forward(self, x):
        return self.proj(x)   # [batch, seq_len, vocab_size] logits; the loss applies the softmax


class Transformer(nn.Module):
    def __init__(self, encoder, decoder, src_embed, tgt_embed, src_pos, tgt_pos, projection_layer):
        super().__init__()
        self.src_embed = src_embed
        self.src_pos = src_pos
        self.encoder = encoder
        self.tgt_embed = tgt_embed
        self.tgt_pos = tgt_pos
        self.decoder = decoder
        self.projection_layer = projection_layer

    def encode(self, src, src_mask):
        return self.encoder(self.src_pos(self.src_embed(src)), src_mask)

    def decode(self, encoder_output, src_mask, tgt, tgt_mask):
        return self.decoder(self.tgt_pos(self.tgt_embed(tgt)), encoder_output, src_mask, tgt_mask)

    def forward(self, src, tgt):
        src_mask, tgt_mask = make_masks(src, tgt)
        return self.projection_layer(self.decode(self.encode(src, src_mask), src_mask, tgt, tgt_mask))


def build_transformer(vocab_size, src_len, tgt_len, d_model=64, n_layers=2, h=4, d_ff=128, activation=nn.ReLU):
    encoder_blocks = [EncoderBlock(d_model, MultiHeadAttentionBlock(d_model, h), FeedForwardBlock(d_model, d_ff, activation)) for _ in range(n_layers)]
    decoder_blocks = [DecoderBlock(d_model, MultiHeadAttentionBlock(d_model, h), MultiHeadAttentionBlock(d_model, h), FeedForwardBlock(d_model, d_ff, activation))
                      for _ in range(n_layers)]
    return Transformer(
        Encoder(d_model, nn.ModuleList(encoder_blocks)), Decoder(d_model, nn.ModuleList(decoder_blocks)),
        InputEmbeddings(d_model, vocab_size), InputEmbeddings(d_model, vocab_size),
        PositionalEncoding(d_model, src_len), PositionalEncoding(d_model, tgt_len), ProjectionLayer(d_model, vocab_size),
    )


def causal_mask(size):
    """1 on and below the diagonal (what position i may see), 0 above it."""
    return torch.tril(torch.ones(1, size, size, dtype=torch.int))


def make_masks(src, tgt):
    src_mask = (src != PAD).unsqueeze(1).unsqueeze(2).int()                      # [batch, 1, 1, S]
    tgt_mask = (tgt != PAD).unsqueeze(1).unsqueeze(2).int() & causal_mask(tgt.size(1))  # [batch, 1, T, T]
    return src_mask, tgt_mask


def make_pairs(ctx, count):
    """Rows of source ids (padded) + decoder input (<s> + reversed, padded); targets (reversed + </s>, padded)."""
    inputs, targets = [], []
    for _ in range(count):
        length = 4 + int(ctx.random() * (SRC_LEN - 3))
        digits = [DIGIT0 + int(ctx.random() * 10) for _ in range(length)]
        reversed_digits = digits[::-1]
        pad_src, pad_tgt = [PAD] * (SRC_LEN - length), [PAD] * (TGT_LEN - length - 1)
        inputs.append(digits + pad_src + [BOS] + reversed_digits + pad_tgt)
        targets.append(reversed_digits + [EOS] + pad_tgt)
    return torch.tensor(inputs), torch.tensor(targets)


def text(ids):
    words = []
    for i in ids:
        if i in (EOS, PAD):
            break
        words.append(TOKEN_TEXT[i])
    return " ".join(words)


def create(ctx):
    train_x, train_y = make_pairs(ctx, 8000)
    test_x, test_y = make_pairs(ctx, 1000)
    data = ctx.datasets(train=ctx.data.split(train_x, train_y), test=ctx.data.split(test_x, test_y))
    model = ctx.initialize(build_transformer(VOCAB, SRC_LEN, TGT_LEN, activation=ctx.activation))
    criterion = nn.CrossEntropyLoss(ignore_index=PAD)   # padding positions do not count

    def forward(x):
        return model(x[:, :SRC_LEN], x[:, SRC_LEN:])

    def token_figures(logits, target):
        real = target != PAD
        return ((logits.argmax(-1) == target) & real).sum(), real.sum()

    def loss(batch, tap):
        logits = forward(batch.x)
        correct, count = token_figures(logits, batch.y)
        tap.metric("tokenAcc", correct.float() / count)
        return criterion(logits.reshape(-1, VOCAB), batch.y.reshape(-1))

    def greedy(src):
        """Decode one token at a time, feeding back the most likely one."""
        src_mask = (src != PAD).unsqueeze(1).unsqueeze(2).int()
        memory = model.encode(src, src_mask)
        out = torch.full((src.size(0), TGT_LEN), PAD, dtype=torch.long)
        out[:, 0] = BOS
        produced = torch.zeros_like(out)
        for t in range(TGT_LEN):
            _, tgt_mask = make_masks(src, out)
            logits = model.projection_layer(model.decode(memory, src_mask, out, tgt_mask))
            produced[:, t] = logits[:, t].argmax(-1)
            if t + 1 < TGT_LEN:
                out[:, t + 1] = produced[:, t]
        return produced

    def evaluate(split):
        loss_sum, correct, tokens = 0.0, 0, 0
        for start in range(0, split.count, 250):
            logits = forward(split.x[start:start + 250])
            target = split.y[start:start + 250]
            c, n = token_figures(logits, target)
            loss_sum += nn.functional.cross_entropy(logits.reshape(-1, VOCAB), target.reshape(-1), ignore_index=PAD, reduction="sum").item()
            correct += int(c)
            tokens += int(n)
        n = min(200, split.count)
        produced = greedy(split.x[:n, :SRC_LEN])
        exact = sum(text(produced[i].tolist()) == text(split.y[i].tolist()) for i in range(n))
        return {"loss": loss_sum / tokens, "tokenAcc": correct / tokens, "greedySequenceAcc": exact / n}

    probe = test_x[:1]   # a fixed held-out input for the attention maps
    source_tokens = [TOKEN_TEXT[i] for i in probe[0, :SRC_LEN].tolist()]
    target_tokens = [TOKEN_TEXT[i] for i in probe[0, SRC_LEN:].tolist()]

    def visuals(show):
        forward(probe)
        maps = []
        for i, block in enumerate(model.encoder.layers):
            maps.append({"attention": "encoderSelf", "layer": i, "weights": block.self_attention_block.attention_scores[0]})
        for i, block in enumerate(model.decoder.layers):
            maps.append({"attention": "decoderSelf", "layer": i, "weights": block.self_attention_block.attention_scores[0]})
            maps.append({"attention": "cross", "layer": i, "weights": block.cross_attention_block.attention_scores[0]})
        show.attention(source_tokens, target_tokens, maps)
        inputs = test_x[:6, :SRC_LEN]
        produced = greedy(inputs)
        items = []
        for i in range(6):
            want, got = text(test_y[i].tolist()), text(produced[i].tolist())
            items.append({"input": text(inputs[i].tolist()), "expected": want, "output": got, "correct": want == got})
        show.decoding(items)

    return ctx.trainable(
        model, data, [ctx.phase("loss", model.parameters(), loss)], evaluate, trace=lambda: forward(test_x[:2]), visuals=visuals,
        blocks=(InputEmbeddings, PositionalEncoding, MultiHeadAttentionBlock, FeedForwardBlock, ProjectionLayer),
    )
