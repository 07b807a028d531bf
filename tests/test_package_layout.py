"""The package's shape: no module imports from tools/ (or anything outside
the package by path), its modules import each other without cycles
(module-level imports; a package's ``__init__`` counts as the package), only
the command-line layer (``vmae2_mmaction.cli``, used by tools/ alone) exits,
and no tool touches ``sys.path`` or imports another file of tools/."""
import ast
import glob
import os.path as osp

from tests.conftest import ROOT

PACKAGE = 'vmae2_mmaction'


def module_name(path: str) -> str:
    rel = osp.relpath(path, ROOT)[:-3].replace(osp.sep, '.')
    return rel[:-len('.__init__')] if rel.endswith('.__init__') else rel


def imports(path: str):
    """(imported module names, anything imported by path) of a file's
    module-level statements."""
    name = module_name(path)
    package = name if path.endswith('__init__.py') else name.rsplit('.', 1)[0]
    tree = ast.parse(open(path).read())
    found, by_path = set(), []
    for node in tree.body:  # module level only: imports inside functions are lazy
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ''
            if node.level:
                parts = package.split('.')[:len(package.split('.')) - node.level + 1]
                base = '.'.join(parts + ([base] if base else []))
            found.add(base)
            found |= {f'{base}.{alias.name}' for alias in node.names}
        elif 'sys.path' in ast.unparse(node):
            by_path.append(ast.unparse(node))
    return found, by_path


def package_graph() -> dict:
    files = glob.glob(osp.join(ROOT, PACKAGE, '**', '*.py'), recursive=True)
    modules = {module_name(f): f for f in files}
    graph = {}
    for name, path in modules.items():
        found, _ = imports(path)
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def test_no_package_module_imports_tools_or_by_path():
    for path in glob.glob(osp.join(ROOT, PACKAGE, '**', '*.py'), recursive=True):
        found, by_path = imports(path)
        assert not by_path, (path, by_path)
        bad = sorted(m for m in found if m.split('.')[0] in ('tools', 'tests', 'demo'))
        assert not bad, (path, bad)


def exits(path: str) -> list:
    """The statements of a file that end the process: ``SystemExit``,
    ``sys.exit``, ``exit``/``quit``, ``os._exit``."""
    found = []
    for node in ast.walk(ast.parse(open(path).read())):
        text = ast.unparse(node) if isinstance(node, (ast.Raise, ast.Call)) else ''
        if isinstance(node, ast.Raise) and 'SystemExit' in text:
            found.append(text)
        elif isinstance(node, ast.Call) and ast.unparse(
                node.func) in ('sys.exit', 'exit', 'quit', 'os._exit'):
            found.append(text)
    return found


def test_only_the_command_line_layer_exits_and_only_tools_use_it():
    cli = osp.join(ROOT, PACKAGE, 'cli.py')
    assert exits(cli)  # the check sees an exit where there is one
    for path in glob.glob(osp.join(ROOT, PACKAGE, '**', '*.py'), recursive=True):
        if path == cli:
            continue
        assert not exits(path), (path, exits(path))
        found, _ = imports(path)
        assert f'{PACKAGE}.cli' not in found, path


def test_tools_import_no_other_tool_and_leave_sys_path_alone():
    tools = glob.glob(osp.join(ROOT, 'tools', '**', '*.py'), recursive=True)
    tool_modules = {osp.splitext(osp.basename(p))[0] for p in tools}
    assert {'train', 'test', 'benchmark'} <= tool_modules
    for path in tools:
        tree = ast.parse(open(path).read())
        assert 'sys.path' not in ast.unparse(tree), path
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or '']
            else:
                continue
            local = [n for n in names if n.split('.')[0] in tool_modules | {'tools'}]
            assert not local, (path, local)


def find_cycles(edges: dict) -> list:
    """The import cycles of a graph {module: modules it imports}."""
    state, cycles = {}, []

    def visit(node, stack):
        state[node] = 'open'
        for dep in sorted(edges.get(node, ())):
            if state.get(dep) == 'open':
                cycles.append(stack[stack.index(dep):] + [dep])
            elif dep not in state:
                visit(dep, stack + [dep])
        state[node] = 'done'

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return cycles


def test_package_imports_have_no_cycles():
    assert find_cycles({'a': {'b'}, 'b': {'c'}, 'c': {'a'}}) == [['a', 'b', 'c', 'a']]
    graph = package_graph()
    assert len(graph) > 50  # the walk saw the package
    # a package's __init__ re-exporting its own submodules is not a cycle
    edges = {m: {d for d in deps if not d.startswith(m + '.')} for m, deps in graph.items()}
    cycles = find_cycles(edges)
    assert not cycles, f'import cycles: {cycles[:3]}'
