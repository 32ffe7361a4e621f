"""A seventh blind round of learner answers to notebook 05's exercises (ids "fresh7-...").

How it was written. Three learners new to the table, each typing into the answer cells of
`notebooks/05_exercises.py` in that cell's namespace:
- the PyTorch-idiom user, who reaches for the library first (`torch.bincount`, `index_put_`
  with and without `accumulate=True`, `torch.unique(return_counts=True)`, `F.nll_loss`,
  `Categorical.log_prob`, `F.embedding`, `nn.Embedding`, `F.linear`, `torch.optim.SGD`/`Adam`,
  `nn.Linear`, `torch.logsumexp`, `torch.autograd.grad`) and slips on `reduction`, `dim`,
  `zero_grad()`, an optimizer's own learning rate and the (out, in) layout of `F.linear` and
  `nn.Linear`;
- the assistant paster, who pastes tidy functions with docstrings, type hints and sensible-
  sounding defaults (`eps=1e-8`, `smoothing=1.0`, `seed=0`, `label_smoothing`, `ignore_index`,
  `reg=0.01`), sometimes re-deriving the data (one start marker, its own split, de-duplicated
  names, a refit on train + dev);
- the hurried learner: slices left in (`words[:1000]`, `xs[:100]`), fewer steps, a larger
  learning rate, a variable reused from the cell above, a rounded number typed in, a list
  where a tensor is asked, the list of losses kept instead of the weights.
Read: notebooks 01-05 and 05_exercises_solutions (.py, and the stored outputs of the
solutions' .ipynb), the lesson modules `ngram.py` and `neural.py`, the harness
`test_exercises_blind.py`, the referee `blind_referee.py`, lines 1-75 of `blind_answers.py`
and `/work/briefs/share.py`. Not read: `bigram_helpers/exercises/`, the other answer tables,
the other test files, history, notes. Neutral messages were seen only as the failing-test
output of `test_no_points_at_pattern_matches_a_message_that_names_nothing` (step 3).

Order of work. Rows, verdicts, mistakes and `points_at` were committed before any check ran
("fresh7: rows as written"). The referee's first pass stopped on an IndentationError: the
multi-line `before` answers were not dedented (the harness dedents only `code`); they were
wrapped in `dedent`, no answer or verdict changed, and the referee then agreed with every
row. The names-nothing test then flagged four patterns, narrowed before the first run:
"19,683" out of counts-add-one, "raised|error" out of network-f-linear-layout, "columns?\\b"
(matched "column 1") out of stable-logsumexp-dim0, "\\bys\\b" (matched "stable_nll(logits, ys)")
out of stable-no-target-term. Nothing was changed after the first run.

First run (`/work/briefs/fresh7-first-run.txt`): 83 wrong and 37 right answers.
- wrong answers called correct: 0;
- right answers rejected: 0;
- checks that raised or printed more than one line: 0; the referee agreed with every row;
- pointed at: 59 of 83 wrong answers (71%).
One hit is thin: logits-first-100 matched "\b100\b" in a plain "expected shape (228146, 27),
got (100, 27)", a measured symptom rather than a named slice.

The 24 misses. Eight are this table's patterns being too narrow: the message names the
mistake and the pattern missed it (counted as misses all the same, since patterns may only
be narrowed after the first run):
- counts-context-newer-first: "the context's row is c2 * 27 + c1" (pattern had "27 * c2");
- network-per-example-vector: "got a tensor of shape (53,)" where one number is expected;
- split-first-1000: "lines of names.txt are in no split";
- sweep-scored-on-train: "these are training losses: judge each smoothing on dev";
- smoothing-the-loss: "this is the lowest dev loss; the answer is the smoothing";
- test-loss-refit-train-dev: "counted on the training and dev names";
- ce-softmax-first: "you gave it probabilities";
- ce-first-100: "the loss of some of the examples only, the first n (logits[:n])".
Two more state a measured symptom that shows where the mistake is, in words the patterns did
not foresee: counts-index-put-no-accumulate ("the entries that differ are all 1 ... clamped",
which also guesses a clamp the answer did not make) and counts-first-1000-names ("7,000
trigrams in all where the names give 228,146").
The other fourteen get a message that names nothing this row could act on:
- probs-from-slice-counts: "269 of the 602 rows ... do not sum to 1" (true of the zero rows of
  a 1,000-name table, but it points at the normalising, which is right);
- loss-nll-without-log: "-0.1833 ... -0.08388 times the reference" (a negative loss, not said);
- loss-first-1000-names: "1.7210 ... 0.7874 times the reference";
- network-no-zero-grad, network-high-lr, network-trained-on-slice: "the loss is ... but your
  weights are not on the lesson's way there ... in another direction" (no word on the piled-up
  gradients, the learning rate or the 1,000 examples);
- sweep-own-split, sweep-denominator-without-27s: "9 of the 9 dev losses differ ...";
- logits-fresh-embedding, grad-first-1000: "N of the M entries differ ...";
- stable-logsumexp-dim0, stable-no-target-term: "on the logits W[xs] it gives X where Y is
  right";
- weights-lr-200, weights-own-train-split: "not on the lesson's way there ... softmax(W)
  differs from P most in row ...".

After the round (commit f6c7eca; no row of this table changed). counts-index-put-no-accumulate
was told "clamped", a cause it does not have: the message now states what was measured (the
entries are all 1, the answer's greatest value). Four rows were added to the checks for
mistakes made here that no row reproduced: ex1.counts counted_once, ex1.loss no_log,
ex5.stable no_target, and the log-sum-exp-over-columns form of ex5.stable softmax_axis. With
them, 63 of 83 wrong answers (76%) are pointed at by this table's patterns; of the other 20,
the eight listed first above name their mistake in words the patterns missed, so 71 of 83
(86%) get a message that names the mistake or shows where it is. Still unnamed: answers
computed on a slice of the data (words[:1000], the first 1,000 pairs) beyond a plain count
of what differs, training runs that went wrong in their own way (no zero_grad, a learning
rate of 100 or 200), a split of its own, and an nn.Embedding's own weights.
"""

from __future__ import annotations

from textwrap import dedent

from blind_answers import NOT_TRAINED, SIGN, SUM_NOT_MEAN, right, wrong

SLICE = r"1,?000\b|subset|slice|first \d|only \d|not all|part of the|fewer (names|examples|pairs)"
ROUNDED = r"round|decimal|digits|precision|typed|by hand"

