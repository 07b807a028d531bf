"""Write the index map that slices a classifier head to another label set.

    python tools/data/make_label_index_map.py SOURCE_CLASSES TARGET_CLASSES OUT.json
        [--alias 'TARGET NAME=SOURCE NAME' ...]

SOURCE_CLASSES / TARGET_CLASSES: the class names in head order, one per line
(MMAction2's ``label_map_*.txt`` format) or a JSON list. OUT.json is a JSON list
with, for every target class in order, the index of the same class in the
source list -- the ``index_map`` of ``VideoMAEv2Pretrained`` (e.g. a K710 head
sliced to K400: SOURCE = the K710 class list of the checkpoint, TARGET =
``label_map_k400.txt``). Names match after lower-casing, '_' -> ' ' and
collapsing white space; ``--alias`` maps a target name to a differently spelled
source name. A target class without a match, or a source name listed twice,
stops the tool with the names and line numbers.
"""
import argparse
import json
import re
import sys
from typing import Dict, List, Sequence


def read_class_names(path: str) -> List[str]:
    """Class names in order from a text file (one per line) or a JSON list."""
    with open(path) as f:
        text = f.read()
    if path.endswith('.json'):
        names = json.loads(text)
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ValueError(f'{path}: expected a JSON list of class names')
        return names
    lines = text.split('\n')
    while lines and not lines[-1].strip():
        lines.pop()
    for i, line in enumerate(lines):
        if not line.strip():
            raise ValueError(f'{path}: line {i + 1} is empty (it would shift every '
                             'later class index)')
    return lines


def normalise(name: str) -> str:
    return re.sub(r'\s+', ' ', name.replace('_', ' ')).strip().strip('"\'').lower()


def label_index_map(source: Sequence[str],
                    target: Sequence[str],
                    aliases: Dict[str, str] = None) -> List[int]:
    """For every target class, the index of the same class in ``source``.

    Raises ValueError naming every unmatched target class and every source name
    that occurs twice (its index would be ambiguous).
    """
    index, duplicates = {}, []
    for i, name in enumerate(source):
        key = normalise(name)
        if key in index:
            duplicates.append(f'{name!r} (lines {index[key] + 1} and {i + 1})')
        index[key] = i
    if duplicates:
        raise ValueError('source classes listed twice: ' + ', '.join(duplicates))
    aliases = {normalise(k): normalise(v) for k, v in (aliases or {}).items()}
    result, missing = [], []
    for i, name in enumerate(target):
        key = aliases.get(normalise(name), normalise(name))
        if key in index:
            result.append(index[key])
        else:
            missing.append(f'{name!r} (line {i + 1})')
    if missing:
        raise ValueError(f'{len(missing)} target classes not in the source list '
                         '(add --alias "TARGET=SOURCE" for renamed ones): ' + ', '.join(missing))
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('source', help='class names of the checkpoint head, in order')
    parser.add_argument('target', help='class names of the new head, in order')
    parser.add_argument('out', help='the JSON index map to write')
    parser.add_argument(
        '--alias',
        action='append',
        default=[],
        metavar='TARGET=SOURCE',
        help='a target class spelled differently in the source list')
    args = parser.parse_args(argv)
    aliases = {}
    for item in args.alias:
        if '=' not in item:
            parser.error(f'--alias {item!r}: expected "TARGET NAME=SOURCE NAME"')
        key, value = item.split('=', 1)
        aliases[key] = value
    try:
        source = read_class_names(args.source)
        target = read_class_names(args.target)
        index = label_index_map(source, target, aliases)
    except (OSError, ValueError) as e:
        sys.exit(f'error: {e}')
    with open(args.out, 'w') as f:
        json.dump(index, f)
    print(f'wrote {args.out}: {len(target)} target classes -> indices into '
          f'{len(source)} source classes')


if __name__ == '__main__':
    main()
