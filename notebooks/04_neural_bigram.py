# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 04 · The same model as a neural network
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/makemore-bigram/makemore-bigram/blob/main/notebooks/04_neural_bigram.ipynb)
#
# **What you will learn.** In notebook 03 the model came from counting, and the loss
# only *measured* it afterwards. Here we turn that around: we start from a table of
# random numbers and let the loss itself *improve* it, step by step. The model becomes
# the smallest possible neural network, one layer of 27 neurons, and you will meet every
# ingredient that much larger networks use too: pairs of characters as a training set of
# inputs and labels, one-hot encoding to feed characters in as numbers, a matrix multiply
# as a layer of neurons, the softmax that turns any numbers into probabilities,
# PyTorch's automatic gradients, and gradient descent. Then we find out why, after 100
# steps of training, the network lands almost exactly where counting did, see that
# *regularisation* is the network's version of fake counts, and make up names with it.

# %%
# Set-up. In Colab, first fetch this repository so that its helpers can be imported.
import sys

if "google.colab" in sys.modules and "/content/makemore-bigram" not in sys.path:
    # !test -d /content/makemore-bigram || git clone --quiet --depth 1 https://github.com/makemore-bigram/makemore-bigram /content/makemore-bigram
    sys.path.insert(0, "/content/makemore-bigram")

from bigram_helpers.notebook import start_notebook

names_path = start_notebook()  # gets names.txt if missing; figures are interactive where they can be

# %% [markdown]
# ## Where we left off
#
# We rebuild the words, the vocabulary, the count table `N` and the counting model's
# probability table `P` with the helpers from notebooks 01 and 03. We also write down the
# shortcut from notebook 03 for the loss on the whole data set: each pair $(i, j)$ adds
# $-\log P[i, j]$ once for each of its $N[i, j]$ occurrences. It will tell us how well any
# probability table explains the names, including the one our network ends up with.

# %%
import itertools
import time

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

from bigram_helpers import bigram_counts, bigram_probs, build_vocab, load_words

words = load_words(names_path)
vocab = build_vocab(words)
stoi, itos = vocab.stoi, vocab.itos
N = bigram_counts(words, vocab)
P = bigram_probs(N)


def data_loss(table):
    """Average NLL of all 228,146 pairs under a (27, 27) probability table."""
    seen = N > 0
    return -(N[seen].double() * torch.log(table[seen]).double()).sum().item() / N.sum().item()


print(f"counting model: average NLL {data_loss(P):.4f}")

# %% [markdown]
# ## Pairs as a training set
#
# A neural network learns from *examples*: an input, and the answer we wish it had
# given, called the *label*. For us, every pair of neighbouring characters is one example:
# the first character is the input, the second is the label. Written as indices, the
# name `emma` (framed as `.emma.`) gives five examples:

# %%
xs, ys = [], []
chs = ".emma."
for ch1, ch2 in itertools.pairwise(chs):
    print(f"input {ch1!r} ({stoi[ch1]:2})  ->  label {ch2!r} ({stoi[ch2]:2})")
    xs.append(stoi[ch1])
    ys.append(stoi[ch2])
xs = torch.tensor(xs)
ys = torch.tensor(ys)
print("xs:", xs.tolist())
print("ys:", ys.tolist())

# %% [markdown]
# The helper `bigram_dataset` builds the same two tensors for any list of words, in one
# fast pass (we will need it for all 32,033 names):

# %%
from bigram_helpers import bigram_dataset

xs_helper, ys_helper = bigram_dataset(["emma"], vocab)
assert torch.equal(xs_helper, xs) and torch.equal(ys_helper, ys)

# %% [markdown]
# ## Feeding characters in: one-hot encoding
#
# A network computes with numbers, and it would be a mistake to feed it the index 13
# for `m` as a plain number: that would suggest `m` is "more" than `e` (5), and nearly
# the same as `l` (12). Indices are names, not amounts. So each index becomes a vector
# of 27 zeros with a single 1 at that index: a *one-hot* vector. `F.one_hot` does this;
# `.float()` turns the integers into floating-point numbers, which is what the network's
# arithmetic works with.

# %%
xenc = F.one_hot(xs, num_classes=27).float()
print(xenc.shape, xenc.dtype)
print(xenc[1])

# %% [markdown]
# Five rows, one per example, each with a single 1: in column 0 for `.`, column 5 for
# `e`, column 13 for `m` (twice) and column 1 for `a`. As a picture:

# %%
fig, ax = plt.subplots(figsize=(8, 2))
ax.imshow(xenc, cmap="Blues")
ax.set_xticks(range(27), itos)
ax.set_yticks(range(5), [f"{itos[i]!r}" for i in xs.tolist()])
ax.set_xlabel("column of the one-hot vector")
ax.set_ylabel("input")
ax.set_title("one-hot encoding of the inputs of emma")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## A layer of 27 neurons is a matrix multiply
#
# A *neuron* here is simply a list of 27 weights, one per possible input position. Its
# output for an input vector $x$ is the weighted sum $\sum_i x_i w_i$, which PyTorch writes
# `x @ w`. We want 27 outputs, one score for each possible next character, so we use 27
# neurons side by side: the columns of a 27 x 27 matrix `W`. Multiplying the (5, 27)
# block of inputs by the (27, 27) weights gives a (5, 27) block of outputs: 27 numbers for
# each of our 5 examples. This network has no bias and no non-linearity; a single
# matrix multiply is all there is.
#
# The weights start out random, drawn from a normal distribution with the seeded
# generator from notebook 03. `requires_grad=True` asks PyTorch to keep track of every
# calculation done with `W`, so that it can later work out how the loss changes when
# each weight changes.

# %%
g = torch.Generator().manual_seed(2147483647)
W = torch.randn((27, 27), generator=g, requires_grad=True)
logits = xenc @ W
print(logits.shape)
print(f"output of neuron 13 for example 3: {logits[3, 13].item():.4f}")
print(f"the same by hand:                  {(xenc[3] * W[:, 13]).sum().item():.4f}")

# %% [markdown]
# Because the input is one-hot, the weighted sum has only one non-zero term: multiplying
# by the one-hot vector for character $i$ simply *picks out row $i$ of `W`*. Example 1
# has input `e` (index 5), so its 27 outputs are row 5 of `W`, exactly:

# %%
assert torch.equal(logits[1], W[5])

# %% [markdown]
# Keep that in mind; it is the key to the rest of the notebook. Row $i$ of `W` holds the
# network's opinion about what comes after character $i$, just as row $i$ of `N` did.
#
# ## From any numbers to probabilities: the softmax
#
# The outputs are arbitrary real numbers, some negative, so they are not probabilities
# yet, nor counts. We *read* them as log-counts (they are called *logits*). Then
# exponentiating gives positive numbers we can treat as counts, and dividing each row
# by its total, as in notebook 03, gives probabilities. These two steps together are the
# **softmax**:
#
# $$\text{softmax}(z)_j = \frac{e^{z_j}}{\sum_{k=1}^{27} e^{z_k}}$$
#
# Bigger logits get bigger probabilities, every probability is positive, and each row
# sums to 1. Every step here is a smooth, simple function, which is what lets PyTorch
# compute gradients through it.

# %%
counts = logits.exp()
probs = counts / counts.sum(1, keepdim=True)
print(probs.shape)
print(f"row 0 sums to {probs[0].sum().item():.4f}")
print(f"P(next is 'e' | '.') according to the random network: {probs[0, 5].item():.4f}")

# %% [markdown]
# ## The loss for `emma`
#
# The loss is the one from notebook 03: for each example, take the probability the
# network gives to the *correct* next character (the label), take its log, negate, and
# average. Here are the five examples one by one:

# %%
for k in range(5):
    x, y = xs[k].item(), ys[k].item()
    prob = probs[k, y]
    print(
        f"{itos[x]}{itos[y]}: probability of the label {prob.item():.4f}, NLL {-torch.log(prob).item():.4f}"
    )

# %% [markdown]
# To do this for all examples at once, `probs[torch.arange(5), ys]` picks, from row $k$,
# the entry in column `ys[k]`: the probability of the right answer for each example.

# %%
loss = -probs[torch.arange(5), ys].log().mean()
print(loss.item())

# %% [markdown]
# 3.7693049907684326. That is worse than the 3.2958 of uniform guessing: random weights
# make the network confidently wrong. (This figure is the same, to the last digit, as the
# one the lesson's readers were shown, so here it is printed in full.) The helper
# `neural_loss` builds the same loss in the same steps, and agrees exactly:

# %%
from bigram_helpers import neural_loss

assert neural_loss(W, xs, ys).item() == loss.item() == 3.7693049907684326

# %% [markdown]
# ## Gradients: which way to turn each weight
#
# To lower the loss we need to know, for each of the 729 weights, whether nudging it up
# makes the loss go up or down, and how strongly. That is the *gradient*. PyTorch
# remembers how `loss` was computed from `W`, and `loss.backward()` walks back through
# those steps to fill `W.grad`, a tensor of the same shape as `W`. (Gradients add up
# across calls, so we clear the old one first by setting it to `None`.)

