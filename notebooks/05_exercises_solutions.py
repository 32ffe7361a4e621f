# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: -all
#     formats: ipynb,py:percent
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
# # 05 · Exercises, worked solutions: trigrams, honest evaluation, and sturdier code
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/makemore-bigram/makemore-bigram/blob/main/notebooks/05_exercises_solutions.ipynb)
#
# *This series teaches Andrej Karpathy's lecture
# ["The spelled-out intro to language modeling: building makemore"](https://www.youtube.com/watch?v=PaCmpygFfXo)
# ([its notebook](https://github.com/karpathy/nn-zero-to-hero/blob/master/lectures/makemore/makemore_part1_bigrams.ipynb)
# in nn-zero-to-hero; the names come from his [makemore](https://github.com/karpathy/makemore) repository).
# What the series adds: each step explained in prose, in six short notebooks; every figure
# checked by a test; tested helpers; exercises with checks and worked solutions
# ([acknowledgements](../README.md#acknowledgements)).*
#
# **What you will practise.** Six exercises that take the bigram model of notebooks 01 to
# 04 one step further each. You will let the model look two characters back instead of
# one (a *trigram*), learn to judge a model on names it has never seen, tune the amount
# of smoothing the honest way, make the network's forward pass cheaper and numerically
# safer, and finally push gradient descent all the way to the answer that counting gives
# in one go.
#
# **This is the solutions notebook.** Try the exercises first in
# [05_exercises](05_exercises.ipynb), where each part has an empty answer cell and a
# one-line check that tells you whether you got it right (and, if not, what looks wrong).
# Here each task is followed at once by a worked solution, and every part ends with the
# very same check, run on the solution's answer. The solutions run in a few seconds, and
# every claim they make is checked by an `assert`, so if you change something and a claim
# stops being true, the notebook tells you.

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
# ## Before you start
#
# We rebuild what notebooks 01 to 04 built and checked: the names, the vocabulary (`.`
# at index 0, `a` to `z` at 1 to 26), the count table `N`, the probability table `P`,
# and the counting model's loss on all 32,033 names. That loss is computed with `score`
# from notebook 03, exactly as there; we keep it as `optimum`, because no bigram model
# can do better on these names (Exercise 6 is about reaching it). `ex1` to `ex6` hold the
# checks of the try-first notebook: `ex1.counts.check(N3)` prints one line saying whether
# `N3` is right.

# %%
import math
import time

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

from bigram_helpers import (
    bigram_counts,
    bigram_dataset,
    bigram_probs,
    build_vocab,
    init_weights,
    load_words,
    neural_loss,
    neural_probs,
    score,
    train_neural,
)
from bigram_helpers.exercises import SMOOTHINGS, ex1, ex2, ex3, ex4, ex5, ex6

words = load_words(names_path)
vocab = build_vocab(words)
stoi, itos = vocab.stoi, vocab.itos
V = len(vocab)
N = bigram_counts(words, vocab)
P = bigram_probs(N)
optimum = score(words, P, vocab).mean_nll
print(f"{len(words):,} names, {V} characters, {N.sum().item():,} pairs")
print(f"counting model, unsmoothed, all names: loss {optimum:.4f}")

# %% [markdown]
# `score` adds up one logarithm per pair in a Python loop, which is clear but not quick.
# The exercises below evaluate many models on many word lists, so here is a vectorised
# version of the same average negative log-likelihood: look up the probability of every
# example at once, take the logs, average. It works for a table of any order (the next
# exercise explains what the rows of a trigram table are); for the bigram it must agree
# with `score`.

# %%
from bigram_helpers.ngram import ngram_dataset


def mean_nll(table, some_words, order):
    """Average negative log-likelihood of `some_words` under an n-gram table."""
    X, Y = ngram_dataset(some_words, vocab, order)
    rows = X[:, 0]
    for k in range(1, order - 1):  # context c1 c2 ... (oldest first): row c1*V + c2 ...
        rows = rows * V + X[:, k]
    return -table[rows, Y].double().log().mean().item()


assert abs(mean_nll(P, words, order=2) - optimum) < 1e-6

# %% [markdown]
# ## Exercise 1: a trigram model
#
# **Task.** The bigram model only ever looks at the last character. Build a *trigram*
# model, in which the two previous characters predict the next one, in both ways you know:
#
# 1. by counting, with a table of counts turned into probabilities;
# 2. as a one-layer neural network trained by gradient descent.
#
# Train both on all 32,033 names and compare their losses with the bigram's. Rather than
# write everything twice, use the helpers in `bigram_helpers.ngram`: each takes an
# `order`, where `order=2` is the bigram model you know and `order=3` the trigram.
#
# ### Solution
#
# **Framing.** A bigram model puts one `.` before each name; a trigram model needs two,
# so that even the first letter has a two-character context. `emma` becomes `..emma.`,
# and slides a window of three characters along it:
#
# | context | next |
# |:-:|:-:|
# | `..` | `e` |
# | `.e` | `m` |
# | `em` | `m` |
# | `mm` | `a` |
# | `ma` | `.` |
#
# Still one example per character plus one for the end, so all the names give 228,146
# examples, the same number as before. `ngram_dataset` makes them: `X` holds the context
# (two character indices, oldest first) and `Y` the character that follows.

# %%
X3_emma, Y3_emma = ngram_dataset(["emma"], vocab, order=3)
print("X:", X3_emma.tolist())
print("Y:", Y3_emma.tolist())

