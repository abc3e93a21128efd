#!/usr/bin/env python3
"""Train the red-line model the grader uses beside the red-line lexicon.

The lexicon catches the red-line wordings it lists; replies nobody tuned on show it misses about
one in five and flags some near misses. This model (multinomial logistic regression over
character 1-3-grams of the folded text, scikit-learn) is trained on the same labelled replies
and used in two ways by `Scorer` (see docs/architecture.md, "Red-line model"):
  - a lexicon red-line hit stands only if the model gives the reply at least `confirm`;
  - a reply the lexicon does not flag is flagged if the model gives it at least `flag`,
    with the kind the model finds most likely.

Training data: the tuning sentence lists and tuning pairs only. The sealed lists
(eval/redline-sentences/round2-sealed-*) and eval/heldout-pairs.jsonl are never read: they
measure the grader on replies nobody tuned on.

Usage: scripts/train_red_line_model.py [--binary PATH] [--output PATH | --check]
The binary folds the text (`complaint-sim normalize`) so the model sees what the grader sees.
Output is deterministic for the same data. `--check` trains without writing and exits 1 unless
the shipped model is what the data gives (same vocabulary and classes, and the same judgement
of every training reply to within 0.01; exact digits may differ across machines and versions).
"""

import argparse
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
SENTENCE_LISTS = [
    "bad.txt", "good.txt", "poor-handling-good.txt",
    "round2-tune-bad.txt", "round2-tune-good.txt",
    "round3a-bad.txt", "round3a-good.txt",
    "round3b-bad.txt", "round3b-good.txt",
    "round4a-bad.txt", "round4a-good.txt",
    "round4b-bad.txt", "round4b-good.txt",
    "round5a-bad.txt", "round5a-good.txt",
    "round5b-bad.txt", "round5b-good.txt",
]
PAIR_FILES = [ROOT.parent / "shared" / "eval" / "dev-pairs.jsonl", ROOT / "eval" / "tuning-pairs.jsonl"]
# Sentence-list kinds and pair kinds, to the rubric's red-line ids.
RED_LINES = {
    "pii": "pii-leak", "pii_leak": "pii-leak",
    "promise": "unauthorized-promise", "unauthorized_promise": "unauthorized-promise",
    "blame": "blame-customer", "insult_or_blame": "blame-customer",
    "discourage": "discourage-complaint", "discourage_complaint": "discourage-complaint",
    "false": "false-statement", "false_statement": "false-statement",
    "records": "alters-records",
}
NONE = "none"
# Chosen on the round-4 lists before they were tuned on (train on rounds 1-3, measure on 4):
# together with the lexicon, recall rose from 75/71 % to 86/81 % and false flags fell from
# 10/14 to 10/6 of 150.
NGRAMS = (1, 3)
C = 16.0
CONFIRM = 0.3
FLAG = 0.85
CHECK_SENTENCES = 8
SHIPPED = ROOT / "Sources" / "Scoring" / "Resources" / "red-line-model.tsv"


