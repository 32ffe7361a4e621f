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
# ([its notebook](https://github.com/karpathy/nn-zero-to-hero/blob/master/lectures/makemore/makemore_part1_bigrams.ipynb);
# names from [makemore](https://github.com/karpathy/makemore)). What the series adds:
# prose, tested figures and helpers, exercises ([acknowledgements](../README.md#acknowledgements)).*
#
# **What you will learn.** The count table `N` already *is* a language model. Turn each
# row into probabilities ("after this character, how likely is each next one?") and use
# them two ways: forwards, roll weighted dice to *make up* names; backwards, ask how
# probable the model finds the real names, boiled down to one number, the *loss*. On the
# way: PyTorch's broadcasting (and a classic bug it makes easy), logarithms, and "fake
# counts" for a model that calls a good name impossible.

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
# We rebuild the vocabulary and the count table `N` (row $i$, column $j$: how often
# character $j$ came right after character $i$) with notebook 01's helpers.

# %%
import itertools
import math

import torch

from bigram_helpers import bigram_counts, build_vocab, load_words

words = load_words(names_path)
vocab = build_vocab(words)
N = bigram_counts(words, vocab)
stoi, itos = vocab.stoi, vocab.itos
print(len(words), "names,", N.sum().item(), "pairs, count table", tuple(N.shape))

# %% [markdown]
# ## From counts to probabilities
#
# Row 0 of `N` counts how often each letter *begins* a name.

# %%
N[0]

# %% [markdown]
# To turn counts into probabilities, divide each by the row's total (after `.float()`,
# since the counts are integers). Every entry then lies between 0 and 1 and they add up
# to 1: a *probability distribution* over the 27 characters.

# %%
p = N[0].float()
p = p / p.sum()
for ch in ".abc":
    print(f"P(first character is {ch!r}) = {p[stoi[ch]].item():.4f}")
print(f"sum of the row: {p.sum().item():.4f}")

# %% [markdown]
# About 14% of names start with `a`, about 4% with `b`, and none is empty, so `.` gets 0.

# %% [markdown]
# ## Rolling weighted dice, reproducibly
#
# *In the video: [sampling from the model, 0:24:02](https://www.youtube.com/watch?v=PaCmpygFfXo&t=1442).*
#
# To invent a name we pick characters at random, but weighted: `a` should come up about
# 14% of the time. `torch.multinomial(weights, num_samples, replacement=True)` returns
# *indices*, index `k` drawn with probability proportional to `weights[k]`;
# `replacement=True` lets an index come up again and again.
#
# Computers make "random" numbers with a fixed recipe that starts from a number, the
# *seed*. A `torch.Generator` with a fixed seed gives the same numbers on every run (on
# the same build of PyTorch). We use the seed 2147483647 throughout. A warm-up: three
# random numbers, normalised, make a distribution over three outcomes.

# %%
g = torch.Generator().manual_seed(2147483647)
q = torch.rand(3, generator=g)
q = q / q.sum()
q

# %% [markdown]
# Now roll this three-sided die 100 times; `torch.bincount` counts each outcome. The
# cell seeds a generator afresh, so the warm-up's three numbers come out the same (the
# `assert` checks it) and the rolls carry on after them, as in the video. Every cell
# that rolls dice seeds its own generator, so running it again gives the same rolls.

# %%
g = torch.Generator().manual_seed(2147483647)
q_again = torch.rand(3, generator=g)
assert torch.equal(q_again / q_again.sum(), q)  # the warm-up's numbers again
draws = torch.multinomial(q, num_samples=100, replacement=True, generator=g)
print(draws[:20].tolist(), "...")
fractions = torch.bincount(draws, minlength=3) / 100
print("fractions:", [round(f, 4) for f in fractions.tolist()])