# %% [markdown]
# **Counting.** There are $27 \times 27 = 729$ possible contexts, so the count table has
# 729 rows and 27 columns. The context $c_1 c_2$ gets row $27\,c_1 + c_2$ (read it as a
# two-digit number in base 27): `..` is row 0, `.e` is row 5, `em` is row
# $27 \cdot 5 + 13 = 148$. For `order=2` the same rule gives back the 27 x 27 bigram
# table.
#
# Here is the counting done by hand, for any order, one example at a time. It is slow, so
# we run it on the first 1,000 names only and check that the helper `ngram_counts` gets
# the same tables; then we let the helper count everything, and check that with `order=2`
# it reproduces `N` exactly.

# %%
from bigram_helpers.ngram import ngram_counts


def count_by_hand(some_words, order):
    counts = torch.zeros((V ** (order - 1), V), dtype=torch.int32)
    for w in some_words:
        chs = ["."] * (order - 1) + list(w) + ["."]
        for k in range(order - 1, len(chs)):
            row = 0
            for ch in chs[k - order + 1 : k]:
                row = row * V + stoi[ch]
            counts[row, stoi[chs[k]]] += 1
    return counts


for order in (2, 3):
    by_hand = count_by_hand(words[:1000], order)
    assert torch.equal(by_hand, ngram_counts(words[:1000], vocab, order))

N2 = ngram_counts(words, vocab, order=2)
N3 = ngram_counts(words, vocab, order=3)
assert torch.equal(N2, N)
print("trigram counts:", tuple(N3.shape), f"{N3.sum().item():,} examples")
print(f"contexts that occur: {(N3.sum(1) > 0).sum().item()} of {V * V}")
ex1.counts.check(N3)

# %% [markdown]
# Not every context occurs: nothing ever follows `a.` (the end of a name is the end), and
# many letter pairs never appear in a name. Such rows stay all zero, and `ngram_probs`
# leaves them all zero too instead of dividing by zero.
#
# What does the trigram know that the bigram doesn't? Compare what follows `m` alone
# with what follows `em`:

# %%
from bigram_helpers.ngram import context_row, ngram_probs

P3 = ngram_probs(N3)
ex1.probs.check(P3)


def top_next(table, context, k=5):
    row = table[context_row(context, vocab)]
    probs, idx = row.topk(k)
    pairs = zip(probs.tolist(), idx.tolist(), strict=True)
    return ", ".join(f"{itos[i]} {p:.4f}" for p, i in pairs)


print("after  'm':", top_next(P, "m"))
print("after 'em':", top_next(P3, "em"))
print("after 'om':", top_next(P3, "om"))

# %% [markdown]
# The last letter is `m` each time, but the letter before it changes the forecast: after
# `em`, a name is more than twice as likely to end (`.`) as after a lone `m`, and `m`
# itself (as in `emma`) becomes a likely next letter. The bigram model, which only sees
# the `m`, has to give all three contexts the same answer.

# %% [markdown]
# Now the losses. Without smoothing the trigram table has zeros, but every trigram in
# these names was counted, so on the very same names no example gets probability 0 and
# the loss is finite. (Exercise 2 shows what happens on new names.)

# %%
count_loss = {2: mean_nll(P, words, order=2), 3: mean_nll(P3, words, order=3)}
print(f"bigram  counts: {count_loss[2]:.4f}")
print(f"trigram counts: {count_loss[3]:.4f}")
ex1.loss.check(count_loss[3])

# %% [markdown]
# Two characters of memory take the loss from 2.4540 down to 2.1857: the model is
# noticeably less surprised by real names. Sampling shows it too. The walk now starts in
# the context `..` and shifts each new character into the context. (The names depend on
# the build of PyTorch; these come from the pinned environment.)

# %%
from bigram_helpers.ngram import ngram_sample

g = torch.Generator().manual_seed(2147483647)
print("trigram:", " ".join(ngram_sample(P3, vocab, 10, g, order=3)))

# %% [markdown]
# **The network.** The bigram network fed in one one-hot vector of 27 numbers. The
# trigram network feeds in two, laid side by side: 54 inputs, the first 27 for the older
# character, the last 27 for the newer one. The weight matrix `W` grows to 54 x 27, and
# everything after the matrix multiply (exponentiate, normalise, average NLL) is
# unchanged. Here is the forward pass by hand, as a function `trigram_nn_loss(W, X, Y)`
# (the check of Exercise 1 runs it on a few names before it looks at the weights), on
# `emma`, checked against the helper `ngram_neural_loss`, which does the same for any
# order:

# %%
from bigram_helpers.ngram import ngram_init_weights, ngram_neural_loss

g = torch.Generator().manual_seed(2147483647)
W3 = ngram_init_weights(V, g, order=3)


def trigram_nn_loss(W, X, Y):
    xenc = F.one_hot(X, num_classes=V).float().view(-1, 2 * V)  # (examples, 54)
    logits = xenc @ W  # (examples, 27)
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdim=True)
    return -probs[torch.arange(len(Y)), Y].log().mean()


loss = trigram_nn_loss(W3, X3_emma, Y3_emma)
inputs = (len(Y3_emma), 2 * V)
print("W:", tuple(W3.shape), " inputs:", inputs, f" loss for emma: {loss.item():.4f}")
assert abs(ngram_neural_loss(W3, X3_emma, Y3_emma).item() - loss.item()) < 1e-6

# %% [markdown]
# To train on all 228,146 examples we use `train_ngram_neural`, the order-aware twin of
# notebook 04's `train_neural`. It computes the same losses and gradients as the lesson's
# loop (`loss.backward()`, then `W.data += -lr * W.grad`), only from the count table
# instead of from every example, which makes each step far cheaper. A short check on the
# first 1,000 names, three steps each way:

# %%
from bigram_helpers.ngram import train_ngram_neural

X_small, Y_small = ngram_dataset(words[:1000], vocab, order=3)
W_loop = ngram_init_weights(V, torch.Generator().manual_seed(2147483647), order=3)
W_fast = W_loop.detach().clone().requires_grad_()
loop_losses = []
for _ in range(3):
    loss = ngram_neural_loss(W_loop, X_small, Y_small)
    loop_losses.append(loss.item())
    W_loop.grad = None
    loss.backward()
    W_loop.data += -10 * W_loop.grad
