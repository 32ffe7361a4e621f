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
# # 03 · Sampling names and judging the model
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/makemore-bigram/makemore-bigram/blob/main/notebooks/03_sampling_and_loss.ipynb)
#
# *This series teaches Andrej Karpathy's lecture
# ["The spelled-out intro to language modeling: building makemore"](https://www.youtube.com/watch?v=PaCmpygFfXo)
# ([its notebook](https://github.com/karpathy/nn-zero-to-hero/blob/master/lectures/makemore/makemore_part1_bigrams.ipynb)
# in nn-zero-to-hero; the names come from his [makemore](https://github.com/karpathy/makemore) repository).
# What the series adds: each step explained in prose, in six short notebooks; every figure
# checked by a test; tested helpers; exercises with checks and worked solutions
# ([acknowledgements](../README.md#acknowledgements)).*
#
# **What you will learn.** The count table `N` from notebook 01 already *is* a language
# model; it only needs two more steps to be useful. First we turn counts into
# probabilities, so that each row says "after this character, here is how likely every
# next character is". Then we use those probabilities in two directions. Forwards, we
# roll weighted dice to *make up* new names, one character at a time, with a seeded
# random generator so that everyone gets the same dice rolls. Backwards, we ask how
# probable the model finds the real names, and boil that down to a single number, the
# *loss*, that says how good the model is. That number also shows that counting was no
# shortcut: it *is* training, and no other table of probabilities scores better. On the
# way you will meet PyTorch's broadcasting rules (and a classic bug they make easy),
# logarithms as a way to keep tiny numbers manageable, and "fake counts", the simplest
# cure for a model that thinks a perfectly good name is impossible.

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
# Notebook 01 built the vocabulary (`.` at index 0, then `a` to `z` at 1 to 26) and the
# 27 x 27 count table `N`, whose entry in row $i$, column $j$ says how often character $j$
# came right after character $i$. Here we rebuild both with the helpers that notebook 01
# checked against its hand-written loops.

# %%
import itertools
import math

import torch

from bigram_helpers import bigram_counts, build_vocab, load_words

words = load_words(names_path)
vocab = build_vocab(words)
N = bigram_counts(words, vocab)
stoi, itos = vocab.stoi, vocab.itos
print(len(words), "names,", N.sum().item(), "pairs, count table of shape", tuple(N.shape))

# %% [markdown]
# ## From counts to probabilities
#
# Row 0 of `N` belongs to the marker `.`, so it counts which character comes right after
# the start of a name: in other words, how often each letter *begins* a name.

# %%
N[0]

# %% [markdown]
# To turn counts into probabilities, divide each count by the total of the row. The
# counts are integers, so we first make a floating-point copy with `.float()`. After
# the division every entry lies between 0 and 1 and the entries add up to 1: a
# *probability distribution* over the 27 characters.

# %%
p = N[0].float()
p = p / p.sum()
for ch in ".abc":
    print(f"P(first character is {ch!r}) = {p[stoi[ch]].item():.4f}")
print(f"sum of the row: {p.sum().item():.4f}")

# %% [markdown]
# About 14% of names start with `a`, about 4% with `b`. The very first entry is 0: the
# end marker never comes straight after the start marker, because no name is empty.

# %% [markdown]
# ## Rolling weighted dice, reproducibly
#
# To invent a name we will have to pick characters at random, but not uniformly: `a`
# should come up about 14% of the time. PyTorch's `torch.multinomial(weights,
# num_samples, replacement=True)` does exactly this. It returns *indices*: index `k` is
# drawn with probability proportional to `weights[k]`, and `replacement=True` lets the
# same index come up again and again, like rolling the same die many times.
#
# Computers make "random" numbers with a deterministic recipe that starts from a number
# called the *seed*. If we hand PyTorch a `torch.Generator` with a fixed seed, we get the
# same sequence of numbers every time we run the notebook, and so does every reader
# (on the same build of PyTorch). We use the seed 2147483647 throughout the series.
#
# A small warm-up first: three random numbers, normalised so they sum to 1, make a
# made-up distribution over three outcomes.

# %%
g = torch.Generator().manual_seed(2147483647)
q = torch.rand(3, generator=g)
q = q / q.sum()
q

