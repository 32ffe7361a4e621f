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
# *This series teaches Andrej Karpathy's lecture
# ["The spelled-out intro to language modeling: building makemore"](https://www.youtube.com/watch?v=PaCmpygFfXo)
# ([its notebook](https://github.com/karpathy/nn-zero-to-hero/blob/master/lectures/makemore/makemore_part1_bigrams.ipynb);
# names from [makemore](https://github.com/karpathy/makemore)). What the series adds:
# prose, tested figures and helpers, exercises ([acknowledgements](../README.md#acknowledgements)).*
#
# **What you will learn.** In notebook 03 the loss only *measured* the counted model.
# Here we start from random numbers and let the loss *improve* them, step by step. The
# model becomes the smallest neural network, one layer of 27 neurons, with the
# ingredients of much larger ones: a training set of inputs and labels, one-hot
# encoding, a layer as a matrix multiply, the softmax, automatic gradients and gradient
# descent. You train it on all 228,146 examples, see it land where counting did, meet
# *regularisation* as the network's fake counts, and make up names with it.
#
# *In the video: [part 2, the neural network approach, 1:02:57](https://www.youtube.com/watch?v=PaCmpygFfXo&t=3777).*

# %%
# Set-up. In Colab, first fetch this repository so that its helpers can be imported
# (if that fails, say on a lost connection, run this cell again: it tries again).
import sys

if "google.colab" in sys.modules:
    # !test -d /content/makemore-bigram/bigram_helpers || git clone --quiet --depth 1 https://github.com/makemore-bigram/makemore-bigram /content/makemore-bigram
    if "/content/makemore-bigram" not in sys.path:
        sys.path.insert(0, "/content/makemore-bigram")

from bigram_helpers.notebook import start_notebook

names_path = start_notebook()  # gets names.txt if missing; figures are interactive where they can be

# %% [markdown]
# ## Where we left off
#
# We rebuild `N` and the counting model's table `P` with the helpers, and notebook 03's
# shortcut for the loss of any probability table on all the names, `data_loss`.

# %%
import itertools
import math

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
    log_likelihood = (N[seen].double() * torch.log(table[seen]).double()).sum().item()
    return -log_likelihood / N.sum().item()


print(f"counting model: average NLL {data_loss(P):.4f}")

# %% [markdown]
# ## Pairs as a training set
#
# *In the video: [creating the bigram dataset for the neural net, 1:05:26](https://www.youtube.com/watch?v=PaCmpygFfXo&t=3926).*
#
# A neural network learns from *examples*: an input, and the answer we wish it had
# given, the *label*. Every pair is one: the first character is the input, the second
# the label. As indices, `emma` gives five examples:

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
# The helper `bigram_dataset` builds the same two tensors for any list of words:

# %%
from bigram_helpers import bigram_dataset

xs_helper, ys_helper = bigram_dataset(["emma"], vocab)
assert torch.equal(xs_helper, xs) and torch.equal(ys_helper, ys)

# %% [markdown]
# ## Feeding characters in: one-hot encoding
#
# *In the video: [feeding integers into neural nets? one-hot encodings, 1:10:01](https://www.youtube.com/watch?v=PaCmpygFfXo&t=4201).*
#
# Feeding the index 13 for `m` in as a plain number would suggest `m` is "more" than `e`
# (5) and nearly `l` (12). Indices are names, not amounts. So each index becomes 27 zeros
# with a single 1 at that index: a *one-hot* vector. `F.one_hot` does this; `.float()`
# makes the integers floats, which the network's arithmetic needs (multiplying integers
# by float weights fails).

# %%
xenc = F.one_hot(xs, num_classes=27).float()
print(xenc.shape, xenc.dtype)
print(xenc[1])

# %% [markdown]
# Five rows, one per example, each with a single 1: column 0 for `.`, 5 for `e`, 13 for
# `m` (twice), 1 for `a`. As a picture:

# %%
from bigram_helpers.notebook import show_figure  # plt.show(), described in words
from bigram_helpers.plotting import plot_one_hot

inputs = [repr(itos[i]) for i in xs.tolist()]
title = "One-hot encoding of the inputs of emma"
show_figure(plot_one_hot(xenc, inputs, itos, title=title))