fast_losses = train_ngram_neural(W_fast, X_small, Y_small, steps=3, lr=10)
print("lesson loop:", [round(x, 4) for x in loop_losses])
print("fast helper:", [round(x, 4) for x in fast_losses])
assert all(abs(a - b) < 1e-5 for a, b in zip(loop_losses, fast_losses, strict=True))

# %% [markdown]
# Now both networks on all the names, from the lesson's seed. The bigram network uses
# notebook 04's learning rate of 50. The trigram network gets 30: each of its logits is
# the sum of *two* weights (one per context character), so one step moves a logit about
# twice as far, and at 50 its loss bounces up and down instead of settling (try it). We
# give each 300 steps, which takes them most of the way; how much further they could go,
# we see just after.

# %%
X2, Y2 = ngram_dataset(words, vocab, order=2)
X3, Y3 = ngram_dataset(words, vocab, order=3)
STEPS = 300
LR = {2: 50.0, 3: 30.0}
net_loss, W_trained = {}, {}
for order, (X, Y) in ((2, (X2, Y2)), (3, (X3, Y3))):
    W_net = ngram_init_weights(V, torch.Generator().manual_seed(2147483647), order)
    losses = train_ngram_neural(W_net, X, Y, steps=STEPS, lr=LR[order])
    net_loss[order], W_trained[order] = ngram_neural_loss(W_net, X, Y).item(), W_net
    after = f"{net_loss[order]:.4f} after {STEPS} steps"
    print(f"order {order}: loss {losses[0]:.4f} at the start, {after}")
ex1.network.check(W_trained[3], trigram_nn_loss)

# %% [markdown]
# All four side by side (trained and evaluated on the same 32,033 names):

# %%
print(f"{'model':<10}{'counting':>10}{'network':>10}")
for order, name in ((2, "bigram"), (3, "trigram")):
    print(f"{name:<10}{count_loss[order]:>10.4f}{net_loss[order]:>10.4f}")
assert count_loss[3] < count_loss[2]
assert net_loss[3] < count_loss[2]

# %% [markdown]
# For the bigram, the network and the counts are heading for the same model (Exercise 6
# gets them there). Is the trigram network just as unfinished? We train it on, from where
# it stopped, to 2,000 steps in all, and count the numbers each trigram model has to fit:

# %%
W_long = W_trained[3].detach().clone().requires_grad_()
# more[k]: the loss after 300 + k steps
more = train_ngram_neural(W_long, X3, Y3, steps=1_700, lr=LR[3])
long_loss = ngram_neural_loss(W_long, X3, Y3).item()
at_1000 = f"{more[700]:.4f} after 1,000 steps"
print(f"trigram network: {at_1000}, {long_loss:.4f} after 2,000")
print(f"trigram counting model: {count_loss[3]:.4f}")
table_cells = f"trigram count table: {N3.numel():,} cells"
print(f"trigram network: {W_long.numel():,} weights; {table_cells}")

# %% [markdown]
# The trigram network and the counts are **not** heading for the same model: after 2,000
# steps the network is at 2.3372, its last 1,000 steps gained less than two thousandths,
# and it is settling far above the counting model's 2.1857. The reason is in the forward
# pass. A one-hot input of 54 numbers picks one row of `W` for the older character and
# one for the newer, and *adds* them:
#
# $$\text{logits}(c_1 c_2) = W[c_1] + W[27 + c_2].$$
#
# Each character casts its vote separately; the network cannot say "after `e` **and** `m`
# together, something special". It has $54 \times 27 = 1{,}458$ weights, while the count
# table has $729 \times 27 = 19{,}683$ free cells. A network that matched the counting
# trigram would need one row of weights per *pair* of characters: a one-hot vector over
# all 729 contexts, which is the count table all over again. Mixing the characters'
# information before the output, with a hidden layer, is exactly what the next model on
# the road (the MLP) does.

# %% [markdown]
# ## Exercise 2: train, dev and test
#
# **Task.** So far every model was judged on the names it learned from, which flatters
# a model that simply memorises. Shuffle the names with a fixed seed and split them
# 80% / 10% / 10% into a *training* set, a *dev* (development) set and a *test* set.
# Train the bigram and trigram models on the training names only, then report each
# model's loss on all three splits.
#
# ### Solution
#
# Why shuffle at all? `names.txt` is two lists one after the other, the girls' names and
# then the boys' names (notebook 01 shows where one ends), each from the most popular
# down: cut it as it is, and the test set holds only boys' names, the rarest of them, a
# different kind of name than the training set. A seeded `torch.randperm` puts the indices of the 32,033 names in a
# shuffled order that is the same on every run. The first 80% of that order is the
# training set, the next 10% the dev set, and the test set takes the rest, so that rounding loses no
# name. Shuffling the indices, not the list itself, leaves `words` in the file's order.
# Every *line* of the file goes to exactly one split, but not every name: 2,539 of the
# 32,033 lines repeat a name that came earlier in the file, each a name on both lists
# (29,494 names are distinct; the cell below counts them), so the same name can sit in the training set and in the
# test set: part of what the dev and test losses measure is names the model has already
# seen. Keeping the lines, duplicates and all, is what the exercise asks: `set(words)` would
# drop them and change what the model learns from. The check
# takes the function itself, so that it can also see that the same seed gives the same
# split. Here is the function, as `ex2.split.solution()` prints it:

# %%
from bigram_helpers.exercises import split_names

ex2.split.solution()
splits = dict(zip(("train", "dev", "test"), split_names(words, seed=42), strict=True))
for name, split in splits.items():
    print(f"{name:<5} {len(split):>6,} names, first three: {split[:3]}")
