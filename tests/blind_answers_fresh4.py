"""A fourth fresh round of blind learner answers to notebook 05's exercises (ids "fresh4-...").

Written from notebooks 01-05, the lesson modules, the harness and lines 1-75 of
`blind_answers.py` alone; the check code and every other answer table were not read.
Every verdict and `points_at` was fixed before any check ran on the row. Three learners:
one who answers a neighbouring question, one who slips on boundaries and bookkeeping,
one who tries an unusual but sound method and gets one detail wrong.

First run (main's checks as they were): 54 wrong and 21 right rows. No wrong answer was
called correct, no right answer was rejected, every check printed one line and none
raised; 44 of 54 wrong answers (81%) got a line matching `points_at`. The misses, whose
lines state a measured symptom or a neighbouring wording: probs-per-older-block,
network-no-offset, network-sgd-no-zero-grad, split-70-15-15, split-overlap-at-cut,
sweep-denominator-without-27s, grad-formula-no-one-hot, stable-shift-not-in-pick,
stable-every-target-column (its answer raises MemoryError-like RuntimeError on W[xs]),
weights-softmax-over-columns. After that run, three patterns were narrowed, never widened,
because they matched a neutral message (counts-one-start-dot, sweep-on-train,
weights-softmax-over-columns); the last then became a miss.
"""

from __future__ import annotations

from blind_answers import NOT_TRAINED, right, wrong

# ---------------------------------------------------------------- Exercise 1, part 1: N3
C = "ex1.counts"
right(
    "fresh4-counts-index-put-accumulate",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    flat = torch.zeros(729 * 27, dtype=torch.int64)
    ones = torch.ones(len(Y), dtype=torch.int64)
    flat.index_put_((X[:, 0] * 729 + X[:, 1] * 27 + Y,), ones, accumulate=True)
    N3 = flat.view(729, 27)
    """,
)
right(
    "fresh4-counts-bincount-cube",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    N3 = torch.bincount((X[:, 0] * 27 + X[:, 1]) * 27 + Y, minlength=27**3).view(27, 27, 27)
    """,
)
wrong(
    "fresh4-counts-one-start-dot",
    C,
    """
    N3 = torch.zeros((729, 27), dtype=torch.int32)
    for w in words:
        chs = ["."] + list(w) + ["."]
        for c1, c2, c3 in zip(chs, chs[1:], chs[2:]):
            N3[27 * stoi[c1] + stoi[c2], stoi[c3]] += 1
    """,
    "one '.' before each name, so the '..' context (the first letter) is never counted",
    r"first (letter|character)|start of|196,?113|32,?033 (fewer|missing|too few)",
)
wrong(
    "fresh4-counts-newer-first",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    N3 = torch.zeros((729, 27), dtype=torch.int32)
    N3.index_put_((X[:, 1] * 27 + X[:, 0], Y), torch.ones(len(Y), dtype=torch.int32), accumulate=True)
    """,
    "row 27*c2 + c1: the newer character taken as the older one",
    r"older|newer|swap|revers|order of the (two|context)|c2 ?\*|transpos",
)
wrong(
    "fresh4-counts-no-end-marker",
    C,
    """
    N3 = torch.zeros((729, 27), dtype=torch.int32)
    for w in words:
        chs = [".", "."] + list(w)
        for c1, c2, c3 in zip(chs, chs[1:], chs[2:]):
            N3[27 * stoi[c1] + stoi[c2], stoi[c3]] += 1
    """,
    "no '.' after the name: the end of a name is never counted",
    r"\bend\b|column 0|'\.' column|ending|196,?113|32,?033 (fewer|missing|too few)",
)
wrong(
    "fresh4-counts-bigram-table",
    C,
    """
    N3 = bigram_counts(words, vocab)
    """,
    "the bigram table (27, 27): one character of context, not two",
    r"bigram|\(27, 27\)(?!,)|one character|27 rows",
)
wrong(
    "fresh4-counts-distinct-names",
    C,
    """
    N3 = ngram_counts(sorted(set(words)), vocab, order=3)
    """,
    "counted the distinct names only: repeated lines of the file dropped",
    r"repeat|duplicat|distinct|fewer|too few|too small|smaller|lower|less than",
)
wrong(
    "fresh4-counts-already-normalised",
    C,
    """
    counts = ngram_counts(words, vocab, order=3).float()
    N3 = counts / counts.sum(1, keepdim=True).clamp(min=1)
    """,
    "answered part 2 here: the rows normalised to probabilities, not counts",
    r"probabilit|normali[sz]|fraction|sum to 1|not whole|integer",
)

# ---------------------------------------------------------------- Exercise 1, part 2: P3
C = "ex1.probs"
right(
    "fresh4-probs-f-normalize-l1",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3)
    P3 = F.normalize(N3.float(), p=1, dim=1)
    """,
)
wrong(
    "fresh4-probs-joint-table",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3)
    P3 = N3.float() / N3.sum()
    """,
    "divided by all 228,146 examples: the joint distribution, not each row's",
    r"joint|whole table|every cell|all (the )?cells|228,?146|rows? sums? (is|are|to) (about |only )?0\.",
)
wrong(
    "fresh4-probs-add-one",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3)
    P3 = ngram_probs(N3, 1)
    """,
    "add-one smoothing where the task asks for none",
    r"smooth|fake count|add-one|\+ ?1\b|never seen|zero counts? (get|have)",
)
wrong(
    "fresh4-probs-per-older-block",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3).float()
    blocks = N3.view(27, 27 * 27)
    P3 = (blocks / blocks.sum(1, keepdim=True).clamp(min=1)).view(729, 27)
    """,
    "normalised over the 27 contexts that share the older character (blocks of 27 rows)",
    r"older|block|27 rows|group|first character|c1\b|rows? sums? (is|are|to) (about |only )?0\.",
)
wrong(
    "fresh4-probs-softmax-of-log-counts",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3)
    P3 = torch.softmax(N3.float().log(), dim=1)
    """,
    "softmax of log counts: rows of contexts that never occur become NaN (all -inf)",
    r"nan|never occur|unseen|a\.|0 ?/ ?0|empty rows?",
)