# %% [markdown]
# ## One neuron, then a layer of 27: a matrix multiply
#
# *In the video: [one linear layer of neurons as a matrix multiplication,
# 1:13:53](https://www.youtube.com/watch?v=PaCmpygFfXo&t=4433).*
#
# A *neuron* here is a list of 27 weights. Its output for an input $x$ is the weighted
# sum $\sum_i x_i w_i$, in PyTorch `x @ w`. One neuron: 27 random weights from a normal
# distribution (`torch.randn`, seeded), in a column of shape (27, 1). The (5, 27) inputs
# times it give (5, 1): one output per example.

# %%
g = torch.Generator().manual_seed(2147483647)
w_one = torch.randn((27, 1), generator=g)
out = xenc @ w_one
print(out.shape)
print("outputs:                     ", [round(v, 4) for v in out.flatten().tolist()])
picked = [round(w_one[i, 0].item(), 4) for i in xs.tolist()]
print("weights number 0, 5, 13, 13, 1:", picked)

# %% [markdown]
# Each output is one of the neuron's weights: the one where the input has its 1.
#
# We want a score for each of the 27 characters that could come next, so we use 27
# neurons side by side, the columns of a 27 x 27 matrix `W`: (5, 27) inputs times
# (27, 27) weights give (5, 27) outputs. No bias, no non-linearity: one matrix multiply.
# `requires_grad=True` asks PyTorch to track every calculation done with `W`, so that it
# can later work out how the loss changes with each weight.

# %%
g = torch.Generator().manual_seed(2147483647)
W = torch.randn((27, 27), generator=g, requires_grad=True)
logits = xenc @ W
print(logits.shape)
print(f"output of neuron 13 for example 3: {logits[3, 13].item():.4f}")
print(f"the same by hand:                  {(xenc[3] * W[:, 13]).sum().item():.4f}")

# %% [markdown]
# *In the video: [note 1: one-hot encoding just selects a row of the weight matrix,
# 1:47:49](https://www.youtube.com/watch?v=PaCmpygFfXo&t=6469).*
#
# Because the input is one-hot, multiplying by the one-hot vector for character $i$
# simply *picks out row $i$ of `W`*. Example 1 has input `e` (index 5), so its outputs
# are row 5 of `W`, exactly (so `W[xs]` gives the same as `xenc @ W`):

# %%
assert torch.equal(logits[1], W[5])

# %% [markdown]
# So row $i$ of `W` holds the network's opinion of what comes after character $i$, as
# row $i$ of `N` did. The 729 weights are the network's **parameters**.
#
# ## From any numbers to probabilities: the softmax
#
# *In the video: [transforming neural net outputs into probabilities: the softmax,
# 1:18:46](https://www.youtube.com/watch?v=PaCmpygFfXo&t=4726).*
#
# The outputs are any real numbers, some negative: not probabilities, nor counts. We
# *read* them as log-counts, *logits*. `exp` makes them positive, counts; dividing each
# row by its total, as in notebook 03, gives probabilities. Together these two steps are
# the **softmax**:
#
# $$\text{softmax}(z)_j = \frac{e^{z_j}}{\sum_{k=1}^{27} e^{z_k}}$$
#
# Bigger logits get bigger probabilities, all positive, each row summing to 1; every
# step is smooth, so PyTorch can compute gradients through it. Here it is on one row,
# the 27 outputs for input `.`:

# %%
from bigram_helpers.plotting import plot_softmax_row

title = "The softmax of row '.' of the random W"
show_figure(plot_softmax_row(logits[0], itos, title=title))

# %% [markdown]
# The largest logit, for `o`, becomes the largest count and the largest probability;
# negative logits become counts below 1. The same in code, for every row at once:

# %%
counts = logits.exp()
probs = counts / counts.sum(1, keepdim=True)
print(probs.shape)
print(f"row 0 sums to {probs[0].sum().item():.4f}")
print(f"P(next is 'e' | '.') according to the random network: {probs[0, 5].item():.4f}")

# %% [markdown]
# ## The loss for `emma`
#
# *In the video: [summary and a preview, 1:26:17](https://www.youtube.com/watch?v=PaCmpygFfXo&t=5177), then
# [vectorized loss, 1:35:49](https://www.youtube.com/watch?v=PaCmpygFfXo&t=5749).*
#
# The loss is notebook 03's: the probability the network gives the *correct* next
# character (the label), its log, negated, averaged. The five examples one by one:

# %%
for k in range(5):
    x, y = xs[k].item(), ys[k].item()
    prob = probs[k, y]
    nll_k = -torch.log(prob).item()
    print(f"{itos[x]}{itos[y]}: label's probability {prob.item():.4f}, NLL {nll_k:.4f}")

# %% [markdown]
# All at once: `probs[torch.arange(5), ys]` picks from row $k$ the entry in column
# `ys[k]`, the probability of the right answer for each example.

# %%
loss = -probs[torch.arange(5), ys].log().mean()
print(loss.item())
print(f"uniform guessing: log(27) = {math.log(27):.4f}")

# %% [markdown]
# 3.7693049907684326, the video's figure to the last digit: worse than the 3.2958 of
# uniform guessing, since random weights make the network confidently wrong. The helper
# `neural_loss` builds the same loss, exactly:

# %%
from bigram_helpers import neural_loss

assert neural_loss(W, xs, ys).item() == loss.item() == 3.7693049907684326

# %% [markdown]
# ## Why not just try random weights?
#
# If one random `W` scores badly, why not draw many and keep the best? The next cell
# tries 1,000 and scores each on all the names with `data_loss`.
# (`torch.softmax(W, dim=1)` is PyTorch's own softmax of each row.)

# %%
g_try = torch.Generator().manual_seed(2147483647)
tries = []
for _ in range(1000):
    W_try = torch.randn((27, 27), generator=g_try)
    tries.append(data_loss(torch.softmax(W_try, dim=1)))
tries.sort()
print(f"1,000 random W: best loss {tries[0]:.4f}, middle one {tries[500]:.4f}")
print(f"uniform guessing: {math.log(27):.4f}, counting: {data_loss(P):.4f}")

# %% [markdown]
# Even the best of 1,000 random tries, 3.5165, is worse than guessing uniformly: a draw
# would have to get all 27 rows right at once. We need to ask each weight which way it
# should move.

# %% [markdown]
# ## Gradients: which way to turn each weight
#
# *In the video: [backward and update, in PyTorch, 1:38:36](https://www.youtube.com/watch?v=PaCmpygFfXo&t=5916).*
#
# For each weight we need to know whether nudging it up makes the loss go up or down,
# and how strongly: the *gradient*. PyTorch remembers how `loss` was computed from `W`,
# and `loss.backward()` walks back through those steps to fill `W.grad`, the same shape
# as `W` (micrograd, the lecture before this one, builds this machinery from scratch).
# Gradients add up across calls, so we clear the old one first with `W.grad = None`.
#
# <details><summary>Going deeper: why the cell builds the loss again</summary>
#
# Walking back uses up PyTorch's record of the calculation: a second `loss.backward()`
# on the same `loss` fails with "Trying to backward through the graph a second time".
# Each backward pass needs a forward pass of its own, so the cell first builds the loss
# afresh with `neural_loss`, and you can run it as often as you like.
#
# </details>

# %%
loss = neural_loss(W, xs, ys)  # a fresh forward pass, for this backward pass to use up
W.grad = None
loss.backward()
print(W.grad.shape)
print(f"W.grad[0, 5] = {W.grad[0, 5].item():.4f}  (row '.', column 'e')")

# %% [markdown]
# The gradient for ".e" is negative: raising that weight would lower the loss, since `e`
# really follows `.` here. Only the rows of `emma`'s inputs have a gradient at all:

# %%
rows_with_gradient = (W.grad.abs().sum(1) > 0).nonzero().flatten().tolist()
print("rows with gradients:", rows_with_gradient, [itos[i] for i in rows_with_gradient])

# %% [markdown]
# ## One step of gradient descent
#
# The gradient points the way the loss goes *up*, so we step every weight the other
# way: `W.data += -lr * W.grad`, with `lr`, the *learning rate*, setting the step's
# size. Changing `W.data` tells PyTorch the update is not part of the calculation to
# differentiate (`W -= lr * W.grad` would fail: "a leaf Variable that requires grad is
# being used in an in-place operation"; `with torch.no_grad(): W -= lr * W.grad` works
# too). The cell does a whole step: forward, backward, update, and the loss again:

# %% rerun="continues"
loss = neural_loss(W, xs, ys)
W.grad = None
loss.backward()
W.data += -0.1 * W.grad
print(f"loss before the step: {loss.item():.4f}")
print(f"loss after the step:  {neural_loss(W, xs, ys).item():.4f}")