distinct = len(set(words))
repeats = len(words) - distinct
print(f"{repeats:,} of the {len(words):,} lines repeat an earlier name;", end=" ")
print(f"{distinct:,} are distinct")
ex2.split.check(split_names)

# %% [markdown]
# Counting on the training names alone, the unsmoothed trigram table meets its first
# problem on the dev names:

# %%
N3_train = ngram_counts(splits["train"], vocab, order=3)
X_dev, Y_dev = ngram_dataset(splits["dev"], vocab, order=3)
unseen = N3_train[X_dev[:, 0] * V + X_dev[:, 1], Y_dev] == 0
print(f"dev trigrams never seen in training: {unseen.sum().item()} of {len(Y_dev):,}")
dev_unsmoothed = mean_nll(ngram_probs(N3_train), splits["dev"], order=3)
print("dev loss, unsmoothed trigram counts:", dev_unsmoothed)

# %% [markdown]
# One unseen trigram gets probability 0, its log is $-\infty$, and the average is
# infinite. So from here on the counting models are smoothed. For now we use notebook
# 03's single fake count (`smoothing=1`); Exercise 3 chooses a better amount. The
# networks never give a probability of exactly 0, so they need no such help; they are
# trained as in Exercise 1, on the training examples only.

# %%
from bigram_helpers.ngram import ngram_neural_probs

table = {}  # (model name) -> {split name: loss}
net_weights = {}  # (order, penalty strength) -> trained weights
for order, name in ((2, "bigram"), (3, "trigram")):
    N_train = ngram_counts(splits["train"], vocab, order)
    P_train = ngram_probs(N_train, smoothing=1)
    table[f"{name} counts"] = {s: mean_nll(P_train, splits[s], order) for s in splits}

    X_train, Y_train = ngram_dataset(splits["train"], vocab, order)
    W_net = ngram_init_weights(V, torch.Generator().manual_seed(2147483647), order)
    train_ngram_neural(W_net, X_train, Y_train, steps=STEPS, lr=LR[order])
    P_net = ngram_neural_probs(W_net, order)
    table[f"{name} network"] = {s: mean_nll(P_net, splits[s], order) for s in splits}
    net_weights[order, 0.0] = W_net  # kept for Exercise 3


def print_table(rows):
    print(f"{'model':<17}" + "".join(f"{s:>8}" for s in splits) + f"{'dev-train':>11}")
    for model, losses in rows.items():
        gap = round(losses["dev"], 4) - round(losses["train"], 4)  # the printed values
        columns = "".join(f"{losses[s]:>8.4f}" for s in splits)
        print(f"{model:<17}{columns}{gap:>11.4f}")


n_names = len(splits["train"])
print(f"every model learned from {len(Y_train):,} examples,", end=" ")
print(f"the {n_names:,} training names")
print_table(table)

# %% [markdown]
# How to read this table:
#
# - **The bigram models barely care which names they see.** Their three losses lie
#   within about a hundredth of each other, and the test loss is even a little *below*
#   the training loss. With 729 probabilities estimated from 182,819 examples there is
#   little to memorise; the differences come from which names happened to land in which
#   split (some splits are simply a little easier than others: the dev names cost both
#   bigram models 0.0104 more than the training names).
# - **The trigram counting model is the best on every split, but it does best on the
#   names it learned from.** Its dev loss is 0.0342 above its training loss, and its test
#   loss is about as far above: part of what it learned is a detail of the training names
#   that does not carry over to new ones. That gap is *overfitting*, and it grows with the
#   size of the model compared with the data: 19,683 cells are a lot to fill from 182,819
#   examples.
# - **The trigram network overfits hardly more than the bigrams do** (a gap of 0.0117
#   against their 0.0104), for the reason seen in Exercise 1: it has far fewer numbers to
#   fit.
#
# We printed the test column here because nothing has been chosen yet; the models are
# fixed recipes. In the next exercise we make choices, and from then on the test set
# stays locked until the very end.

# %% [markdown]
# ## Exercise 3: tune on dev, report test once
#
# **Task.** How many fake counts should the counting models add? How strong should the
# network's penalty $\text{reg} \cdot \operatorname{mean}(W^2)$ be? Try a range of values,
# training on the training set and judging on the **dev** set, and pick the best. Then
# evaluate each chosen model on the test set, once.
#
# ### Solution
#
# Why not simply pick the strength with the best *test* loss? Because then the test loss
# would no longer be an honest estimate: we would have chosen it to be low. The dev set
# takes the knocks of trial and error; the test set is opened once, at the end, and its
# number is what we would tell someone who asks how good the model is on new names.
#
# Counting first. The table of counts is computed once; each smoothing strength costs only
# a division and a dev evaluation, so we can afford a wide sweep on a logarithmic scale.

# %%
smoothings = list(SMOOTHINGS)  # 0.001 to 10; not 0, whose dev loss is infinite
count_dev = {}
for order in (2, 3):
    N_train = ngram_counts(splits["train"], vocab, order)
    tables = [ngram_probs(N_train, s) for s in smoothings]
    count_dev[order] = [mean_nll(P_s, splits["dev"], order) for P_s in tables]
    print(f"order {order} dev loss: " + " ".join(f"{x:.4f}" for x in count_dev[order]))

best_smoothing = {}
for order in (2, 3):
    dev_of = dict(zip(smoothings, count_dev[order], strict=True))
    best_smoothing[order] = min(dev_of, key=dev_of.get)
print("best smoothing on dev:", best_smoothing)
ex3.sweep.check(dict(zip(smoothings, count_dev[3], strict=True)))
ex3.smoothing.check(best_smoothing[3])