# %% [markdown]
# Now roll this three-sided die 100 times. Outcome 0 should come up about 61% of the
# time, outcome 1 about 30%, outcome 2 about 9%. `torch.bincount` counts how many times
# each index occurs.
#
# The cell seeds a generator afresh and draws the warm-up's three numbers with it once
# more: they come out the very same (the `assert` checks it), which is the whole point of
# a seed. The rolls then carry on from where the warm-up left off, as they did in the
# lesson, and because the cell starts from the seed, running it again gives the same
# rolls. Every cell below that rolls dice seeds its own generator for the same reason.

# %%
g = torch.Generator().manual_seed(2147483647)
q_again = torch.rand(3, generator=g)
assert torch.equal(q_again / q_again.sum(), q)  # the warm-up's numbers again
draws = torch.multinomial(q, num_samples=100, replacement=True, generator=g)
print(draws[:20].tolist(), "...")
fractions = torch.bincount(draws, minlength=3) / 100
print("fractions:", [round(f, 4) for f in fractions.tolist()])

# %% [markdown]
# 0.61, 0.33 and 0.06: close to the probabilities, but not equal. With only 100 rolls,
# luck still matters. The more we roll, the closer the fractions get to
# `[0.6064, 0.3033, 0.0903]`; the last column shows the largest gap between a fraction
# and its probability:

# %%
g = torch.Generator().manual_seed(2147483647)
print("probabilities:", [round(x, 4) for x in q.tolist()])
for n_draws in (1_000, 10_000, 1_000_000):
    draws = torch.multinomial(q, num_samples=n_draws, replacement=True, generator=g)
    fractions = torch.bincount(draws, minlength=3) / n_draws
    gap = (fractions - q).abs().max().item()
    print(f"{n_draws:>9,} draws: {[round(f, 4) for f in fractions.tolist()]}, largest gap {gap:.4f}")

# %% [markdown]
# The same tool picks the first letter of a name from row 0 of the table:

# %%
g = torch.Generator().manual_seed(2147483647)
ix = torch.multinomial(p, num_samples=1, replacement=True, generator=g).item()
print(ix, itos[ix])

# %% [markdown]
# If you are following the lesson this series is based on, you saw `j` here, not `c`.
# Both come from the same seed, and the warm-up matched the lesson exactly: the same
# three random numbers, and the very same 100 rolls, with the lesson's fractions. What
# differs is only a *single* draw, `num_samples=1`. The older PyTorch of the lesson made
# one draw the way it makes many: one random number, looked up along the running total
# of the weights. Newer versions, such as the PyTorch 2.13.0 (CPU) that made this
# notebook's outputs, make a single draw another way: every index gets a random number
# of its own, and the index whose weight is largest compared with its random number wins
# (PyTorch's issue [#114945](https://github.com/pytorch/pytorch/issues/114945) shows the
# change). Each way picks index `k` with probability proportional to `weights[k]`; they
# just use the random numbers differently. Colab's PyTorch may differ again. So every
# character and name we sample, one draw at a time, depends on the PyTorch build. The
# probabilities do not, nor do the losses later on (beyond the last digits of a float).

# %% [markdown]
# ## Every row at once: broadcasting and `keepdim`
#
# To keep walking we need a distribution for *every* row, not just row 0. We could
# normalise the rows one by one in a loop, but PyTorch can divide the whole table at
# once, provided we divide by the right shape. That takes a short detour.
#
# `N.sum(1)` adds up along dimension 1 (across the columns), giving one total per row.
# With `keepdim=True` the result keeps its two dimensions: a column of shape (27, 1)
# rather than a flat vector of shape (27,).
#
# When PyTorch combines two tensors of different shapes, it *broadcasts*: it lines the
# shapes up from the right, and wherever one of them has size 1 it repeats that tensor
# along that dimension until the shapes match. A flat vector of shape (27,) counts as
# shape (1, 27), a single *row*.
#
# A 2 x 2 example shows why that matters. Its row totals are 4 and 8:

# %%
A = torch.tensor([[1.0, 3.0], [6.0, 2.0]])
print(
    "totals with keepdim:   ", A.sum(1, keepdim=True).tolist(), "shape", tuple(A.sum(1, keepdim=True).shape)
)
print("totals without keepdim:", A.sum(1).tolist(), "shape", tuple(A.sum(1).shape))
print()
print("A / A.sum(1, keepdim=True) =", (A / A.sum(1, keepdim=True)).tolist())
print("A / A.sum(1)               =", (A / A.sum(1)).tolist())
print("row sums of the second:    ", (A / A.sum(1)).sum(1).tolist())