# %% [markdown]
# A little lower than 3.7693. Run the cell again and it takes another step, and the loss
# falls further each time (run the cell that draws `W` to start again). Repeating
# "forward, backward, update" is all that training is.
#
# ## Training on all the names
#
# *In the video: [putting everything together, 1:42:55](https://www.youtube.com/watch?v=PaCmpygFfXo&t=6175).*
#
# Now every pair from every name:

# %%
X, Y = bigram_dataset(words, vocab)
num = X.nelement()
print(f"{num:,} examples")

# %% [markdown]
# The training loop, the heart of this notebook: the same three steps, 100 times, on all
# 228,146 examples at once ("full batch"), from the same random `W` (a copy of it kept,
# `W.detach().clone()`). In every step:
#
# 1. **forward pass**: logits, softmax, and the loss, the average NLL of the labels;
# 2. **backward pass**: clear the old gradient (`W.grad = None`; PyTorch would otherwise
#    add the new one to it) and call `loss.backward()` to fill `W.grad`;
# 3. **update**: `W.data += -50 * W.grad`.
#
# The learning rate is 50, five hundred times the 0.1 we used on `emma` (why, further
# down). **This cell takes a while (around ten seconds):** every step pushes a
# 228,146 x 27 table through each operation. Watch the loss fall.

# %%
g = torch.Generator().manual_seed(2147483647)
W = torch.randn((27, 27), generator=g, requires_grad=True)
W_start = W.detach().clone()  # kept to compare with later

xenc = F.one_hot(X, num_classes=27).float()
rows = torch.arange(num)
hand_losses = []
for step in range(100):
    # forward pass
    logits = xenc @ W
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdim=True)
    loss = -probs[rows, Y].log().mean()
    hand_losses.append(loss.item())
    if step % 10 == 0 or step in (1, 99):
        print(f"step {step:3}: loss {loss.item():.4f}")
    # backward pass
    W.grad = None
    loss.backward()
    if step == 0:
        first_grad = W.grad.clone()  # kept to compare with later
    # update
    W.data += -50 * W.grad

# the video's figures (to float rounding): the first loss, after one step, the last
lesson = {0: 3.758953809738159, 1: 3.371098756790161, 99: 2.47287654876709}
assert all(abs(hand_losses[k] - value) < 1e-4 for k, value in lesson.items())

# %% [markdown]
# The loss starts at 3.7590, drops to 3.3711 after one step, and keeps falling, ever
# more slowly. The last loss printed, 2.4729, was measured before the 100th update. The
# loss after it needs no gradient, so the forward pass runs inside `torch.no_grad()`,
# which tells PyTorch not to record the calculation:

# %%
with torch.no_grad():
    counts = (xenc @ W).exp()
    final_loss = -(counts / counts.sum(1, keepdim=True))[rows, Y].log().mean().item()
print(f"loss after all 100 updates: {final_loss:.4f}")

# %% [markdown]
# After all 100 updates the loss is 2.4727. Here is the whole descent, with the counting
# model's loss from notebook 03 as a dashed line, and its end zoomed in:

# %%
from bigram_helpers.plotting import plot_loss_curve

fig = plot_loss_curve(
    hand_losses,
    final_loss=final_loss,
    target=data_loss(P),
    target_name="the counting model",
    title="100 steps of gradient descent, learning rate 50",
)
show_figure(fig)