# %%
W.grad = None
loss.backward()
print(W.grad.shape)
print(f"W.grad[0, 5] = {W.grad[0, 5].item():.4f}  (row '.', column 'e')")

# %% [markdown]
# The gradient of the weight for ".e" is negative: increasing that weight would lower
# the loss, which makes sense, because `e` is what really follows `.` here. Only the rows
# of characters that actually appear as inputs in `emma` have a gradient at all; row 2
# (`b`), for example, had no say in this loss:

# %%
rows_with_gradient = (W.grad.abs().sum(1) > 0).nonzero().flatten().tolist()
print("rows with a gradient:", rows_with_gradient, [itos[i] for i in rows_with_gradient])

# %% [markdown]
# ## One step of gradient descent
#
# The gradient points the way the loss goes *up*, so we move every weight a small step
# the other way: `W.data += -lr * W.grad`, where `lr`, the *learning rate*, sets the size
# of the step. (Changing `W.data` rather than `W` tells PyTorch that this update is not
# part of the calculation it should differentiate.) Then we compute the loss again:

# %%
W.data += -0.1 * W.grad
print(f"loss after one step: {neural_loss(W, xs, ys).item():.4f}")

# %% [markdown]
# A little lower than 3.7693. Repeating "forward pass, backward pass, update" is all
# that training is.
#
# ## Training on all the names
#
# Now the real training set: every pair from every name. We start again from the same
# random `W`.

# %%
X, Y = bigram_dataset(words, vocab)
num = X.nelement()
print(f"{num:,} examples")

# %% [markdown]
# Here is the training loop written out in full, just as above but with all 228,146
# examples at once ("full batch") and a learning rate of 50. That sounds huge, but the
# loss is an average over so many examples that each gradient is small, and this
# simple problem takes big steps well. The one-hot inputs never change, so we encode
# them once, before the loop.
#
# This loop is slow: each step pushes a 228,146 x 27 table through every operation,
# forwards and backwards. So we run just two steps to see it work.

# %%
g = torch.Generator().manual_seed(2147483647)
W = torch.randn((27, 27), generator=g, requires_grad=True)
W_start = W.detach().clone()  # kept to compare with later

xenc = F.one_hot(X, num_classes=27).float()
rows = torch.arange(num)
hand_losses = []
start = time.perf_counter()
for step in range(2):
    # forward pass
    logits = xenc @ W
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdim=True)
    loss = -probs[rows, Y].log().mean()
    hand_losses.append(loss.item())
    print(f"step {step}: loss {loss.item():.4f}")
    # backward pass
    W.grad = None
    loss.backward()
    if step == 0:
        first_grad = W.grad.clone()  # kept to compare with later
    # update
    W.data += -50 * W.grad
hand_seconds_per_step = (time.perf_counter() - start) / 2

# %% [markdown]
# The loss starts at about 3.7590 and drops to about 3.3711 after a single step.
#
# ## The same training, fast
#
# We do not need to push 228,146 rows through the network to train it. Remember that a
# one-hot input just picks a row of `W`: every example whose input is `a` gets exactly the
# same 27 probabilities, row `a` of the softmax of `W`. So the loss depends on the data
# only through *how many times each pair occurs*, which is our count table again. Writing
# $S$ for the softmax of `W` (row by row) and $n$ for the number of examples,
#
# $$\text{loss} = -\frac{1}{n} \sum_{i,j} N[i, j] \log S[i, j],$$
#
# the counting shortcut from notebook 03. Working out its gradient by hand gives a
# pleasantly simple answer:
#
# $$\frac{\partial\, \text{loss}}{\partial W[i, j]} = \frac{1}{n}\Big(\big(\textstyle\sum_k N[i, k]\big)\, S[i, j] - N[i, j]\Big).$$
#
# In words: for each row, "how often the network would predict $j$" minus "how often $j$
# really came next". It is zero exactly when the network's row matches the counted
# frequencies. Let's check it against the gradient autograd computed in the first step
# of our loop:

# %%
S = torch.softmax(W_start, dim=1)
formula_grad = (N.sum(1, keepdim=True) * S - N) / num
print("formula and autograd agree:", torch.allclose(formula_grad, first_grad, rtol=1e-4, atol=1e-8))