# ---------------------------------------------------------------- Exercise 1, part 1: N3
C = "ex1.counts"
right(
    "fresh7-counts-bincount",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    idx = (X[:, 0] * 27 + X[:, 1]) * 27 + Y
    N3 = torch.bincount(idx, minlength=729 * 27).view(729, 27)
    """,
)
right(
    "fresh7-counts-index-put-accumulate",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    N3 = torch.zeros((27, 27, 27), dtype=torch.long)
    N3.index_put_((X[:, 0], X[:, 1], Y), torch.ones(len(Y), dtype=torch.long), accumulate=True)
    """,
)
right(
    "fresh7-counts-unique-return-counts",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    flat = (X[:, 0] * 27 + X[:, 1]) * 27 + Y
    cells, how_many = torch.unique(flat, return_counts=True)
    N3 = torch.zeros(729 * 27)
    N3[cells] = how_many.float()
    N3 = N3.view(729, 27)
    """,
)
wrong(
    "fresh7-counts-context-newer-first",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    idx = (X[:, 1] * 27 + X[:, 0]) * 27 + Y
    N3 = torch.bincount(idx, minlength=729 * 27).view(729, 27)
    """,
    "the context row is 27*c2 + c1 (newer character first), not 27*c1 + c2",
    r"swap|revers|newer|other way|mirror|27 ?\* ?c2|'me'",
)
wrong(
    "fresh7-counts-index-put-no-accumulate",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    N3 = torch.zeros((27, 27, 27), dtype=torch.long)
    N3.index_put_((X[:, 0], X[:, 1], Y), torch.ones(len(Y), dtype=torch.long))
    """,
    "index_put_ without accumulate=True: repeated trigrams overwrite, every cell is 0 or 1",
    r"accumulat|0 or 1|ones and zeros|at most (1|one)|only once|once each|duplicate|repeat|overwr",
)
wrong(
    "fresh7-counts-target-first-layout",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    N3 = torch.zeros((27, 27, 27), dtype=torch.long)
    N3.index_put_((Y, X[:, 0], X[:, 1]), torch.ones(len(Y), dtype=torch.long), accumulate=True)
    """,
    "the (27, 27, 27) table is laid out next-character first, N3[c3, c1, c2]",
    r"swap|transpos|permut|axes|axis|order of the (dim|ind|ax)|next character first|N3\[c3",
)
wrong(
    "fresh7-counts-first-1000-names",
    C,
    """
    N3 = ngram_counts(words[:1000], vocab, order=3)
    """,
    "counted on words[:1000], a quick test slice never switched back to all the names",
    SLICE,
)
wrong(
    "fresh7-counts-one-start-marker",
    C,
    """
    from collections import Counter


    def count_trigrams(names: list[str], stoi: dict[str, int]) -> torch.Tensor:
        \"\"\"Count (c1, c2) -> c3 transitions, with '.' as the start and end token.\"\"\"
        tally: Counter[tuple[str, str, str]] = Counter()
        for name in names:
            chars = ["."] + list(name) + ["."]
            tally.update(zip(chars, chars[1:], chars[2:]))
        counts = torch.zeros((27 * 27, 27), dtype=torch.int64)
        for (c1, c2, c3), n in tally.items():
            counts[stoi[c1] * 27 + stoi[c2], stoi[c3]] = n
        return counts


    N3 = count_trigrams(words, stoi)
    """,
    "one '.' before each name instead of two: the example '..' -> first letter is never counted",
    r"one '?\.'? before|single|first letter|first character|\.\. ?(→|->)|196,113|start of (each|a|the) name",
)
wrong(
    "fresh7-counts-add-one",
    C,
    """
    def trigram_counts(names: list[str], smoothing: float = 1.0) -> torch.Tensor:
        \"\"\"Trigram count table (729, 27), with add-one smoothing so no count is zero.\"\"\"
        return ngram_counts(names, vocab, order=3) + int(smoothing)


    N3 = trigram_counts(words)
    """,
    "adds one to every cell (smoothing) in what should be raw counts",
    r"smooth|fake|add-one|\+ ?1\b|plus one|one too many|no zeros|never (0|zero)",
)
wrong(
    "fresh7-counts-nested-list",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3).tolist()
    """,
    "a nested Python list where a tensor table is asked",
    r"\blist\b|tolist|not a tensor|torch\.tensor\(",
)

# ---------------------------------------------------------------- Exercise 1, part 2: P3
C = "ex1.probs"
right(
    "fresh7-probs-clamp-denominator",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3).float()
    P3 = N3 / N3.sum(1, keepdim=True).clamp(min=1)
    """,
)
right(
    "fresh7-probs-cube-nan-to-num",
    C,
    """
    P3 = torch.nan_to_num(N3 / N3.sum(-1, keepdim=True))
    """,
    before={
        "ex1.counts": dedent("""
        X, Y = ngram_dataset(words, vocab, order=3)
        N3 = torch.zeros((27, 27, 27), dtype=torch.long)
        N3.index_put_((X[:, 0], X[:, 1], Y), torch.ones(len(Y), dtype=torch.long), accumulate=True)
        """)
    },
)
right(
    "fresh7-probs-f-normalize",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3)
    P3 = F.normalize(N3.float(), p=1, dim=1)
    """,
)
right(
    "fresh7-probs-eps-in-denominator",
    C,
    '''
    def normalize_rows(counts: torch.Tensor, eps: float = 1e-8) -> torch.Tensor:
        """Row-normalise a count table; eps keeps empty rows at zero instead of NaN."""
        counts = counts.float()
        return counts / (counts.sum(dim=1, keepdim=True) + eps)


    P3 = normalize_rows(ngram_counts(words, vocab, order=3))
    ''',
)
wrong(
    "fresh7-probs-softmax-of-counts",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3)
    P3 = F.softmax(N3.float(), dim=1)
    """,
    "softmax of the counts (exponentiates them) instead of dividing by the row sum",
    r"softmax|exponen|e\^|exp\(",
)
wrong(
    "fresh7-probs-dim-0",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3).float()
    P3 = N3 / N3.sum(0, keepdim=True).clamp(min=1)
    """,
    "normalised along dim=0: the columns sum to 1, not the rows",
    r"columns sum|columns add|dim=?0|axis|transpos|down (each|the)|each column",
)
wrong(
    "fresh7-probs-smoothing-default",
    C,
    '''
    def trigram_probs(counts: torch.Tensor, smoothing: float = 1.0) -> torch.Tensor:
        """Turn trigram counts into next-character probabilities (Laplace-smoothed)."""
        return ngram_probs(counts, smoothing)


    P3 = trigram_probs(ngram_counts(words, vocab, order=3))
    ''',
    "add-one smoothing where the part asks for none",
    r"smooth|fake|add-one|\+ ?1\b|never (0|zero)|no zeros|1/756|non-?zero",
)
wrong(
    "fresh7-probs-nan-rows",
    C,
    """
    N3 = ngram_counts(words, vocab, order=3).float()
    P3 = N3 / N3.sum(1, keepdim=True)
    """,
    "0/0 left in the rows of contexts that never occur: NaN",
    r"nan|0 ?/ ?0|by zero|not a number",
)
wrong(
    "fresh7-probs-from-slice-counts",
    C,
    """
    P3 = ngram_probs(N3)
    """,
    "normalises the counts of words[:1000] left from the cell above",
    SLICE,
    before={"ex1.counts": "N3 = ngram_counts(words[:1000], vocab, order=3)\n"},
)
wrong(
    "fresh7-probs-rounded",
    C,
    """
    P3 = ngram_probs(ngram_counts(words, vocab, order=3)).round(decimals=2)
    """,
    "rounds the probabilities to two decimals",
    ROUNDED + r"|0\.01",
)

# ---------------------------------------------------------------- Exercise 1, part 3: loss3
C = "ex1.loss"
right(
    "fresh7-loss-nll-loss",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    P3 = ngram_probs(ngram_counts(words, vocab, order=3))
    loss3 = F.nll_loss(P3[X[:, 0] * 27 + X[:, 1]].log(), Y)
    """,
)
right(
    "fresh7-loss-categorical",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    P3 = ngram_probs(ngram_counts(words, vocab, order=3))
    dist = torch.distributions.Categorical(probs=P3[X[:, 0] * 27 + X[:, 1]])
    loss3 = -dist.log_prob(Y).mean()
    """,
)
right(
    "fresh7-loss-function-float64",
    C,
    '''
    def average_nll(P: torch.Tensor, X: torch.Tensor, Y: torch.Tensor) -> float:
        """Mean negative log-likelihood of Y given the (c1, c2) contexts in X, in float64."""
        rows = X[:, 0] * P.shape[1] + X[:, 1]
        return -P.double()[rows, Y].log().mean().item()


    X, Y = ngram_dataset(words, vocab, order=3)
    loss3 = average_nll(ngram_probs(ngram_counts(words, vocab, order=3)), X, Y)
    ''',
)
wrong(
    "fresh7-loss-nll-without-log",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    P3 = ngram_probs(ngram_counts(words, vocab, order=3))
    loss3 = F.nll_loss(P3[X[:, 0] * 27 + X[:, 1]], Y)
    """,
    "F.nll_loss given the probabilities, not their log: minus the mean probability",
    r"without (the |a )?log|forgot the log|no log|log-probabilit|negative (number|value|loss)|below (0|zero)"
    r"|less than (0|zero)|can(no|')t be negative|nll_loss",
)
wrong(
    "fresh7-loss-reduction-sum",
    C,
    """
    X, Y = ngram_dataset(words, vocab, order=3)
    P3 = ngram_probs(ngram_counts(words, vocab, order=3))
    loss3 = F.nll_loss(P3[X[:, 0] * 27 + X[:, 1]].log(), Y, reduction="sum")
    """,
    "reduction='sum': the total over the examples, not the average",
    SUM_NOT_MEAN,
)
wrong(
    "fresh7-loss-bits",
    C,
    '''
    def cross_entropy_bits(P: torch.Tensor, X: torch.Tensor, Y: torch.Tensor) -> float:
        """Cross-entropy of the trigram model in bits per character."""
        return -torch.log2(P[X[:, 0] * 27 + X[:, 1], Y]).mean().item()


    X, Y = ngram_dataset(words, vocab, order=3)
    loss3 = cross_entropy_bits(ngram_probs(ngram_counts(words, vocab, order=3)), X, Y)
    ''',
    "log base 2 (bits), not the natural log",
    r"base|log ?2|bits|ln ?\(?2|0\.69|1\.44|natural",
)
wrong(
    "fresh7-loss-first-1000-names",
    C,
    """
    some = words[:1000]
    X, Y = ngram_dataset(some, vocab, order=3)
    P3 = ngram_probs(ngram_counts(some, vocab, order=3))
    loss3 = -P3[X[:, 0] * 27 + X[:, 1], Y].log().mean().item()
    """,
    "the loss of a model counted and scored on words[:1000] only",
    SLICE,
)
wrong(
    "fresh7-loss-typed-rounded",
    C,
    """
    loss3 = 2.19
    """,
    "types in the value rounded to two decimals",
    ROUNDED,
)
wrong(
    "fresh7-loss-bigram-variable",
    C,
    """
    loss3 = bigram_loss
    """,
    "reuses bigram_loss from the cell above: the bigram's loss, not the trigram's",
    r"bigram'?s|2\.4540|order 2|one character back|two-character",
)

