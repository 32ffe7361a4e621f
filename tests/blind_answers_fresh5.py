r"""Fifth blind round of learner answers to notebook 05's checks (ids "fresh5-...").

How it was written. Three learners new to the table, each typing into the answer cells in
the notebook's namespace: the NumPy hand ("np-": builds in NumPy, slips in dtype, axis,
keepdims, np.log2, arrays for lists), the video follower ("vid-": the makemore lecture's
habits, `['.'] + list(w) + ['.']`, `(N+1).float()`, the lecture's seed, lr 50, reg 0.01,
`num`, no `W.grad = None`), and the misreader ("mis-": answers a neighbouring question: the
wrong split or reduction, part 2's answer in part 1, a right thing under the wrong type).
Read: notebooks 01-05 and 05_exercises_solutions (.py), bigram_helpers/ngram.py and
neural.py (signatures and docstrings), tests/test_exercises_blind.py, tests/blind_referee.py,
lines 1-75 of tests/blind_answers.py and /work/briefs/share.py. Not read: anything under
bigram_helpers/exercises/, the other answer tables, the check code, git history. Values
were taken from the public API alone (the SMOOTHINGS sweep: best 0.1 on dev; lr 50 needs
about 20,000 steps to come within 0.0001 in Exercise 6).

Order of work: rows, verdicts, mistakes and points_at written first (commit "fresh5: rows
as written"); the referee agreed with all 98 rows at its first run; ruff asked for three
long lines to be wrapped (answer code reformatted, same behaviour, referee run again: all
agree); the names-nothing test flagged six patterns, narrowed before any check ran
(counts-one-dot: `..` no longer matches "..."; probs-axis0, logits-columns,
weights-transposed: bare "column" dropped; network-global-num: "raised" dropped;
testloss-counted-all: "counted on" dropped).

First run (python /work/briefs/share.py fresh5-; whole output in
/work/briefs/fresh5-first-run.txt): 70 wrong, 28 right.
- wrong answers called correct: 0;
- right answers rejected: 0;
- checks that raised or printed other than one line: 0;
- pointed at: 58 of 70 (83%).
Misses (12); in 7 of them the message does name the mistake, in words these patterns did
not foresee (the patterns were not loosened after the run):
- np-counts-uint8: total 146,482 not 228,146 and "58 where 4410" (4410 mod 256), no word
  of the dtype or overflow;
- mis-network-not-trained: "W3 is as the given cell made it: not trained yet" (names it);
- vid-split-in-place: "it reorders the list it is given (random.shuffle does)" (names it);
- vid-split-lecture-seed: "seeds 42 and 43 give the same split: use the seed argument"
  (names it);
- mis-split-70-15-15: "the sizes are not 80% / 10% / 10%" (names it);
- mis-sweep-scored-train: "these are training losses: judge each smoothing on dev" (names it);
- vid-sweep-plus-one-kept: only "9 of the 9 dev losses differ ... 2.2574, yours 2.2478";
- mis-smoothing-stored-loss: "this is the lowest dev loss; the answer is the smoothing"
  (names it);
- vid-smoothing-add-one: "1 is notebook 03's single fake count, not a choice" (names it);
- np-testloss-unsmoothed: "the test loss is nan" (0/0 rows of unseen contexts; the smoothing
  left out is not named);
- np-stable-clamp: "on [[101, 102, 103]] it gives 1.09861 where 2.40761 is right" (where,
  not why);
- np-stable-global-max: "on [[-200, 0, 0]] it gives inf where 200.693 is right" (where, not
  the batch-wide max).
No message named a mistake its answer does not make.

Changed after the first run (narrowing only): mis-logits-unique-rows lost "\(27, ?27\)"
and "27 rows", which had matched the plain fallback "expected shape (228146, 27), got
(27, 27)"; with that, 57 of 70 (81%) are pointed at.

The lead's changes after this round (these three rows are no longer blind): three mistakes
became rows, each named only when its builder reproduces the answer: ex1.counts "wrapped"
(the counts modulo 256, as uint8 or int8 keeps them), ex3.sweep "one_fake_count_kept" (each
loss is that of smoothing k + 1), ex4.logits "W_itself" (W[xs.unique()] is W). Now 60 of 70
(86%) are pointed at; the other misses are as above, np-stable-clamp's line now adding that
1.09861 is ln 3, the loss of a row of equal logits (a measurement; its pattern still misses).
"""

from __future__ import annotations

from blind_answers import NOT_TRAINED, right, wrong

SUM = r"\bsum\b|summed|not divided|divided by|total over"
BASE = r"\bbase\b|bits|log2|ln ?\(?2|0\.69|1\.44"
REG = r"regulari|penalt|W ?\*\* ?2|0\.01|weight decay|extra term"
LIST_NOT_W = r"\blist\b|losses|in place|return value"

GOOD_N3 = "N3 = ngram_counts(words, vocab, order=3)\n"
SWEEP = """
Ntr = ngram_counts(train_words, vocab, order=3)
dev_losses = {s: ngram_score(dev_words, ngram_probs(Ntr, s), vocab, order=3).mean_nll for s in SMOOTHINGS}
"""
CHOICE = "best_smoothing = min(dev_losses, key=dev_losses.get)\n"