# %% [markdown]
# The loss falls quickly, then levels off just above the dashed line: a gap of 0.0186
# after 100 steps (the difference of the unrounded losses). It cannot go below: counting found the maximum-likelihood table, and
# gradient descent searches among the same kind of tables.
#
# ## The same training, fast
#
# That loop did a lot of work it did not need: the loss depends on the data only through
# how often each pair occurs, our count table again. The helper `train_neural(W, xs, ys,
# steps, lr)` uses that, so each step costs a 27 x 27 calculation instead of a
# 228,146 x 27 one. It updates `W` in place and returns the loss before each step.
#
# <details><summary>Going deeper: the gradient worked out by hand</summary>
#
# Remember that a one-hot input just picks a row of `W`: every example whose input is `a` gets exactly the same 27 probabilities,
# row `a` of the softmax of `W`. So the loss depends on the data only through *how many
# times each pair occurs*, which is our count table again. Writing $S$ for the softmax of
# `W` (row by row) and $n$ for the number of examples,
#
# $$\text{loss} = -\frac{1}{n} \sum_{i,j} N[i, j] \log S[i, j],$$
#
# the counting shortcut from notebook 03. Its gradient can be worked out by hand, one
# row at a time. A weight $W[i, j]$ only enters row $i$ of the softmax, so only the
# terms of row $i$ matter for it. Write $n_i = \sum_k N[i, k]$ for the number of
# examples whose input is character $i$ (in code, `N.sum(1, keepdim=True)`). Taking the
# log of the softmax splits each entry into two parts,
#
# $$\log S[i, j] = W[i, j] - \log \sum_k e^{W[i, k]},$$
#
# and the second part is the same for every $j$ in the row. The counts of the row add
# up to $n_i$, so row $i$'s share of the loss is
#
# $$-\frac{1}{n} \sum_j N[i, j] \log S[i, j] = -\frac{1}{n}\Big(\sum_j N[i, j]\, W[i, j] \;-\; n_i \log \sum_k e^{W[i, k]}\Big).$$
#
# Now nudge one weight, $W[i, j]$, and ask how fast each part changes. The first sum
# holds $W[i, j]$ once, times $N[i, j]$, so it changes at the rate $N[i, j]$. The slope
# of $\log \sum_k e^{W[i, k]}$ is $e^{W[i, j]} / \sum_k e^{W[i, k]}$ (the slope of
# $\log u$ is $1/u$, and that of $e^{w}$ is $e^{w}$), which is $S[i, j]$ again.
# Put together:
#
# $$\frac{\partial\, \text{loss}}{\partial W[i, j]} = \frac{1}{n}\big(n_i\, S[i, j] - N[i, j]\big).$$
#
# In words: for each row, "how often the network would predict $j$" minus "how often $j$
# really came next". It is zero exactly when the network's row matches the counted
# frequencies. The next cell checks it against the gradient autograd computed in the
# first step of our loop.
#
# </details>

# %%
S = torch.softmax(W_start, dim=1)
formula_grad = (N.sum(1, keepdim=True) * S - N) / num
agree = torch.allclose(formula_grad, first_grad, rtol=1e-4, atol=1e-8)
print("formula and autograd agree:", agree)

# %% [markdown]
# The helper `train_neural` runs the same loop in fewer, larger tensor operations:
# [the benchmark](../benchmarks/README.md#why-the-helpers-are-fast) measured its 100
# steps at 18 ms against 7 s for our loop, on two cores. Started from the same random
# `W`, its 100 losses match our loop's and it ends at the same weights:

# %%
from bigram_helpers import train_neural

g = torch.Generator().manual_seed(2147483647)
W_fast = torch.randn((27, 27), generator=g, requires_grad=True)
losses = train_neural(W_fast, X, Y, steps=100, lr=50)

assert len(losses) == len(hand_losses) == 100
assert all(abs(a - b) < 1e-5 for a, b in zip(hand_losses, losses, strict=True))
assert torch.allclose(W_fast, W, atol=1e-4)
print(f"train_neural: first loss {losses[0]:.4f}, last {losses[99]:.4f}, as our loop")

# %% [markdown]
# From here on, when a notebook needs a trained network, it calls `train_neural`.
#
# ## Why a learning rate of 50
#
# A rate of 50 sounds huge, but this model's gradients are small: each row's gradient is
# scaled by that row's share of the examples, a small fraction with 27 rows. Its loss is
# a smooth bowl, so large steps work, up to a point: the sweep further down tries
# several rates ([learners ask this
# too](../docs/questions.md#why-does-a-learning-rate-of-50-work)). The next two cells
# measure the gradient's largest entry and each row's share of the examples.
#
# <details><summary>Going deeper: where the small gradients come from</summary>
#
# The gradient formula tells us why the learning rate has to be so large. It is
# *not* that an average over many examples has a small gradient. Averaging divides by
# $n$, but the sum it divides grows with $n$ too, so the size of the gradient hardly
# depends on how many examples there are. Here is the largest entry of the gradient at
# the random start, for one name, for 100 names, and for all of them.
#
# </details>