# ---------------------------------------------------------------- Exercise 1, part 4: W3 and its loss
C = "ex1.network"
right(
    "fresh7-network-cross-entropy-forward",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        return F.cross_entropy(F.one_hot(X, num_classes=27).float().view(-1, 54) @ W, Y)


    train_ngram_neural(W3, X3, Y3, 300, 30)
    """,
)
right(
    "fresh7-network-sgd-optimizer",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        logits = W[X[:, 0]] + W[27 + X[:, 1]]
        return -F.log_softmax(logits, dim=1).gather(1, Y.unsqueeze(1)).mean()


    opt = torch.optim.SGD([W3], lr=30)
    for _ in range(150):
        opt.zero_grad()
        trigram_nn_loss(W3, X3, Y3).backward()
        opt.step()
    """,
)
right(
    "fresh7-network-logsumexp",
    C,
    '''
    def trigram_nn_loss(W: torch.Tensor, X: torch.Tensor, Y: torch.Tensor) -> torch.Tensor:
        """Mean NLL of the 54-input network, computed with logsumexp for stability."""
        xenc = F.one_hot(X, num_classes=27).float().reshape(len(X), 54)
        logits = xenc @ W
        picked = logits[torch.arange(len(Y)), Y]
        return (torch.logsumexp(logits, dim=1) - picked).mean()


    train_ngram_neural(W3, X3, Y3, steps=500, lr=30)
    ''',
)
wrong(
    "fresh7-network-f-linear-layout",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        xenc = F.one_hot(X, num_classes=27).float().view(-1, 54)
        return F.cross_entropy(F.linear(xenc, W), Y)


    train_ngram_neural(W3, X3, Y3, 300, 30)
    """,
    "F.linear expects an (out, in) weight: with W (54, 27) the forward pass fails",
    r"F\.linear|\(out, in\)|transpos|\.T\b|mat1 and mat2|cannot be multiplied",
)
wrong(
    "fresh7-network-no-zero-grad",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        logits = W[X[:, 0]] + W[27 + X[:, 1]]
        return F.cross_entropy(logits, Y)


    opt = torch.optim.SGD([W3], lr=30)
    for _ in range(100):
        trigram_nn_loss(W3, X3, Y3).backward()
        opt.step()
    """,
    "optimizer.zero_grad() forgotten: the gradients pile up from step to step",
    r"zero_grad|accumulat|nan|\binf|diverg|blew up|pil(e|ing) up",
)
wrong(
    "fresh7-network-forward-sum",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        xenc = F.one_hot(X, num_classes=27).float().view(-1, 54)
        return F.cross_entropy(xenc @ W, Y, reduction="sum")


    train_ngram_neural(W3, X3, Y3, 300, 30)
    """,
    "the forward pass returns the sum over the examples, not the average",
    SUM_NOT_MEAN,
)
wrong(
    "fresh7-network-fifty-steps",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        xenc = F.one_hot(X, num_classes=27).float().view(-1, 54)
        probs = (xenc @ W).softmax(dim=1)
        return -probs[torch.arange(len(Y)), Y].log().mean()


    train_ngram_neural(W3, X3, Y3, 50, 30)
    """,
    "trained for only 50 steps: the loss is still above the goal",
    NOT_TRAINED,
)
wrong(
    "fresh7-network-high-lr",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        xenc = F.one_hot(X, num_classes=27).float().view(-1, 54)
        probs = (xenc @ W).softmax(dim=1)
        return -probs[torch.arange(len(Y)), Y].log().mean()


    train_ngram_neural(W3, X3, Y3, 100, 100)  # lr 100 to go faster
    """,
    "learning rate raised to 100 to go faster: the loss ends far above the goal",
    r"learning rate|\blr\b|too (large|high|big)|overshoot|diverg|oscillat",
)
wrong(
    "fresh7-network-trained-on-slice",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        xenc = F.one_hot(X, num_classes=27).float().view(-1, 54)
        probs = (xenc @ W).softmax(dim=1)
        return -probs[torch.arange(len(Y)), Y].log().mean()


    train_ngram_neural(W3, X3[:1000], Y3[:1000], 300, 30)
    """,
    "trained on the first 1,000 examples only (a quick-test slice)",
    SLICE,
)
wrong(
    "fresh7-network-per-example-vector",
    C,
    '''
    def trigram_nn_loss(W: torch.Tensor, X: torch.Tensor, Y: torch.Tensor) -> torch.Tensor:
        """Negative log-likelihood of each example under the 54-input network."""
        xenc = F.one_hot(X, num_classes=27).float().view(-1, 54)
        log_probs = F.log_softmax(xenc @ W, dim=-1)
        return -log_probs[torch.arange(len(Y)), Y]


    train_ngram_neural(W3, X3, Y3, steps=300, lr=30)
    ''',
    "the forward pass returns one loss per example, never averaged",
    r"per.example|vector|scalar|one (number|value|loss) per|\d+ (numbers|values|elements)|not averaged",
)
wrong(
    "fresh7-network-halves-swapped",
    C,
    '''
    def trigram_nn_loss(W: torch.Tensor, X: torch.Tensor, Y: torch.Tensor) -> torch.Tensor:
        """Average NLL; the input is the newest character's one-hot, then the previous one's."""
        xenc = torch.cat([F.one_hot(X[:, 1], 27), F.one_hot(X[:, 0], 27)], dim=1).float()
        return F.cross_entropy(xenc @ W, Y)


    train_ngram_neural(W3, X3, Y3, steps=300, lr=30)
    ''',
    "the two one-hot halves side by side in the wrong order (newer character first)",
    r"swap|revers|newer|other way|halves|older .* (second|last)|rows 27",
)
wrong(
    "fresh7-network-assigned-losses",
    C,
    """
    def trigram_nn_loss(W, X, Y):
        xenc = F.one_hot(X, num_classes=27).float().view(-1, 54)
        probs = (xenc @ W).softmax(dim=1)
        return -probs[torch.arange(len(Y)), Y].log().mean()


    W3 = train_ngram_neural(W3, X3, Y3, 300, 30)
    """,
    "W3 = train_ngram_neural(...): W3 becomes the list of losses",
    r"\blist\b|losses|W3 ?=|assign|return(s|ed) (value|the)",
)

