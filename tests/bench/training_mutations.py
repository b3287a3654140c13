"""Single mutations of real MLPerf Training results, generated from MLPerf Audit's own rule files (see training-mutations.sh).

Usage: training_mutations.py generate <repo> <corpus/training> <out dir>     -> <out dir>/<rule set>/<mutation>/... + mutations.tsv
Every mutation is a copy of one submitter package (systems/<system>.json + results/<system>/<benchmark>/) with ONE change.
The changes are derived from src/Audit.Core/Rounds/training-<rule set>.json (every key a rule reads: deleted from one run
and from all runs, repeated, set at/under/over each literal limit, set to wrong types, its required metadata removed),
plus the package rules (run counts, result files deleted/emptied/truncated/renamed, stray files), seeds, dates, the
quality target, global batch size against the RCP table and every required system-description field.
"""
import copy, json, math, os, re, shutil, sys

TOKEN = ':::MLLOG '
SOURCES = [  # (corpus path of the submitter, system, benchmark, rule set)
    ('v5.1/AMD', 'MI355X_EPYC_9575F_pytorch', 'llama31_8b', '5.1.0'),
    ('v5.1/NVIDIA', 'tyche_ngpu72_ngc25.09_nemo', 'llama2_70b_lora', '5.1.0'),
    ('v4.1/Azure', 'ND_H200_v5_n64_nemo', 'llama2_70b_lora', '4.1.0'),
    ('v5.0/NVIDIA', 'tyche_ngpu512_ngc25.04_nemo', 'llama31_405b', '5.0.0'),
]
SYSTEM_FIELDS = ['submitter', 'division', 'status', 'system_name', 'number_of_nodes', 'host_processors_per_node',
                 'host_processor_model_name', 'host_processor_core_count', 'host_processor_vcpu_count',
                 'host_processor_frequency', 'host_processor_caches', 'host_processor_interconnect', 'host_memory_capacity',
                 'host_storage_type', 'host_storage_capacity', 'host_networking', 'host_networking_topology',
                 'host_memory_configuration', 'accelerators_per_node', 'accelerator_model_name',
                 'accelerator_host_interconnect', 'accelerator_frequency', 'accelerator_on-chip_memories',
                 'accelerator_memory_configuration', 'accelerator_memory_capacity', 'accelerator_interconnect',
                 'accelerator_interconnect_topology', 'cooling', 'hw_notes', 'framework', 'other_software_stack',
                 'operating_system', 'sw_notes']
COMPARE = re.compile(r"^\(?\s*value\s*(==|!=|<=|>=|<|>)\s*(-?[0-9.e+-]+|'[^']*')\s*\)?")


class Package:
    """A mutable in-memory copy of one result: result files as lists of lines, the system JSON as a dict."""

    def __init__(self, corpus, org, system, bench):
        base = os.path.join(corpus, org)
        folder = os.path.join(base, 'results', system, bench)
        self.system, self.bench = system, bench
        self.files = {f: open(os.path.join(folder, f), encoding='latin-1').read().splitlines(keepends=True)
                      for f in sorted(os.listdir(folder)) if f.startswith('result_')}
        self.extra = {f: open(os.path.join(folder, f), 'rb').read() for f in os.listdir(folder) if not f.startswith('result_')}
        self.sysjson = json.load(open(os.path.join(base, 'systems', system + '.json')))
        self.raw_system = None

    def write(self, root):
        folder = os.path.join(root, 'results', self.system, self.bench)
        os.makedirs(folder, exist_ok=True)
        os.makedirs(os.path.join(root, 'systems'), exist_ok=True)
        for name, lines in self.files.items():
            with open(os.path.join(folder, name), 'w', encoding='latin-1', newline='') as f:
                f.write(''.join(lines))
        for name, data in self.extra.items():
            open(os.path.join(folder, name), 'wb').write(data)
        with open(os.path.join(root, 'systems', self.system + '.json'), 'w') as f:
            f.write(self.raw_system if self.raw_system is not None else json.dumps(self.sysjson, indent=2))

    def names(self):
        return sorted(self.files)

    def edit(self, key, fn, runs=None):
        """Applies fn(record) -> record | None (delete) | list (replace by several) to every `key` record of the runs."""
        for name in (runs if runs is not None else self.names()):
            out = []
            for line in self.files[name]:
                at = line.rfind(TOKEN)
                if at < 0:
                    out.append(line)
                    continue
                try:
                    rec = json.loads(line[at + len(TOKEN):])
                except ValueError:
                    out.append(line)
                    continue
                if rec.get('key') != key:
                    out.append(line)
                    continue
                res = fn(copy.deepcopy(rec))
                for r in ([] if res is None else res if isinstance(res, list) else [res]):
                    out.append(line[:at] + TOKEN + (r if isinstance(r, str) else json.dumps(r)) + '\n')
            self.files[name] = out