# %% [markdown]
# With `keepdim=True` the column of totals `[[4], [8]]` is copied sideways, so row 0 is
# divided by 4 and row 1 by 8: both rows now sum to 1. Without it, the totals `[4, 8]`
# form a row that is copied downwards, so *column* 0 is divided by 4 and *column* 1 by 8.
# Nothing complains, the shape is right, and the answer is wrong: the second row adds up
# to 1.75.
#
# Now the real table. This is the division we want:

# %%
P = N.float() / N.sum(1, keepdim=True)
print(tuple(P.shape))
print(f"P[0, 1] = P(a | .) = {P[0, 1].item():.4f}")
print("every row sums to 1:", torch.allclose(P.sum(1), torch.ones(27)))

# %% [markdown]
# And here is the bug, made on purpose. Its rows do not sum to 1:

# %%
wrong = N.float() / N.sum(1)
print("row sums:   ", wrong.sum(1)[:6])
print("column sums:", wrong.sum(0)[:6])

# %% [markdown]
# Curiously, its *columns* sum to 1 exactly. That is no accident of these names: it
# happens for any list of names framed with `.` markers, and it is worth seeing why.
# Each row total counts how often a character is *followed* by something; each column
# total counts how often it is *preceded* by something. Inside a framed name like
# `.emma.` every letter has exactly one neighbour on each side, and each name has one `.`
# at the front and one at the back, so the two totals are equal for every character.
# Dividing column $j$ by row total $j$ therefore normalises the columns. That makes the
# bug easy to miss: a quick look at the column sums would say all is well. Only the row
# sums catch it.

# %%
assert torch.equal(N.sum(0), N.sum(1))

# %% [markdown]
# The helper `bigram_probs` does the same division (and checks its input, for example
# that no row is empty). It gives exactly our table:

# %%
from bigram_helpers import bigram_probs

assert torch.equal(bigram_probs(N), P)

# %% [markdown]
# ## Making up names
#
# Now we can generate. Start at the marker, index 0. Draw the next character from
# row 0 of `P`. Then draw the one after it from *that* character's row, and keep going
# until the draw is the marker again, which means "the name ends here". The model only
# ever looks at the one character it has just produced.

# %%
g = torch.Generator().manual_seed(2147483647)
names = []
for _ in range(10):
    out = []
    ix = 0  # start at the marker
    while True:
        ix = torch.multinomial(P[ix], num_samples=1, replacement=True, generator=g).item()
        if ix == 0:  # the marker again: the name is finished
            break
        out.append(itos[ix])
    names.append("".join(out))
print(names)

# %% [markdown]
# Not great names, but name-like: pronounceable bits, sensible endings (whether any of
# them is a real name, we check in a moment). A bigram model has a memory of exactly one
# character, so it cannot know how long the name already is or what it sounded like two
# letters ago.
#
# As with the first letter earlier, the exact names depend on the build of PyTorch. The
# lesson this series follows showed `junide. janasah. p. cony. a.` from this seed on an
# older PyTorch; the pinned PyTorch 2.13.0 (CPU) gives the list above, and Colab's
# PyTorch may give yet another.

# %% [markdown]
# The helper `sample_names` runs the same walk (the same draws, in the same order), so
# with the same seed it must give exactly our ten names:

# %%
from bigram_helpers import sample_names

g = torch.Generator().manual_seed(2147483647)
assert sample_names(P, vocab, 10, g) == names

# %% [markdown]
# Are any of them real names? Looking them up among the 32,033 names tells. The same
# walk, carried on for 1,000 names, shows how often the model stumbles on a real one:

# %%
real = set(words)
print("real names among the ten:", [name for name in names if name in real])
g = torch.Generator().manual_seed(2147483647)
many = sample_names(P, vocab, 1000, g)
found = [name for name in many if name in real]
print(f"real names among the first 1,000: {len(found)}, such as {found[:8]}")

# %% [markdown]
# On this build none of the ten is a name from the data, and about one made-up name in
# ten is; those are mostly short ones, where one character of memory is enough. (The
# lists themselves depend on the PyTorch build, like every sample.)
#
# For contrast, here is what a model that has learnt nothing makes up: a table in which
# every next character is equally likely, sampled with the same seed.

# %%
uniform = torch.ones(27, 27) / 27
g = torch.Generator().manual_seed(2147483647)
print(sample_names(uniform, vocab, 5, g))