# ---------------------------------------------------------------- Exercise 2: split_names
C = "ex2.split"
right(
    "fresh7-split-random-split",
    C,
    """
    def split_names(words, seed):
        parts = torch.utils.data.random_split(
            words, [0.8, 0.1, 0.1], generator=torch.Generator().manual_seed(seed)
        )
        return tuple([words[i] for i in part.indices] for part in parts)
    """,
)
right(
    "fresh7-split-random-instance",
    C,
    '''
    import random


    def split_names(words: list[str], seed: int = 0) -> tuple[list[str], list[str], list[str]]:
        """Shuffle a copy of the names with a seeded RNG and split 80/10/10."""
        rng = random.Random(seed)
        shuffled = list(words)
        rng.shuffle(shuffled)
        n_train = int(0.8 * len(shuffled))
        n_dev = int(0.9 * len(shuffled))
        return shuffled[:n_train], shuffled[n_train:n_dev], shuffled[n_dev:]
    ''',
)
right(
    "fresh7-split-global-manual-seed",
    C,
    """
    def split_names(words, seed):
        torch.manual_seed(seed)
        perm = torch.randperm(len(words))
        a, b = round(0.8 * len(words)), round(0.9 * len(words))
        return [words[i] for i in perm[:a]], [words[i] for i in perm[a:b]], [words[i] for i in perm[b:]]
    """,
)
wrong(
    "fresh7-split-shuffles-input",
    C,
    '''
    import random


    def split_names(words: list[str], seed: int = 42) -> tuple[list[str], list[str], list[str]]:
        """Shuffle the names reproducibly and split them 80/10/10."""
        random.seed(seed)
        random.shuffle(words)
        n1, n2 = int(0.8 * len(words)), int(0.9 * len(words))
        return words[:n1], words[n1:n2], words[n2:]
    ''',
    "shuffles the caller's list in place instead of a copy",
    r"in place|in-place|modif|mutat|changed (the|your) (input|list)|original list|a copy|caller",
)
wrong(
    "fresh7-split-deduplicated",
    C,
    '''
    import random


    def split_names(words: list[str], seed: int = 0) -> tuple[list[str], list[str], list[str]]:
        """Split the unique names into train/dev/test (80/10/10) so no name leaks across splits."""
        names = sorted(set(words))
        random.Random(seed).shuffle(names)
        n_train, n_dev = int(0.8 * len(names)), int(0.1 * len(names))
        return names[:n_train], names[n_train:n_train + n_dev], names[n_train + n_dev:]
    ''',
    "drops the repeated names (set), so not every line is in a split",
    r"set\(|duplicat|repeat|distinct|unique|29,494|2,539|twice|more than once",
)
wrong(
    "fresh7-split-randperm-no-generator",
    C,
    """
    def split_names(words, seed):
        perm = torch.randperm(len(words))
        n1, n2 = int(0.8 * len(words)), int(0.9 * len(words))
        return [words[i] for i in perm[:n1]], [words[i] for i in perm[n1:n2]], [words[i] for i in perm[n2:]]
    """,
    "torch.randperm without a generator: the seed is never used, each call differs",
    r"ignor|reproduc|two calls|twice|second call|each call|every call|call to call|changes? between|unused",
)
wrong(
    "fresh7-split-first-1000",
    C,
    """
    import random


    def split_names(words, seed):
        w = list(words[:1000])
        random.Random(seed).shuffle(w)
        return w[:800], w[800:900], w[900:]
    """,
    "splits only the first 1,000 names, a test slice left in",
    SLICE + r"|missing|\d+ of the 32,033",
)
wrong(
    "fresh7-split-off-by-one",
    C,
    """
    import random


    def split_names(words, seed):
        w = list(words)
        random.Random(seed).shuffle(w)
        a, b = int(0.8 * len(w)), int(0.1 * len(w))
        return w[:a], w[a:a + b], w[a + b + 1:]
    """,
    "off by one at the test slice: one name is in no split",
    r"missing|lost|drop|32,032|left out|in no split|not in any|off.by.one|one (line|name) short",
)
wrong(
    "fresh7-split-hash-of-string-seed",
    C,
    '''
    import random


    def split_names(words: list[str], seed: int) -> tuple[list[str], list[str], list[str]]:
        """Deterministic 80/10/10 split; the seed is hashed to spread it over the RNG's range."""
        rng = random.Random(hash(str(seed)))
        shuffled = words[:]
        rng.shuffle(shuffled)
        a, b = int(len(shuffled) * 0.8), int(len(shuffled) * 0.9)
        return shuffled[:a], shuffled[a:b], shuffled[b:]
    ''',
    "seeds the RNG with hash(str(seed)), which changes from one interpreter to the next",
    r"interpreter|session|hash|PYTHONHASHSEED|another python|new python",
)
wrong(
    "fresh7-split-subsets",
    C,
    """
    def split_names(words, seed):
        g = torch.Generator().manual_seed(seed)
        return tuple(torch.utils.data.random_split(words, [0.8, 0.1, 0.1], generator=g))
    """,
    "returns random_split's Subset objects, not lists of names",
    r"Subset|random_split|not lists?\b|lists of (names|str)|\btype",
)

