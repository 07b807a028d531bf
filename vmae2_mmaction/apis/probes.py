"""Frozen-feature probes: top-1 of a k-NN and of a linear classifier on
pooled features [N, C] with integer labels [N]. The one definition of both,
used by tools/analysis/probe.py."""
from typing import Dict, Tuple

import torch
import torch.nn.functional as F


def standardise(train: torch.Tensor, test: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
    """Both sets scaled by the training set's per-dimension mean and std."""
    mu, sd = train.mean(0), train.std(0) + 1e-6
    return (train - mu) / sd, (test - mu) / sd


def knn_top1(train, train_labels, test, test_labels, k: int = 20) -> float:
    """Each test feature votes among its ``k`` nearest training features by
    cosine similarity, each vote weighted by exp(similarity)."""
    sim = F.normalize(test, dim=1) @ F.normalize(train, dim=1).T
    weight, index = sim.topk(min(k, len(train)), dim=1)
    votes = torch.zeros(len(test), int(train_labels.max()) + 1)
    votes.scatter_add_(1, train_labels[index], weight.exp())
    return float((votes.argmax(1) == test_labels).float().mean())


def linear_top1(train, train_labels, test, test_labels, seed: int = 0) -> float:
    """Multinomial logistic regression (L2 1e-3 on the weights), L-BFGS with a
    strong Wolfe line search, 500 iterations."""
    torch.manual_seed(seed)
    linear = torch.nn.Linear(train.shape[1], int(train_labels.max()) + 1)
    optimizer = torch.optim.LBFGS(linear.parameters(), max_iter=500, line_search_fn='strong_wolfe')

    def closure():
        optimizer.zero_grad()
        loss = F.cross_entropy(linear(train), train_labels) + 1e-3 * linear.weight.square().sum()
        loss.backward()
        return loss

    with torch.enable_grad():
        optimizer.step(closure)
    with torch.no_grad():
        return float((linear(test).argmax(1) == test_labels).float().mean())


def probe_top1(train,
               train_labels,
               test,
               test_labels,
               k: int = 20,
               seed: int = 0) -> Dict[str, float]:
    """Both probes on standardised features: ``{'knn_top1', 'linear_top1'}``
    (labels: any integer array or tensor)."""
    train_labels, test_labels = (
        torch.as_tensor(v, dtype=torch.long) for v in (train_labels, test_labels))
    train, test = standardise(train.float(), test.float())
    return dict(
        knn_top1=knn_top1(train, train_labels, test, test_labels, k),
        linear_top1=linear_top1(train, train_labels, test, test_labels, seed))