# %% [markdown]
# Its first name, `cexzm`, starts with the same four letters as the counted model's
# `cexze`. The tables do not agree on those letters; the dice do. Both walks start from
# the same seed and so use the same random numbers in the same order, and a single draw
# gives every character a random number of its own (the note on `torch.multinomial`
# above). When one character's random number is tiny, it wins under almost any table
# that does not rule it out, so the two walks pick it alike. Where the tables really
# differ, the walks part: the know-nothing model ends a name only one time in 27, so its
# names run on and on, and it puts `z` after `x` or `q` after `c` as readily as anything.
# Counting did teach our table something. (Notebook 04 uses the shared dice on purpose,
# to compare two tables that are nearly equal.)

# %% [markdown]
# ## How good is the model? Likelihood and loss
#
# Looking at samples is fun but vague. We want one number that says how well the model
# fits the data. The idea: a good model should find the real names *probable*. For every
# pair of neighbouring characters in the data, look up the probability the model gives
# to the second character after the first. If the model knew nothing, every pair would
# get $1/27$:

# %%
print(f"uniform guessing: 1/27 = {1 / 27:.4f}")

# %% [markdown]
# Our model does better on the first three names: most of their pairs get more than
# 0.0370, and some get far more (`ma` gets 0.3899):

# %%
for w in words[:3]:
    chs = "." + w + "."
    for ch1, ch2 in itertools.pairwise(chs):
        prob = P[stoi[ch1], stoi[ch2]]
        print(f"{ch1}{ch2}: {prob.item():.4f}")

# %% [markdown]
# To combine them into one number, note that the model treats each pair as a separate
# draw, so the probability of the whole data set is the *product* of all the pair
# probabilities. That product is the **likelihood**. Writing $x_k$ for the first
# character of the $k$-th pair, $y_k$ for the second, and $n$ for the number of pairs:
#
# $$L = \prod_{k=1}^{n} P[x_k, y_k]$$
#
# Higher is better. Here is the likelihood of the first three names, the product of the
# 16 probabilities printed above:

# %%
probs3 = [P[stoi[ch1], stoi[ch2]].item() for w in words[:3] for ch1, ch2 in itertools.pairwise("." + w + ".")]
likelihood3 = math.prod(probs3)
print(f"{len(probs3)} pairs, likelihood {likelihood3:.1e}")

# %% [markdown]
# The trouble is that every factor is below 1, so the product shrinks fast: 16 pairs
# already bring it down to about $10^{-17}$ (the `e-17` above), and all 228,146 pairs would
# give a number far too small for a computer to store. The cure is the logarithm. Here is
# what $\log x$ looks like for the numbers a probability can be, $0 < x \le 1$:

# %%
import matplotlib.pyplot as plt

x = torch.linspace(0.0001, 1, 2000)
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(x, torch.log(x))
ax.axhline(0, color="gray", linewidth=0.5)
marks = [("x = 1, log x = 0", 1.0, (-100, -16)), ("ma", P[stoi["m"], stoi["a"]].item(), (6, -14))]
marks.append(("uniform, 1/27", 1 / 27, (6, -14)))
for label, prob, offset in marks:
    ax.plot(prob, math.log(prob), "o")
    ax.annotate(label, (prob, math.log(prob)), textcoords="offset points", xytext=offset)
ax.set_xlabel("probability x")
ax.set_ylabel("log x")
ax.set_title("log x on (0, 1]: zero at 1, falling without end towards 0")
fig.tight_layout()
# show_figure: plt.show(), with the picture described in words (for screen readers)
from bigram_helpers.notebook import show_figure
from bigram_helpers.plotting import describe_lines

alt = describe_lines(
    {"log x": (x.tolist(), torch.log(x).tolist())},
    x_label="probability x",
    y_label="log x",
    lines={"log x = 0": 0.0},
    points={label: (prob, math.log(prob)) for label, prob, _ in marks},
)
show_figure(fig, alt)

