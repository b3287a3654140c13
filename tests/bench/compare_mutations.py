"""Joins the mutation list, the official verdicts/scores and MLPerf Audit's (see training-mutations.sh); prints every
mutation where the valid sets or the scores (3 decimals) differ, then a summary by mutation kind."""
import collections, csv, glob, os, sys

mut_dir, work = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(os.path.join(mut_dir, 'mutations.tsv')), delimiter='\t'))
official = {}
for f in glob.glob(os.path.join(work, 'off_*.tsv')):
    official.update({r['mutation']: r for r in csv.DictReader(open(f), delimiter='\t')})
ours = {}
for f in glob.glob(os.path.join(work, 'ours_*.tsv')):
    ours.update({r['id']: r for r in csv.DictReader(open(f), delimiter='\t')})

agree, differ, missing = 0, [], []
kinds = collections.Counter()
for r in rows:
    o, u = official.get(r['mutation']), ours.get(r['id'])
    if o is None or u is None:
        missing.append(r['mutation'])
        continue
    kinds[r['kind'].split(':')[0]] += 1
    same = o['official_verdict'] == u['verdict']
    if same and o['official_verdict'] == 'valid':
        os_, us = o['official_score'], u['score_minutes']
        same = bool(os_) and bool(us) and round(float(os_), 3) == round(float(us), 3)
    if same:
        agree += 1
    else:
        differ.append((r, o, u))
n = agree + len(differ)
print(f'mutations run: {n} of {len(rows)} generated, from {len(set(r["source"] for r in rows))} results')
print(f'same verdict (and score to 3 decimals when valid): {agree}/{n} = {100.0 * agree / max(1, n):.2f}%')
print('by kind: ' + ', '.join(f'{k} {v}' for k, v in sorted(kinds.items())))
print('differences:' if differ else 'differences: none')
for r, o, u in differ:
    print(f"  {r['mutation']} {r['source']} {r['kind']} ({r['description']}): official {o['official_verdict']} {o['official_score']}"
          f" | ours {u['verdict']} {u['score_minutes']} {u['error_codes']} | official errors: {o['official_errors'][:160]}")
if missing:
    print(f'not run yet: {len(missing)}')