def set_value(v):
    def fn(r):
        r['value'] = v
        return r
    return fn


def numeric_variants(limit, op):
    """Values at, just under and just over a literal limit (relative 1e-3, at least 1 for integers)."""
    step = max(abs(limit) * 1e-3, 1e-6) if not float(limit).is_integer() or abs(limit) < 10 else max(1, abs(limit) * 1e-3)
    return [('at', limit), ('under', limit - step), ('over', limit + step)]


def rule_keys(repo, rs, bench):
    rules = json.load(open(os.path.join(repo, 'src/Audit.Core/Rounds', f'training-{rs}.json')))
    keys = {}
    for section in ['common', 'closed_common', f'closed_{bench}']:
        for k in rules['sections'].get(section, {}).get('keys', []):
            keys[k['key']] = k  # a later section overrides an earlier one's rule for the key (official override)
    return keys


def key_mutations(pkg_factory, keys):
    first = None
    for key, rule in keys.items():
        yield f'key-del-one:{key}', 'key deleted from one run', lambda p, k=key: p.edit(k, lambda r: None, p.names()[:1])
        yield f'key-del-all:{key}', 'key deleted from every run', lambda p, k=key: p.edit(k, lambda r: None)
        if rule.get('req') == 'exactly_one':
            yield f'key-dup-same:{key}', 'exactly-one key repeated with the same value', lambda p, k=key: p.edit(k, lambda r: [r, r])
            yield f'key-dup-diff:{key}', 'exactly-one key repeated with another value', lambda p, k=key: p.edit(k, lambda r: [r, dict(r, value=other(r['value']))])
        yield f'key-type-str:{key}', 'value set to the string "abc"', lambda p, k=key: p.edit(k, set_value('abc'))
        yield f'key-type-null:{key}', 'value set to null', lambda p, k=key: p.edit(k, set_value(None))
        checks = [c if isinstance(c, str) else c['expr'] for c in rule.get('check', [])]
        if rule.get('atLeastOneCheck'):
            checks.append(rule['atLeastOneCheck'])
        for expr in checks:
            for part in re.split(r'\band\b', expr):
                m = COMPARE.match(part.strip())
                if m:
                    op, lit = m.group(1), m.group(2)
                    if lit.startswith("'"):
                        yield f'key-str:{key}{op}{lit}', f'string rule {op} {lit}: value changed', lambda p, k=key, s=lit[1:-1]: p.edit(k, set_value(s + 'x' if s else 'x'))
                        if lit != "''":
                            yield f'key-str-empty:{key}', 'string value set to empty', lambda p, k=key: p.edit(k, set_value(''))
                        continue
                    for name, v in numeric_variants(float(lit), op):
                        v = int(v) if float(v).is_integer() and '.' not in lit and 'e' not in lit else v
                        yield f'key-num-{name}:{key}{op}{lit}', f'value {name} the limit {op} {lit}', lambda p, k=key, v=v: p.edit(k, set_value(v))
            for meta in re.findall(r"'([a-z_]+)' in meta", expr):
                def drop(r, m=meta):
                    r['metadata'].pop(m, None)
                    return r
                yield f'meta-del:{key}.{meta}', f'metadata {meta} removed', lambda p, k=key, d=drop: p.edit(k, d)
        if key == 'submission_benchmark':
            yield f'key-str:{key}=other', 'logs another benchmark', lambda p, k=key: p.edit(k, set_value('bert'))


def other(v):
    if isinstance(v, bool) or v is None:
        return 'x'
    if isinstance(v, (int, float)):
        return v + 1
    return str(v) + 'x'