# %% [markdown]
# Read it from the right. A probability of 1 (the model was certain, and right) has log
# 0. Smaller probabilities have negative logs: `ma`, which the model finds quite likely,
# sits somewhat below 0; a pair that gets only the uniform 1/27 sits well below. Near 0
# the curve plunges: the less likely the model thought a pair, the more negative its log,
# without any bound. At 0 itself, $\log 0 = -\infty$. Remember this picture when a pair
# with probability 0 turns up later in this notebook.
#
# Two facts make the log the right tool. It only ever goes up when its input goes up, so
# whichever model has the larger likelihood also has the larger log-likelihood. And **the
# log of a product is the sum of the logs**, $\log(a \cdot b) = \log a + \log b$: instead
# of multiplying 16 (or 228,146) tiny numbers we can add up their logs, which are modest
# negative numbers. On the first three names:

# %%
print(f"log of the product: {math.log(likelihood3):.4f}")
print(f"sum of the logs:    {sum(math.log(prob) for prob in probs3):.4f}")

# %% [markdown]
# The same number. So from now on we work with the **log-likelihood**:
#
# $$\log L = \sum_{k=1}^{n} \log P[x_k, y_k]$$
#
# Every term is at most 0, so $\log L$ is at most 0, and closer to 0 is better. Machine
# learning likes numbers to *minimise*, where lower is better, so we flip the sign to get
# the **negative log-likelihood** (NLL), and divide by the number of pairs so that data
# sets of any size can be compared. The **average NLL** is our *loss*:
#
# $$\text{NLL} = -\log L, \qquad \text{loss} = \frac{1}{n}\,\text{NLL} = -\frac{1}{n}\sum_{k=1}^{n} \log P[x_k, y_k]$$
#
# Here it is for the first three names, pair by pair:

# %%
log_likelihood = 0.0
n = 0
for w in words[:3]:
    chs = "." + w + "."
    for ch1, ch2 in itertools.pairwise(chs):
        prob = P[stoi[ch1], stoi[ch2]]
        logprob = torch.log(prob)
        log_likelihood += logprob.item()
        n += 1
        print(f"{ch1}{ch2}: probability {prob.item():.4f}, log {logprob.item():.4f}")
nll = -log_likelihood
print(f"\n{n} pairs")
print(f"log-likelihood {log_likelihood:.4f}")
print(f"NLL            {nll:.4f}")
print(f"average NLL    {nll / n:.4f}")
assert abs(nll / n - 2.4241022877395153) < 1e-5  # the lesson's figure, to float rounding

# %% [markdown]
# So the loss on these three names is 2.4241, as in the lesson. (Printed in full, the
# last digits depend on the PyTorch build: the lesson's readers saw a log-likelihood of
# -38.785636603832245, and PyTorch 2.13.0 agrees with it to the sixth decimal only.
# Rounding one `log` to float32 a hair differently is enough.)
#
# What would the know-nothing model score? Every pair gets $1/27$, so the average NLL is
# $-\log(1/27) = \log 27$. That is our baseline: a model that scores worse than this has
# learnt less than nothing.

# %%
print(f"baseline loss: log(27) = {math.log(27):.4f}")

# %% [markdown]
# ### Why this loss?
#
# If you have trained a network before, for example with micrograd (Andrej Karpathy's
# tiny autograd engine, which the lesson this series follows came right after), its loss
# was probably the *squared error*: how far the guessed number lands from the right
# number, squared. That suits *regression*, predicting an amount such as a price. Our
# model does not guess an amount. It picks one of 27 characters, a *classification*, and
# what it gives is a probability for each one. The question that matters is how much of
# that probability went to the character that really came next, and the negative
# log-likelihood asks exactly that. Lowering it is raising the probability of the real
# data, the likelihood itself, so it measures what we wanted from the start.
#
# It also charges for a confident mistake without limit. Say we scored the probability
# $p$ of the right character by its squared distance from 1, $(1 - p)^2$, instead:

# %%
for prob in (0.5, 0.1, 0.01, 0.0001):
    print(f"right character gets {prob:<6}: NLL {-math.log(prob):.4f}, squared error {(1 - prob) ** 2:.4f}")

# %% [markdown]
# The squared error can never pass 1, so it hardly tells "unlikely" from "all but
# impossible": from 0.01 to 0.0001 it only creeps from 0.9801 to 0.9998. The NLL doubles,
# from 4.6052 to 9.2103, and keeps growing as the probability shrinks towards 0. A model
# trained on it cannot shrug off a character it calls nearly impossible when that
# character does come next.

