"""Compares the official package checker / result summarizer outputs with MLPerf Audit's TSV (see training-v51.sh)."""
import csv, glob, json, os, re, sys

work, tree, orgs = sys.argv[1], sys.argv[2], sys.argv[3:]
ours = {r['id']: r for r in csv.DictReader(open(os.path.join(work, 'ours.tsv')), delimiter='\t')}

official = {}  # id -> {'verdict', 'errors', 'score'}
for org in orgs:
    # system_name -> system file stem, to attribute system-description failures
    names = {}
    for f in glob.glob(os.path.join(tree, org, 'systems', '*.json')):
        try:
            names[json.load(open(f)).get('system_name', '')] = os.path.basename(f)[:-5]
        except Exception:
            pass
    bad_systems = set()
    current = None
    log = os.path.join(work, f'pkg_{org}.log')
    lines = open(log, errors='replace').read().splitlines() if os.path.exists(log) else []
    for line in lines:
        m = re.search(r'System description checker failed for (.*?) :', line)
        if m:
            bad_systems.add(names.get(m.group(1), m.group(1)))
        m = re.search(r'Running compliance checks in dir (.*)$', line)
        if m:
            path = m.group(1).strip().rstrip('/')
            rel = os.path.relpath(path, os.path.join(work, 'tree'))
            current = rel
            official[current] = {'verdict': 'valid', 'errors': [], 'score': None}
            continue
        if current and line.startswith('ERROR'):
            official[current]['verdict'] = 'invalid'
            official[current]['errors'].append(line[8:120])
    for rid, o in official.items():
        if rid.startswith(org + '/') and rid.split('/')[2] in bad_systems:
            o['verdict'] = 'invalid'; o['errors'].append('system description checker failed')
    # scores from the summarizer JSON (same records as the CSV)
    for js in glob.glob(os.path.join(work, f'sum_{org}*.json')):
        try:
            rows = json.load(open(js))
        except Exception:
            continue
        for row in rows if isinstance(rows, list) else []:
            url = row.get('details_url', '')
            m = re.search(r'/blob/main/(.*)/systems/(.*)\.json', url)
            if not m:
                continue
            for k, v in row.items():
                if isinstance(v, (int, float)) and v == v and k.split(':')[0] in {'llama31_8b','dlrm_dcnv2','retinanet','flux1','llama2_70b_lora','rgat','llama31_405b'} and ':' not in k:
                    # details_url names the system JSON's 'submitter' field, which may differ from the
                    # org folder (Supermicro_MangoBoost inside MangoBoost/): key by the folder instead.
                    rid = f'{org}/results/{m.group(2)}/{k}'
                    official.setdefault(rid, {'verdict': '?', 'errors': [], 'score': None})['score'] = float(v)

ids = sorted(set(official) | set(ours))
agree_v = agree_s = scored = 0
disagreements = []
for rid in ids:
    o, u = official.get(rid), ours.get(rid)
    if o is None or u is None:
        disagreements.append((rid, 'only in ' + ('ours' if o is None else 'official'), (u or {}).get('error_codes', ''), '; '.join((o or {}).get('errors', []))[:200]))
        continue
    if o['verdict'] == u['verdict']:
        agree_v += 1
    else:
        disagreements.append((rid, f"verdict official={o['verdict']} ours={u['verdict']}", u['error_codes'], '; '.join(o['errors'])[:200]))
    if o['score'] is not None or u['score_minutes']:
        scored += 1
        us = float(u['score_minutes']) if u['score_minutes'] else None
        if o['score'] is not None and us is not None and round(o['score'], 3) == round(us, 3):
            agree_s += 1
        else:
            disagreements.append((rid, f"score official={o['score']} ours={us}", u['error_codes'], ''))
both = len([i for i in ids if i in official and i in ours])
print(f'results: official {len(official)}, ours {len(ours)}, in both {both}')
print(f'verdicts agree: {agree_v}/{len(ids)} = {100.0 * agree_v / max(1, len(ids)):.2f}%')
print(f'scores agree to 3 decimals: {agree_s}/{scored} = {100.0 * agree_s / max(1, scored):.2f}%')
print('disagreements:' if disagreements else 'disagreements: none')
for d in disagreements:
    print('  ' + ' | '.join(d))