# %% [markdown]
# 0.61, 0.33 and 0.06: close to the probabilities, not equal; with 100 rolls luck still
# matters.
#
# <details><summary>Going deeper: more rolls come closer</summary>
#
# The more we roll, the closer the fractions get to `[0.6064, 0.3033, 0.0903]`; the
# next cell's last column is the largest gap between a fraction and its probability.
#
# </details>

# %%
g = torch.Generator().manual_seed(2147483647)
print("probabilities:", [round(x, 4) for x in q.tolist()])
for n_draws in (1_000, 10_000, 1_000_000):
    draws = torch.multinomial(q, num_samples=n_draws, replacement=True, generator=g)
    fractions = torch.bincount(draws, minlength=3) / n_draws
    gap = (fractions - q).abs().max().item()
    shown = [round(f, 4) for f in fractions.tolist()]
    print(f"{n_draws:>9,} draws: {shown}, largest gap {gap:.4f}")

# %% [markdown]
# The same tool picks the first letter of a name from row 0 of the table:

# %%
g = torch.Generator().manual_seed(2147483647)
ix = torch.multinomial(p, num_samples=1, replacement=True, generator=g).item()
print(ix, itos[ix])

# %% [markdown]
# The video drew `m` here, and its notebook `j`: a single draw depends on the PyTorch
# build, though the warm-up above matches the video exactly
# ([differences from the video](../docs/differences.md)).
#
# <details><summary>Going deeper: why one draw differs between PyTorch versions</summary>
#
# What differs is only a *single* draw, `num_samples=1`. The older PyTorch of the video
# made one draw the way it makes many: one random number, looked up along the running total
# of the weights. Newer versions, such as the PyTorch 2.13.0 (CPU) that made this
# notebook's outputs, make a single draw another way: every index gets a random number
# of its own, and the index whose weight is largest compared with its random number wins
# (PyTorch's issue [#114945](https://github.com/pytorch/pytorch/issues/114945) shows the
# change). Each way picks index `k` with probability proportional to `weights[k]`; they
# just use the random numbers differently. Colab's PyTorch may differ again. So every
# character and name we sample, one draw at a time, depends on the PyTorch build. The
# probabilities do not, nor do the losses later on (beyond the last digits of a float).
#
# </details>

# %% [markdown]
# ## Every row at once: broadcasting and `keepdim`
#
# *In the video: [vectorized normalization of the rows, tensor broadcasting,
# 0:36:17](https://www.youtube.com/watch?v=PaCmpygFfXo&t=2177).*
#
# To keep walking we need a distribution for *every* row. PyTorch can divide the whole
# table at once, if we divide by the right shape. `N.sum(1)` adds up across the columns,
# one total per row; with `keepdim=True` the result stays two-dimensional, a column of
# shape (27, 1) rather than a flat vector of shape (27,).
#
# When PyTorch combines tensors of different shapes, it *broadcasts*: it lines the
# shapes up from the right, and where one has size 1 it repeats that tensor along that
# dimension. A flat vector of shape (27,) counts as shape (1, 27), a single *row*. A
# 2 x 2 example, whose row totals are 4 and 8:

# %%
A = torch.tensor([[1.0, 3.0], [6.0, 2.0]])
kept, flat = A.sum(1, keepdim=True), A.sum(1)
print("totals with keepdim:   ", kept.tolist(), "shape", tuple(kept.shape))
print("totals without keepdim:", flat.tolist(), "shape", tuple(flat.shape))
print()
print("A / A.sum(1, keepdim=True) =", (A / A.sum(1, keepdim=True)).tolist())
print("A / A.sum(1)               =", (A / A.sum(1)).tolist())
print("row sums of the second:    ", (A / A.sum(1)).sum(1).tolist())