# ---------------------------------------------------------------- ex1.counts
C = "ex1.counts"
right(
    "fresh5-np-counts-numpy-int64",
    C,
    """
    import numpy as np
    N3 = np.zeros((729, 27), dtype=np.int64)
    for w in words:
        ix = [0, 0] + [stoi[c] for c in w] + [0]
        for a, b, c in zip(ix, ix[1:], ix[2:]):
            N3[27 * a + b, c] += 1
    """,
)
right(
    "fresh5-vid-counts-3d",
    C,
    """
    N3 = torch.zeros((27, 27, 27), dtype=torch.int32)
    for w in words:
        chs = ['.', '.'] + list(w) + ['.']
        for ch1, ch2, ch3 in zip(chs, chs[1:], chs[2:]):
            N3[stoi[ch1], stoi[ch2], stoi[ch3]] += 1
    """,
)
wrong(
    "fresh5-vid-counts-one-dot",
    C,
    """
    N3 = torch.zeros((27, 27, 27), dtype=torch.int32)
    for w in words:
        chs = ['.'] + list(w) + ['.']
        for ch1, ch2, ch3 in zip(chs, chs[1:], chs[2:]):
            N3[stoi[ch1], stoi[ch2], stoi[ch3]] += 1
    """,
    "kept the lecture's single '.' before each name, so the `..` context and each first letter are lost",
    r"(?<!\.)\.\.(?!\.)|two (dots|markers|\.)|first letter|first character|start|padding|32,?033|196,?113",
)
wrong(
    "fresh5-np-counts-uint8",
    C,
    """
    import numpy as np
    N3 = np.zeros((729, 27), dtype=np.uint8)
    for w in words:
        ix = [0, 0] + [stoi[c] for c in w] + [0]
        for a, b, c in zip(ix, ix[1:], ix[2:]):
            N3[27 * a + b, c] += 1
    """,
    "counted in uint8, so every count above 255 wrapped around",
    r"overflow|wrap|255|256|uint8|dtype|too small",
)
wrong(
    "fresh5-mis-counts-newer-first",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    N3 = torch.zeros((729, 27), dtype=torch.int64)
    N3.index_put_((27 * X[:, 1] + X[:, 0], Y), torch.ones_like(Y), accumulate=True)
    """,
    "row 27*c2 + c1: the newer character taken as the older one",
    r"order|swap|revers|newer|older|transpos|c2|\bme\b",
)
wrong(
    "fresh5-mis-counts-normalised",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3).float()
    N3 = N3 / N3.sum(1, keepdim=True).clamp(min=1)
    """,
    "normalised the rows (answered part 2): probabilities, not counts",
    r"probab|normali|sum to 1|fraction|not (whole|integer)|integers",
)
wrong(
    "fresh5-vid-counts-bigram-shape",
    C,
    """
    N3 = torch.zeros((27, 27), dtype=torch.int32)
    for w in words:
        chs = ['.', '.'] + list(w) + ['.']
        for ch1, ch2, ch3 in zip(chs, chs[1:], chs[2:]):
            N3[stoi[ch2], stoi[ch3]] += 1
    """,
    "kept the lecture's (27, 27) bigram table: only the last character as context",
    r"bigram|\(27, ?27\)|one character|last character|previous character",
)

# ---------------------------------------------------------------- ex1.probs
C = "ex1.probs"
right(
    "fresh5-np-probs-divide-where",
    C,
    """
    import numpy as np
    Nn = ngram_counts(words, vocab, order=3).numpy().astype(np.float64)
    tot = Nn.sum(axis=1, keepdims=True)
    P3 = np.divide(Nn, tot, out=np.zeros_like(Nn), where=tot > 0)
    """,
)
right(
    "fresh5-vid-probs-3d-nan-to-num",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3)
    P3 = N3.view(27, 27, 27).float()
    P3 /= P3.sum(2, keepdims=True)
    P3 = torch.nan_to_num(P3)
    """,
)
wrong(
    "fresh5-vid-probs-plus-one",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3)
    P3 = (N3 + 1).float()
    P3 /= P3.sum(1, keepdims=True)
    """,
    "kept the lecture's (N+1) smoothing where the part says without smoothing",
    r"smooth|\+ ?1|add-one|fake|pseudo",
)
wrong(
    "fresh5-np-probs-axis0",
    C,
    """
    import numpy as np
    Nn = ngram_counts(words, vocab, order=3).numpy().astype(np.float64)
    tot = Nn.sum(axis=0, keepdims=True)
    P3 = np.divide(Nn, tot, out=np.zeros_like(Nn), where=tot > 0)
    """,
    "summed over axis 0: the columns sum to 1, not the rows",
    r"columns sum|column sums|sum of each column|axis|\bdim\b|transpos|down the",
)
wrong(
    "fresh5-np-probs-leaves-nan",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3).double()
    P3 = N3 / N3.sum(1, keepdim=True)
    """,
    "divided 0 by 0 for the contexts that never occur: NaN rows",
    r"nan|0 ?/ ?0|divi\w* by zero|not a number",
)
wrong(
    "fresh5-mis-probs-log",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3).float()
    P3 = (N3 / N3.sum(1, keepdim=True).clamp(min=1)).log()
    """,
    "took the log of the probabilities (the next part's step)",
    r"\blog|negative|below (0|zero)|minus|-inf",
)
wrong(
    "fresh5-np-probs-3d-no-keepdims",
    C,
    """
    import numpy as np
    Nn = ngram_counts(words, vocab, order=3).numpy().reshape(27, 27, 27).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        P3 = Nn / Nn.sum(axis=2)
    """,
    "no keepdims: the (27, 27) sums broadcast along the wrong axis",
    r"broadcast|keepdim|nan|\binf\b|do not sum to 1|don't sum to 1",
)

