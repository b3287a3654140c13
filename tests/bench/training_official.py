"""Runs mlcommons/logging's package checker, then its result summarizer, in one process over many mutated packages.

Usage: training_official.py <logging checkout> <mutations dir> <out.tsv> [part parts]  (parts: run several in parallel)
Imports the tools once (their CLI start-up, pandas included, costs seconds per call on a loaded machine) and calls the
same functions their command lines call, with the command lines' defaults: check_training_package(folder, 'training',
rule set, quiet=False, werror=False, rcp_bypass=False, rcp_bert_train_samples=False, seed_checker_bypass=False), then
summarize_results(folder, 'training', rule set). Verdict: valid when the package checker logs no ERROR record (as
compare_training.py reads its log); score: the summarizer's column for the benchmark.
"""
import contextlib, io, logging, math, os, sys, warnings

logging_dir, mut_dir, out_path = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, logging_dir)
from mlperf_logging.package_checker import package_checker  # noqa: E402
from mlperf_logging.result_summarizer import result_summarizer  # noqa: E402


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.errors = []

    def emit(self, record):
        if record.levelno >= logging.ERROR:
            self.errors.append(record.getMessage().replace('\t', ' ').replace('\n', ' ')[:300])


root = logging.getLogger()
root.setLevel(logging.INFO)
for h in list(root.handlers):
    root.removeHandler(h)
warnings.simplefilter('ignore')
rows = [l.rstrip('\n').split('\t') for l in open(os.path.join(mut_dir, 'mutations.tsv'))][1:]
part, parts = (int(sys.argv[4]), int(sys.argv[5])) if len(sys.argv) > 5 else (0, 1)
with open(out_path, 'w') as out:
    out.write('mutation\tofficial_verdict\tofficial_score\tofficial_errors\n')
    for name, rs, rid, source, kind, desc in rows:
        if int(name[1:]) % parts != part:
            continue
        folder = os.path.join(mut_dir, rs, name)
        bench = rid.split('/')[-1]
        handler = Collect()
        root.addHandler(handler)
        sink = io.StringIO()
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                package_checker.check_training_package(folder, 'training', rs, False, False, False, False, False, os.devnull)
        except BaseException as e:  # the checker crashing on a package is a rejection
            handler.errors.append(f'package checker raised {type(e).__name__}: {e}'[:300])
        root.removeHandler(handler)
        score = ''
        if handler.errors:  # the summarizer's score matters only where the package checker accepts the package
            out.write(f'{name}\tinvalid\t\t{" | ".join(handler.errors)}\n')
            out.flush()
            continue
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                summary = result_summarizer.summarize_results(folder, 'training', rs)[0]
            if len(summary) > 0 and bench in summary.columns:
                v = summary[bench].iloc[0]
                score = '' if v is None or (isinstance(v, float) and math.isnan(v)) else repr(float(v))
        except BaseException as e:
            score = ''
        verdict = 'invalid' if handler.errors else 'valid'
        out.write(f'{name}\t{verdict}\t{score}\t{" | ".join(handler.errors)}\n')
        out.flush()