# %% [markdown]
# With `keepdim=True` the column `[[4], [8]]` is copied sideways: row 0 is divided by 4,
# row 1 by 8, and both sum to 1. Without it, `[4, 8]` is a row copied downwards: *column*
# 0 is divided by 4 and column 1 by 8. Nothing complains, and the answer is wrong: the
# second row adds up to 1.75 ([how you would notice it in your own
# code](../docs/questions.md#why-is-p--psum1-without-keepdim-wrong-and-how-would-i-notice)).
# The division we want:

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
# Its *columns* sum to 1 exactly, so only the row sums catch the bug.
#
# <details><summary>Going deeper: why the columns of the wrong table sum to 1</summary>
#
# That is no accident of these names: it happens for any list of names framed with `.`
# markers.
# Each row total counts how often a character is *followed* by something; each column
# total counts how often it is *preceded* by something. Inside a framed name like
# `.emma.` every letter has exactly one neighbour on each side, and each name has one `.`
# at the front and one at the back, so the two totals are equal for every character.
# Dividing column $j$ by row total $j$ therefore normalises the columns. That makes the
# bug easy to miss: a quick look at the column sums would say all is well. The next cell
# checks that the two totals are equal.
#
# </details>

# %%
assert torch.equal(N.sum(0), N.sum(1))

# %% [markdown]
# The helper `bigram_probs` does the same division (and checks its input):

# %%
from bigram_helpers import bigram_probs

assert torch.equal(bigram_probs(N), P)

# %% [markdown]
# ## Making up names
#
# Now we can generate. Start at the marker, index 0, and draw the next character from
# row 0 of `P`; then draw from *that* character's row, and so on, until the draw is the
# marker again: "the name ends here".

# %%
g = torch.Generator().manual_seed(2147483647)
names = []
for _ in range(10):
    out = []
    ix = 0  # start at the marker
    while True:
        draw = torch.multinomial(P[ix], num_samples=1, replacement=True, generator=g)
        ix = draw.item()
        if ix == 0:  # the marker again: the name is finished
            break
        out.append(itos[ix])
    names.append("".join(out))
print(names)

# %% [markdown]
# Not great names, but name-like. A bigram model remembers one character, so it cannot
# know how long the name already is or what came two letters ago. The exact names
# depend on the PyTorch build: the video's differ, and so may yours
# ([why](../docs/differences.md)).

# %% [markdown]
# The helper `sample_names` runs the same walk, so with the same seed it gives our ten
# names:

# %%
from bigram_helpers import sample_names

g = torch.Generator().manual_seed(2147483647)
assert sample_names(P, vocab, 10, g) == names

# %% [markdown]
# Are any of them real names? Look them up, and carry the walk on for 1,000 names:

# %%
real = set(words)
print("real names among the ten:", [name for name in names if name in real])
g = torch.Generator().manual_seed(2147483647)
many = sample_names(P, vocab, 1000, g)
found = [name for name in many if name in real]
print(f"real names among the first 1,000: {len(found)}, such as {found[:8]}")

# %% [markdown]
# About one made-up name in ten is a real one, mostly short ones. For contrast, a model
# that has learnt nothing, every next character equally likely:

# %%
uniform = torch.ones(27, 27) / 27
g = torch.Generator().manual_seed(2147483647)
print(sample_names(uniform, vocab, 5, g))

# %% [markdown]
# Its names run on and on, with any letter after any other: counting did teach our
# table something.
#
# <details><summary>Going deeper: why <code>cexzm</code> starts like <code>cexze</code></summary>
#
# Its first name, `cexzm`, starts with the same four letters as the counted model's
# `cexze`. The tables do not agree on those letters; the dice do. Both walks start from
# the same seed and so use the same random numbers in the same order, and a single draw
# gives every character a random number of its own (the note on `torch.multinomial`
# above). When one character's random number is tiny, it wins under almost any table
# that does not rule it out, so the two walks pick it alike. Where the tables really
# differ, the walks part: the know-nothing model ends a name only one time in 27, so its
# names run on and on, and it puts `z` after `x` or `q` after `c` as readily as anything.
# (Notebook 04 uses the shared dice on purpose, to compare two tables that are nearly
# equal.)
#
# </details>

