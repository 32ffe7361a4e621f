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
# # 05 · Exercises: try first, then check
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/makemore-bigram/makemore-bigram/blob/main/notebooks/05_exercises.ipynb)
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
# 04 one step further each: a model that looks two characters back (a *trigram*), an
# honest split of the names into train, dev and test, choosing the smoothing on dev, a
# cheaper forward pass, a numerically safe loss, and gradient descent pushed all the way
# to the answer that counting gives.
#
# **How it works.** Each exercise is cut into parts. For each part you get a task, the
# code to start from, and an empty answer cell holding `...` (Python's placeholder, so
# "Run all" never stops). Replace the `...` with your code, run the cell, then run the
# check below it. The check prints one line:
#
# - **Correct**, with the number that shows it;
# - **Not attempted yet**, while the answer is still `...`;
# - **Not yet**, with what is wrong: when the check can remake your answer from a typical
#   slip ("the columns sum to 1, not the rows"), it names that slip; otherwise it says what
#   it measured (which rows differ, where a NaN appears, how far the loss is from the goal),
#   never a cause it cannot see.
#
# Stuck? Under each check, `hint()` gives a first nudge, and `hint(2)`, `hint(3)` say
# more; `solution()` prints one way to do it. They are commented out: remove the `#` when
# you want them. Every exercise starts from inputs given here, so you can skip one and
# still do the next. The worked solutions, with the reasoning behind them, are in
# [05_exercises_solutions](05_exercises_solutions.ipynb): try first, read after.

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
# ## Given: the names and the vocabulary
#
# As in notebooks 01 to 04: the 32,033 names, and the vocabulary with `.` at index 0 and
# `a` to `z` at 1 to 26. `ex1` to `ex6` hold the checks.

# %%
import torch
import torch.nn.functional as F  # noqa: F401 (yours: F.one_hot, F.cross_entropy)

from bigram_helpers import (
    bigram_counts,
    bigram_dataset,
    bigram_probs,
    build_vocab,
    load_words,
    ngram_score,
    score,
)
from bigram_helpers.exercises import (
    SMOOTHINGS,
    ex1,
    ex2,
    ex3,
    ex4,
    ex5,
    ex6,
    given_split,
    given_weights,
)
from bigram_helpers.ngram import (
    ngram_counts,
    ngram_dataset,
    ngram_init_weights,
    ngram_probs,
)

words = load_words(names_path)
vocab = build_vocab(words)
V = len(vocab)
stoi, itos = vocab.stoi, vocab.itos
print(f"{len(words):,} names, {V} characters")

# %% [markdown]
# ## Exercise 1: a trigram model
#
# The bigram model sees only the last character. A *trigram* model sees the last two. Put
# two `.` before each name and one after, so that even the first letter has a context:
# `emma` becomes `..emma.`, which gives the examples `..→e`, `.e→m`, `em→m`, `mm→a`,
# `ma→.`. All the names together still give 228,146 examples, one per character plus
# one for the end.
#
# ### Part 1: the counts
#
# Count how often each character follows each pair of characters, in a table `N3` of
# shape (729, 27): one row per context $c_1 c_2$ (older first), at row $27\,c_1 + c_2$
# (so `..` is row 0 and `em` row $27 \cdot 5 + 13 = 148$), and one column per next
# character. (A (27, 27, 27) table indexed `N3[c1, c2, c3]` is fine too.)

# %%
N3 = ...  # your code here

# %%
ex1.counts.check(N3)
# ex1.counts.hint()
# ex1.counts.solution()

# %% [markdown]
# ### Part 2: the probabilities
#
# Turn `N3` into a table `P3` of the same shape in which each row is the probability
# distribution of the next character after that context, without smoothing. Some
# contexts never occur (nothing follows `a.`): give their rows zeros, not NaN. (Rows of
# 1/27 there pass too: no example ever reads them.)
#
# If your `N3` is not right yet, start from the helper's:
# `N3 = ngram_counts(words, vocab, order=3)`.

# %%
P3 = ...  # your code here

# %%
ex1.probs.check(P3)
# ex1.probs.hint()
# ex1.probs.solution()

# %% [markdown]
# ### Part 3: the loss
#
# The loss of the trigram counting model on all the names: the average, over all 228,146
# examples, of minus the log of the probability `P3` gives the character that comes
# next. As a Python float (or a one-number tensor). `ngram_dataset(words, vocab, order=3)`
# gives the examples: `X` (228146, 2) holds each context's two character indices, older
# first, and `Y` the next character's. Compare your number with the bigram's 2.4540, which
# the given cell below computes again (with `score`, as in notebook 03).
#
# If your `P3` is not right yet: `P3 = ngram_probs(ngram_counts(words, vocab, order=3))`.

# %%
bigram_loss = score(words, bigram_probs(bigram_counts(words, vocab)), vocab).mean_nll
print(f"the bigram counting model's loss on all the names: {bigram_loss:.4f}")

# %%
loss3 = ...  # your code here

# %%
ex1.loss.check(loss3)
# ex1.loss.hint()
# ex1.loss.solution()