# ---------------------------------------------------------------- Exercise 3, part 1: the sweep
C = "ex3.sweep"
right(
    "fresh7-sweep-nll-loss-by-hand",
    C,
    """
    N = ngram_counts(train_words, vocab, order=3).double()
    X, Y = ngram_dataset(dev_words, vocab, order=3)
    rows = X[:, 0] * 27 + X[:, 1]
    dev_losses = {}
    for s in SMOOTHINGS:
        logp = torch.log((N + s) / (N + s).sum(1, keepdim=True))
        dev_losses[s] = F.nll_loss(logp[rows], Y).item()
    """,
)
right(
    "fresh7-sweep-function",
    C,
    '''
    def dev_loss(smoothing: float) -> float:
        """Dev-set mean NLL of the trigram model counted on the training names."""
        counts = ngram_counts(train_words, vocab, order=3)
        return ngram_score(dev_words, ngram_probs(counts, smoothing), vocab, order=3).mean_nll


    dev_losses = {s: dev_loss(s) for s in SMOOTHINGS}
    ''',
)
wrong(
    "fresh7-sweep-counted-on-all",
    C,
    '''
    def sweep(smoothings, names=words):
        """Dev loss for each smoothing value of the trigram counting model."""
        counts = ngram_counts(names, vocab, order=3)
        return {s: ngram_score(dev_words, ngram_probs(counts, s), vocab, 3).mean_nll for s in smoothings}


    dev_losses = sweep(SMOOTHINGS)
    ''',
    "counted on all the names (dev names included), not the training names",
    r"lea?k|counted on all|includes? (the )?dev|dev names (are |were )?(in|among|counted)|whole|every name",
)
wrong(
    "fresh7-sweep-scored-on-train",
    C,
    """
    N = ngram_counts(train_words, vocab, order=3)
    dev_losses = {s: ngram_score(train_words, ngram_probs(N, s), vocab, order=3).mean_nll for s in SMOOTHINGS}
    """,
    "scores the training names instead of the dev names",
    r"scored? (on )?the training|training (names'?|set'?s?) loss|instead of (the )?dev|on train\b",
)
wrong(
    "fresh7-sweep-string-keys",
    C,
    """
    N = ngram_counts(train_words, vocab, order=3)
    dev_losses = {
        f"{s:g}": ngram_score(dev_words, ngram_probs(N, s), vocab, order=3).mean_nll for s in SMOOTHINGS
    }
    """,
    "keys are formatted strings ('0.001'), not the smoothing numbers",
    r"str(ing)?s?\b|quot|text|'0\.001'",
)
wrong(
    "fresh7-sweep-list",
    C,
    """
    N = ngram_counts(train_words, vocab, order=3)
    dev_losses = [ngram_score(dev_words, ngram_probs(N, s), vocab, order=3).mean_nll for s in SMOOTHINGS]
    """,
    "a list of losses, not a dict keyed by smoothing",
    r"\blist\b|not a dict|a dict,? not",
)
wrong(
    "fresh7-sweep-own-split",
    C,
    '''
    import random


    def make_splits(names: list[str], seed: int = 0) -> tuple[list[str], list[str], list[str]]:
        """Reproducible 80/10/10 split."""
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        a, b = int(0.8 * len(shuffled)), int(0.9 * len(shuffled))
        return shuffled[:a], shuffled[a:b], shuffled[b:]


    tr, dv, _ = make_splits(words)
    N = ngram_counts(tr, vocab, order=3)
    dev_losses = {s: ngram_score(dv, ngram_probs(N, s), vocab, order=3).mean_nll for s in SMOOTHINGS}
    ''',
    "makes its own split (seed 0) instead of using the given train and dev names",
    r"own split|another split|other split|given_split|seed 0|different (split|names)|not the given",
)
wrong(
    "fresh7-sweep-denominator-without-27s",
    C,
    """
    N = ngram_counts(train_words, vocab, order=3).double()
    X, Y = ngram_dataset(dev_words, vocab, order=3)
    rows = X[:, 0] * 27 + X[:, 1]
    dev_losses = {}
    for s in SMOOTHINGS:
        P = (N + s) / (N.sum(1, keepdim=True) + s)
        dev_losses[s] = F.nll_loss(P[rows].log(), Y).item()
    """,
    "adds s once to the row total instead of 27*s: the rows no longer sum to 1",
    r"27 ?\* ?s|V ?\* ?s|27 ?s\b|not sum to 1|sums? to (more|less)|above 1|don'?t sum|do not sum|denominat",
)

# ---------------------------------------------------------------- Exercise 3, part 2: the choice
C = "ex3.smoothing"
SWEEP = {
    "ex3.sweep": dedent("""
    N = ngram_counts(train_words, vocab, order=3)
    dev_losses = {s: ngram_score(dev_words, ngram_probs(N, s), vocab, order=3).mean_nll for s in SMOOTHINGS}
    """)
}
right(
    "fresh7-smoothing-tensor-argmin",
    C,
    """
    losses = torch.tensor([dev_losses[s] for s in SMOOTHINGS])
    best_smoothing = SMOOTHINGS[losses.argmin().item()]
    """,
    before=SWEEP,
)
right(
    "fresh7-smoothing-typed",
    C,
    """
    best_smoothing = 0.1
    """,
)
right(
    "fresh7-smoothing-min-items",
    C,
    """
    best_smoothing, _ = min(dev_losses.items(), key=lambda kv: kv[1])
    """,
    before=SWEEP,
)
wrong(
    "fresh7-smoothing-argmin-index",
    C,
    """
    best_smoothing = torch.tensor(list(dev_losses.values())).argmin().item()
    """,
    "the argmin's index (4) instead of the smoothing at that index",
    r"index|position|argmin|SMOOTHINGS\[|not (one of|in) (the )?SMOOTHINGS|not one of",
    before=SWEEP,
)
wrong(
    "fresh7-smoothing-max",
    C,
    '''
    def pick_best(scores: dict[float, float]) -> float:
        """Return the smoothing with the best score."""
        return max(scores, key=scores.get)


    best_smoothing = pick_best(dev_losses)
    ''',
    "max over losses: picks the worst smoothing",
    r"\bmax|highest|largest|worst|greatest",
    before=SWEEP,
)
wrong(
    "fresh7-smoothing-on-train",
    C,
    """
    N = ngram_counts(train_words, vocab, order=3)
    best_smoothing = min(
        SMOOTHINGS, key=lambda s: ngram_score(train_words, ngram_probs(N, s), vocab, order=3).mean_nll
    )
    """,
    "chosen by the loss on the training names, not dev",
    r"training names|on train\b|scored? (on )?the training|overfit|memori"
    r"|smallest (value|smoothing)|least smoothing",
)
wrong(
    "fresh7-smoothing-the-loss",
    C,
    """
    best_smoothing = min(dev_losses.values())
    """,
    "gives the lowest dev loss itself, not the smoothing that gives it",
    r"loss,? not|the loss itself|a loss\b|not (one of|in) (the )?(SMOOTHINGS|values)"
    r"|not a smoothing|not one of",
    before=SWEEP,
)
wrong(
    "fresh7-smoothing-formatted-string",
    C,
    '''
    def best_value(losses: dict[float, float]) -> str:
        """The smoothing with the lowest dev loss, formatted for display."""
        return f"{min(losses, key=losses.get):g}"


    best_smoothing = best_value(dev_losses)
    ''',
    "returns the smoothing as a formatted string '0.1'",
    r"str(ing)?\b|quot|text|'0\.1'",
    before=SWEEP,
)