# ---------------------------------------------------------------- ex1.loss
C = "ex1.loss"
right(
    "fresh5-np-loss-numpy-float64",
    C,
    """
    import numpy as np
    X, Y = ngram_dataset(words, vocab, order=3)
    Pn = ngram_probs(ngram_counts(words, vocab, order=3)).numpy().astype(np.float64)
    rows = 27 * X[:, 0].numpy() + X[:, 1].numpy()
    loss3 = float(-np.log(Pn[rows, Y.numpy()]).mean())
    """,
)
right(
    "fresh5-vid-loss-3d-index",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    P = ngram_probs(ngram_counts(words, vocab, order=3)).view(27, 27, 27)
    loss3 = -P[X[:, 0], X[:, 1], Y].log().mean()
    """,
)
wrong(
    "fresh5-np-loss-log2",
    C,
    """
    import numpy as np
    X, Y = ngram_dataset(words, vocab, order=3)
    Pn = ngram_probs(ngram_counts(words, vocab, order=3)).numpy().astype(np.float64)
    loss3 = float(-np.log2(Pn[27 * X[:, 0].numpy() + X[:, 1].numpy(), Y.numpy()]).mean())
    """,
    "np.log2: the loss in bits, not nats",
    BASE,
)
wrong(
    "fresh5-mis-loss-sum",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    P = ngram_probs(ngram_counts(words, vocab, order=3))
    loss3 = -P[27 * X[:, 0] + X[:, 1], Y].double().log().sum().item()
    """,
    "summed the negative log-likelihood instead of averaging it",
    SUM + r"|228,?146 times",
)
wrong(
    "fresh5-mis-loss-per-name",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    P = ngram_probs(ngram_counts(words, vocab, order=3))
    loss3 = -P[27 * X[:, 0] + X[:, 1], Y].double().log().sum().item() / len(words)
    """,
    "averaged per name (divided by 32,033 names), not per character",
    r"per name|per word|32,?033|each name|by the number of names",
)
wrong(
    "fresh5-vid-loss-bigram",
    C,
    """
    P = (bigram_counts(words, vocab)).float()
    P /= P.sum(1, keepdims=True)
    log_likelihood = 0.0
    n = 0
    xs2, ys2 = bigram_dataset(words, vocab)
    loss3 = -P[xs2, ys2].log().mean().item()
    """,
    "computed the lecture's bigram loss again, not the trigram's",
    r"bigram|one character|last character|2\.454",
)
wrong(
    "fresh5-mis-loss-no-minus",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    P = ngram_probs(ngram_counts(words, vocab, order=3))
    loss3 = P[27 * X[:, 0] + X[:, 1], Y].log().mean().item()
    """,
    "forgot the minus: the mean log-likelihood, a negative number",
    r"\bsign|opposite|below zero|< ?0|negative (number|value)|flip|minus",
)