# %% [markdown]
# The networks: we retrain the bigram network with each penalty strength (300 steps
# each, from the same seed, as before) and judge on dev. The lesson's strength was 0.01;
# we try a few around it. The network of Exercise 2 is the one with no penalty at all.
# (The trigram network tells the same story, more slowly: add `3` to the loop to see.)

# %%
regs = [0.0, 0.001, 0.01, 0.1, 1.0]
X_train, Y_train = ngram_dataset(splits["train"], vocab, order=2)
for reg in regs[1:]:
    W_net = ngram_init_weights(V, torch.Generator().manual_seed(2147483647), order=2)
    train_ngram_neural(W_net, X_train, Y_train, steps=STEPS, lr=LR[2], reg=reg)
    net_weights[2, reg] = W_net
net_tables = [ngram_neural_probs(net_weights[2, r], 2) for r in regs]
net_dev = [mean_nll(P_r, splits["dev"], 2) for P_r in net_tables]
print("bigram network dev loss: " + " ".join(f"{x:.4f}" for x in net_dev))
best_reg = regs[min(range(len(regs)), key=net_dev.__getitem__)]
print("best penalty on dev:", best_reg)

# %% [markdown]
# The dev losses as curves. The horizontal axes are logarithmic; a star marks each
# counting model's best smoothing, and a dashed line shows the network without any
# penalty, since 0 has no place on a log scale:

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
for order, name in ((2, "bigram"), (3, "trigram")):
    line = axes[0].plot(smoothings, count_dev[order], marker="o", label=name)[0]
    k = smoothings.index(best_smoothing[order])
    star = {"marker": "*", "markersize": 14, "color": line.get_color()}
    axes[0].plot(smoothings[k], count_dev[order][k], **star)
line = axes[1].plot(regs[1:], net_dev[1:], marker="o", label="bigram network")[0]
axes[1].axhline(net_dev[0], linestyle="--", color=line.get_color(), label="no penalty")
axes[0].set(xscale="log", xlabel="fake count added to every cell", title="counting")
axes[1].set(xscale="log", xlabel="penalty strength reg", title="network")
for ax in axes:
    ax.set_ylabel("dev loss")
for ax in axes:
    ax.legend()
fig.tight_layout()
# show_figure: plt.show(), with the picture described in words (for screen readers)
from bigram_helpers.notebook import show_figure
from bigram_helpers.plotting import describe_lines

MODELS = ((2, "bigram"), (3, "trigram"))
counting = describe_lines(
    {name: (smoothings, count_dev[order]) for order, name in MODELS},
    x_label="fake count added to every cell",
    y_label="dev loss",
    title="Left panel, counting",
    x_log=True,
    points={
        f"the best {name} smoothing (a star)": (
            best_smoothing[order],
            min(count_dev[order]),
        )
        for order, name in MODELS
    },
)
network = describe_lines(
    {"bigram network": (regs[1:], net_dev[1:])},
    x_label="penalty strength reg",
    y_label="dev loss",
    title="Right panel, network",
    x_log=True,
    lines={"the network with no penalty (dashed)": net_dev[0]},
)
show_figure(fig, f"{counting} {network}")

# %% [markdown]
# What the sweep says:
#
# - **The trigram counts want a little smoothing, not a lot.** Too little, and the rare
#   contexts trust their handful of examples too much (the dev loss climbs as the fake
#   count shrinks, and at 0 it is infinite, as Exercise 2 showed); too much, and every
#   context drifts towards the uniform guess. The best dev loss sits in between, at a
#   tenth of the single fake count we used so far.
# - **The bigram counts hardly care**: with 182,819 examples spread over 729 cells, a
#   fraction of a fake count changes almost nothing. The curve is very flat; its lowest
#   point is a matter of the fourth decimal.
# - **The network wants no penalty at all.** It does not overfit (Exercise 2), so a
#   penalty has nothing to cure and only pulls them away from the data. Regularisation is
#   a remedy for a model that is large compared with its data; ours are small. It will
#   matter once the models grow.
#
# And now, once, the test set:

# %%
final = {}
for order, name in ((2, "bigram"), (3, "trigram")):
    N_train = ngram_counts(splits["train"], vocab, order)
    P_best = ngram_probs(N_train, best_smoothing[order])
    label = f"{name} counts, smoothing {best_smoothing[order]:g}"
    final[label] = mean_nll(P_best, splits["test"], order)
P_best = ngram_neural_probs(net_weights[2, best_reg], 2)
final[f"bigram network, reg {best_reg:g}"] = mean_nll(P_best, splits["test"], 2)
for model, test_loss in final.items():
    print(f"{model:<34} test loss {test_loss:.4f}")
ex3.test_loss.check(final[f"trigram counts, smoothing {best_smoothing[3]:g}"])

# %% [markdown]
# The smoothed trigram table is the best model of the three on new names. Its test loss is
# close to its dev loss: dev was a fair stand-in for "new names", and the one choice made
# on it did not fool us.

# %% [markdown]
# ## Exercise 4: row indexing instead of one-hot
#
# **Task.** Multiplying a one-hot vector by `W` just picks out one row of `W`. Replace
# `F.one_hot(xs, num_classes=27).float() @ W` with plain indexing, `W[xs]`. Show that the
# model is the same (same logits, same loss, same gradient) and time the two.
#
# ### Solution
#
# Row $i$ of the one-hot matrix is all zeros except a 1 in column $x_i$, so row $i$ of the
# product is $\sum_k \text{onehot}_{ik} W_{k} = W_{x_i}$: the sum has one non-zero term,
# and adding zeros does not change a float, so the two results should be identical bit
# for bit. `W[xs]` builds the (228146, 27) logits directly, with no (228146, 27) matrix
# of zeros and ones and no multiplications by zero.