def labelled_replies():
    replies = []
    for name in SENTENCE_LISTS:
        for line in (ROOT / "eval" / "redline-sentences" / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            head, _, text = line.partition("|")
            head = head.strip()
            kind = RED_LINES[head[1:].strip()] if head.startswith("B") else NONE
            replies.append((text, kind))
    for path in PAIR_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            pair = json.loads(line)
            replies.append((pair["better"], NONE))
            kind = RED_LINES.get(pair.get("red_line_kind") or "", NONE) if pair.get("red_line_in_worse") else NONE
            replies.append((pair["worse"], kind))
    return replies


def fold(texts, binary):
    result = subprocess.run(
        [binary, "normalize"], input="\n".join(t.replace("\n", " ") for t in texts) + "\n",
        capture_output=True, text=True, check=True)
    folded = result.stdout.split("\n")[: len(texts)]
    if len(folded) != len(texts):
        sys.exit(f"normalize returned {len(folded)} lines for {len(texts)} replies")
    return folded


def number(value):
    """Seven significant digits: ample for the decisions, and half the file of full precision."""
    return f"{float(value):.7g}"


def red_line_probability(text, grams, intercepts, classes):
    """The probability of a red line as the grader computes it (`RedLineModel` in Swift):
    character n-grams, sublinear tf times idf, l2 norm, linear scores, softmax.
    `grams` maps each n-gram of the vocabulary to (idf, weights per class)."""
    counts = {}
    for n in range(NGRAMS[0], NGRAMS[1] + 1):
        for start in range(len(text) - n + 1):
            counts[text[start:start + n]] = counts.get(text[start:start + n], 0) + 1
    values = {g: (1 + math.log(c)) * grams[g][0] for g, c in counts.items() if g in grams}
    norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
    scores = np.array(intercepts, dtype=np.float64)
    for gram, value in values.items():
        scores = scores + np.asarray(grams[gram][1]) * (value / norm)
    exp = np.exp(scores - scores.max())
    return 1 - (exp / exp.sum())[classes.index(NONE)]


def read_model(path):
    """The shipped model as (classes, intercepts, {n-gram: (idf, weights)})."""
    classes, intercepts, grams = [], [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if fields[0] == "classes":
            classes = fields[1:]
        elif fields[0] == "intercepts":
            intercepts = [float(v) for v in fields[1:]]
        elif fields[0] not in ("thresholds", "ngrams", "check"):
            grams[fields[0]] = (float(fields[1]), [float(v) for v in fields[2:]])
    return classes, intercepts, grams


def compare_with_shipped(vectorizer, classes, texts, probability):
    shipped_classes, intercepts, grams = read_model(SHIPPED)
    if shipped_classes != classes:
        print(f"classes differ: shipped {shipped_classes}, data gives {classes}")
        return 1
    missing = set(vectorizer.vocabulary_) ^ set(grams)
    if missing:
        print(f"{len(missing)} n-grams differ between the shipped model and the data, e.g. {sorted(missing)[:5]}")
        return 1

    worst = max(abs(probability(t) - red_line_probability(t, grams, intercepts, classes)) for t in texts)
    if worst > 0.01:
        print(f"the shipped model judges some training reply {worst:.3f} away from the data's model: retrain it")
        return 1
    print(f"shipped model matches the data ({len(texts)} replies, largest difference {worst:.2e})")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "complaint-sim"))
    parser.add_argument("--output", default=str(SHIPPED))
    parser.add_argument("--check", action="store_true", help="compare with the shipped model instead of writing")
    arguments = parser.parse_args()

    replies = labelled_replies()
    texts = fold([text for text, _ in replies], arguments.binary)
    labels = [kind for _, kind in replies]
    vectorizer = TfidfVectorizer(
        analyzer="char", ngram_range=NGRAMS, sublinear_tf=True, min_df=2, lowercase=False, dtype=np.float64)
    features = vectorizer.fit_transform(texts)
    model = LogisticRegression(C=C, max_iter=10000, class_weight="balanced").fit(features, labels)
    classes = list(model.classes_)
    if NONE not in classes:
        sys.exit("no replies without a red line")

    # Rounded as written and held in single precision as the Swift reader holds them (intercepts
    # in double), so the check values below are what it must reproduce.
    weights = np.array([[float(number(w)) for w in row] for row in model.coef_.T]).astype(np.float32).astype(np.float64)
    intercepts = np.array([float(number(b)) for b in model.intercept_])
    vocabulary = sorted(vectorizer.vocabulary_.items(), key=lambda item: item[1])
    idf = [float(np.float32(float(number(vectorizer.idf_[index])))) for _, index in vocabulary]

    grams = {gram: (idf[position], weights[index]) for position, (gram, index) in enumerate(vocabulary)}

    def probability(text):
        return red_line_probability(text, grams, intercepts, classes)

    step = max(1, len(texts) // CHECK_SENTENCES)
    checks = [(texts[i], probability(texts[i])) for i in range(0, len(texts), step)][:CHECK_SENTENCES]
    # The rounded model must still agree with scikit-learn's own probabilities.
    reference = model.predict_proba(vectorizer.transform([text for text, _ in checks]))[:, classes.index(NONE)]
    for (text, p), none in zip(checks, reference):
        if abs(p - (1 - none)) > 1e-4:
            sys.exit(f"the written model disagrees with scikit-learn on {text!r}: {p} vs {1 - none}")

    lines = [
        "# Red-line model for ComplaintSim: generated by scripts/train_red_line_model.py; do not edit.",
        f"# {len(texts)} labelled replies; character {NGRAMS[0]}-{NGRAMS[1]}-grams of the folded text,"
        " sublinear tf, smooth idf, l2 norm; multinomial logistic regression.",
        "classes\t" + "\t".join(classes),
        "intercepts\t" + "\t".join(number(b) for b in intercepts),
        f"thresholds\t{number(CONFIRM)}\t{number(FLAG)}",
        f"ngrams\t{NGRAMS[0]}\t{NGRAMS[1]}",
    ]
    if arguments.check:
        sys.exit(compare_with_shipped(vectorizer, classes, texts, probability))
    lines += [f"check\t{number(p)}\t{text}" for text, p in checks]
    for (gram, index), value in zip(vocabulary, idf):
        if "\t" in gram or "\n" in gram:
            continue
        lines.append("\t".join([gram, number(value)] + [number(w) for w in weights[index]]))
    output = Path(arguments.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{output}: {len(vocabulary)} n-grams, classes {', '.join(classes)}")


if __name__ == "__main__":
    main()
