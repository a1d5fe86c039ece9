// The report next to the input (FILE.rejects.csv): one line per rejected row reason, warning
// or field filled from the VIN, with the line number in the input, the column and the reason.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { toCsvLines, type CsvValue } from '../domain/csv.ts';
import type { Problem } from './types.ts';

export interface ReportWriter {
  add(problem: Problem): Promise<void>;
  /** Several at once: one CSV pass and one write (a batch's VIN fills are 2-3 lines per row). */
  addMany(problems: readonly Problem[]): Promise<void>;
  counts: { rejectedLines: number; warnings: number; filled: number };
  /** The first problems, for a short summary on the terminal. */
  samples: Problem[];
  /** Problems counted by reason, for the summary. */
  byReason: Map<string, number>;
}

export function createReportWriter(out: Writable, sampleSize = 15): ReportWriter {
  let headerDone = false;
  const rejectedLines = new Set<number>();
  // The summary's label of each distinct reason, worked out once (a reason repeats on many lines).
  const labels = new Map<string, string>();
  const labelOf = (p: Problem) => {
    const key = `${p.severity}\0${p.column}\0${p.reason}`;
    let label = labels.get(key);
    if (label === undefined) {
      // Group "… (first on line 12)" style reasons together by their stable start.
      label = `${p.severity} ${p.column}: ${p.reason.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N')}`;
      if (labels.size < 10_000) labels.set(key, label);
    }
    return label;
  };
  const writer: ReportWriter = {
    counts: { rejectedLines: 0, warnings: 0, filled: 0 },
    samples: [],
    byReason: new Map(),
    add: (problem) => writer.addMany([problem]),
    async addMany(problems) {
      if (problems.length === 0) return;
      const lines: CsvValue[][] = headerDone ? [] : [['line', 'severity', 'column', 'reason', 'value']];
      headerDone = true;
      for (const problem of problems) {
        lines.push([problem.line, problem.severity, problem.column, problem.reason, problem.value]);
        if (problem.severity === 'warning') writer.counts.warnings++;
        else if (problem.severity === 'filled') writer.counts.filled++;
        else if (!rejectedLines.has(problem.line)) {
          rejectedLines.add(problem.line);
          writer.counts.rejectedLines++;
        }
        if (writer.samples.length < sampleSize) writer.samples.push(problem);
        const label = labelOf(problem);
        writer.byReason.set(label, (writer.byReason.get(label) ?? 0) + 1);
      }
      if (!out.write(toCsvLines(lines))) await once(out, 'drain');
    },
  };
  return writer;
}