# %%
xs, ys = bigram_dataset(words, vocab)
W = init_weights(V, torch.Generator().manual_seed(2147483647))
n = xs.shape[0]


def nll_from_logits(logits, ys):
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdim=True)
    return -probs[torch.arange(len(ys)), ys].log().mean()


def loss_one_hot(W):
    return nll_from_logits(F.one_hot(xs, num_classes=V).float() @ W, ys)


def loss_indexing(W):
    return nll_from_logits(W[xs], ys)


assert torch.equal(F.one_hot(xs, num_classes=V).float() @ W, W[xs])
ex4.logits.check(W[xs])

results = []
for loss_fn in (loss_one_hot, loss_indexing):
    W.grad = None
    loss = loss_fn(W)
    loss.backward()
    results.append((loss.item(), W.grad.clone()))
    print(f"{loss_fn.__name__:<14} loss {loss.item():.4f}")
(loss_a, grad_a), (loss_b, grad_b) = results
assert loss_a == loss_b
assert torch.allclose(grad_a, grad_b, rtol=0, atol=1e-4)
ex4.grad.check(grad_b)

# %% [markdown]
# The logits and the loss are equal exactly. The gradients agree to about four decimals
# (their largest entry, as the check printed, is 0.0317), but not bit for bit: each row of
# `W.grad` is a sum of thousands of small contributions, one per pair that starts with that character, and
# backward through the matrix multiply adds them up in a different order (and in a more
# careful way) than backward through indexing, which adds them one after the other. Float
# addition rounds after every step, so the order shows in the last digits. Redo the check
# with `W` in float64 and the gradients agree to about 14 decimals: same model, different
# rounding.
#
# The trigram works the same way: its 54-number input holds two ones, so the product adds
# two rows of its weight matrix.

# %%
logits_one_hot = F.one_hot(X3, num_classes=V).float().view(-1, 2 * V) @ W3
logits_indexing = W3[X3[:, 0]] + W3[V + X3[:, 1]]
assert torch.equal(logits_one_hot, logits_indexing)

# %% [markdown]
# Now the stopwatch: a forward and backward pass over all 228,146 pairs, three times each
# way, keeping the fastest of the three. Anything else running on the computer can only
# make a pass slower, never faster, so the fastest one is the fairest reading. The
# numbers depend on your machine; the ratio is what to look at.


# %%
# NBVAL_IGNORE_OUTPUT
# (the output is a timing, which changes from run to run, so the tests do not
# compare it)
def seconds_per_pass(loss_fn, repeats=3):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        W.grad = None
        loss_fn(W).backward()
        best = min(best, time.perf_counter() - start)
    return best


one_hot_s = seconds_per_pass(loss_one_hot)
indexing_s = seconds_per_pass(loss_indexing)
print(f"one-hot @ W: {1000 * one_hot_s:.1f} ms per forward and backward pass")
print(f"W[xs]:       {1000 * indexing_s:.1f} ms per forward and backward pass")
print(f"indexing is about {one_hot_s / indexing_s:.1f} times faster")

# %% [markdown]
# Indexing wins because it skips a matrix multiply whose inputs are almost all zeros.
# With 27 characters the saving is modest; with a vocabulary of tens of thousands of
# words or word pieces, as in large language models, the one-hot matrix would not even fit
# in memory, and indexing (PyTorch calls it an *embedding lookup*, `torch.nn.Embedding`)
# is the only sensible way.

# %% [markdown]
# ## Exercise 5: `F.cross_entropy`
#
# **Task.** Replace the hand-written softmax and negative log-likelihood (`exp`,
# normalise, pick, `log`, `mean`) with PyTorch's `F.cross_entropy(logits, ys)`. Show that
# it gives the same loss. Then find logits for which the hand-written version breaks
# while `F.cross_entropy` does not.
#
# ### Solution
#
# `F.cross_entropy` takes the raw logits and the correct classes, and returns the average
# of $-\log \operatorname{softmax}(\text{logits})_y$: exactly our loss.

# %%
logits = W[xs]
hand = nll_from_logits(logits, ys).item()
library = F.cross_entropy(logits, ys).item()
print(f"hand-written:    {hand:.4f}")
print(f"F.cross_entropy: {library:.4f}")
assert abs(hand - library) < 1e-6
ex5.loss.check(F.cross_entropy(logits, ys))

# %% [markdown]
# Where they differ is in how they compute it. A float32 number cannot exceed about
# $3.4 \times 10^{38}$, and $e^{89}$ is already more than that, so `exp` of any logit
# above about 88.7 is `inf`. Our hand-written softmax then divides `inf` by `inf`, which is
# `nan` ("not a number"). Logits that large are not exotic: weights grow during training,
# and a sharper model has larger logits. Scaling this network's logits by 100 is enough:

# %%
big_logits = 100 * W[xs]
print("largest logit:", round(big_logits.max().item(), 1))
hand_big = nll_from_logits(big_logits, ys).item()
library_big = F.cross_entropy(big_logits, ys).item()
print(f"hand-written:    {hand_big}")
print(f"F.cross_entropy: {library_big:.4f}")
assert math.isnan(hand_big)
assert math.isfinite(library_big)

# %% [markdown]
# How does `F.cross_entropy` survive? The softmax does not change if the same number $m$
# is subtracted from every logit of a row, because the factor $e^{-m}$ cancels:
#
# $$\frac{e^{z_j}}{\sum_k e^{z_k}} = \frac{e^{z_j - m}}{\sum_k e^{z_k - m}}.$$
#
# Choose $m$ as the row's largest logit: now every exponent is at most 0, so nothing
# overflows, and at least one term of the sum is $e^0 = 1$, so the sum cannot be 0 either.
# The loss also never forms the probability itself; it goes straight to its logarithm,
#
# $$-\log \operatorname{softmax}(z)_y = m + \log \sum_k e^{z_k - m} - z_y,$$
#
# so a probability too small for a float (which our version would round to 0, and then
# take $\log 0 = -\infty$) is no problem either. Written by hand, it matches the library:


# %%
def stable_nll(logits, ys):
    m = logits.max(1, keepdim=True).values
    log_sum = m.squeeze(1) + (logits - m).exp().sum(1).log()
    return (log_sum - logits[torch.arange(len(ys)), ys]).mean()


stable, stable_big = stable_nll(logits, ys).item(), stable_nll(big_logits, ys).item()
print(f"stable by hand, ordinary logits: {stable:.4f}")
print(f"stable by hand, large logits:    {stable_big:.4f}")
assert abs(stable - library) < 1e-6
assert abs(stable_big - library_big) < 1e-6 * abs(library_big)
ex5.stable.check(stable_nll)

# %% [markdown]
# A tiny example shows both failures side by side. The rows $[1, 2, 3]$ and
# $[101, 102, 103]$ have the same softmax; the hand-written loss gets the first right and
# the second `nan`. In the row $[-200, 0, 0]$ the correct class (the first) has
# probability $e^{-200}/2$, a number below the smallest float32: the hand-written loss
# calls it impossible.

# %%
tiny = torch.tensor([[1.0, 2.0, 3.0], [101.0, 102.0, 103.0], [-200.0, 0.0, 0.0]])
target = torch.tensor([0, 0, 0])
for row, y in zip(tiny, target, strict=True):
    hand_row = nll_from_logits(row[None], y[None]).item()
    library_row = F.cross_entropy(row[None], y[None]).item()
    results = f"hand-written {hand_row:.4f}, F.cross_entropy {library_row:.4f}"
    print(f"logits {row.tolist()}: {results}")

# %% [markdown]
# Besides being safe, `F.cross_entropy` is one fused operation with its own backward
# pass, so it is also quicker and lighter on memory than our chain of five steps. From
# here on, every model on the road uses it.

# %% [markdown]
# ## Exercise 6: train the network all the way
#
# **Task.** Notebook 04 stopped training after 100 steps, at a loss of 2.4727. Keep going
# until the network's loss on all 32,033 names is within 0.0001 of the counting model's
# 2.4540, and then compare the network's probability table with `P`. Here is where
# notebook 04 stopped (its 100 steps again, with `train_neural`), and the goal:

# %%
TOLERANCE = 1e-4
W_04 = init_weights(V, torch.Generator().manual_seed(2147483647))
train_neural(W_04, xs, ys, steps=100, lr=50)
loss_04 = neural_loss(W_04, xs, ys).item()
print(f"notebook 04, after 100 steps at learning rate 50: loss {loss_04:.4f}")
print(f"the goal: within {TOLERANCE} of the counting model's {optimum:.4f}")

# %% [markdown]
# ### Solution
#
# **The obvious way: more steps.** The helper `train_neural` makes steps cheap, so let's
# simply run more of them. We also raise the learning rate from 50 to 70, the largest
# round value at which the loss still goes down steadily (at 75 the rows of the most
# common characters overshoot and the loss starts to bounce). Here are 10,000 steps: the
# gap to the counting model's loss each time the number of steps doubles, and the step
# at which the gap first comes within the tolerance (to the nearest hundred, since float
# rounding can move the exact step a little):

# %%
W = init_weights(V, torch.Generator().manual_seed(2147483647))
losses = train_neural(W, xs, ys, steps=10_000, lr=70)
gaps = [loss - optimum for loss in losses]  # gaps[k]: after k steps
for step in (125, 250, 500, 1000, 2000, 4000, 8000):
    print(f"after {step:>5,} steps: {gaps[step]:.5f} above the optimum")
plain_steps = next(k for k, gap in enumerate(gaps) if gap < TOLERANCE)
print(f"within {TOLERANCE} after about {round(plain_steps, -2):,} steps")

# %% [markdown]
# It gets there, but slowly. After the first few hundred steps the gap only halves each
# time the number of steps *doubles*, so going from 0.00092 at 1,000 steps to within
# 0.0001 takes almost ten times as many steps again. Why so slow? Two reasons, both
# visible in notebook 04's gradient formula, where row $i$ of the gradient is
#
# $$\frac{n_i}{n}\,\bigl(\operatorname{softmax}(W_i) - P_i\bigr),$$
#
# with $n_i$ the number of pairs that start with character $i$, $n$ = 228,146 all pairs,
# and $P_i$ the counting model's row:
#
# 1. **Rare characters get tiny steps.** The factor $n_i/n$ is 0.1404 for `.` but 0.0012
#    for `q` (the cell below prints both). The learning rate cannot go up to help `q`, or
#    the rows of common characters overshoot.
# 2. **Unseen pairs chase $-\infty$.** 102 of the 729 cells of `N` are zero, and the
#    counting model gives them probability exactly 0. To match it, their logits must go
#    to $-\infty$. The push on such a logit is proportional to the probability it still
#    gets, so the smaller that probability, the more slowly it shrinks.
#
# **A better way: give every row its own average.** The loss averages over all pairs,
# so it weights each row by $n_i/n$: right for *measuring* the model, since common
# characters matter more. But for *finding* the best weights it does not matter: row
# $i$ of `W` only affects the predictions after character $i$, so each row's best
# value is the same whatever weight its row gets in the sum. So we may drop the factor
# $n_i/n$ and step along
#
# $$\operatorname{softmax}(W_i) - P_i,$$
#
# the gradient of each character's *own* average loss. It is as if every character had
# its own training set. First a check that this really is the ordinary gradient,
# divided row by row by $n_i/n$ (after one step of `train_neural` with learning rate 0,
# `W.grad` holds the ordinary gradient):