# %% [markdown]
# ### Part 4: the network
#
# Now learn the trigram as a one-layer network. Its input is the one-hot vectors of the
# two context characters side by side: 54 numbers, so its weight matrix `W3` has shape
# (54, 27), rows 0 to 26 for the older character and 27 to 53 for the newer one. The rest
# is notebook 04's: logits, exp, normalise, average negative log-likelihood, backward,
# step.
#
# First write the forward pass as a function, `trigram_nn_loss(W, X, Y)`: the average
# negative log-likelihood of the network with weights `W` on the examples `X`, `Y` (as a
# tensor, so that `backward()` works). `X` has two columns, so `F.one_hot(X,
# num_classes=27)` has shape (examples, 2, 27): `.view(-1, 54)` lays each example's two
# one-hot rows side by side. Then train `W3` (given below, from the lesson's seed) on all
# the names until its loss is below 2.40, the goal that the given cell prints beside the
# loss `W3` starts from. The check runs your forward pass on a few names first, then
# looks at `W3`: pass it both, `ex1.network.check(W3, trigram_nn_loss)`.
#
# Written as in notebook 04, one step over all 228,146 examples takes a moment. The
# helper `train_ngram_neural(W3, X3, Y3, steps, lr)` runs the very same steps far faster;
# use it once your forward pass works. A learning rate of about 30 suits this network.
# Training changes `W3` in place and returns the list of losses, so call it on a line of
# its own (not `W3 = ...`); running your answer cell again trains on from where it stopped
# (run the given cell to start again from the seed).

# %%
from bigram_helpers.exercises import NETWORK_TARGET
from bigram_helpers.ngram import (
    ngram_neural_loss,
    train_ngram_neural,  # noqa: F401 (yours to use)
)

X3, Y3 = ngram_dataset(words, vocab, order=3)
g = torch.Generator().manual_seed(2147483647)
W3 = ngram_init_weights(V, g, order=3)  # (54, 27)
start_loss = ngram_neural_loss(W3, X3, Y3).item()
goal = f"below {NETWORK_TARGET:.2f}"
print(f"loss of W3 before training: {start_loss:.4f}; the goal: {goal}")


# %%
def trigram_nn_loss(W, X, Y):
    return ...  # your code here: the mean NLL of the 54-input network


# your code here: train W3 in place
# (train_ngram_neural(W3, X3, Y3, steps, lr) changes it)

# %%
ex1.network.check(W3, trigram_nn_loss)
# ex1.network.hint()
# ex1.network.solution()

# %% [markdown]
# ## Exercise 2: train, dev and test
#
# So far every model was judged on the names it learned from, which flatters a model
# that memorises. Write a function `split_names(words, seed)` that shuffles the names
# with the given seed and returns three lists, `train, dev, test`: 80%, 10% and 10% of
# the names, every line of the file in exactly one of them, and the same split every time
# for the same seed.
#
# The check calls your function four times, on copies of the names: twice with seed 42,
# once with seed 43, and once as a new Python session would (where `hash()` of a string
# differs), so that it can also see that the split depends on the seed alone. Any seeded
# shuffle is right: the check tests these properties, not one particular order.


# %%
def split_names(words, seed):
    return ...  # your code here: train, dev, test


# %%
ex2.split.check(split_names)
# ex2.split.hint()
# ex2.split.solution()

# %% [markdown]
# ## Exercise 3: tune on dev, report test once
#
# How many fake counts should the trigram counting model add to every cell? Choose on the
# **dev** names, never on the test names, which stay locked until the end: a test loss
# that helped choose would no longer be an honest estimate.
#
# Given: a split made as in Exercise 2 (seed 42), the values to try, and the lesson's
# scorer for a table of any order, `ngram_score(names, P, vocab, order)` (notebook 03's
# `score`, for trigrams too): its `.mean_nll` is Exercise 1's loss, on any list of names.

# %%
train_words, dev_words, test_words = given_split(words)
n_train, n_dev, n_test = len(train_words), len(dev_words), len(test_words)
print(f"train {n_train:,}, dev {n_dev:,}, test {n_test:,} names")
print("smoothings to try:", SMOOTHINGS)
P_add_one = ngram_probs(ngram_counts(train_words, vocab, order=3), 1)
train_nll = ngram_score(train_words, P_add_one, vocab, order=3).mean_nll
example = "for instance, add-one smoothing, counted and scored on the training names"
print(f"{example}: {train_nll:.4f}")

# %% [markdown]
# ### Part 1: the sweep
#
# Count the trigrams of the **training** names, then, for each smoothing in `SMOOTHINGS`,
# smooth, normalise (`ngram_probs(counts, smoothing)` does both) and score the **dev**
# names. The answer is a dict `{smoothing: dev loss}`.

# %%
dev_losses = ...  # your code here

# %%
ex3.sweep.check(dev_losses)
# ex3.sweep.hint()
# ex3.sweep.solution()

# %% [markdown]
# ### Part 2: the choice
#
# Which smoothing do you choose?

# %%
best_smoothing = ...  # your code here