# %%
for subset in (words[:1], words[:100], words):
    C = bigram_counts(subset, vocab)
    grad = (C.sum(1, keepdim=True) * S - C) / C.sum()
    largest = grad.abs().max().item()
    pairs = f"{len(subset):6,} names, {C.sum().item():7,} pairs"
    print(f"{pairs}: largest |gradient| {largest:.4f}")

# %% [markdown]
# <details><summary>Going deeper: each row's share of the examples</summary>
#
# 0.1975 for the 5 pairs of `emma`, 0.0317 for all 228,146 pairs: smaller, but only by a
# factor of about 6, for tens of thousands of times more pairs. What does make the
# gradient small shows in the formula once $n_i$, row $i$'s number of examples, is
# taken out in front:
#
# $$\frac{\partial\, \text{loss}}{\partial W[i, j]} = \frac{n_i}{n}\Big(S[i, j] - \frac{N[i, j]}{n_i}\Big).$$
#
# Each row's gradient is the network's probability minus the counted one (a difference
# of two probabilities, so between -1 and 1), scaled by the row's **share** of the
# examples, $n_i / n$. With 27 rows, the shares are small, as the next cell prints.
#
# </details>

# %%
share = N.sum(1) / num
for ch in ".aq":
    print(f"row {ch!r}: share of the examples {share[stoi[ch]].item():.4f}")

# %% [markdown]
# <details><summary>Going deeper: what the shares mean for the step size</summary>
#
# Even the busiest rows, `.` and `a`, get 0.1404 and 0.1485 of the examples, so their
# gradients are at most about a seventh; the row of `q` gets 0.0012. With a learning rate
# of 0.1, a weight would move by little more than a hundredth in a step, and a weight of
# the `q` row by about a ten-thousandth.
#
# </details>
#
# The fast helper makes it cheap to try several learning rates for 100 steps each. A
# loss worse than the random start's means the steps overshot and training diverged;
# the cell says so rather than print the number, whose digits differ from CPU to CPU
# once training has gone wrong:

# %%
start_loss = data_loss(torch.softmax(W_start, dim=1))
for lr in (0.1, 1, 10, 50, 100, 500):
    g = torch.Generator().manual_seed(2147483647)
    W_lr = torch.randn((27, 27), generator=g, requires_grad=True)
    train_neural(W_lr, X, Y, steps=100, lr=lr)
    loss_lr = data_loss(torch.softmax(W_lr.detach(), dim=1))
    if loss_lr < start_loss:
        print(f"learning rate {lr:>5}: loss after 100 steps {loss_lr:.4f}")
    else:
        print(f"learning rate {lr:>5}: diverged, worse than at the start")

# %% [markdown]
# Too small a rate barely gets going in 100 steps; 50 gets furthest; 100 overshoots the
# bottom of the bowl in the busy rows and lands worse, and 500 diverges.
#
# ## Why the network meets the counting model
#
# `neural_probs(W)` gives the table the network has learnt, the softmax of each row of
# `W`; we score it as we scored the counting model's:

# %%
from bigram_helpers import neural_probs

P_net = neural_probs(W)
print(f"counting model: {data_loss(P):.4f}")
print(f"neural network: {data_loss(P_net):.4f}")

# %% [markdown]
# Why do two such different procedures meet? They fit the same thing. We read row $i$
# of `W` as log-counts: if it held the logarithms of the real counts, the softmax would
# exponentiate them back into counts and normalise them, exactly the counting model's
# row. So `W = log N` *is* the counting model (a never-seen pair has log-count
# $-\infty$, and $e^{-\infty} = 0$):

# %%
W_log_counts = torch.log(N.float())
gap = (neural_probs(W_log_counts) - P).abs().max().item()
print(f"largest difference between softmax(log N) and P: {gap:.4f}")
assert gap < 1e-6

# %% [markdown]
# So the counting model is the table gradient descent walks towards; training gets
# there slowly, and the network can never beat it.
#
# <details><summary>Going deeper: which rows lag behind</summary>
#
# How close is the network after 100 steps? The next cell gives, row by row, the
# largest difference between the network's probabilities and the counted ones.
#
# </details>

# %%
row_gap = (P_net - P).abs().max(1).values
for ch in ".aeq":
    i = stoi[ch]
    examples = f"row {ch!r}: {N[i].sum().item():6,} examples"
    print(f"{examples}, largest difference {row_gap[i].item():.4f}")

# %% [markdown]
# The rows of common characters have almost converged; the row of `q` has not: only 272
# of the 228,146 examples start with `q`, so its row gets tiny nudges. Side by side:

# %%
from bigram_helpers.plotting import plot_row_comparison

names = ("counting", "network after 100 steps")
show_figure(plot_row_comparison(P, P_net, vocab, ".q", names=names))

# %% [markdown]
# Train for longer and the `q` row catches up too. With enough steps the two ways give
# the same model.
#
# ## Regularisation: the network's fake counts
#
# *In the video: [note 2: model smoothing as regularization loss, 1:50:18](https://www.youtube.com/watch?v=PaCmpygFfXo&t=6618).*
#
# In notebook 03, fake counts made the table smoother. The network has its own knob.
# When all the weights are 0, every logit is 0, every "count" $e^0 = 1$, and the softmax
# is uniform, 1/27 everywhere:

# %%
print(f"{neural_probs(torch.zeros(27, 27))[0, 0].item():.4f}")

# %% [markdown]
# So a penalty in the loss that grows as the weights leave 0 makes training balance
# fitting the data against staying close to uniform, as fake counts do. The usual
# penalty is the mean of the squared weights, times a small strength:
#
# $$\text{loss} = -\frac{1}{n}\sum_{k=1}^{n} \log S[x_k, y_k] + 0.01 \cdot \text{mean}(W^2)$$
#
# where $S$ is the softmax of the logits, so $S[x_k, y_k]$ is the probability the network
# gives the right next character of example $k$: the first term is the loss we trained
# on. (The video's training loop adds this penalty, [so its printed losses
# differ](../docs/differences.md#the-penalty-in-the-training-loop).)
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
# Now train with a gentle penalty (0.01) and a strong one (1.0), and look at the loss on
# the data (without the penalty) and the smallest probability in the table. The
# stronger the penalty, the flatter the table, as with more and more fake counts:

# %%
smallest = P_net.min().item()
print(f"no penalty:    data loss {data_loss(P_net):.4f}, min prob. {smallest:.4f}")
for reg in (0.01, 1.0):
    g = torch.Generator().manual_seed(2147483647)
    W_reg = torch.randn((27, 27), generator=g, requires_grad=True)
    train_neural(W_reg, X, Y, steps=100, lr=50, reg=reg)
    P_reg = neural_probs(W_reg)
    label = f"penalty {reg}:"
    smallest = P_reg.min().item()
    print(f"{label:<14} data loss {data_loss(P_reg):.4f}, min prob. {smallest:.4f}")

# %% [markdown]
# The softmax never gives exactly 0, so no name is "impossible" for the network, even
# without a penalty.
#
# <details><summary>Going deeper: christosqj, longer training and the penalty, side by side</summary>
#
# The next cell compares `christosqj` and all the names under the smoothed counting
# model of notebook 03, and under our network trained on, to 1,000 and then 3,000
# steps, and one trained with the gentle penalty until it has settled.
#
# The network we train on is a copy, `W.detach().clone().requires_grad_(True)`: the same
# numbers as `W` in a tensor of their own (as `W_start` was), with autograd's tracking
# switched back on for the copy, as `requires_grad=True` did when `W` was drawn (a
# trailing `_` marks a PyTorch method that changes its tensor in place). `W` itself stays
# the 100-step network, for the last section. The cell also notes how far the `q` row
# still is from the counted frequencies after each stretch of training.
#
# </details>

# %%
from bigram_helpers import score


def compare(label, table):
    """One row of the table: the average NLL of christosqj, and of all the names."""
    christos = score(["christosqj"], table, vocab).mean_nll
    print(f"{label:<36} {christos:10.4f} {data_loss(table):10.4f}")


print(f"{'model':<36} {'christosqj':>10} {'all names':>10}")
compare("counting (notebook 03)", P)
compare("counting, smoothed (notebook 03)", bigram_probs(N, smoothing=1))
compare("network, 100 steps", P_net)
W_long = W.detach().clone().requires_grad_(True)
q_gaps = {100: row_gap[stoi["q"]].item()}
for steps_before, steps_after in ((100, 1_000), (1_000, 3_000)):
    train_neural(W_long, X, Y, steps=steps_after - steps_before, lr=50)
    compare(f"network, {steps_after:,} steps", neural_probs(W_long))
    q_gaps[steps_after] = (neural_probs(W_long) - P)[stoi["q"]].abs().max().item()
