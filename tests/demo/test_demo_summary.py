"""demo/demo_summary.py: the table and plot of what demo/demo.sh leaves."""
import json

from tests.conftest import run_tool


def test_demo_summary_table_and_plot(tmp_path):
    runs = tmp_path / 'pretrain' / '20261130_000000' / 'vis_data'
    runs.mkdir(parents=True)
    runs.joinpath('scalars.json').write_text('\n'.join(
        json.dumps(dict(epoch=i, iter=10 * i, loss=1.0 - i / 10)) for i in (1, 2, 3)))
    shipped = tmp_path / 'shipped.scalars.json'  # two runs, the second from the first's weights
    shipped.write_text('\n'.join(
        json.dumps(dict(epoch=i, iter=64 * i, loss=0.66 - i / 100)) for i in range(1, 41)))
    continued = tmp_path / 'continued.scalars.json'
    continued.write_text('\n'.join(
        json.dumps(dict(epoch=i, iter=64 * i, loss=0.25 - i / 1000)) for i in range(1, 11)))
    for init, (knn, linear, top1) in dict(
            pretrained=(0.9, 0.8, 0.7), random=(0.3, 0.2, 0.4)).items():
        (tmp_path /
         f'probe-{init}.json').write_text(json.dumps(dict(knn_top1=knn, linear_top1=linear)))
        (tmp_path / f'finetune-{init}-test.log'
         ).write_text(f'... Epoch(test) [8/8]    acc/top1: {top1:.4f}  acc/top5: 1.0000\n')
    proc = run_tool('demo/demo_summary.py', str(tmp_path), '--classes', '4', '--shipped-log',
                    str(shipped), str(continued), '--took', '5')
    lines = proc.stdout.splitlines()
    rows = {line[:27].strip(): line[27:].split() for line in lines}
    assert rows['k-NN probe (frozen)'] == ['0.900', '0.300']
    assert rows['linear probe (frozen)'] == ['0.800', '0.200']
    assert rows['fine-tuning, few labels'] == ['0.700', '0.400']
    assert rows['chance'] == ['0.250']
    losses = [line[27:] for line in lines if line.startswith('pre-training loss')]
    assert losses == [
        '0.900 -> 0.700  (this run, 3 epochs)', '0.650 -> 0.240  (shipped weights, 50 epochs)'
    ]
    assert (tmp_path / 'summary.png').stat().st_size > 10_000
    summary = json.loads((tmp_path / 'summary.json').read_text())
    assert summary['pretrained']['finetune'] == 0.7 and summary['chance'] == 0.25
    assert summary['pretrain_loss']['shipped weights'] == [0.65, 0.24]
    missing = run_tool(
        'demo/demo_summary.py',
        str(tmp_path),
        '--classes',
        '4',
        '--shipped-log',
        str(tmp_path / 'none.json'),
        check=False)
    assert missing.returncode != 0 and 'no such scalars file' in missing.stderr
