"""Every repository path that the README and docs/ name exists (configs,
tools, tests, package modules, docs), so renames cannot leave them stale."""
import glob
import os.path as osp
import re

import pytest

from tests.conftest import ROOT

DOCS = [osp.join(ROOT, 'README.md')] + sorted(glob.glob(osp.join(ROOT, 'docs', '*.md')))
PATH = re.compile(r'(?<![\w./-])((?:configs|tools|tests|vmae2_mmaction|docs)/[\w./*{},-]*)')


def named_paths(doc):
    for path in PATH.findall(open(doc).read()):
        path = path.rstrip('.,-')
        if '*' not in path and '{' not in path:  # globs and brace lists are left out
            yield path


@pytest.mark.parametrize('doc', DOCS, ids=lambda p: osp.relpath(p, ROOT))
def test_named_paths_exist(doc):
    missing = sorted({p for p in named_paths(doc) if not osp.exists(osp.join(ROOT, p))})
    assert not missing, f'{osp.relpath(doc, ROOT)} names paths that do not exist: {missing}'