# %% [markdown]
# ## The loss on the whole data set
#
# We could run the same loop over all 228,146 pairs, but there is a shortcut that is
# worth seeing. Every time the pair $(i, j)$ occurs, it adds the same $\log P[i, j]$ to
# the sum, and it occurs exactly $N[i, j]$ times. So the log-likelihood of all the data
# is a sum over the 27 x 27 cells of the table:
#
# $$\log L = \sum_{i,j} N[i, j]\,\log P[i, j]$$
#
# Cells with a count of 0 contribute nothing (a pair that never occurs adds no term),
# so we keep only the cells where `N > 0`. That also dodges $\log 0$, which we will meet
# in a moment.

# %%
seen = N > 0
# Add up in float64: the total is large, and float32 would lose its last digits.
log_likelihood_all = (N[seen].double() * torch.log(P[seen]).double()).sum().item()
n_all = N.sum().item()
print(f"{n_all:,} pairs")
print(f"log-likelihood about {log_likelihood_all:,.0f}")
print(f"average NLL    {-log_likelihood_all / n_all:.4f}")
print(f"baseline       {math.log(27):.4f}")

# %% [markdown]
# An average NLL of 2.4540 over the whole data set: well below the baseline of 3.2958.
#
# ## Counting is training
#
# Time for a word for something we have had all along. The 729 numbers in `P` are the
# model's **parameters**: the numbers that decide everything the model does, which names
# it makes up and how probable it finds any name. Choosing the parameters from the data
# is what *training* a model (or *fitting* it) means, and counting and normalising was
# our way of choosing them. So we did train this model, in one pass over the data.
#
# How good a choice was it? The best there is. Of all the 27 x 27 tables whose rows are
# probability distributions, the counted frequencies give the real names the highest
# likelihood, and so the lowest loss. This choice is called the **maximum-likelihood**
# fit. Why the counts? Take one row, say the row of `q`, which starts 272 pairs. The loss
# charges $-\log$ of the probability of `u` 206 times, once for each `qu`, and $-\log$ of
# each other follower's probability once for each time it follows `q`. The row's
# probabilities must add up to 1, so whatever one follower gets is taken from the others.
# Moving probability from `u` to a rarer follower makes that follower's few pairs cheaper
# but all 206 `qu` pairs dearer. The balance that costs least gives each follower the
# same share of the probability as it has of the counts: 206/272 for `u`. (Notebook 04
# shows it with a formula: the slope of the loss is zero exactly at the counted
# frequencies.)
#
# We can at least try a few other tables and watch them all lose: `P` moved a tenth of
# the way towards uniform, `P` sharpened (squared and renormalised, so common followers
# get even more), and three tables made by nudging every entry of `P` at random.


# %%
def data_loss(table):
    """Average NLL of all the pairs under a (27, 27) probability table: the shortcut above."""
    return -(N[seen].double() * torch.log(table[seen]).double()).sum().item() / n_all


others = {"a tenth towards uniform": 0.9 * P + 0.1 / 27, "sharpened": P**2 / (P**2).sum(1, keepdim=True)}
g = torch.Generator().manual_seed(2147483647)
for k in range(3):
    nudged = P * torch.exp(0.1 * torch.randn(27, 27, generator=g))
    others[f"random nudge {k + 1}"] = nudged / nudged.sum(1, keepdim=True)

print(f"{'counted P':<24} {data_loss(P):.4f}")
for label, table in others.items():
    print(f"{label:<24} {data_loss(table):.4f}")
    assert data_loss(table) > data_loss(P)

# %% [markdown]
# Every other table scores worse than 2.4540, as the argument above says it must. Five
# tries prove nothing by themselves: there are endlessly many tables, and we looked at
# five (notebook 04 shows how hopeless it is to search among them at random). What says
# that 2.4540 is the lowest loss that *any* bigram model can reach on these names,
# however its 729 probabilities are chosen, is the argument about the balance in each
# row; notebook 04 backs it with a formula for the slope of the loss. There a neural
# network chooses the probabilities a different way, in many small steps downhill, and
# we will see its loss level off just above this floor.
#
# The helper `score(words, P, vocab)` does the pair-by-pair computation (quickly, for
# any list of words) and returns the pieces as a `Score`: `pairs`, `probs`, `log_probs`,
# `log_likelihood`, `nll`, `mean_nll` and `n`. It adds the logs in the same order as our
# loop, so for the three names it agrees to the last bit; for the whole data set it
# agrees with our shortcut up to float rounding.

# %%
from bigram_helpers import score