# %%
W_check = init_weights(V, torch.Generator().manual_seed(2147483647))
train_neural(W_check, xs, ys, steps=1, lr=0)
share = N.sum(1, keepdim=True) / N.sum()  # n_i / n, one per row
per_row_gradient = torch.softmax(W_check.detach(), dim=1) - P
assert torch.allclose(W_check.grad / share, per_row_gradient, atol=1e-5)
dot, q = share[stoi["."]].item(), share[stoi["q"]].item()
print(f"n_i / n: {dot:.4f} for '.', {q:.4f} for 'q'")

# %% [markdown]
# Every row now moves at the same pace, so the learning rate is set by how curved each
# row's own loss is, not by the most common character: 4 works well (at 8 the loss no
# longer settles). We compute the gradient from this formula, so autograd is not needed
# (`detach()` gives us `W` without it). Every 100 steps we check the ordinary loss, which
# depends on the data only through the counts:
# $-\frac{1}{n}\sum_{ij} N_{ij} \log \operatorname{softmax}(W)_{ij}$, summed over the pairs
# that occur, and stop once it is within the tolerance of the counting model's. Here is
# the function, as `ex6.weights.solution()` prints it, and its result:

# %%
from bigram_helpers.exercises import train_to_optimum

ex6.weights.solution()
W_start = init_weights(V, torch.Generator().manual_seed(2147483647))
W = train_to_optimum(W_start, N, P, TOLERANCE)
ex6.weights.check(W)

# %% [markdown]
# How many steps did that take? The function looks at the loss only every 100 steps, so
# to count them we take the same steps again, looking at the loss (computed from the
# counts, as above) after each one:


# %%
def table_loss(W):
    """The loss on all the names, from the counts: -(1/n) sum N_ij log softmax(W)_ij."""
    return -(N * torch.log_softmax(W.double(), dim=1)).sum().item() / N.sum().item()


W_rows = init_weights(V, torch.Generator().manual_seed(2147483647)).detach()
row_steps = 0
while table_loss(W_rows) - optimum >= TOLERANCE:
    W_rows = W_rows - 4.0 * (torch.softmax(W_rows, dim=1) - P)
    row_steps += 1
ways = {
    "plain gradient descent:   ": plain_steps,
    "every row at its own pace:": row_steps,
}
for how, steps in ways.items():
    print(f"{how} within {TOLERANCE} after about {round(steps, -2):,} steps")

# %% [markdown]
# About a quarter of the steps that plain gradient descent needed. Now we score the
# trained network exactly the way the counting model was scored, with `score` on all the
# names:

# %%
P_net = neural_probs(W)
net_final = score(words, P_net, vocab).mean_nll
print(f"counting model: {optimum:.4f}")
print(f"network:        {net_final:.4f}")
assert abs(net_final - optimum) < TOLERANCE

# %% [markdown]
# How do the two tables compare? On the pairs that occur, very closely. On the others
# the network still hands out a little probability, since its logits there are very
# negative but not $-\infty$:

# %%
zero = N == 0
difference = (P_net - P).abs()
print(f"pairs never seen: {zero.sum().item()} of {V * V}")
print(f"largest difference on pairs that occur: {difference[~zero].max().item():.4f}")
largest_unseen = P_net[zero].max().item()
print(f"largest probability the network gives an unseen pair: {largest_unseen:.4f}")
for pair in (".a", "an", "qu", "qj"):
    i, j = stoi[pair[0]], stoi[pair[1]]
    print(f"  {pair}: counting {P[i, j].item():.4f}, network {P_net[i, j].item():.4f}")
assert difference.max().item() < 0.01

# %% [markdown]
# The network's table is the counting table to about four decimals everywhere, just
# very slightly smoothed: where counting says "never", the network says "almost never". On
# names it has not seen, that small hedge is an advantage, as Exercise 3 showed for fake
# counts. And the trick we used, scaling each part of the gradient so that every part
# moves at a sensible pace, is the idea behind the optimisers that train large networks,
# such as Adam, which keep a separate step size for every single weight.

# %% [markdown]
# ## Where next
#
# You have now met every idea of the bigram lesson from both sides, and a few that go
# beyond it: a longer context, an honest split of the data, tuning on dev, embedding
# lookups and a numerically safe loss. They are the daily tools of language modelling.
#
# The trigram exercise showed the wall that counting runs into: every extra character of
# context multiplies the table by 27, and the data to fill it does not grow along. The
# road ahead replaces the table with networks that *share* what they learn across
# contexts:
#
# - a **multi-layer perceptron** (after Bengio et al., 2003) that looks up a small learned
#   vector for each of the last few characters (Exercise 4's `W[xs]`, called an
#   embedding), joins them, and mixes them in a hidden layer;
# - **convolutional** (WaveNet-style) and **recurrent** networks (RNN, LSTM, GRU) that
#   read longer and longer contexts;
# - the **Transformer**, which decides for itself which earlier characters matter.
#
# All of them are trained on the same average negative log-likelihood, computed with
# `F.cross_entropy`, judged on a dev set and reported once on a test set.
#
# The models of this notebook are also available from the command line, for any file
# with one word per line. For example, the trigram counting model with the smoothing
# chosen in Exercise 3, on the same 80/10/10 split with seed 42 (run from the top of the
# repository; it prints the loss on each split, then you can sample from the saved model
# and score any word list with it):
#
# ```bash
# python -m bigram_helpers train names.txt --out trigram.model --order 3 --smoothing 0.1 --split 0.8,0.1,0.1 --seed 42
# python -m bigram_helpers sample trigram.model -n 10
# python -m bigram_helpers evaluate trigram.model names.txt
# ```
#
# (`python -m bigram_helpers --help` lists every option, including `--model neural`.) Try it on a list of your own:
# cities, Pokémon, chemical elements... and make more of them.
