"""tools/analysis/gpu_benchmarks.sh: valid bash, and every config it names
ships (its dry run, DEVICE=cpu QUICK=1, takes minutes: run by hand)."""
import os.path as osp
import re
import subprocess

from tests.conftest import ROOT

SCRIPT = osp.join(ROOT, 'tools/analysis/gpu_benchmarks.sh')


def test_script_parses_and_names_shipped_configs():
    subprocess.run(['bash', '-n', SCRIPT], check=True)
    configs = re.findall(r'(configs/[\w/.-]+\.py)', open(SCRIPT).read())
    assert len(configs) >= 4
    missing = [c for c in configs if not osp.isfile(osp.join(ROOT, c))]
    assert not missing, f'gpu_benchmarks.sh names configs that do not exist: {missing}'
