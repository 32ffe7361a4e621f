# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # The single-notebook lesson, as a workload
#
# Not part of the series and not for learners. `benchmarks/notebook_time.py` runs this
# notebook under nbval as the yardstick the series must beat: the work the original
# one-notebook lesson does, in its order and with its slow loops (counting into `N` one
# pair at a time, the log-likelihood of every pair with a tensor lookup and a `torch.log`
# each, 100 full-batch training steps from one-hot inputs), the two heatmaps and the
# one-hot picture. Written for this benchmark; only the workload follows the lesson.
# It reads `names.txt` from its working directory.

# %%
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

# %matplotlib inline

# %%
words = open("names.txt").read().splitlines()
print(words[:10], len(words), min(len(w) for w in words), max(len(w) for w in words))

# %%
b = {}
for w in words:
    chs = ["<S>", *w, "<E>"]
    for ch1, ch2 in zip(chs, chs[1:]):
        b[(ch1, ch2)] = b.get((ch1, ch2), 0) + 1
print(len(b), sum(b.values()))
print(sorted(b.items(), key=lambda kv: -kv[1])[:8])

# %%
chars = sorted(set("".join(words)))
stoi = {s: i + 1 for i, s in enumerate(chars)}
stoi["."] = 0
itos = {i: s for s, i in stoi.items()}

N = torch.zeros((27, 27), dtype=torch.int32)
for w in words:
    chs = [".", *w, "."]
    for ch1, ch2 in zip(chs, chs[1:]):
        N[stoi[ch1], stoi[ch2]] += 1
print(N[0])

# %%
plt.imshow(N)
plt.show()

# %%
plt.figure(figsize=(16, 16))
plt.imshow(N, cmap="Blues")
for i in range(27):
    for j in range(27):
        plt.text(j, i, itos[i] + itos[j], ha="center", va="bottom", color="gray")
        plt.text(j, i, N[i, j].item(), ha="center", va="top", color="gray")
plt.axis("off")
plt.show()

# %%
p = N[0].float()
p = p / p.sum()
g = torch.Generator().manual_seed(2147483647)
ix = torch.multinomial(p, num_samples=1, replacement=True, generator=g).item()
print(p, itos[ix])

# %%
g = torch.Generator().manual_seed(2147483647)
p = torch.rand(3, generator=g)
p = p / p.sum()
draws = torch.multinomial(p, num_samples=100, replacement=True, generator=g)
print(p, draws.bincount(minlength=3) / 100)

# %%
P = (N + 1).float()
P /= P.sum(1, keepdim=True)

g = torch.Generator().manual_seed(2147483647)
for _ in range(5):
    out = []
    ix = 0
    while True:
        p = P[ix]
        ix = torch.multinomial(p, num_samples=1, replacement=True, generator=g).item()
        out.append(itos[ix])
        if ix == 0:
            break
    print("".join(out))

# %%
log_likelihood = 0.0
n = 0
for w in words:
    chs = [".", *w, "."]
    for ch1, ch2 in zip(chs, chs[1:]):
        prob = P[stoi[ch1], stoi[ch2]]
        logprob = torch.log(prob)
        log_likelihood += logprob
        n += 1
nll = -log_likelihood
print(f"{log_likelihood=}", f"{nll=}", f"{nll / n}")


# %%
def training_pairs(some_words):
    xs, ys = [], []
    for w in some_words:
        chs = [".", *w, "."]
        for ch1, ch2 in zip(chs, chs[1:]):
            xs.append(stoi[ch1])
            ys.append(stoi[ch2])
    return torch.tensor(xs), torch.tensor(ys)


xs, ys = training_pairs(words[:1])
xenc = F.one_hot(xs, num_classes=27).float()
plt.imshow(xenc)
plt.show()

# %%
g = torch.Generator().manual_seed(2147483647)
W = torch.randn((27, 27), generator=g)
logits = xenc @ W
counts = logits.exp()
probs = counts / counts.sum(1, keepdims=True)
nlls = torch.zeros(5)
for i in range(5):
    x = xs[i].item()
    y = ys[i].item()
    p = probs[i, y]
    nlls[i] = -torch.log(p)
    print(f"{itos[x]}{itos[y]} {x} {y} {probs[i]} {p.item():.4f} {nlls[i].item():.4f}")
print(nlls.mean().item())

# %%
xs, ys = training_pairs(words)
num = xs.nelement()
print("number of examples:", num)

g = torch.Generator().manual_seed(2147483647)
W = torch.randn((27, 27), generator=g, requires_grad=True)

# %%
for _ in range(100):
    xenc = F.one_hot(xs, num_classes=27).float()
    logits = xenc @ W
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdims=True)
    loss = -probs[torch.arange(num), ys].log().mean() + 0.01 * (W**2).mean()
    print(f"{loss.item():.4f}")
    W.grad = None
    loss.backward()
    W.data += -50 * W.grad

# %%
g = torch.Generator().manual_seed(2147483647)
for _ in range(5):
    out = []
    ix = 0
    while True:
        xenc = F.one_hot(torch.tensor([ix]), num_classes=27).float()
        logits = xenc @ W
        counts = logits.exp()
        p = counts / counts.sum(1, keepdims=True)
        ix = torch.multinomial(p, num_samples=1, replacement=True, generator=g).item()
        out.append(itos[ix])
        if ix == 0:
            break
    print("".join(out))