def shift_times(delta_ms, runs_fn=lambda p: p.names()[:1]):
    def apply(p):
        for name in runs_fn(p):
            out = []
            for line in p.files[name]:
                at = line.rfind(TOKEN)
                if at >= 0:
                    try:
                        rec = json.loads(line[at + len(TOKEN):])
                        rec['time_ms'] = rec['time_ms'] + delta_ms
                        line = line[:at] + TOKEN + json.dumps(rec) + '\n'
                    except (ValueError, TypeError, KeyError):
                        pass
                out.append(line)
            p.files[name] = out
    return apply


def seed_of(p, name):
    for line in p.files[name]:
        at = line.rfind(TOKEN)
        if at >= 0 and '"seed"' in line:
            rec = json.loads(line[at + len(TOKEN):])
            if rec['key'] == 'seed':
                return rec
    return None


def eval_last(p, value, runs):
    for name in runs:
        lines = p.files[name]
        for i in range(len(lines) - 1, -1, -1):
            at = lines[i].rfind(TOKEN)
            if at >= 0 and '"eval_accuracy"' in lines[i]:
                rec = json.loads(lines[i][at + len(TOKEN):])
                rec['value'] = value
                lines[i] = lines[i][:at] + TOKEN + json.dumps(rec) + '\n'
                break


def gbs_of(p):
    rec = None
    for line in p.files[p.names()[0]]:
        if '"global_batch_size"' in line:
            rec = json.loads(line[line.rfind(TOKEN) + len(TOKEN):])
    return rec['value']


def init_window(minutes):
    """Moves every init_start so that init_stop - first init_start is `minutes`."""
    def apply(p):
        for name in p.names():
            stop = None
            for line in p.files[name]:
                if '"init_stop"' in line:
                    stop = json.loads(line[line.rfind(TOKEN) + len(TOKEN):])['time_ms']
            p.edit('init_start', lambda r, s=stop: dict(r, time_ms=s - minutes * 60000), [name])
    return apply