# ---------------------------------------------------------------- ex1.network
C = "ex1.network"
right(
    "fresh5-vid-network-cat",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        xenc = torch.cat([F.one_hot(X[:, 0], num_classes=27),
                          F.one_hot(X[:, 1], num_classes=27)], dim=1).float()
        logits = xenc @ W
        counts = logits.exp()
        probs = counts / counts.sum(1, keepdims=True)
        return -probs[torch.arange(Y.shape[0]), Y].log().mean()


    train_ngram_neural(W3, X3, Y3, 200, 30)
    """,
)
right(
    "fresh5-np-network-rows",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        logits = W[X[:, 0]] + W[27 + X[:, 1]]
        return F.cross_entropy(logits, Y)


    train_ngram_neural(W3, X3, Y3, steps=250, lr=30.0)
    """,
)
wrong(
    "fresh5-vid-network-reg",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        xenc = F.one_hot(X, num_classes=27).float().view(-1, 54)
        logits = xenc @ W
        counts = logits.exp()
        probs = counts / counts.sum(1, keepdims=True)
        return -probs[torch.arange(Y.shape[0]), Y].log().mean() + 0.01 * (W**2).mean()


    train_ngram_neural(W3, X3, Y3, 200, 30)
    """,
    "left the lecture's 0.01*(W**2).mean() regularisation in the forward pass",
    REG,
)
wrong(
    "fresh5-mis-network-not-trained",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        logits = F.one_hot(X, num_classes=27).float().view(-1, 54) @ W
        return F.cross_entropy(logits, Y)
    """,
    "wrote the forward pass and never trained W3",
    NOT_TRAINED,
)
wrong(
    "fresh5-np-network-halves-swapped",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        xenc = torch.cat([F.one_hot(X[:, 1], 27), F.one_hot(X[:, 0], 27)], dim=1).float()
        probs = (xenc @ W).softmax(dim=1)
        return -probs[torch.arange(len(Y)), Y].log().mean()


    train_ngram_neural(W3, X3, Y3, 200, 30)
    """,
    "put the newer character's one-hot in rows 0-26 and the older one's in 27-53",
    r"order|swap|older|newer|halves|revers|rows 0|first half",
)
wrong(
    "fresh5-vid-network-global-num",
    C,
    """
    num = X3.shape[0]


    def trigram_nn_loss(W, X, Y):
        xenc = F.one_hot(X, num_classes=27).float().view(-1, 54)
        counts = (xenc @ W).exp()
        probs = counts / counts.sum(1, keepdims=True)
        return -probs[torch.arange(num), Y].log().mean()


    train_ngram_neural(W3, X3, Y3, 200, 30)
    """,
    "the lecture's global `num` (all 228,146 examples) inside the forward pass, wrong for other X",
    r"\bnum\b|global|IndexError|out of (range|bounds)|index \d+ is out",
)
wrong(
    "fresh5-np-network-returns-float",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        logits = F.one_hot(X, num_classes=27).float().view(-1, 54) @ W
        return F.cross_entropy(logits, Y).item()


    train_ngram_neural(W3, X3, Y3, 200, 30)
    """,
    "returned .item(), a Python float, so backward() cannot run",
    r"\.item|python float|plain float|\bfloat\b|no grad|gradient|detach",
)
wrong(
    "fresh5-mis-network-w3-is-losses",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        logits = F.one_hot(X, num_classes=27).float().view(-1, 54) @ W
        return F.cross_entropy(logits, Y)


    W3 = train_ngram_neural(W3, X3, Y3, 200, 30)
    """,
    "W3 = train_ngram_neural(...): W3 is now the list of losses",
    LIST_NOT_W,
)

# ---------------------------------------------------------------- ex2.split
C = "ex2.split"
right(
    "fresh5-np-split-default-rng",
    C,
    """
    def split_names(words, seed):
        import numpy as np
        idx = np.random.default_rng(seed).permutation(len(words))
        n1, n2 = int(0.8 * len(words)), int(0.9 * len(words))
        return [words[i] for i in idx[:n1]], [words[i] for i in idx[n1:n2]], [words[i] for i in idx[n2:]]
    """,
)
right(
    "fresh5-vid-split-randperm",
    C,
    """
    def split_names(words, seed):
        g = torch.Generator().manual_seed(seed)
        perm = torch.randperm(len(words), generator=g).tolist()
        ws = [words[i] for i in perm]
        n1 = int(0.8 * len(ws))
        n2 = int(0.9 * len(ws))
        return ws[:n1], ws[n1:n2], ws[n2:]
    """,
)
right(
    "fresh5-mis-split-random-instance",
    C,
    """
    import random


    def split_names(words, seed):
        ws = list(words)
        random.Random(seed).shuffle(ws)
        a, b = round(len(ws) * 0.8), round(len(ws) * 0.9)
        return ws[:a], ws[a:b], ws[b:]
    """,
)
wrong(
    "fresh5-vid-split-in-place",
    C,
    """
    import random


    def split_names(words, seed):
        random.seed(seed)
        random.shuffle(words)
        n1 = int(0.8 * len(words))
        n2 = int(0.9 * len(words))
        return words[:n1], words[n1:n2], words[n2:]
    """,
    "the lecture's random.shuffle(words) shuffles the caller's list: a second call on it gives another split",
    r"in place|input list|caller|mutat|changes (the|its) (list|input)|modif",
)
wrong(
    "fresh5-mis-split-no-shuffle",
    C,
    """
    def split_names(words, seed):
        n1, n2 = int(0.8 * len(words)), int(0.9 * len(words))
        return list(words[:n1]), list(words[n1:n2]), list(words[n2:])
    """,
    "no shuffle at all: the first 80% of the file is train",
    r"not shuffled|unshuffled|file order|in order|neighbou|alphabet|sorted|first 80",
)
wrong(
    "fresh5-vid-split-lecture-seed",
    C,
    """
    import random


    def split_names(words, seed):
        ws = list(words)
        random.Random(2147483647).shuffle(ws)
        n1 = int(0.8 * len(ws))
        n2 = int(0.9 * len(ws))
        return ws[:n1], ws[n1:n2], ws[n2:]
    """,
    "ignores the seed argument and shuffles with the lecture's 2147483647",
    r"ignor|does not depend|doesn't depend|every seed|whatever the seed|no matter|2147483647",
)
wrong(
    "fresh5-np-split-set",
    C,
    """
    def split_names(words, seed):
        import numpy as np
        uniq = sorted(set(words))
        idx = np.random.default_rng(seed).permutation(len(uniq))
        n1, n2 = int(0.8 * len(uniq)), int(0.9 * len(uniq))
        return [uniq[i] for i in idx[:n1]], [uniq[i] for i in idx[n1:n2]], [uniq[i] for i in idx[n2:]]
    """,
    "set(words) drops the repeated names: not every line is in a split",
    r"duplicat|repeat|set\(|distinct|missing|dropp|29,?494|fewer|lost",
)
wrong(
    "fresh5-mis-split-70-15-15",
    C,
    """
    import random


    def split_names(words, seed):
        ws = list(words)
        random.Random(seed).shuffle(ws)
        a, b = int(0.7 * len(ws)), int(0.85 * len(ws))
        return ws[:a], ws[a:b], ws[b:]
    """,
    "a 70/15/15 split instead of 80/10/10",
    r"proportion|percent|70 ?%|15 ?%|22,?42[23]|4,?80[45]|too (many|few)|fraction|0\.7",
)
wrong(
    "fresh5-np-split-numpy-arrays",
    C,
    """
    def split_names(words, seed):
        import numpy as np
        arr = np.array(words)
        np.random.default_rng(seed).shuffle(arr)
        n1, n2 = int(0.8 * len(arr)), int(0.9 * len(arr))
        return arr[:n1], arr[n1:n2], arr[n2:]
    """,
    "returns NumPy arrays of np.str_, not lists of names",
    r"ndarray|numpy|array|np\.str_",
)
wrong(
    "fresh5-np-split-hash-key",
    C,
    """
    def split_names(words, seed):
        ws = sorted(words, key=lambda w: hash((w, seed)))
        n1, n2 = int(0.8 * len(ws)), int(0.9 * len(ws))
        return ws[:n1], ws[n1:n2], ws[n2:]
    """,
    "orders by hash(), which changes from one interpreter to the next",
    r"\bhash|interpreter|pythonhashseed|another process|between sessions",
)

# ---------------------------------------------------------------- ex3.sweep
C = "ex3.sweep"
right(
    "fresh5-np-sweep-numpy",
    C,
    """
    import numpy as np
    Nn = ngram_counts(train_words, vocab, order=3).numpy().astype(np.float64)
    Xd, Yd = ngram_dataset(dev_words, vocab, order=3)
    rows = 27 * Xd[:, 0].numpy() + Xd[:, 1].numpy()
    dev_losses = {}
    for s in SMOOTHINGS:
        Ps = (Nn + s) / (Nn + s).sum(axis=1, keepdims=True)
        dev_losses[s] = float(-np.log(Ps[rows, Yd.numpy()]).mean())
    """,
)
right(
    "fresh5-vid-sweep-lecture-style",
    C,
    """
    Ntr = ngram_counts(train_words, vocab, order=3)
    Xd, Yd = ngram_dataset(dev_words, vocab, order=3)
    dev_losses = {}
    for s in SMOOTHINGS:
        P = (Ntr + s).float()
        P /= P.sum(1, keepdims=True)
        dev_losses[s] = -P[Xd[:, 0] * 27 + Xd[:, 1], Yd].log().mean()
    """,
)
wrong(
    "fresh5-mis-sweep-scored-train",
    C,
    """
    Ntr = ngram_counts(train_words, vocab, order=3)
    dev_losses = {s: ngram_score(train_words, ngram_probs(Ntr, s), vocab, order=3).mean_nll
                  for s in SMOOTHINGS}
    """,
    "scored the training names, not the dev names",
    r"scored (on )?the train|train(ing)? (names'|set's) loss|losses on the train|2\.18|too low|memori",
)
wrong(
    "fresh5-mis-sweep-scored-test",
    C,
    """
    Ntr = ngram_counts(train_words, vocab, order=3)
    dev_losses = {s: ngram_score(test_words, ngram_probs(Ntr, s), vocab, order=3).mean_nll
                  for s in SMOOTHINGS}
    """,
    "scored the test names (the wrong split)",
    r"\btest\b",
)
wrong(
    "fresh5-vid-sweep-counted-all",
    C,
    """
    Nall = ngram_counts(words, vocab, order=3)
    Xd, Yd = ngram_dataset(dev_words, vocab, order=3)
    dev_losses = {}
    for s in SMOOTHINGS:
        P = (Nall + s).float()
        P /= P.sum(1, keepdims=True)
        dev_losses[s] = -P[Xd[:, 0] * 27 + Xd[:, 1], Yd].log().mean().item()
    """,
    "counted on all the names (the lecture's habit), so the dev names leak into the table",
    r"all (the )?names|every name|32,?033|whole|includ|leak",
)
wrong(
    "fresh5-np-sweep-list",
    C,
    """
    Ntr = ngram_counts(train_words, vocab, order=3)
    dev_losses = [ngram_score(dev_words, ngram_probs(Ntr, s), vocab, order=3).mean_nll for s in SMOOTHINGS]
    """,
    "a list of the losses, not a dict keyed by smoothing",
    r"\blist\b|keyed|mapping|keys",
)
wrong(
    "fresh5-vid-sweep-plus-one-kept",
    C,
    """
    Ntr = ngram_counts(train_words, vocab, order=3)
    Xd, Yd = ngram_dataset(dev_words, vocab, order=3)
    dev_losses = {}
    for s in SMOOTHINGS:
        P = (Ntr + 1 + s).float()
        P /= P.sum(1, keepdims=True)
        dev_losses[s] = -P[Xd[:, 0] * 27 + Xd[:, 1], Yd].log().mean().item()
    """,
    "kept the lecture's +1 and added the smoothing on top: s + 1 fake counts",
    r"\+ ?1|one too many|extra|add-one|shifted|off by",
)
wrong(
    "fresh5-np-sweep-log2",
    C,
    """
    import numpy as np
    Nn = ngram_counts(train_words, vocab, order=3).numpy().astype(np.float64)
    Xd, Yd = ngram_dataset(dev_words, vocab, order=3)
    rows = 27 * Xd[:, 0].numpy() + Xd[:, 1].numpy()
    dev_losses = {}
    for s in SMOOTHINGS:
        Ps = (Nn + s) / (Nn + s).sum(axis=1, keepdims=True)
        dev_losses[s] = float(-np.log2(Ps[rows, Yd.numpy()]).mean())
    """,
    "np.log2: losses in bits",
    BASE,
)

# ---------------------------------------------------------------- ex3.smoothing
C = "ex3.smoothing"
right(
    "fresh5-np-smoothing-argmin",
    C,
    """
    import numpy as np
    keys = list(dev_losses)
    best_smoothing = keys[int(np.argmin([dev_losses[k] for k in keys]))]
    """,
    before={"ex3.sweep": SWEEP},
)
right(
    "fresh5-vid-smoothing-sorted",
    C,
    """
    best_smoothing = sorted(dev_losses.items(), key=lambda kv: kv[1])[0][0]
    """,
    before={"ex3.sweep": SWEEP},
)
wrong(
    "fresh5-mis-smoothing-on-train",
    C,
    """
    Ntr = ngram_counts(train_words, vocab, order=3)
    tl = {s: ngram_score(train_words, ngram_probs(Ntr, s), vocab, order=3).mean_nll for s in SMOOTHINGS}
    best_smoothing = min(tl, key=tl.get)
    """,
    "chose on the training names' loss (always the smallest smoothing)",
    r"training (names|loss)|on train\b|0\.001\b|smallest (value|smoothing)",
    before={"ex3.sweep": SWEEP},
)
wrong(
    "fresh5-np-smoothing-index",
    C,
    """
    import numpy as np
    best_smoothing = int(np.argmin(list(dev_losses.values())))
    """,
    "stored the argmin index (4), not the smoothing at that index",
    r"index|position|argmin",
    before={"ex3.sweep": SWEEP},
)
wrong(
    "fresh5-mis-smoothing-max",
    C,
    """
    best_smoothing = max(dev_losses, key=dev_losses.get)
    """,
    "took the smoothing with the largest dev loss",
    r"larg|\bmax|highest|worst|10\.0",
    before={"ex3.sweep": SWEEP},
)
wrong(
    "fresh5-mis-smoothing-stored-loss",
    C,
    """
    best_smoothing = min(dev_losses.values())
    """,
    "stored the best dev loss (2.2338), not the smoothing that gives it",
    r"loss value|2\.23|not one of|is a loss|instead of the smoothing",
    before={"ex3.sweep": SWEEP},
)
wrong(
    "fresh5-vid-smoothing-add-one",
    C,
    """
    best_smoothing = 1
    """,
    "chose the lecture's add-one smoothing without looking at the sweep",
    r"add-one|2\.24(77|8)|not the lowest|a lower|is lower",
    before={"ex3.sweep": SWEEP},
)

# ---------------------------------------------------------------- ex3.test_loss
C = "ex3.test_loss"
BEFORE3 = {"ex3.sweep": SWEEP, "ex3.smoothing": CHOICE}
right(
    "fresh5-np-testloss-numpy",
    C,
    """
    import numpy as np
    Nn = ngram_counts(train_words, vocab, order=3).numpy().astype(np.float64) + best_smoothing
    Pn = Nn / Nn.sum(axis=1, keepdims=True)
    Xt, Yt = ngram_dataset(test_words, vocab, order=3)
    test_loss = float(-np.log(Pn[27 * Xt[:, 0].numpy() + Xt[:, 1].numpy(), Yt.numpy()]).mean())
    """,
    before=BEFORE3,
)
right(
    "fresh5-vid-testloss-lecture-style",
    C,
    """
    P = (ngram_counts(train_words, vocab, order=3) + best_smoothing).float()
    P /= P.sum(1, keepdims=True)
    Xt, Yt = ngram_dataset(test_words, vocab, order=3)
    test_loss = -P[Xt[:, 0] * 27 + Xt[:, 1], Yt].log().mean()
    """,
    before=BEFORE3,
)
wrong(
    "fresh5-mis-testloss-dev",
    C,
    """
    test_loss = dev_losses[best_smoothing]
    """,
    "reported the chosen smoothing's dev loss, not the test loss",
    r"dev names|on dev\b|the dev loss|2\.2338|validation",
    before=BEFORE3,
)
wrong(
    "fresh5-mis-testloss-counted-all",
    C,
    """
    P_all = ngram_probs(ngram_counts(words, vocab, order=3), best_smoothing)
    test_loss = ngram_score(test_words, P_all, vocab, order=3).mean_nll
    """,
    "counted on all the names, test names included, then scored the test names",
    r"all (the )?names|leak|includ|whole|every name",
    before=BEFORE3,
)
wrong(
    "fresh5-np-testloss-unsmoothed",
    C,
    """
    import numpy as np
    Nn = ngram_counts(train_words, vocab, order=3).numpy().astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        Pn = Nn / Nn.sum(axis=1, keepdims=True)
        Xt, Yt = ngram_dataset(test_words, vocab, order=3)
        test_loss = float(-np.log(Pn[27 * Xt[:, 0].numpy() + Xt[:, 1].numpy(), Yt.numpy()]).mean())
    """,
    "left the smoothing out: unseen test trigrams give an infinite loss",
    r"\binf|unsmooth|without smoothing|smoothing of 0|zero probab|never seen|not finite",
    before=BEFORE3,
)
wrong(
    "fresh5-vid-testloss-add-one",
    C,
    """
    P = (ngram_counts(train_words, vocab, order=3) + 1).float()
    P /= P.sum(1, keepdims=True)
    Xt, Yt = ngram_dataset(test_words, vocab, order=3)
    test_loss = -P[Xt[:, 0] * 27 + Xt[:, 1], Yt].log().mean().item()
    """,
    "smoothed with the lecture's +1, not the smoothing chosen on dev",
    r"add-one|2\.244|smoothing of 1\b|smoothing 1\b|another smoothing|different smoothing|\+ ?1",
    before=BEFORE3,
)
wrong(
    "fresh5-np-testloss-sum",
    C,
    """
    import numpy as np
    P_best = ngram_probs(ngram_counts(train_words, vocab, order=3), best_smoothing).numpy()
    Xt, Yt = ngram_dataset(test_words, vocab, order=3)
    test_loss = float(-np.log(P_best[27 * Xt[:, 0].numpy() + Xt[:, 1].numpy(), Yt.numpy()]).sum())
    """,
    "summed the negative log-likelihood over the test examples instead of averaging",
    SUM,
    before=BEFORE3,
)

# ---------------------------------------------------------------- ex4.logits
C = "ex4.logits"
right(
    "fresh5-np-logits-numpy-rows",
    C,
    """
    logits = torch.from_numpy(W.detach().numpy()[xs.numpy()])
    """,
)
right(
    "fresh5-vid-logits-embedding",
    C,
    """
    logits = F.embedding(xs, W)
    """,
)
wrong(
    "fresh5-mis-logits-columns",
    C,
    """
    logits = W[:, xs].T
    """,
    "picked columns of W, W[:, xs].T, instead of rows",
    r"columns of W|picks? columns|column of W|transpos|W\[:, ?xs\]|\.T\b",
)
wrong(
    "fresh5-vid-logits-ys",
    C,
    """
    logits = W[ys]
    """,
    "indexed W with the targets ys, not the inputs xs",
    r"\bys\b|target|next char|labels",
)
wrong(
    "fresh5-np-logits-exp",
    C,
    """
    logits = W[xs].exp()
    """,
    "went on to the counts: exp of the logits",
    r"\bexp\b|exp\(|exponent|softmax|all positive|probab",
)
wrong(
    "fresh5-vid-logits-softmax",
    C,
    """
    counts = W[xs].exp()
    logits = counts / counts.sum(1, keepdims=True)
    """,
    "normalised into probabilities: softmax, not the logits",
    r"softmax|probab|sum to 1|normali",
)
wrong(
    "fresh5-mis-logits-unique-rows",
    C,
    """
    logits = W[xs.unique()]
    """,
    "one row per distinct character (27 rows), not one per example",
    r"unique|one per character|distinct",
)

# ---------------------------------------------------------------- ex4.grad
C = "ex4.grad"
right(
    "fresh5-vid-grad-none-first",
    C,
    """
    W.grad = None
    logits = W[xs]
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdims=True)
    loss = -probs[torch.arange(xs.nelement()), ys].log().mean()
    loss.backward()
    grad = W.grad
    """,
    runs=2,
)
right(
    "fresh5-np-grad-zero-clone",
    C,
    """
    if W.grad is not None:
        W.grad.zero_()
    p = W[xs].softmax(dim=1)
    loss = -p[torch.arange(len(ys)), ys].log().mean()
    loss.backward()
    grad = W.grad.detach().clone()
    """,
    runs=2,
)
wrong(
    "fresh5-vid-grad-no-zero-twice",
    C,
    """
    logits = W[xs]
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdims=True)
    loss = -probs[torch.arange(xs.nelement()), ys].log().mean()
    loss.backward()
    grad = W.grad
    """,
    "forgot W.grad = None: the second run adds a second backward pass (twice the gradient)",
    r"twice|doubl|accumul|zero_|grad ?= ?None|two backward|factor (of )?2|2 times|adds up",
    runs=2,
)
wrong(
    "fresh5-vid-grad-reg",
    C,
    """
    W.grad = None
    logits = W[xs]
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdims=True)
    loss = -probs[torch.arange(xs.nelement()), ys].log().mean() + 0.01 * (W**2).mean()
    loss.backward()
    grad = W.grad
    """,
    "left the lecture's regularisation term in the loss",
    REG,
)
wrong(
    "fresh5-mis-grad-sum",
    C,
    """
    W.grad = None
    p = W[xs].softmax(1)
    loss = -p[torch.arange(len(ys)), ys].log().sum()
    loss.backward()
    grad = W.grad
    """,
    "summed the loss over the examples instead of averaging",
    SUM + r"|228,?146",
)
wrong(
    "fresh5-mis-grad-update",
    C,
    """
    W.grad = None
    p = W[xs].softmax(1)
    loss = -p[torch.arange(len(ys)), ys].log().mean()
    loss.backward()
    grad = -50 * W.grad
    """,
    "gave the update -50 * W.grad (the lecture's step), not the gradient",
    r"learning rate|update|-50|\b50\b|scaled|\bsign|opposite",
)
wrong(
    "fresh5-np-grad-by-hand-sign",
    C,
    """
    import numpy as np
    Wn = W.detach().numpy().astype(np.float64)
    E = np.exp(Wn)
    Pn = E / E.sum(axis=1, keepdims=True)
    Nn = np.zeros((27, 27))
    np.add.at(Nn, (xs.numpy(), ys.numpy()), 1)
    grad = (Nn - Nn.sum(axis=1, keepdims=True) * Pn) / len(xs)
    """,
    "the hand-derived gradient with its sign flipped (counts minus expected)",
    r"\bsign|opposite|flip|minus|negat",
)

# ---------------------------------------------------------------- ex5.loss
C = "ex5.loss"
right(
    "fresh5-np-ce-double-item",
    C,
    """
    loss = F.cross_entropy(logits.double(), ys).item()
    """,
)
right(
    "fresh5-vid-ce-sum-then-divide",
    C,
    """
    loss = F.cross_entropy(logits, ys, reduction='sum') / ys.nelement()
    """,
)
right(
    "fresh5-np-ce-one-hot-targets",
    C,
    """
    loss = F.cross_entropy(logits, F.one_hot(ys, num_classes=27).float())
    """,
)
wrong(
    "fresh5-mis-ce-sum",
    C,
    """
    loss = F.cross_entropy(logits, ys, reduction='sum')
    """,
    "reduction='sum': the total, not the average",
    SUM + r"|reduction|228,?146",
)
wrong(
    "fresh5-vid-ce-on-probs",
    C,
    """
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdims=True)
    loss = F.cross_entropy(probs, ys)
    """,
    "gave F.cross_entropy the probabilities: softmax applied twice",
    r"softmax|probab|twice|already normali",
)
wrong(
    "fresh5-mis-ce-nll-loss",
    C,
    """
    loss = F.nll_loss(logits, ys)
    """,
    "F.nll_loss on raw logits: no log-softmax",
    r"nll_loss|log_softmax|log-softmax|no softmax|raw logits",
)
wrong(
    "fresh5-mis-ce-per-example",
    C,
    """
    loss = F.cross_entropy(logits, ys, reduction='none')
    """,
    "reduction='none': one loss per example, not their average",
    r"reduction|per.example|228,?146 (values|numbers|losses)|not a single|vector|\(228,?146,?\)",
)
wrong(
    "fresh5-vid-ce-xs-targets",
    C,
    """
    loss = F.cross_entropy(logits, xs)
    """,
    "used xs as the targets",
    r"\bxs\b|previous character|current character|wrong targets",
)

# ---------------------------------------------------------------- ex5.stable
C = "ex5.stable"
right(
    "fresh5-np-stable-max-shift",
    C,
    """
    def stable_nll(logits, ys):
        m = logits.max(dim=1, keepdim=True).values
        shifted = logits - m
        lse = shifted.exp().sum(dim=1).log()
        picked = shifted[torch.arange(len(ys)), ys]
        return (lse - picked).mean()
    """,
)
right(
    "fresh5-vid-stable-logsumexp-double",
    C,
    """
    def stable_nll(logits, ys):
        logits = logits.double()
        return (torch.logsumexp(logits, dim=1) - logits[torch.arange(ys.nelement()), ys]).mean()
    """,
)
wrong(
    "fresh5-vid-stable-naive",
    C,
    """
    def stable_nll(logits, ys):
        counts = logits.exp()
        probs = counts / counts.sum(1, keepdims=True)
        return -probs[torch.arange(ys.nelement()), ys].log().mean()
    """,
    "the lecture's exp-then-divide, unchanged: overflows on large logits",
    r"overflow|\bnan\b|subtract|\bmax",
)
wrong(
    "fresh5-np-stable-float64-only",
    C,
    """
    def stable_nll(logits, ys):
        counts = logits.double().exp()
        probs = counts / counts.sum(1, keepdims=True)
        return -probs[torch.arange(len(ys)), ys].log().mean()
    """,
    "only moved to float64: still overflows at 1000 and underflows at -1000",
    r"float64|double|overflow|underflow|\bnan\b",
)
wrong(
    "fresh5-np-stable-min-shift",
    C,
    """
    def stable_nll(logits, ys):
        shifted = logits - logits.min(dim=1, keepdim=True).values
        counts = shifted.exp()
        probs = counts / counts.sum(1, keepdims=True)
        return -probs[torch.arange(len(ys)), ys].log().mean()
    """,
    "subtracted each row's minimum instead of its maximum",
    r"\bmin|smallest|largest|\bmax",
)
wrong(
    "fresh5-mis-stable-sum",
    C,
    """
    def stable_nll(logits, ys):
        return (torch.logsumexp(logits, 1) - logits[torch.arange(len(ys)), ys]).sum()
    """,
    "summed over the rows instead of averaging",
    SUM,
)
wrong(
    "fresh5-np-stable-clamp",
    C,
    """
    def stable_nll(logits, ys):
        z = logits.clamp(-80, 80)
        counts = z.exp()
        probs = counts / counts.sum(1, keepdims=True)
        return -probs[torch.arange(len(ys)), ys].log().mean()
    """,
    "clamped the logits to [-80, 80], which changes the answer",
    r"clamp|clip|\bcap|cut off",
)
wrong(
    "fresh5-np-stable-global-max",
    C,
    """
    def stable_nll(logits, ys):
        shifted = logits - logits.max()
        counts = shifted.exp()
        probs = counts / counts.sum(1, keepdims=True)
        return -probs[torch.arange(len(ys)), ys].log().mean()
    """,
    "subtracted the largest logit of the whole batch, not of each row (no axis)",
    r"per row|each row|row-wise|whole (batch|table)|global max|over all rows|underflow|axis|keepdim",
)

# ---------------------------------------------------------------- ex6.weights
C = "ex6.weights"
right(
    "fresh5-vid-weights-long",
    C,
    """
    train_neural(W, xs, ys, steps=20000, lr=50)
    W_trained = W
    """,
)
right(
    "fresh5-np-weights-float64-copy",
    C,
    """
    W_trained = W.detach().double().clone()
    train_neural(W_trained, xs, ys, steps=20000, lr=50.0)
    """,
)
wrong(
    "fresh5-vid-weights-100-steps",
    C,
    """
    train_neural(W, xs, ys, steps=100, lr=50)
    W_trained = W
    """,
    "stopped at the lecture's 100 steps",
    NOT_TRAINED,
)
wrong(
    "fresh5-mis-weights-losses",
    C,
    """
    W_trained = train_neural(W, xs, ys, steps=20000, lr=50)
    """,
    "stored the list of losses train_neural returns, not the weights",
    LIST_NOT_W,
)
wrong(
    "fresh5-vid-weights-reg",
    C,
    """
    train_neural(W, xs, ys, steps=20000, lr=50, reg=0.01)
    W_trained = W
    """,
    "kept the lecture's reg=0.01: the penalty holds the loss above the counting model's",
    REG + r"|\breg\b",
)
wrong(
    "fresh5-mis-weights-probs",
    C,
    """
    W_trained = P
    """,
    "gave the counting model's probabilities P, not weights (logits)",
    r"probab|softmax|log of|sum to 1|rows of P|\bis P\b",
)
wrong(
    "fresh5-np-weights-transposed",
    C,
    """
    train_neural(W, xs, ys, steps=20000, lr=50)
    W_trained = W.detach().T
    """,
    "transposed the trained weights (rows are the next character)",
    r"transpos|\.T\b|swap|columns? (and|for) rows|rows and columns",
)