# %% [markdown]
# ## How good is the model? Likelihood and loss
#
# *In the video: [the loss function, the negative log likelihood, 0:50:14](https://www.youtube.com/watch?v=PaCmpygFfXo&t=3014).*
#
# We want one number that says how well the model fits the data: a good model finds the
# real names *probable*. For every pair in the data, look up the probability the model
# gives the second character after the first. A model that knew nothing would give
# every pair $1/27$:

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
# The model treats each pair as a separate draw, so the probability of the data is the
# *product* of the pair probabilities, the **likelihood** ($x_k$, $y_k$: the first and
# second character of the $k$-th of $n$ pairs):
#
# $$L = \prod_{k=1}^{n} P[x_k, y_k]$$
#
# Higher is better. The first three names' likelihood, the product of the 16 numbers
# above:

# %%
probs3 = []
for w in words[:3]:
    for ch1, ch2 in itertools.pairwise("." + w + "."):
        probs3.append(P[stoi[ch1], stoi[ch2]].item())
likelihood3 = math.prod(probs3)
print(f"{len(probs3)} pairs, likelihood {likelihood3:.1e}")

# %% [markdown]
# Every factor is below 1, so the product shrinks fast: 16 pairs bring it to about
# $10^{-17}$, and all 228,146 would give a number too small for a computer to store
# (*underflow*). The cure is the logarithm. Here is $\log x$ for $0 < x \le 1$:

# %%
from bigram_helpers.notebook import show_figure  # plt.show(), described in words
from bigram_helpers.plotting import plot_log_curve

marks = {"x = 1, log x = 0": 1.0, "ma": P[stoi["m"], stoi["a"]].item()}
marks["uniform, 1/27"] = 1 / 27
show_figure(plot_log_curve(marks))

# %% [markdown]
# A probability of 1 has log 0; smaller ones have negative logs (`ma` a little below 0,
# the uniform 1/27 well below), and near 0 the curve plunges without bound: $\log 0 =
# -\infty$.
#
# The log goes up whenever its input does, so the model with the larger likelihood has
# the larger log-likelihood. And **the log of a product is the sum of the logs**,
# $\log(a \cdot b) = \log a + \log b$: instead of multiplying tiny numbers we add their
# logs. On the first three names:

# %%
print(f"log of the product: {math.log(likelihood3):.4f}")
print(f"sum of the logs:    {sum(math.log(prob) for prob in probs3):.4f}")

# %% [markdown]
# The same number. So we work with the **log-likelihood**,
# $\log L = \sum_{k} \log P[x_k, y_k]$, which is at most 0, closer to 0 better. Machine
# learning likes a number to *minimise*, so we flip the sign, the **negative
# log-likelihood** (NLL), and divide by the number of pairs so that data sets of any
# size compare. The **average NLL** is our *loss*:
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
# the video's figures, to float rounding
assert abs(log_likelihood - -38.785636603832245) < 1e-6
assert abs(nll / n - 2.4241022877395153) < 1e-5

# %% [markdown]
# So the loss on these three names is 2.4241, as in the video.
#
# <details><summary>Going deeper: the last digits</summary>
#
# The video's notebook prints the log-likelihood in full, -38.785636603832245. Ours is
# within a millionth of it (the cell's `assert` checks that); its last digits can depend
# on the PyTorch build and the CPU, since each `log` is rounded to float32, so the cell
# prints four decimals.
#
# </details>
#
# The know-nothing model gives every pair $1/27$, so its loss is $\log 27$: our baseline.

# %%
print(f"baseline loss: log(27) = {math.log(27):.4f}")

# %% [markdown]
# <details><summary>Going deeper: why this loss, and not the squared error?</summary>
#
# If you have trained a network before, for example with micrograd (Andrej Karpathy's
# tiny autograd engine, the lecture before this one), its loss
# was probably the *squared error*: how far the guessed number lands from the right
# number, squared. That suits *regression*, predicting an amount such as a price. Our
# model does not guess an amount. It picks one of 27 characters, a *classification*, and
# what it gives is a probability for each one. The question that matters is how much of
# that probability went to the character that really came next, and the negative
# log-likelihood asks exactly that. Lowering it is raising the probability of the real
# data, the likelihood itself, so it measures what we wanted from the start.
#
# It also charges for a confident mistake without limit. Say we scored the probability
# $p$ of the right character by its squared distance from 1, $(1 - p)^2$, instead: the
# next cell compares the two.
#
# </details>