def package_mutations(target):
    yield 'file-del:result_0', 'first result file deleted', lambda p: p.files.pop(p.names()[0])
    yield 'file-extra:copy', 'an extra result file (copy of the first)', lambda p: p.files.__setitem__('result_99.txt', list(p.files[p.names()[0]]))
    yield 'file-empty:one', 'one result file emptied', lambda p: p.files.__setitem__(p.names()[0], [])
    yield 'file-empty:two', 'two result files emptied', lambda p: [p.files.__setitem__(n, []) for n in p.names()[:2]]
    yield 'file-trunc:half', 'one result file truncated at half its lines', lambda p: p.files.__setitem__(p.names()[0], p.files[p.names()[0]][:len(p.files[p.names()[0]]) // 2])
    yield 'file-trunc:midline', 'one result file cut in the middle of its last MLLOG line', lambda p: p.files.__setitem__(p.names()[0], p.files[p.names()[0]][:-1] + [p.files[p.names()[0]][-1][:40]])
    yield 'file-rename:log', 'one result file renamed result_0.log', lambda p: p.extra.__setitem__('result_0.log', ''.join(p.files.pop(p.names()[0])).encode('latin-1'))
    yield 'file-stray:notes', 'a stray notes.txt next to the results', lambda p: p.extra.__setitem__('notes.txt', b'notes\n')
    yield 'file-scaling:2.0', 'a scaling.json with factor 2.0', lambda p: p.extra.__setitem__('scaling.json', b'{"scaling_factor": 2.0}')
    yield 'line-garbled:one', 'one MLLOG line garbled (invalid JSON) in one run', lambda p: garble(p, p.names()[:1])
    yield 'line-garbled:all', 'one MLLOG line garbled in every run', lambda p: garble(p, p.names())
    yield 'line-noise:one', 'a non-MLLOG line of launcher noise added to one run', lambda p: p.files[p.names()[0]].insert(3, '[1,0]<stdout>: warning: something\n')
    yield 'status-aborted:one', 'run_stop status aborted in one run', lambda p: p.edit('run_stop', lambda r: dict(r, metadata=dict(r['metadata'], status='aborted')), p.names()[:1])
    yield 'status-aborted:two', 'run_stop status aborted in two runs', lambda p: p.edit('run_stop', lambda r: dict(r, metadata=dict(r['metadata'], status='aborted')), p.names()[:2])
    yield 'seed-del:one', 'seed removed from one run', lambda p: p.edit('seed', lambda r: None, p.names()[:1])
    yield 'seed-del:all', 'seed removed from every run', lambda p: p.edit('seed', lambda r: None)
    yield 'seed-repeat:two', 'the second run logs the first run\'s seed record', lambda p: p.edit('seed', lambda r, s=seed_of(p, p.names()[0]): s, p.names()[1:2])
    yield 'seed-type:str', 'seed "abc"', lambda p: p.edit('seed', set_value('abc'), p.names()[:1])
    yield 'seed-type:numstr', 'seed "42" (a numeric string)', lambda p: p.edit('seed', set_value('42'), p.names()[:1])
    yield 'seed-type:float', 'seed 7.5', lambda p: p.edit('seed', set_value(7.5), p.names()[:1])
    yield 'seed-two:one', 'two seeds in one run', lambda p: p.edit('seed', lambda r: [r, dict(r, value=(r['value'] if isinstance(r['value'], int) else 0) + 1)], p.names()[:1])
    yield 'seed-meta-del:lineno', 'seed metadata lineno removed in one run', lambda p: p.edit('seed', lambda r: dict(r, metadata={k: v for k, v in r['metadata'].items() if k != 'lineno'}), p.names()[:1])
    for name, f in [('at', 1.0), ('under', 0.999), ('over', 1.001)]:
        yield f'eval-last-all:{name}', f'last eval of every run x{f} of the target', lambda p, f=f: eval_last(p, target * f, p.names())
        yield f'eval-last-one:{name}', f'last eval of one run x{f} of the target', lambda p, f=f: eval_last(p, target * f, p.names()[:1])
    yield 'date-shift:year', 'one run shifted one year later', shift_times(365 * 86400000)
    yield 'date-shift:all-year', 'every run shifted one year later', shift_times(365 * 86400000, lambda p: p.names())
    yield 'date-stop-before-start', 'run_stop time before run_start in one run', lambda p: p.edit('run_stop', lambda r: dict(r, time_ms=r['time_ms'] - 10 ** 9), p.names()[:1])
    yield 'date-stop-later:one', 'run_stop 10 minutes later in one run', lambda p: p.edit('run_stop', lambda r: dict(r, time_ms=r['time_ms'] + 600000), p.names()[:1])
    yield 'date-time-str', 'time_ms as a numeric string in one run', lambda p: p.edit('run_start', lambda r: dict(r, time_ms=str(r['time_ms'])), p.names()[:1])
    yield 'date-time-bad', 'time_ms "1.2.3" in one run', lambda p: p.edit('run_start', lambda r: dict(r, time_ms='1.2.3'), p.names()[:1])
    for minutes in (29, 30, 31):
        yield f'init-window:{minutes}min', f'init_stop {minutes} minutes after the first init_start', init_window(minutes)
    for name, f in [('half', 0.5), ('x1.5', 1.5), ('x64', 64)]:
        yield f'gbs-all:{name}', f'global_batch_size x{f} in every run', lambda p, f=f: p.edit('global_batch_size', lambda r: dict(r, value=int(r['value'] * f)))
    yield 'gbs-one:x2', 'global_batch_size doubled in one run', lambda p: p.edit('global_batch_size', lambda r: dict(r, value=r['value'] * 2), p.names()[:1])


def garble(p, runs):
    for name in runs:
        lines = p.files[name]
        for i, line in enumerate(lines):
            if '"init_start"' in line:
                lines[i] = line.replace('"value": null', '"value": nullGARBLED', 1)
                break


def system_mutations(all_fields):
    fields = SYSTEM_FIELDS if all_fields else ['division', 'status', 'number_of_nodes', 'accelerators_per_node', 'submitter', 'other_software_stack']
    for field in fields:
        yield f'sys-del:{field}', f'system JSON field {field} removed', lambda p, f=field: p.sysjson.pop(f, None)
    yield 'sys-set:division=open', 'system division open', lambda p: p.sysjson.__setitem__('division', 'open')
    yield 'sys-set:division=bogus', 'system division bogus', lambda p: p.sysjson.__setitem__('division', 'bogus')
    yield 'sys-set:status=bogus', 'system status bogus', lambda p: p.sysjson.__setitem__('status', 'bogus')
    yield 'sys-set:status=cloud', 'system status "cloud" (loose spelling)', lambda p: p.sysjson.__setitem__('status', 'cloud')
    yield 'sys-set:nodes=abc', 'number_of_nodes "abc"', lambda p: p.sysjson.__setitem__('number_of_nodes', 'abc')
    yield 'sys-set:accel=0', 'accelerators_per_node "0"', lambda p: p.sysjson.__setitem__('accelerators_per_node', '0')
    yield 'sys-set:nodes-int', 'number_of_nodes as a JSON number', lambda p: p.sysjson.__setitem__('number_of_nodes', int(p.sysjson.get('number_of_nodes', '1')))
    yield 'sys-set:submitter=Other', 'system submitter differs from the logs', lambda p: p.sysjson.__setitem__('submitter', 'Other')
    yield 'sys-raw:invalid-json', 'system JSON is not JSON', lambda p: setattr(p, 'raw_system', '{"submitter": ')
    yield 'sys-raw:missing', 'system JSON deleted', lambda p: setattr(p, 'raw_system', None) or setattr(p, 'system', p.system)


def rules_of(repo, rs, section):
    rules = json.load(open(os.path.join(repo, 'src/Audit.Core/Rounds', f'training-{rs}.json')))
    return [k['key'] for k in rules['sections'].get(section, {}).get('keys', [])]


def selected(index, mid, bench_keys):
    """The sample the official tools can run in an afternoon on a shared machine (about 11 s per package there):
    every limit of every rule on all four results; on the first result also every key deleted, repeated with another
    value, of a wrong type and its metadata removed; the package, seed, date and RCP mutations on three results."""
    kind, _, target = mid.partition(':')
    key = re.split(r'[=!<>.]', target)[0]
    if kind in ('none', 'key-num-at', 'key-num-under', 'key-num-over', 'key-str', 'key-str-empty'):
        return True
    if kind.startswith('key-') or kind == 'meta-del':
        return index == 0 and kind in ('key-del-all', 'key-dup-diff', 'key-type-str', 'meta-del') and key in bench_keys | {'run_start', 'init_start', 'cache_clear', 'train_samples', 'submission_org', 'submission_platform'}
    if kind.startswith('sys-'):
        return index == 0
    return index < 3 or kind in ('eval-last-all', 'eval-last-one', 'gbs-all', 'status-aborted')


TARGETS = {'llama31_8b': 3.3, 'llama2_70b_lora': 0.925, 'llama31_405b': 5.6}


def generate(repo, corpus, out):
    rows = []
    n = 0
    for index, (org, system, bench, rs) in enumerate(SOURCES):
        muts = list(key_mutations(None, rule_keys(repo, rs, bench))) + list(package_mutations(TARGETS[bench]))
        muts += list(system_mutations(all_fields=index < 2))
        muts.insert(0, ('none', 'unchanged copy', lambda p: None))
        bench_keys = set(rules_of(repo, rs, f'closed_{bench}')) | {'submission_benchmark', 'submission_division', 'seed', 'run_stop', 'init_stop'}
        for mid, desc, fn in muts:
            if not selected(index, mid, bench_keys):
                continue
            n += 1
            name = f'm{n:04d}'
            p = Package(corpus, org, system, bench)
            try:
                fn(p)
            except Exception as e:  # a mutation that does not apply to this source (e.g. no seed record)
                print(f'skip {org} {mid}: {e}', file=sys.stderr)
                continue
            root = os.path.join(out, rs, name)
            p.write(root)
            if mid == 'sys-raw:missing':
                os.remove(os.path.join(root, 'systems', system + '.json'))
            rows.append((name, rs, f'{name}/results/{system}/{bench}', f'{org}/{bench}', mid, desc))
    with open(os.path.join(out, 'mutations.tsv'), 'w') as f:
        f.write('mutation\trule_set\tid\tsource\tkind\tdescription\n')
        for r in rows:
            f.write('\t'.join(r) + '\n')
    print(f'{len(rows)} mutations of {len(SOURCES)} results written to {out}')


if __name__ == '__main__':
    if sys.argv[1] == 'generate':
        generate(sys.argv[2], sys.argv[3], sys.argv[4])