# ---------------------------------------------------------------- Exercise 1, part 3: loss3
C = "ex1.loss"
right(
    "fresh4-loss-from-counts",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3).double()
    P3 = ngram_probs(ngram_counts(words, vocab, order=3)).double()
    seen = N3 > 0
    loss3 = (-(N3[seen] * P3[seen].log()).sum() / N3.sum()).item()
    """,
)
right(
    "fresh4-loss-nll-loss",
    C,
    """
    P3 = ngram_probs(ngram_counts(words, vocab, order=3))
    X, Y = ngram_dataset(words, vocab, order=3)
    loss3 = F.nll_loss(P3[X[:, 0] * 27 + X[:, 1]].log(), Y).item()
    """,
)
wrong(
    "fresh4-loss-bigram",
    C,
    """
    loss3 = bigram_loss
    """,
    "gave the bigram model's loss, printed by the given cell",
    r"bigram|2\.454|one character",
)
wrong(
    "fresh4-loss-newer-older-rows",
    C,
    """
    P3 = ngram_probs(ngram_counts(words, vocab, order=3))
    X, Y = ngram_dataset(words, vocab, order=3)
    loss3 = -P3[X[:, 1] * 27 + X[:, 0], Y].log().mean().item()
    """,
    "looked up row 27*newer + older: the wrong context's row",
    r"older|newer|swap|revers|order of the|inf\b",
)
wrong(
    "fresh4-loss-per-name-average",
    C,
    """
    P3 = ngram_probs(ngram_counts(words, vocab, order=3))
    per_name = [ngram_score([w], P3, vocab, order=3).mean_nll for w in words[:2000]]
    per_name += [ngram_score([w], P3, vocab, order=3).mean_nll for w in words[2000:]]
    loss3 = sum(per_name) / len(per_name)
    """,
    "averaged the names' own losses: short names weigh as much as long ones",
    r"per name|each name|name's|32,?033|average of|weigh",
)
wrong(
    "fresh4-loss-perplexity",
    C,
    """
    P3 = ngram_probs(ngram_counts(words, vocab, order=3))
    nll = ngram_score(words, P3, vocab, order=3).mean_nll
    loss3 = torch.tensor(nll).exp().item()
    """,
    "gave the perplexity exp(loss), not the loss",
    r"perplex|exp\(|e\^|exponen",
)

# ---------------------------------------------------------------- Exercise 1, part 4: the network
C = "ex1.network"
right(
    "fresh4-network-row-sums",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        logits = W[X[:, 0]] + W[27 + X[:, 1]]
        counts = logits.exp()
        probs = counts / counts.sum(1, keepdim=True)
        return -probs[torch.arange(len(Y)), Y].log().mean()


    train_ngram_neural(W3, X3, Y3, 200, 30)
    """,
)
right(
    "fresh4-network-optim-sgd",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        xenc = F.one_hot(X, num_classes=27).float().view(-1, 54)
        return F.cross_entropy(xenc @ W, Y)


    opt = torch.optim.SGD([W3], lr=30)
    for _ in range(120):
        opt.zero_grad()
        F.cross_entropy(W3[X3[:, 0]] + W3[27 + X3[:, 1]], Y3).backward()
        opt.step()
    """,
)
wrong(
    "fresh4-network-no-offset",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        logits = W[X[:, 0]] + W[X[:, 1]]
        return F.cross_entropy(logits, Y)


    train_ngram_neural(W3, X3, Y3, 200, 30)
    """,
    "the newer character reads rows 0-26 too: no offset of 27 for the second one-hot",
    r"rows 27|offset|\+ ?27|newer|second (character|one-hot|half)|27 to 53",
)
wrong(
    "fresh4-network-trained-a-copy",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        xenc = F.one_hot(X, num_classes=27).float().view(-1, 54)
        return F.cross_entropy(xenc @ W, Y)


    W3_trained = W3.detach().clone().requires_grad_()
    train_ngram_neural(W3_trained, X3, Y3, 200, 30)
    """,
    "trained a copy; W3 itself is still the seeded start",
    r"untrained|not trained|unchanged|starting (loss|weights)|from the start|in place|copy"
    r"|never (changed|trained)|4\.23",
)
wrong(
    "fresh4-network-softmax-over-examples",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        logits = F.one_hot(X, num_classes=27).float().view(-1, 54) @ W
        logp = F.log_softmax(logits, dim=0)
        return -logp[torch.arange(len(Y)), Y].mean()


    train_ngram_neural(W3, X3, Y3, 200, 30)
    """,
    "log_softmax over dim 0: normalised across the examples, not across the next characters",
    r"dim|axis|over (the )?examples|across (the )?examples|softmax",
)
wrong(
    "fresh4-network-sgd-no-zero-grad",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        xenc = F.one_hot(X, num_classes=27).float().view(-1, 54)
        return F.cross_entropy(xenc @ W, Y)


    opt = torch.optim.SGD([W3], lr=30)
    for _ in range(60):
        F.cross_entropy(W3[X3[:, 0]] + W3[27 + X3[:, 1]], Y3).backward()
        opt.step()
    """,
    "never zeroed the gradients: each step adds all earlier gradients, the loss blows up",
    r"nan|\binf|diverg|grew|increas|rose|went up|not finite|zero_grad|accumulat",
)

# ---------------------------------------------------------------- Exercise 2: split_names
C = "ex2.split"
right(
    "fresh4-split-randperm-generator",
    C,
    """
    def split_names(words, seed):
        g = torch.Generator().manual_seed(seed)
        order = torch.randperm(len(words), generator=g).tolist()
        shuffled = [words[i] for i in order]
        n1, n2 = int(0.8 * len(words)), int(0.9 * len(words))
        return shuffled[:n1], shuffled[n1:n2], shuffled[n2:]
    """,
)
right(
    "fresh4-split-sort-by-random-key",
    C,
    """
    import random


    def split_names(words, seed):
        rng = random.Random(seed)
        keys = [rng.random() for _ in words]
        order = sorted(range(len(words)), key=keys.__getitem__)
        shuffled = [words[i] for i in order]
        n1, n2 = round(0.8 * len(words)), round(0.9 * len(words))
        return shuffled[:n1], shuffled[n1:n2], shuffled[n2:]
    """,
)
wrong(
    "fresh4-split-distinct-names",
    C,
    """
    import random


    def split_names(words, seed):
        unique = sorted(set(words))
        random.Random(seed).shuffle(unique)
        n1, n2 = int(0.8 * len(unique)), int(0.9 * len(unique))
        return unique[:n1], unique[n1:n2], unique[n2:]
    """,
    "deduplicated the names first: repeated lines of the file are lost",
    r"repeat|duplicat|distinct|missing|lost|dropped|fewer",
)
wrong(
    "fresh4-split-70-15-15",
    C,
    """
    import random


    def split_names(words, seed):
        w = list(words)
        random.Random(seed).shuffle(w)
        n1, n2 = int(0.7 * len(w)), int(0.85 * len(w))
        return w[:n1], w[n1:n2], w[n2:]
    """,
    "a 70/15/15 split, not 80/10/10",
    r"70 ?%|15 ?%|22,?423|4,?80\d|too (few|small|many|large)|share|proportion",
)
wrong(
    "fresh4-split-shuffles-input",
    C,
    """
    import random


    def split_names(words, seed):
        random.Random(seed).shuffle(words)
        n1, n2 = int(0.8 * len(words)), int(0.9 * len(words))
        return words[:n1], words[n1:n2], words[n2:]
    """,
    "shuffled the caller's list in place, so a second call with the same seed gives another split",
    r"in place|mutat|copy|the list (you|it) (was )?given|changes? (the|its|your) (list|input)|second call"
    r"|again with seed 42",
)
wrong(
    "fresh4-split-overlap-at-cut",
    C,
    """
    import random


    def split_names(words, seed):
        w = list(words)
        random.Random(seed).shuffle(w)
        n1, n2 = int(0.8 * len(w)), int(0.9 * len(w))
        return w[: n1 + 1], w[n1:n2], w[n2:]
    """,
    "the name at the first cut is in both train and dev",
    r"twice|two splits|overlap|both|more than once|32,?034|one (name|line) too many",
)
wrong(
    "fresh4-split-returns-indices",
    C,
    """
    import random


    def split_names(words, seed):
        idx = list(range(len(words)))
        random.Random(seed).shuffle(idx)
        n1, n2 = int(0.8 * len(idx)), int(0.9 * len(idx))
        return idx[:n1], idx[n1:n2], idx[n2:]
    """,
    "returned positions in the list, not the names",
    r"ind(ex|ices)|\bint\b|integers|numbers|not (the )?names|not str",
)

# ---------------------------------------------------------------- Exercise 3, part 1: the sweep
C = "ex3.sweep"
right(
    "fresh4-sweep-closed-form",
    C,
    """
    N_tr = ngram_counts(train_words, vocab, order=3).double()
    Xd, Yd = ngram_dataset(dev_words, vocab, order=3)
    rows = Xd[:, 0] * 27 + Xd[:, 1]
    dev_losses = {}
    for s in SMOOTHINGS:
        Ps = (N_tr + s) / (N_tr + s).sum(1, keepdim=True)
        dev_losses[s] = -Ps[rows, Yd].log().mean().item()
    """,
)
wrong(
    "fresh4-sweep-on-train",
    C,
    """
    N_tr = ngram_counts(train_words, vocab, order=3)
    dev_losses = {
        s: ngram_score(train_words, ngram_probs(N_tr, s), vocab, order=3).mean_nll for s in SMOOTHINGS
    }
    """,
    "scored the training names, not the dev names",
    r"training (set|loss)|scored on train|on the train|memori|too low|lower than|below",
)
wrong(
    "fresh4-sweep-counted-on-all",
    C,
    """
    N_all = ngram_counts(words, vocab, order=3)
    dev_losses = {
        s: ngram_score(dev_words, ngram_probs(N_all, s), vocab, order=3).mean_nll for s in SMOOTHINGS
    }
    """,
    "counted all the names (dev included), not the training names",
    r"all (the )?(32,?033 )?names|every name|leak|includ|too low|lower than|below",
)
wrong(
    "fresh4-sweep-bigram",
    C,
    """
    N2 = ngram_counts(train_words, vocab, order=2)
    dev_losses = {s: ngram_score(dev_words, ngram_probs(N2, s), vocab, order=2).mean_nll for s in SMOOTHINGS}
    """,
    "a bigram sweep where the trigram model is asked",
    r"bigram|order ?=? ?2|one character|higher than|above",
)
wrong(
    "fresh4-sweep-denominator-without-27s",
    C,
    """
    N_tr = ngram_counts(train_words, vocab, order=3).double()
    Xd, Yd = ngram_dataset(dev_words, vocab, order=3)
    rows = Xd[:, 0] * 27 + Xd[:, 1]
    dev_losses = {}
    for s in SMOOTHINGS:
        Ps = (N_tr + s) / (N_tr.sum(1, keepdim=True) + s)
        dev_losses[s] = -Ps[rows, Yd].log().mean().item()
    """,
    "added s once to the denominator, not 27*s: rows no longer sum to 1",
    r"normali[sz]|27 ?\*|V ?\*|denominator|rows? sums?|sum to 1|too low|lower than|below",
)
wrong(
    "fresh4-sweep-string-keys",
    C,
    """
    N_tr = ngram_counts(train_words, vocab, order=3)
    dev_losses = {
        f"{s:g}": ngram_score(dev_words, ngram_probs(N_tr, s), vocab, order=3).mean_nll for s in SMOOTHINGS
    }
    """,
    "keys are strings such as '0.1', not the smoothing values",
    r"\bkeys?\b|\bstr\b|string|'0\.1'|text",
)

# ---------------------------------------------------------------- Exercise 3, part 2: the choice
C = "ex3.smoothing"
SWEEP = """
N_tr = ngram_counts(train_words, vocab, order=3)
dev_losses = {s: ngram_score(dev_words, ngram_probs(N_tr, s), vocab, order=3).mean_nll for s in SMOOTHINGS}
"""
right(
    "fresh4-smoothing-sorted-items",
    C,
    """
    best_smoothing = sorted(dev_losses.items(), key=lambda kv: kv[1])[0][0]
    """,
    before={"ex3.sweep": SWEEP},
)
wrong(
    "fresh4-smoothing-max",
    C,
    """
    best_smoothing = max(dev_losses, key=dev_losses.get)
    """,
    "took the smoothing with the highest dev loss",
    r"highest|largest|worst|\bmax|most",
    before={"ex3.sweep": SWEEP},
)
wrong(
    "fresh4-smoothing-the-loss",
    C,
    """
    best_smoothing = min(dev_losses.values())
    """,
    "gave the lowest dev loss, not the smoothing that gives it",
    r"a loss|the loss (value|itself)|dev loss|not (one of|in) (the )?smoothings|2\.\d{2}",
    before={"ex3.sweep": SWEEP},
)
wrong(
    "fresh4-smoothing-position",
    C,
    """
    best_smoothing = list(dev_losses).index(min(dev_losses, key=dev_losses.get))
    """,
    "gave the position of the best smoothing in the list, not its value",
    r"index|position|not (one of|in)|\bint\b",
    before={"ex3.sweep": SWEEP},
)
wrong(
    "fresh4-smoothing-chosen-on-train",
    C,
    """
    N_tr = ngram_counts(train_words, vocab, order=3)
    train_losses = {
        s: ngram_score(train_words, ngram_probs(N_tr, s), vocab, order=3).mean_nll for s in SMOOTHINGS
    }
    best_smoothing = min(train_losses, key=train_losses.get)
    """,
    "chose on the training names, which always prefer the least smoothing",
    r"train(ing)? (loss|names|set)|smallest|least|overfit|memori|too (little|small)|0\.001",
)

# ---------------------------------------------------------------- Exercise 3, part 3: the test loss
C = "ex3.test_loss"
BEST = """
N_tr = ngram_counts(train_words, vocab, order=3)
scores = {s: ngram_score(dev_words, ngram_probs(N_tr, s), vocab, order=3).mean_nll for s in SMOOTHINGS}
best_smoothing = min(scores, key=scores.get)
"""
right(
    "fresh4-test-by-indexing",
    C,
    """
    P_best = ngram_probs(ngram_counts(train_words, vocab, order=3), best_smoothing)
    Xt, Yt = ngram_dataset(test_words, vocab, order=3)
    test_loss = -P_best[Xt[:, 0] * 27 + Xt[:, 1], Yt].log().mean()
    """,
    before={"ex3.smoothing": BEST},
)
wrong(
    "fresh4-test-dev-loss",
    C,
    """
    test_loss = scores[best_smoothing]
    """,
    "gave the chosen model's dev loss, not its test loss",
    r"dev (loss|names|set)|sweep|same as (the )?dev",
    before={"ex3.smoothing": BEST},
)
wrong(
    "fresh4-test-counted-on-train-and-dev",
    C,
    """
    N_td = ngram_counts(train_words + dev_words, vocab, order=3)
    test_loss = ngram_score(test_words, ngram_probs(N_td, best_smoothing), vocab, order=3).mean_nll
    """,
    "recounted on train + dev names, not on the training names as asked",
    r"train(ing)? and dev|train ?\+ ?dev|dev names (too|as well)|more names|recount|refit|lower than|below",
    before={"ex3.smoothing": BEST},
)
wrong(
    "fresh4-test-unsmoothed",
    C,
    """
    N_tr = ngram_counts(train_words, vocab, order=3)
    test_loss = ngram_score(test_words, ngram_probs(N_tr), vocab, order=3).mean_nll
    """,
    "left out the chosen smoothing: test trigrams never seen in training get probability 0",
    r"\binf|smooth|never seen|unseen|zero probab|log ?\(?0",
    before={"ex3.smoothing": BEST},
)
wrong(
    "fresh4-test-counted-on-all",
    C,
    """
    N_all = ngram_counts(words, vocab, order=3)
    test_loss = ngram_score(test_words, ngram_probs(N_all, best_smoothing), vocab, order=3).mean_nll
    """,
    "counted all the names, the test names included",
    r"all (the )?(32,?033 )?names|every name|leak|includ|too low|lower than|below",
    before={"ex3.smoothing": BEST},
)

# ---------------------------------------------------------------- Exercise 4, part 1: logits
C = "ex4.logits"
right(
    "fresh4-logits-index-select",
    C,
    """
    logits = torch.index_select(W, 0, xs)
    """,
)
right(
    "fresh4-logits-gather",
    C,
    """
    logits = W.gather(0, xs[:, None].expand(-1, 27))
    """,
)
wrong(
    "fresh4-logits-of-ys",
    C,
    """
    logits = W[ys]
    """,
    "indexed with ys, the next characters, not xs",
    r"\bys\b|next character|target|label|output",
)
wrong(
    "fresh4-logits-softmaxed",
    C,
    """
    logits = W[xs].softmax(dim=1)
    """,
    "gave the probabilities (softmax), not the logits",
    r"softmax|probabilit|normali[sz]|sum to 1|exp\(|exponen",
)
wrong(
    "fresh4-logits-shifted-rows",
    C,
    """
    logits = W[xs - 1]
    """,
    "W[xs - 1]: thought 'a' is row 0, so every example reads the row above (and '.' wraps to row 26)",
    r"shift|off by one|one row|row above|previous row|xs ?- ?1|wrap|row 26",
)

# ---------------------------------------------------------------- Exercise 4, part 2: the gradient
C = "ex4.grad"
right(
    "fresh4-grad-reset-then-backward",
    C,
    """
    W.grad = None
    logits = W[xs]
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdim=True)
    loss = -probs[torch.arange(len(ys)), ys].log().mean()
    loss.backward()
    grad = W.grad
    """,
    runs=2,
)
right(
    "fresh4-grad-autograd-grad",
    C,
    """
    logits = W[xs]
    probs = logits.exp() / logits.exp().sum(1, keepdim=True)
    loss = -probs[torch.arange(len(ys)), ys].log().mean()
    (grad,) = torch.autograd.grad(loss, W)
    """,
    runs=2,
)
wrong(
    "fresh4-grad-of-the-logits",
    C,
    """
    W.grad = None
    logits = W[xs]
    logits.retain_grad()
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdim=True)
    loss = -probs[torch.arange(len(ys)), ys].log().mean()
    loss.backward()
    grad = logits.grad
    """,
    "gave the logits' gradient (228146, 27), not W's",
    r"logits' grad|of the logits|228,?146|\(228146",
)
wrong(
    "fresh4-grad-detached-leaf",
    C,
    """
    W.grad = None
    logits = W.detach()[xs].requires_grad_()
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdim=True)
    loss = -probs[torch.arange(len(ys)), ys].log().mean()
    loss.backward()
    grad = W.grad
    """,
    "detached W before indexing: the backward pass never reaches W, so W.grad is None",
    r"\bnone\b|no grad|detach|not reach|graph|requires_grad",
)
wrong(
    "fresh4-grad-formula-no-one-hot",
    C,
    """
    with torch.no_grad():
        probs = torch.softmax(W[xs], dim=1)
        grad = F.one_hot(xs, num_classes=27).float().T @ probs / len(xs)
    """,
    "closed form without subtracting the one-hot of ys: rows sum to n_i/n, not 0",
    r"one-hot|subtract|target|\bys\b|rows? sums?|sum to (zero|0)|positive",
)

# ---------------------------------------------------------------- Exercise 5, part 1: cross-entropy
C = "ex5.loss"
right(
    "fresh4-ce-probability-targets",
    C,
    """
    loss = F.cross_entropy(logits, F.one_hot(ys, num_classes=27).float())
    """,
)
right(
    "fresh4-ce-nll-of-log-softmax",
    C,
    """
    loss = F.nll_loss(F.log_softmax(logits, dim=1), ys)
    """,
)
wrong(
    "fresh4-ce-fed-probabilities",
    C,
    """
    loss = F.cross_entropy(logits.softmax(dim=1), ys)
    """,
    "fed probabilities to F.cross_entropy, which applies its own softmax",
    r"softmax|probabilit|twice|already normali",
)
wrong(
    "fresh4-ce-targets-xs",
    C,
    """
    loss = F.cross_entropy(logits, xs)
    """,
    "targets xs (the current characters), not ys",
    r"\bxs\b|target|label|current character|previous",
)
wrong(
    "fresh4-ce-label-smoothing",
    C,
    """
    loss = F.cross_entropy(logits, ys, label_smoothing=0.1)
    """,
    "label_smoothing=0.1: another loss",
    r"label.?smooth|smooth|soft target",
)
wrong(
    "fresh4-ce-binary",
    C,
    """
    loss = F.binary_cross_entropy_with_logits(logits, F.one_hot(ys, num_classes=27).float())
    """,
    "binary cross-entropy per class (sigmoid), not the softmax cross-entropy",
    r"binary|sigmoid|bce|per class|independent",
)

# ---------------------------------------------------------------- Exercise 5, part 2: stable_nll
C = "ex5.stable"
right(
    "fresh4-stable-log-softmax-by-hand",
    C,
    """
    def stable_nll(logits, ys):
        z = logits - logits.max(dim=1, keepdim=True).values
        logp = z - z.exp().sum(dim=1, keepdim=True).log()
        return -logp.gather(1, ys[:, None]).mean()
    """,
)
wrong(
    "fresh4-stable-global-max",
    C,
    """
    def stable_nll(logits, ys):
        z = logits - logits.max()
        logp = z - z.exp().sum(dim=1, keepdim=True).log()
        return -logp[torch.arange(len(ys)), ys].mean()
    """,
    "subtracted the largest logit of the whole batch, not each row's: rows far below underflow",
    r"per row|each row|row's|whole (batch|tensor)|global|underflow|\binf\b|log ?\(?0",
)
wrong(
    "fresh4-stable-shift-not-in-pick",
    C,
    """
    def stable_nll(logits, ys):
        z = logits - logits.max(dim=1, keepdim=True).values
        return (z.exp().sum(dim=1).log() - logits[torch.arange(len(ys)), ys]).mean()
    """,
    "shifted the sum by the row's max but picked the unshifted logit: off by the max",
    r"\bmax|shift|add(ed)? back|offset|by the row's",
)
wrong(
    "fresh4-stable-per-example",
    C,
    """
    def stable_nll(logits, ys):
        z = logits - logits.max(dim=1, keepdim=True).values
        logp = z - z.exp().sum(dim=1, keepdim=True).log()
        return -logp[torch.arange(len(ys)), ys]
    """,
    "returned one loss per example, not their average",
    r"average|one number|per.example|vector|\(\d+,\)|several|more than one",
)
wrong(
    "fresh4-stable-every-target-column",
    C,
    """
    def stable_nll(logits, ys):
        z = logits - logits.max(dim=1, keepdim=True).values
        logp = z - z.exp().sum(dim=1, keepdim=True).log()
        return -logp[:, ys].mean()
    """,
    "logp[:, ys] picks every example's target in every row, not one per row",
    r"\[:, ?ys\]|every row|all (the )?targets|diagonal|arange|pick",
)

# ---------------------------------------------------------------- Exercise 6: the trained weights
C = "ex6.weights"
right(
    "fresh4-weights-log-counts-floor",
    C,
    """
    W_trained = torch.where(N > 0, N.float().log(), torch.tensor(-40.0))
    """,
)
right(
    "fresh4-weights-adam-on-counts",
    C,
    """
    Wa = W.detach().clone().requires_grad_()
    opt = torch.optim.Adam([Wa], lr=0.2)
    Nf = N.float()
    for step in range(4000):
        if step == 3000:
            for group in opt.param_groups:
                group["lr"] = 0.02
        opt.zero_grad()
        (-(Nf * torch.log_softmax(Wa, dim=1)).sum() / Nf.sum()).backward()
        opt.step()
    W_trained = Wa.detach()
    """,
)
wrong(
    "fresh4-weights-probs-as-logits",
    C,
    """
    W_trained = P.clone()
    """,
    "closed form without the log: the probabilities used as logits",
    r"\blog\b|log of|probabilit|softmax\(P\)|not logits",
)
wrong(
    "fresh4-weights-train-split-optimum",
    C,
    """
    N_tr = bigram_counts(given_split(words)[0], vocab)
    W_trained = torch.where(N_tr > 0, N_tr.float().log(), torch.tensor(-40.0))
    """,
    "the counting optimum of the training split (80%), not of all the names",
    r"all (the )?names|other names|subset|split|another table|different (counts|data)|above"
    r"|0\.\d+ (above|from)",
    misleads=r"keep training|train(ing)? (longer|more|further)",
)
wrong(
    "fresh4-weights-sgd-too-few-steps",
    C,
    """
    Wt = W.detach().clone().requires_grad_()
    opt = torch.optim.SGD([Wt], lr=50)
    Nf = N.float()
    for _ in range(800):
        opt.zero_grad()
        (-(Nf * torch.log_softmax(Wt, dim=1)).sum() / Nf.sum()).backward()
        opt.step()
    W_trained = Wt.detach()
    """,
    "plain SGD stopped at 800 steps, still short of the tolerance",
    NOT_TRAINED,
)
wrong(
    "fresh4-weights-softmax-over-columns",
    C,
    """
    Wt = W.detach().clone().requires_grad_()
    opt = torch.optim.Adam([Wt], lr=0.2)
    Nf = N.float()
    for _ in range(2000):
        opt.zero_grad()
        (-(Nf * torch.log_softmax(Wt, dim=0)).sum() / Nf.sum()).backward()
        opt.step()
    W_trained = Wt.detach()
    """,
    "trained with log_softmax over dim 0 (columns), so it fits the wrong normalisation",
    r"over (the )?columns|dim|axis|transpos|\.T\b",
)