# %%
for prob in (0.5, 0.1, 0.01, 0.0001):
    nll_p, squared = -math.log(prob), (1 - prob) ** 2
    print(f"p = {prob:<6}: NLL {nll_p:.4f}, squared error {squared:.4f}")

# %% [markdown]
# <details><summary>Going deeper: what the comparison shows</summary>
#
# The squared error can never pass 1, so it hardly tells "unlikely" from "all but
# impossible": from 0.01 to 0.0001 it only creeps from 0.9801 to 0.9998. The NLL doubles,
# from 4.6052 to 9.2103, and keeps growing as the probability shrinks towards 0. A model
# trained on it cannot shrug off a character it calls nearly impossible when that
# character does come next.
#
# </details>

# %% [markdown]
# ## The loss on the whole data set
#
# A shortcut for all 228,146 pairs: the pair $(i, j)$ adds the same $\log P[i, j]$ each
# of its $N[i, j]$ times, so $\log L = \sum_{i,j} N[i, j]\,\log P[i, j]$, a sum over the
# table's cells. Cells with count 0 add nothing, so we keep only those where `N > 0`.

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
# (The video's figure differs in the last digit: [why](../docs/differences.md#the-whole-data-log-likelihood--55989175-and--55987359).)
#
# ## Counting is training
#
# The 729 numbers in `P` are the model's **parameters**: they decide everything it does.
# Choosing parameters from data is *training* (or *fitting*) a model, so counting and
# normalising trained ours, in one pass. And it chose the best there is: of all 27 x 27
# tables of probabilities, the counted frequencies give the real names the highest
# likelihood, the lowest loss. This is the **maximum-likelihood** fit.
#
# <details><summary>Going deeper: why the counts are the best table, and a few that lose</summary>
#
# Why the counts? Take one row, say the row of `q`, which starts 272 pairs. The loss
# charges $-\log$ of the probability of `u` 206 times, once for each `qu`, and $-\log$ of
# each other follower's probability once for each time it follows `q`. The row's
# probabilities must add up to 1, so whatever one follower gets is taken from the others.
# Moving probability from `u` to a rarer follower makes that follower's few pairs cheaper
# but all 206 `qu` pairs dearer. The balance that costs least gives each follower the
# same share of the probability as it has of the counts: 206/272 for `u`. (Notebook 04
# shows it with a formula: the slope of the loss is zero exactly at the counted
# frequencies.)
#
# </details>
#
# The next cell tries a few other tables and watches them all lose: `P` moved a tenth
# of the way towards uniform, `P` sharpened (squared and renormalised, so common
# followers get even more), and three tables made by nudging every entry of `P` at
# random.


# %%
def data_loss(table):
    """Average NLL of all pairs under a (27, 27) probability table (the shortcut)."""
    return -(N[seen].double() * torch.log(table[seen]).double()).sum().item() / n_all


others = {"a tenth towards uniform": 0.9 * P + 0.1 / 27}
others["sharpened"] = P**2 / (P**2).sum(1, keepdim=True)
g = torch.Generator().manual_seed(2147483647)
for k in range(3):
    nudged = P * torch.exp(0.1 * torch.randn(27, 27, generator=g))
    others[f"random nudge {k + 1}"] = nudged / nudged.sum(1, keepdim=True)

print(f"{'counted P':<24} {data_loss(P):.4f}")
for label, table in others.items():
    print(f"{label:<24} {data_loss(table):.4f}")
    assert data_loss(table) > data_loss(P)