# ---------------------------------------------------------------- Exercise 3, part 3: the test loss
C = "ex3.test_loss"
CHOSEN = {"ex3.smoothing": "best_smoothing = 0.1\n"}
right(
    "fresh7-test-loss-gather",
    C,
    """
    N = ngram_counts(train_words, vocab, order=3).double() + best_smoothing
    logp = (N / N.sum(1, keepdim=True)).log()
    X, Y = ngram_dataset(test_words, vocab, order=3)
    test_loss = -logp[X[:, 0] * 27 + X[:, 1]].gather(1, Y[:, None]).mean()
    """,
    before=CHOSEN,
)
right(
    "fresh7-test-loss-function",
    C,
    '''
    def evaluate(names: list[str], smoothing: float) -> float:
        """Mean NLL on `names` of the trigram model counted on the training names."""
        P = ngram_probs(ngram_counts(train_words, vocab, order=3), smoothing)
        return ngram_score(names, P, vocab, order=3).mean_nll


    test_loss = evaluate(test_words, best_smoothing)
    ''',
    before=CHOSEN,
)
wrong(
    "fresh7-test-loss-refit-train-dev",
    C,
    '''
    def final_model(smoothing: float) -> torch.Tensor:
        """Refit the chosen model on train + dev, the standard last step before testing."""
        return ngram_probs(ngram_counts(train_words + dev_words, vocab, order=3), smoothing)


    test_loss = ngram_score(test_words, final_model(best_smoothing), vocab, order=3).mean_nll
    ''',
    "counted on train + dev names, not the training names alone",
    r"train(ing)? ?\+ ?dev|dev names (too|as well|also)|train and dev|refit|28,829|more names",
    before=CHOSEN,
)
wrong(
    "fresh7-test-loss-unsmoothed",
    C,
    """
    P = ngram_probs(ngram_counts(train_words, vocab, order=3))
    test_loss = ngram_score(test_words, P, vocab, order=3).mean_nll
    """,
    "forgot the chosen smoothing: unsmoothed, the loss is infinite",
    r"\binf|infinit|unsmoothed|without smoothing|zero probabilit|never seen|smoothing (of )?0\b",
)
wrong(
    "fresh7-test-loss-reuses-add-one",
    C,
    """
    test_loss = ngram_score(test_words, P_add_one, vocab, order=3).mean_nll
    """,
    "reuses P_add_one from the given cell: smoothing 1, not the chosen one",
    r"add-one|smoothing (of )?1\b|1\.0\b|P_add_one|not the chosen|another smoothing|other smoothing",
)
wrong(
    "fresh7-test-loss-counted-on-all",
    C,
    """
    N = ngram_counts(words, vocab, order=3)
    test_loss = ngram_score(test_words, ngram_probs(N, best_smoothing), vocab, order=3).mean_nll
    """,
    "counted on all the names, test names included",
    r"lea?k|counted on all|includes? (the )?test|test names (are |were )?(in|among|counted)|whole|every name",
    before=CHOSEN,
)
wrong(
    "fresh7-test-loss-scored-dev",
    C,
    """
    P = ngram_probs(ngram_counts(train_words, vocab, order=3), best_smoothing)
    test_loss = ngram_score(dev_words, P, vocab, order=3).mean_nll
    """,
    "scores the dev names again, not the test names",
    r"the dev (loss|names)|on dev\b|dev's|2\.2338|sweep'?s",
    before=CHOSEN,
)
wrong(
    "fresh7-test-loss-nll-sum",
    C,
    """
    P = ngram_probs(ngram_counts(train_words, vocab, order=3), best_smoothing)
    X, Y = ngram_dataset(test_words, vocab, order=3)
    test_loss = F.nll_loss(P[X[:, 0] * 27 + X[:, 1]].log(), Y, reduction="sum").item()
    """,
    "reduction='sum': the total over the test examples, not the average",
    SUM_NOT_MEAN,
    before=CHOSEN,
)

# ---------------------------------------------------------------- Exercise 4, part 1: the logits
C = "ex4.logits"
right(
    "fresh7-logits-f-embedding",
    C,
    """
    logits = F.embedding(xs, W)
    """,
)
right(
    "fresh7-logits-index-select",
    C,
    """
    logits = torch.index_select(W, 0, xs)
    """,
)
right(
    "fresh7-logits-embedding-from-pretrained",
    C,
    '''
    def lookup_logits(weights: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
        """Row lookup equivalent to one_hot(idx) @ weights."""
        return torch.nn.Embedding.from_pretrained(weights.detach())(idx)


    logits = lookup_logits(W, xs)
    ''',
)
wrong(
    "fresh7-logits-index-select-dim1",
    C,
    """
    logits = W.index_select(1, xs)
    """,
    "index_select along dim 1: picks columns of W, shape (27, 228146)",
    r"columns of W|picks? columns|dim(ension)? ?1|transpos|\.T\b|\(27, 228,?146\)",
)
wrong(
    "fresh7-logits-fresh-embedding",
    C,
    """
    emb = torch.nn.Embedding(27, 27)
    logits = emb(xs)
    """,
    "a new nn.Embedding with its own random weights instead of W",
    r"random|not (from |your |the given )?W\b|other weights|new (weights|layer|module)|Embedding"
    r"|initiali|another matrix",
)
wrong(
    "fresh7-logits-first-100",
    C,
    """
    logits = W[xs[:100]]
    """,
    "W[xs[:100]]: the quick-test slice left in",
    r"\b100\b|slice|subset|first \d+|only \d+",
)
wrong(
    "fresh7-logits-softmaxed",
    C,
    '''
    def logits_from_weights(W: torch.Tensor, xs: torch.Tensor) -> torch.Tensor:
        """Row lookup instead of one-hot matmul, returned as normalized logits."""
        return W[xs].softmax(dim=1)


    logits = logits_from_weights(W, xs)
    ''',
    "applies softmax: probabilities, not the logits",
    r"softmax|normali[sz]|sums? to 1|probabilit",
)
wrong(
    "fresh7-logits-ys",
    C,
    """
    logits = W[ys]
    """,
    "indexes W with ys (the next characters) instead of xs",
    r"\bys\b|next character|targets?\b|labels?\b|wrong ind",
)
wrong(
    "fresh7-logits-f-linear",
    C,
    """
    logits = F.linear(F.one_hot(xs, num_classes=27).float(), W)
    """,
    "F.linear multiplies by W.T (it takes an (out, in) weight): W[:, xs].T",
    r"transpos|\.T\b|F\.linear|\(out, in\)|columns of W|W\[:, ?xs\]",
)