g = torch.Generator().manual_seed(2147483647)
W_pen = torch.randn((27, 27), generator=g, requires_grad=True)
train_neural(W_pen, X, Y, steps=1_000, lr=50, reg=0.01)
compare("network, penalty 0.01, 1,000 steps", neural_probs(W_pen))

# %% [markdown]
# <details><summary>Going deeper: what the table says</summary>
#
# After 100 steps the network rates `christosqj` better than the smoothed counting model
# does (3.1336 against 3.3932). That is not a smarter model; it is an unfinished one. Its
# `q` row is still far from the counted frequencies, so `qj` keeps some of the
# probability the random start gave it, and its loss on all the names (2.4727) is worse
# than even the smoothed table's (2.4546). Trained on, the network fits the names better
# and better (2.4544 after 3,000 steps, against counting's 2.4540) and rates `christosqj`
# worse and worse (3.4789, by now worse than smoothing): its `q` row is heading for the
# counted frequencies, where `qj` has probability 0 and the loss is infinite.
#
# To compare like with like, set the network with a penalty beside the smoothed
# counting model: both pull the table towards uniform on purpose. This penalty of 0.01
# pulls harder than one fake count does. It rates `christosqj` better (3.1544 against
# 3.3932) and pays for it on the names it was trained on (2.4604 against 2.4546). Which
# amount of smoothing is best cannot be decided on the training names themselves; it
# takes names the model has never seen.
#
# And the `q` row, which lagged so far behind after 100 steps? The next cell prints its
# largest difference from the counted frequencies as training goes on.
#
# </details>

# %%
for steps, q_gap in q_gaps.items():
    print(f"row 'q' after {steps:5,} steps: largest difference {q_gap:.4f}")

# %% [markdown]
# <details><summary>Going deeper: the slow row catches up</summary>
#
# The `q` row's gap shrinks with training, as the rows of common characters' did within
# the first 100 steps.
#
# </details>

# %% [markdown]
# ## Making up names with the network
#
# *In the video: [sampling from the neural net, 1:54:31](https://www.youtube.com/watch?v=PaCmpygFfXo&t=6871).*
#
# Sampling works as in notebook 03, except that each row of probabilities comes from the
# network trained for 100 steps: one-hot encode the current character, multiply by `W`,
# softmax, draw.

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
# The network's table in `sample_names` gives the same names; the counting table gives
# almost the same, since the tables are nearly equal and the same random numbers drive
# both walks. (The exact names depend on the PyTorch build, as in notebook 03.)

# %%
from bigram_helpers import sample_names

g = torch.Generator().manual_seed(2147483647)
assert sample_names(neural_probs(W), vocab, 5, g) == net_names
g = torch.Generator().manual_seed(2147483647)
print("counting:", sample_names(P, vocab, 5, g))

# %% [markdown]
# ## What you learned
#
# One-hot inputs, a layer as a matrix multiply, the softmax, `loss.backward()` and
# `W.data += -lr * W.grad`, repeated: gradient descent. The two models side by side:
#
# | | counting (notebooks 01-03) | neural network (this notebook) |
# |---|---|---|
# | the model's numbers | counts `N` | weights `W`, read as log-counts: `exp(W)` plays `N` |
# | probabilities | each row of `N` divided by its total | softmax of each row of `W` |
# | how they are chosen | count once, in one pass | gradient descent on the loss, step by step |
# | the loss reached | the lowest there is | just above it, and closer with more steps |
# | unseen pairs | probability 0 unless smoothed | never exactly 0 |
# | smoothing | fake counts added to `N` | a penalty on `W` in the loss |
# | with a longer memory | the table explodes in size | the same recipe keeps working |
#
# Questions? [Questions learners ask](../docs/questions.md) answers the common ones.
#
# ## What's next
#
# *In the video: [the conclusion, 1:56:16](https://www.youtube.com/watch?v=PaCmpygFfXo&t=6976).*
#
# Counting is exact and instant, but only because the model looks at a single
# character. The network's recipe (encode the input, logits, softmax, average NLL,
# backward, update) keeps working as the network grows. Notebook 05 has exercises to
# try these ideas yourself. After that the road leads to models that look further back:
# an MLP that reads several characters, a WaveNet-style CNN, recurrent networks (RNN,
# LSTM, GRU) and the Transformer. The loss they minimise is the one you have just met.