# %% [markdown]
# Every other table scores worse than 2.4540. In notebook 04 a neural network chooses
# the probabilities another way, in many small steps downhill, and levels off just above
# this floor.
#
# The helper `score(words, P, vocab)` does the pair-by-pair computation and returns the
# pieces as a `Score` (`pairs`, `probs`, `log_probs`, `log_likelihood`, `nll`, `mean_nll`,
# `n`); it agrees with our loop and our shortcut:

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
# Now score a name that is not in the data, with the pair-by-pair loop in a function:


# %%
def show_pairs(word, table):
    """Print each pair's probability and log; return the log-likelihood and pairs."""
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
# `j` never follows `q` in the data, so `qj` gets probability 0, its log is $-\infty$,
# and the log-likelihood is `-inf`: the loss is infinite. The model claims the name
# cannot exist, far too sure of itself. (The video says the log-likelihood is "minus
# infinity": that makes the loss, its negative, plus infinity.) There are 102 such
# never-seen cells:

# %%
print(N[stoi["q"], stoi["j"]].item(), (N == 0).sum().item())

# %% [markdown]
# ## Smoothing: a few fake counts
#
# *In the video: [model smoothing with fake counts, 1:00:50](https://www.youtube.com/watch?v=PaCmpygFfXo&t=3650).*
#
# The simplest fix: pretend we saw every pair once more than we did. Add 1 to every
# count before normalising, and no probability is 0. Frequent pairs hardly notice;
# never-seen pairs get a small probability. The more we add, the closer to uniform.

# %%
P_smooth = (N + 1).float()
P_smooth = P_smooth / P_smooth.sum(1, keepdim=True)

ll_smooth, pairs = show_pairs("christosqj", P_smooth)
print(f"\nlog-likelihood {ll_smooth:.4f}, average NLL {-ll_smooth / pairs:.4f}")
# the video's figures, to float rounding
assert abs(ll_smooth - -37.32549834251404) < 1e-4
assert abs(-ll_smooth / pairs - 3.393227122046731) < 1e-5

# %% [markdown]
# Now `qj` gets 0.0033 and `sq` 0.0002: unlikely, not impossible. The name scores a
# log-likelihood of -37.3255, an average NLL of 3.3932: poor, but finite. On the real
# data smoothing costs a little, since some probability moved to pairs that never happen:

# %%
counted, smoothed = data_loss(P), data_loss(P_smooth)
print(f"average NLL over all names: {counted:.4f} counted, {smoothed:.4f} smoothed")

# %% [markdown]
# (The video quotes another figure for the smoothed loss: [why](../docs/differences.md#about-247-after-smoothing).)
#
# `bigram_probs(N, smoothing=1)` adds 1 to every count first, giving our smoothed table:

# %%
assert torch.equal(bigram_probs(N, smoothing=1), P_smooth)
s_christos = score(["christosqj"], bigram_probs(N, smoothing=1), vocab)
assert s_christos.log_likelihood == ll_smooth
assert score(["christosqj"], P, vocab).mean_nll == math.inf
pairs_and_probs = zip(s_christos.pairs, s_christos.probs, strict=True)
print([f"{pair} {prob:.4f}" for pair, prob in pairs_and_probs])

# %% [markdown]
# ## What you learned
#
# - `P = N.float() / N.sum(1, keepdim=True)`; without `keepdim` it silently divides the
#   columns.
# - A seeded generator and `torch.multinomial` sample names, walking from `.` to `.`.
# - The loss is the average negative log-likelihood of the data; counting minimises it.
# - A never-seen pair makes the loss infinite; fake counts fix it.
#
# Questions? [Questions learners ask](../docs/questions.md) answers the common ones.
#
# ## What's next
#
# In [04_neural_bigram.ipynb](04_neural_bigram.ipynb) we fit the same model a second way,
# as a tiny neural network whose weights start random and are nudged, step by step, to
# lower this loss. It ends up where counting did; and that way scales to the bigger
# models that follow.