# ---------------------------------------------------------------- Exercise 4, part 2: the gradient
C = "ex4.grad"
right(
    "fresh7-grad-autograd-grad",
    C,
    """
    logits = W[xs]
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdim=True)
    loss = -probs.gather(1, ys.unsqueeze(1)).log().mean()
    grad = torch.autograd.grad(loss, W)[0]
    """,
    runs=2,
)
right(
    "fresh7-grad-set-to-none",
    C,
    """
    W.grad = None
    logits = W[xs]
    probs = logits.exp() / logits.exp().sum(dim=1, keepdim=True)
    loss = -probs[torch.arange(len(ys)), ys].log().mean()
    loss.backward()
    grad = W.grad.clone()
    """,
    runs=2,
)
right(
    "fresh7-grad-zero-in-place",
    C,
    '''
    def softmax_nll(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        """Notebook 04's loss: softmax by hand, then the mean negative log-likelihood."""
        counts = logits.exp()
        probs = counts / counts.sum(dim=-1, keepdim=True)
        return -probs[torch.arange(targets.shape[0]), targets].log().mean()


    if W.grad is not None:
        W.grad.zero_()
    softmax_nll(W[xs], ys).backward()
    grad = W.grad.detach().clone()
    ''',
    runs=2,
)
wrong(
    "fresh7-grad-no-zero-grad",
    C,
    """
    logits = W[xs]
    probs = logits.exp() / logits.exp().sum(1, keepdim=True)
    loss = -probs[torch.arange(len(ys)), ys].log().mean()
    loss.backward()
    grad = W.grad
    """,
    "W.grad never cleared: the second run adds a second gradient (twice the right one)",
    r"twice|doubl|2 ?x\b|two (backward )?pass|accumulat|zero(ed|_grad|ing)?\b|factor (of )?2|times 2|= ?None",
    runs=2,
)
wrong(
    "fresh7-grad-sum-reduction",
    C,
    """
    W.grad = None
    logits = W[xs]
    probs = logits.exp() / logits.exp().sum(1, keepdim=True)
    F.nll_loss(probs.log(), ys, reduction="sum").backward()
    grad = W.grad
    """,
    "reduction='sum': the gradient of the total, 228,146 times too large",
    SUM_NOT_MEAN,
    runs=2,
)
wrong(
    "fresh7-grad-first-1000",
    C,
    """
    logits = W[xs[:1000]]
    probs = logits.exp() / logits.exp().sum(1, keepdim=True)
    loss = -probs[torch.arange(1000), ys[:1000]].log().mean()
    loss.backward()
    grad = W.grad
    """,
    "the loss of the first 1,000 pairs only (a quick-test slice)",
    SLICE,
)
wrong(
    "fresh7-grad-of-the-logits",
    C,
    '''
    def loss_from_logits(logits: torch.Tensor, ys: torch.Tensor) -> torch.Tensor:
        """Softmax by hand, then the average negative log-likelihood."""
        probs = logits.exp() / logits.exp().sum(dim=1, keepdim=True)
        return -probs[torch.arange(len(ys)), ys].log().mean()


    logits = W[xs]
    logits.retain_grad()
    loss_from_logits(logits, ys).backward()
    grad = logits.grad
    ''',
    "gives the gradient of the logits (one row per pair), not W.grad",
    r"gradient of the logits|logits'? grad|logits\.grad|per.(example|pair)|228,146|one row per",
)
wrong(
    "fresh7-grad-descent-direction",
    C,
    '''
    def descent_direction(W: torch.Tensor) -> torch.Tensor:
        """Backpropagate the loss and return the descent direction (the negative gradient)."""
        W.grad = None
        logits = W[xs]
        probs = logits.exp() / logits.exp().sum(dim=1, keepdim=True)
        (-probs[torch.arange(len(ys)), ys].log().mean()).backward()
        return -W.grad


    grad = descent_direction(W)
    ''',
    "returns minus the gradient (the descent direction)",
    SIGN,
    runs=2,
)
wrong(
    "fresh7-grad-the-update",
    C,
    """
    logits = W[xs]
    probs = logits.exp() / logits.exp().sum(1, keepdim=True)
    (-probs[torch.arange(len(ys)), ys].log().mean()).backward()
    grad = -50 * W.grad
    """,
    "gives the update -50 * W.grad (learning rate and sign), not the gradient",
    r"\b50\b|learning rate|update|\blr\b|step size|-50",
)

# ---------------------------------------------------------------- Exercise 5, part 1: F.cross_entropy
C = "ex5.loss"
right(
    "fresh7-ce-float64-item",
    C,
    """
    loss = F.cross_entropy(logits.double(), ys, reduction="mean").item()
    """,
)
right(
    "fresh7-ce-module",
    C,
    """
    loss = torch.nn.CrossEntropyLoss()(logits, ys)
    """,
)
wrong(
    "fresh7-ce-reduction-sum",
    C,
    """
    loss = F.cross_entropy(logits, ys, reduction="sum")
    """,
    "reduction='sum': the total loss, not the average",
    SUM_NOT_MEAN,
)
wrong(
    "fresh7-ce-softmax-first",
    C,
    """
    loss = F.cross_entropy(logits.softmax(dim=1), ys)
    """,
    "F.cross_entropy given probabilities (softmax applied first): softmax twice",
    r"softmax (twice|first|already|applied)|probabilit(y|ies),? not|twice|already normali[sz]ed"
    r"|double softmax",
)
wrong(
    "fresh7-ce-label-smoothing",
    C,
    '''
    def ce_loss(logits: torch.Tensor, targets: torch.Tensor, smoothing: float = 0.1) -> torch.Tensor:
        """Cross-entropy with label smoothing for better-calibrated predictions."""
        return F.cross_entropy(logits, targets, label_smoothing=smoothing)


    loss = ce_loss(logits, ys)
    ''',
    "label_smoothing=0.1 changes the loss",
    r"label.?smoothing|smooth",
)
wrong(
    "fresh7-ce-typed-rounded",
    C,
    """
    loss = 3.76
    """,
    "the printed value typed in, rounded",
    ROUNDED,
)
wrong(
    "fresh7-ce-first-100",
    C,
    """
    loss = F.cross_entropy(logits[:100], ys[:100])
    """,
    "the loss of the first 100 pairs only",
    r"\b100\b|slice|subset|first \d+|only \d+|not all|part of the",
)
wrong(
    "fresh7-ce-ignore-index-0",
    C,
    '''
    def cross_entropy_loss(logits: torch.Tensor, targets: torch.Tensor, pad_idx: int = 0) -> torch.Tensor:
        """Mean cross-entropy, ignoring the padding index."""
        return F.cross_entropy(logits, targets, ignore_index=pad_idx)


    loss = cross_entropy_loss(logits, ys)
    ''',
    "ignore_index=0 leaves out every pair whose next character is '.'",
    r"ignore_index|ignor|index 0|'\.'|end (marker|of (the |a )?name)|left out|32,033|leaves? out",
)