# %% [markdown]
# The helper `train_neural(W, xs, ys, steps, lr)` runs full-batch gradient descent with
# that formula, so each step costs a 27 x 27 calculation instead of a 228,146 x 27 one.
# It updates `W` in place and returns the loss before each step. Started from the same
# random `W`, its first losses must match our loop's:

# %%
from bigram_helpers import train_neural

g = torch.Generator().manual_seed(2147483647)
W = torch.randn((27, 27), generator=g, requires_grad=True)
start = time.perf_counter()
losses = train_neural(W, X, Y, steps=100, lr=50)
helper_seconds_per_step = (time.perf_counter() - start) / 100

assert all(abs(a - b) < 1e-5 for a, b in zip(hand_losses, losses[:2], strict=True))
for step in range(0, 100, 10):
    print(f"step {step:3}: loss {losses[step]:.4f}")
print(f"step  99: loss {losses[99]:.4f}")

# %%
# NBVAL_IGNORE_OUTPUT
# The output is a timing, so it differs from run to run (and machine to machine).
print(f"hand-written loop: {hand_seconds_per_step * 1000:.0f} ms per step")
print(f"train_neural:      {helper_seconds_per_step * 1000:.2f} ms per step")
print(f"about {hand_seconds_per_step / helper_seconds_per_step:.0f} times faster")

# %% [markdown]
# The loss falls quickly at first and then levels off, ending at about 2.4729:

# %%
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(losses, label="neural network, training")
ax.axhline(data_loss(P), color="gray", linestyle="--", label="counting model")
ax.set_xlabel("step")
ax.set_ylabel("loss (average NLL)")
ax.set_title("100 steps of gradient descent, learning rate 50")
ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Why the network meets the counting model
#
# After 100 steps the network's loss is close to the 2.4540 that counting reached in
# notebook 03, and it will not get below it. Let's score the network's table the same way
# as the counting model's. `neural_probs(W)` gives that table: the softmax of each row of
# `W`, which is what the network predicts after each character.

# %%
from bigram_helpers import neural_probs

P_net = neural_probs(W)
print(f"counting model: {data_loss(P):.4f}")
print(f"neural network: {data_loss(P_net):.4f}")

# %% [markdown]
# Why should two such different procedures meet? Because they are fitting the same
# thing. The network's prediction after character $i$ is the softmax of row $i$ of `W`,
# and we read those numbers as log-counts. If row $i$ of `W` held the logarithms of the
# real counts, the softmax would exponentiate them back into counts and normalise them:
# exactly the counting model's row. The gradient formula above says the same: it is zero
# precisely when the softmax of each row equals the counted frequencies. Let's try it
# directly, with `W = log N`. (A never-seen pair has log-count $-\infty$, and
# $e^{-\infty} = 0$, so it gets probability 0, just as in `P`.)

# %%
W_log_counts = torch.log(N.float())
gap = (neural_probs(W_log_counts) - P).abs().max().item()
print(f"largest difference between softmax(log N) and P: {gap:.4f}")
assert gap < 1e-6

# %% [markdown]
# So the counting model is the very table that gradient descent is walking towards;
# training just gets there slowly. How close is it after 100 steps? Row by row, the
# largest difference between the network's probabilities and the counted ones:

# %%
row_gap = (P_net - P).abs().max(1).values
for ch in ".aeq":
    i = stoi[ch]
    print(f"row {ch!r}: {N[i].sum().item():6,} examples, largest difference {row_gap[i].item():.4f}")

# %% [markdown]
# The rows of common characters have almost converged; the row of `q` has not. The
# gradient formula explains this: row $i$'s gradient is scaled by how many examples start
# with character $i$, divided by all 228,146. Only 272 examples start with `q`, so its row
# gets tiny nudges and learns slowly. Side by side:

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3), sharey=True)
positions = torch.arange(27)
for ax, ch in zip(axes, ".q", strict=True):
    i = stoi[ch]
    ax.bar(positions - 0.2, P[i], width=0.4, label="counting")
    ax.bar(positions + 0.2, P_net[i], width=0.4, label="network, 100 steps")
    ax.set_xticks(range(27), itos)
    ax.set_title(f"next character after {ch!r}")
axes[0].set_ylabel("probability")
axes[0].legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# Train for longer and the `q` row catches up too (try it: `train_neural(W, X, Y,
# steps=1000, lr=50)`). With enough steps the two ways give the same model.
#
# ## Regularisation: the network's fake counts
#
# In notebook 03, adding fake counts made the table smoother and kept every probability
# above 0. The network has its own knob for that. Notice what happens when all the
# weights are 0: every logit is 0, every "count" is $e^0 = 1$, and the softmax is
# uniform, 1/27 everywhere:

# %%
print(f"{neural_probs(torch.zeros(27, 27))[0, 0].item():.4f}")

# %% [markdown]
# So if we add to the loss a penalty that grows when the weights move away from 0, the
# training has to balance fitting the data against staying close to uniform, which is
# what fake counts do. The usual penalty is the mean of the squared weights, times a
# small strength:
#
# $$\text{loss} = -\frac{1}{n}\sum_{k=1}^{n} \log S[x_k, y_k] + 0.01 \cdot \text{mean}(W^2)$$
#
# For `emma` with the random weights, by hand and with the helper's `reg` argument:

# %%
g = torch.Generator().manual_seed(2147483647)
W_emma = torch.randn((27, 27), generator=g, requires_grad=True)
counts = (F.one_hot(xs, num_classes=27).float() @ W_emma).exp()
probs = counts / counts.sum(1, keepdim=True)
loss = -probs[torch.arange(5), ys].log().mean() + 0.01 * (W_emma**2).mean()
print(f"loss with the penalty: {loss.item():.4f}")
assert abs(neural_loss(W_emma, xs, ys, reg=0.01).item() - loss.item()) < 1e-6

# %% [markdown]
# Now train on all the names with a gentle penalty (0.01) and a strong one (1.0), and
# look at the loss on the data (without the penalty) and at the smallest probability in
# the whole table. The stronger the penalty, the flatter the table: the smallest
# probability climbs towards the uniform 0.0370 and the fit to the data gets worse, just
# as with more and more fake counts.

# %%
print(f"no penalty:    data loss {data_loss(P_net):.4f}, smallest probability {P_net.min().item():.4f}")
for reg in (0.01, 1.0):
    g = torch.Generator().manual_seed(2147483647)
    W_reg = torch.randn((27, 27), generator=g, requires_grad=True)
    train_neural(W_reg, X, Y, steps=100, lr=50, reg=reg)
    P_reg = neural_probs(W_reg)
    label = f"penalty {reg}:"
    print(f"{label:<14} data loss {data_loss(P_reg):.4f}, smallest probability {P_reg.min().item():.4f}")

# %% [markdown]
# Notice one more difference from counting: even without a penalty, the softmax never
# gives exactly 0, so no name is ever "impossible" for the network. Scored with `score`
# from notebook 03, `christosqj` gets a finite loss from the network trained without a
# penalty:

# %%
from bigram_helpers import score

print(f"christosqj: average NLL {score(['christosqj'], P_net, vocab).mean_nll:.4f}")

# %% [markdown]
# ## Making up names with the network
#
# Sampling works just as in notebook 03, except that each row of probabilities now comes
# from the network: one-hot encode the current character, multiply by `W`, softmax,
# draw. We use the network trained for 100 steps without a penalty.

# %%
g = torch.Generator().manual_seed(2147483647)
net_names = []
for _ in range(5):
    out = []
    ix = 0
    while True:
        x = F.one_hot(torch.tensor([ix]), num_classes=27).float()
        counts = (x @ W).exp()
        p = counts / counts.sum(1, keepdim=True)
        ix = torch.multinomial(p, num_samples=1, replacement=True, generator=g).item()
        if ix == 0:
            break
        out.append(itos[ix])
    net_names.append("".join(out))
print("network: ", net_names)

# %% [markdown]
# The network's table can go straight into `sample_names` from notebook 03, which gives
# the same names. With the same seed, the counting table gives almost the same names as
# well: the two tables are nearly equal, and the same random numbers drive both walks.
# (As in notebook 03, the exact names depend on the PyTorch build.)

# %%
from bigram_helpers import sample_names

g = torch.Generator().manual_seed(2147483647)
assert sample_names(neural_probs(W), vocab, 5, g) == net_names
g = torch.Generator().manual_seed(2147483647)
print("counting:", sample_names(P, vocab, 5, g))

# %% [markdown]
# ## What's next
#
# We built one model two ways. Counting is exact and instant, but it only works because
# the model looks at a single character: with a longer memory the table of counts would
# explode in size. The neural network is slower to get there, yet nothing about it
# depends on counting: the same recipe (encode the input, compute logits, softmax,
# average NLL, backward, update) keeps working when the network grows. Notebook 05 has
# exercises to try these ideas yourself. After that the road leads to models that look
# further back: a multi-layer perceptron that reads several previous characters, then
# recurrent networks, and eventually the Transformer. The loss they minimise is the
# one you have just met.