# %%
ex3.smoothing.check(best_smoothing)
# ex3.smoothing.hint()
# ex3.smoothing.solution()

# %% [markdown]
# ### Part 3: the test set, once
#
# Now, and only now, the test loss of the chosen model (counted on the training names,
# smoothed as chosen).

# %%
test_loss = ...  # your code here

# %%
ex3.test_loss.check(test_loss)
# ex3.test_loss.hint()
# ex3.test_loss.solution()

# %% [markdown]
# ## Exercise 4: row indexing instead of one-hot
#
# Multiplying a one-hot vector by `W` just picks a row of `W`. Given: the bigram training
# pairs `xs`, `ys` and the lesson's seeded weights `W` (27, 27), as in notebook 04.

# %%
xs, ys = bigram_dataset(words, vocab)
W = given_weights(V)  # init_weights(V, torch.Generator().manual_seed(2147483647))
print("pairs:", tuple(xs.shape), " W:", tuple(W.shape))

# %% [markdown]
# ### Part 1: the logits
#
# Compute the logits `F.one_hot(xs, num_classes=27).float() @ W` without the one-hot
# matrix: shape (228146, 27).

# %%
logits = ...  # your code here

# %%
ex4.logits.check(logits)
# ex4.logits.hint()
# ex4.logits.solution()

# %% [markdown]
# ### Part 2: the gradient
#
# Build notebook 04's loss (softmax by hand, average negative log-likelihood) from the
# logits `W[xs]`, computed again inside this cell (a backward pass uses up the graph it
# runs through, so each pass needs logits of its own), run the backward pass, and give
# `W.grad`. Then run your answer cell and the check a second time: is the gradient still
# right? (Each run adds another backward pass to `W.grad`; that is what the check sees.)

# %%
grad = ...  # your code here: W.grad after the backward pass

# %%
ex4.grad.check(grad)
# ex4.grad.hint()
# ex4.grad.solution()

# %% [markdown]
# ## Exercise 5: `F.cross_entropy`
#
# PyTorch computes the softmax and the negative log-likelihood in one call,
# `F.cross_entropy`. Given: the logits `W[xs]` of the seeded `W`, made afresh here, so
# that they are the same whatever your Exercise 4 did to its `W`.

# %%
logits = given_weights(V)[xs].detach()

# %% [markdown]
# ### Part 1: the loss, by PyTorch
#
# The average loss of these logits on `ys`, with `F.cross_entropy`.

# %%
loss = ...  # your code here

# %%
ex5.loss.check(loss)
# ex5.loss.hint()
# ex5.loss.solution()

# %% [markdown]
# ### Part 2: a loss that does not break
#
# The hand-written softmax breaks on large logits: `exp(103)` is already `inf` in
# float32. Write `stable_nll(logits, ys)`, the same average loss computed so that it gives
# the right finite number on any logits, such as the rows `[101, 102, 103]`,
# `[-200, 0, 0]` and `[-1000, -1001, -1002]`, and even `[1000, 1001, 1002]`, where
# float64 overflows too. The check runs it on such rows. (Calling `F.cross_entropy`
# inside would pass, but write it yourself.)


# %%
def stable_nll(logits, ys):
    return ...  # your code here


# %%
ex5.stable.check(stable_nll)
# ex5.stable.hint()
# ex5.stable.solution()

# %% [markdown]
# ## Exercise 6: train the network all the way
#
# Notebook 04 stopped after 100 steps, at a loss of 2.4727. Train the bigram network,
# from the seeded `W` below, until its loss on all the names is within 0.0001 of the
# counting model's 2.4540. Given: the pairs `xs`, `ys`, the counts `N` and the
# probabilities `P` of notebooks 01 and 03, and `train_neural`, notebook 04's fast
# training loop. The given cell uses it to redo notebook 04's 100 steps on a copy of `W`,
# so that you see where they end, and prints the goal. `train_neural` changes the weights
# it is given in place and returns the list of losses: the answer is the weights. If
# yours fall short, the check runs 100 more of notebook 04's steps from them before it
# says "keep training".

# %%
from bigram_helpers import neural_loss, train_neural

xs, ys = bigram_dataset(words, vocab)
N = bigram_counts(words, vocab)
P = bigram_probs(N)
tolerance = 0.0001
W_04 = given_weights(V)
train_neural(W_04, xs, ys, steps=100, lr=50)
loss_04 = neural_loss(W_04, xs, ys).item()
print(f"notebook 04, after 100 steps at learning rate 50: loss {loss_04:.4f}")
counting_loss = score(words, P, vocab).mean_nll
print(f"the counting model: loss {counting_loss:.4f}; the goal: within {tolerance}")
W = given_weights(V)

# %%
W_trained = ...  # your code here: the trained (27, 27) weights, not the list of losses

# %%
ex6.weights.check(W_trained)
# ex6.weights.hint()
# ex6.weights.solution()

# %% [markdown]
# ## Done?
#
# Compare your answers with the worked solutions in
# [05_exercises_solutions](05_exercises_solutions.ipynb): they explain why each answer is
# what it is, and what it tells you about language models.