# ---------------------------------------------------------------- Exercise 5, part 2: stable_nll
C = "ex5.stable"
right(
    "fresh7-stable-logsumexp",
    C,
    """
    def stable_nll(logits, ys):
        picked = logits.gather(1, ys.unsqueeze(1)).squeeze(1)
        return (torch.logsumexp(logits, dim=1) - picked).mean()
    """,
)
right(
    "fresh7-stable-log-softmax-float64",
    C,
    """
    def stable_nll(logits, ys):
        logp = F.log_softmax(logits.double(), dim=1)
        return -logp[torch.arange(len(ys)), ys].mean()
    """,
)
right(
    "fresh7-stable-max-shift-float64",
    C,
    '''
    def stable_nll(logits: torch.Tensor, ys: torch.Tensor) -> torch.Tensor:
        """Numerically stable mean NLL via the log-sum-exp trick (row max subtracted first)."""
        z = logits.double()
        z = z - z.amax(dim=-1, keepdim=True)
        log_norm = z.exp().sum(dim=-1).log()
        return (log_norm - z[torch.arange(z.shape[0]), ys]).mean()
    ''',
)
wrong(
    "fresh7-stable-eps-in-log",
    C,
    '''
    def stable_nll(logits: torch.Tensor, ys: torch.Tensor, eps: float = 1e-8) -> torch.Tensor:
        """Mean NLL with an epsilon inside the log to avoid log(0)."""
        probs = logits.exp() / logits.exp().sum(dim=1, keepdim=True)
        return -(probs[torch.arange(len(ys)), ys] + eps).log().mean()
    ''',
    "no max subtracted: exp overflows on large logits (NaN), and eps caps small probabilities",
    r"nan|\binf|overflow|e\^|exp\(|epsilon|eps\b|1e-8|max(imum)? (not )?subtract|shift",
)
wrong(
    "fresh7-stable-global-max",
    C,
    """
    def stable_nll(logits, ys):
        z = logits - logits.max()
        return (z.exp().sum(1).log() - z[torch.arange(len(ys)), ys]).mean()
    """,
    "subtracts the largest logit of the whole tensor, not each row's own",
    r"per.row|row'?s (own )?max|global|of (the )?whole|of all (the )?rows|one max|single max"
    r"|keepdim|underflow",
)
wrong(
    "fresh7-stable-logsumexp-dim0",
    C,
    """
    def stable_nll(logits, ys):
        picked = logits[torch.arange(len(ys)), ys]
        return (torch.logsumexp(logits, dim=0).mean() - picked.mean())
    """,
    "logsumexp over dim=0 (down the columns) instead of across each row",
    r"dim=?0|axis|down (each|the) column|over the columns|across the columns|transpos",
)
wrong(
    "fresh7-stable-naive-float64",
    C,
    """
    def stable_nll(logits, ys):
        z = logits.double()  # float64 is enough
        probs = z.exp() / z.exp().sum(1, keepdim=True)
        return -probs[torch.arange(len(ys)), ys].log().mean()
    """,
    "only casts to float64: exp still overflows on [1000, 1001, 1002] (inf / inf = NaN)",
    r"nan|\binf\b|inf ?/ ?inf|max(imum)? (not )?subtract|shift|e\^1000|exp\(1000",
)
wrong(
    "fresh7-stable-sum",
    C,
    '''
    def stable_nll(logits: torch.Tensor, ys: torch.Tensor) -> torch.Tensor:
        """Total negative log-likelihood, computed with the log-sum-exp trick."""
        m = logits.max(dim=1, keepdim=True).values
        lse = m.squeeze(1) + (logits - m).exp().sum(dim=1).log()
        return (lse - logits[torch.arange(len(ys)), ys]).sum()
    ''',
    "the sum over the rows, not the average",
    SUM_NOT_MEAN,
)
wrong(
    "fresh7-stable-no-target-term",
    C,
    """
    def stable_nll(logits, ys):
        m = logits.max(1, keepdim=True).values
        return (m.squeeze(1) + (logits - m).exp().sum(1).log()).mean()
    """,
    "forgot to subtract the target's logit: only the log-sum-exp",
    r"target|correct (class|character)|picked|true class|the logit of|minus the logit",
)

# ---------------------------------------------------------------- Exercise 6: the trained weights
C = "ex6.weights"
right(
    "fresh7-weights-adam-on-counts",
    C,
    """
    W_trained = W.detach().clone().requires_grad_()
    opt = torch.optim.Adam([W_trained], lr=0.1)
    Nf = N.float()
    for _ in range(3000):
        opt.zero_grad()
        loss = -(Nf * F.log_softmax(W_trained, dim=1)).sum() / Nf.sum()
        loss.backward()
        opt.step()
    W_trained = W_trained.detach()
    """,
)
right(
    "fresh7-weights-plain-long",
    C,
    """
    train_neural(W, xs, ys, steps=10_000, lr=70)
    W_trained = W
    """,
)
right(
    "fresh7-weights-lbfgs",
    C,
    '''
    def fit_bigram(W0: torch.Tensor, counts: torch.Tensor, max_iter: int = 500) -> torch.Tensor:
        """Fit the bigram logits to the counts with L-BFGS (full batch, strong Wolfe line search)."""
        W = W0.detach().clone().requires_grad_()
        counts = counts.float()
        opt = torch.optim.LBFGS([W], lr=1, max_iter=max_iter, line_search_fn="strong_wolfe")

        def closure():
            opt.zero_grad()
            loss = -(counts * F.log_softmax(W, dim=1)).sum() / counts.sum()
            loss.backward()
            return loss

        opt.step(closure)
        return W.detach()


    W_trained = fit_bigram(W, N)
    ''',
)
wrong(
    "fresh7-weights-adam-default-lr",
    C,
    """
    W_trained = W.detach().clone().requires_grad_()
    opt = torch.optim.Adam([W_trained])
    Nf = N.float()
    for _ in range(1000):
        opt.zero_grad()
        (-(Nf * F.log_softmax(W_trained, dim=1)).sum() / Nf.sum()).backward()
        opt.step()
    W_trained = W_trained.detach()
    """,
    "Adam's own default learning rate (0.001): after 1,000 steps the loss is far from the goal",
    NOT_TRAINED,
)
wrong(
    "fresh7-weights-list-of-losses",
    C,
    """
    W_trained = train_neural(W, xs, ys, 1000, 50)
    """,
    "keeps train_neural's return value, the list of losses",
    r"\blist\b|list of losses|losses,? not",
)
wrong(
    "fresh7-weights-1000-steps",
    C,
    """
    train_neural(W, xs, ys, steps=1000, lr=50)
    W_trained = W
    """,
    "1,000 steps at lr 50: still about 0.001 above the counting model",
    NOT_TRAINED,
)
wrong(
    "fresh7-weights-lr-200",
    C,
    """
    train_neural(W, xs, ys, steps=2000, lr=200)  # bigger lr, fewer steps
    W_trained = W
    """,
    "learning rate 200 to go faster: the loss stalls far above the goal",
    r"learning rate|\blr\b|too (large|high|big)|overshoot|diverg|oscillat",
)
wrong(
    "fresh7-weights-own-train-split",
    C,
    '''
    import random


    def fit_on_train(W0: torch.Tensor, names: list[str], seed: int = 0) -> torch.Tensor:
        """Fit on an 80% training split only, so the result isn't overfit to all names."""
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        train = shuffled[: int(0.8 * len(shuffled))]
        counts = bigram_counts(train, vocab).float()
        W = W0.detach().clone().requires_grad_()
        opt = torch.optim.LBFGS([W], lr=1, max_iter=500, line_search_fn="strong_wolfe")

        def closure():
            opt.zero_grad()
            loss = -(counts * F.log_softmax(W, dim=1)).sum() / counts.sum()
            loss.backward()
            return loss

        opt.step(closure)
        return W.detach()


    W_trained = fit_on_train(W, words)
    ''',
    "trained to the optimum of its own 80% training split, not of all the names",
    r"80 ?%|held.out|own split|subset|part of the names|not all|\d+ of the 32,033",
)
wrong(
    "fresh7-weights-linear-layout",
    C,
    """
    torch.manual_seed(0)
    lin = torch.nn.Linear(27, 27, bias=False)
    opt = torch.optim.Adam(lin.parameters(), lr=0.1)
    eye = torch.eye(27)
    Nf = N.float()
    for _ in range(3000):
        opt.zero_grad()
        (-(Nf * F.log_softmax(lin(eye), dim=1)).sum() / Nf.sum()).backward()
        opt.step()
    W_trained = lin.weight.detach()
    """,
    "nn.Linear stores its weight as (out, in): lin.weight is the transpose of the trained W",
    r"transpos|\.T\b|\(out, in\)|swap|rows and columns|columns (sum|softmax)",
)
wrong(
    "fresh7-weights-l2-penalty",
    C,
    '''
    def train_to_convergence(W: torch.Tensor, steps: int = 10_000, lr: float = 70, reg: float = 0.01):
        """Gradient descent with a small L2 penalty to keep the weights well-behaved."""
        train_neural(W, xs, ys, steps=steps, lr=lr, reg=reg)
        return W


    W_trained = train_to_convergence(W)
    ''',
    "trains with an L2 penalty (reg=0.01): its optimum is not the counting model's",
    r"\breg\b|penalt|regulari|weight decay|L2|smooth",
)