s3 = score(words[:3], P, vocab)
assert s3.n == n
assert s3.log_likelihood == log_likelihood
assert s3.mean_nll == nll / n
print(s3.pairs[:6], [round(x, 4) for x in s3.probs[:6]])

s_all = score(words, P, vocab)
assert s_all.n == n_all
assert abs(s_all.mean_nll - (-log_likelihood_all / n_all)) < 1e-6
print(f"average NLL over all names: {s_all.mean_nll:.4f}")

# %% [markdown]
# ## A name the model calls impossible
#
# Now score a name that is not in the data. Let us wrap the pair-by-pair loop in a small
# function so we can reuse it.


# %%
def show_pairs(word, table):
    """Print each pair's probability and log under `table`; return the log-likelihood and pair count."""
    total = 0.0
    chs = "." + word + "."
    for ch1, ch2 in itertools.pairwise(chs):
        prob = table[stoi[ch1], stoi[ch2]]
        logprob = torch.log(prob)
        total += logprob.item()
        print(f"{ch1}{ch2}: probability {prob.item():.4f}, log {logprob.item():.4f}")
    return total, len(word) + 1


ll, pairs = show_pairs("christosqj", P)
print(f"\nlog-likelihood {ll:.4f}, average NLL {-ll / pairs:.4f}")

# %% [markdown]
# `j` never follows `q` anywhere in the 32,033 names, so the model gives `qj` a
# probability of exactly 0. The log of 0 is $-\infty$, and one $-\infty$ drags the whole
# sum with it: the log-likelihood is `-inf` and the loss is infinite. The model claims
# the name cannot exist. That is far too sure of itself, and an infinite loss is useless
# for comparing models. There are 102 such never-seen cells in the table:

# %%
print(N[stoi["q"], stoi["j"]].item(), (N == 0).sum().item())

# %% [markdown]
# ## Smoothing: a few fake counts
#
# The simplest fix is to pretend we saw every pair a few more times than we did. Add 1
# to every count before normalising, and no probability can be 0 any more. Frequent
# pairs hardly notice an extra count, while never-seen pairs get a small but non-zero
# probability. The more we add, the smoother (closer to uniform) the model becomes;
# adding 1 is a gentle choice.

# %%
P_smooth = (N + 1).float()
P_smooth = P_smooth / P_smooth.sum(1, keepdim=True)

ll_smooth, pairs = show_pairs("christosqj", P_smooth)
print(f"\nlog-likelihood {ll_smooth:.4f}, average NLL {-ll_smooth / pairs:.4f}")
# the lesson's figures, to float rounding
assert abs(ll_smooth - -37.32549834251404) < 1e-4 and abs(-ll_smooth / pairs - 3.393227122046731) < 1e-5

# %% [markdown]
# Now `qj` gets 0.0033 and `sq` 0.0002: unlikely, not impossible. The whole name scores
# a log-likelihood of -37.3255, an average NLL of 3.3932: a poor name in the model's
# eyes, but a finite one. On the real data, smoothing must cost something: the smoothed
# table is no longer the maximum-likelihood one, since some probability has moved to
# pairs that never happen. But it costs only a little:

# %%
print(f"average NLL over all names: {data_loss(P):.4f} counted, {data_loss(P_smooth):.4f} smoothed")

# %% [markdown]
# `bigram_probs(N, smoothing=1)` is the helper's name for "add 1 to every count first";
# it gives exactly our smoothed table, and `score` agrees with our loop:

# %%
assert torch.equal(bigram_probs(N, smoothing=1), P_smooth)
s_christos = score(["christosqj"], bigram_probs(N, smoothing=1), vocab)
assert s_christos.log_likelihood == ll_smooth
assert score(["christosqj"], P, vocab).mean_nll == math.inf
print([f"{pair} {prob:.4f}" for pair, prob in zip(s_christos.pairs, s_christos.probs, strict=True)])

# %% [markdown]
# ## What's next
#
# We now have a complete little language model: 729 parameters, fitted to the names by
# counting, that can make up new names and be scored with a loss. Counting found the
# best parameters a bigram model can have, in one pass. In notebook 04 we fit the very
# same model a second way, as a tiny neural network whose 27 x 27 weights start out
# random and are nudged, step by step, to lower exactly the loss we defined here. It
# ends up where counting did, since there is nowhere better to go; and that second way
# is the one that scales up to the bigger models that follow, where no table of counts
# could be written down.
