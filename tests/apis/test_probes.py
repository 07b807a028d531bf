"""The one k-NN and linear probe definition (vmae2_mmaction.apis.probes)."""
import numpy as np
import torch

from vmae2_mmaction.apis.probes import knn_top1, linear_top1, probe_top1


def clusters(n, classes, dims, spread, seed):
    g = torch.Generator().manual_seed(seed)
    centres = torch.randn(classes, dims, generator=g) * 3
    labels = torch.arange(n) % classes
    return centres[labels] + spread * torch.randn(n, dims, generator=g), labels


def test_separable_features_are_recognised_and_noise_is_not():
    train, train_labels = clusters(64, 4, 16, 0.5, 0)
    test, test_labels = clusters(32, 4, 16, 0.5, 0)
    assert probe_top1(train, train_labels, test, test_labels) == dict(knn_top1=1.0, linear_top1=1.0)
    noise = torch.randn(64, 16, generator=torch.Generator().manual_seed(1))
    shuffled = probe_top1(noise[:48], train_labels[:48], noise[48:], train_labels[48:])
    assert max(shuffled.values()) <= 0.6


def test_knn_votes_weighted_by_similarity():
    # two neighbours of class 1 far more similar than three of class 0: class 1 wins
    train = torch.tensor([[1.0, 0.0], [0.99, 0.14], [-0.2, 1.0], [-0.3, 1.0], [-0.25, 1.0]])
    labels = torch.tensor([1, 1, 0, 0, 0])
    test = torch.tensor([[1.0, 0.05]])
    assert knn_top1(train, labels, test, torch.tensor([1]), k=5) == 1.0


def test_labels_as_numpy_and_a_seeded_linear_probe():
    train, train_labels = clusters(40, 3, 8, 2.0, 2)
    test, test_labels = clusters(30, 3, 8, 2.0, 3)
    a = probe_top1(train, train_labels.numpy(), test, np.asarray(test_labels), seed=5)
    b = probe_top1(train, train_labels, test, test_labels, seed=5)
    assert a == b
    assert linear_top1(train, train_labels, test, test_labels,
                       5) == linear_top1(train, train_labels, test, test_labels, 5)
