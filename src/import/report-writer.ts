// The report next to the input (FILE.rejects.csv): one line per rejected row reason, warning
// or field filled from the VIN, with the line number in the input, the column and the reason.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { csvLine } from '../domain/csv.ts';
import type { Problem } from './types.ts';

export interface ReportWriter {
  add(problem: Problem): Promise<void>;
  counts: { rejectedLines: number; warnings: number; filled: number };
  /** The first problems, for a short summary on the terminal. */
  samples: Problem[];
  /** Problems counted by reason, for the summary. */
  byReason: Map<string, number>;
}

export function createReportWriter(out: Writable, sampleSize = 15): ReportWriter {
  let headerDone = false;
  const rejectedLines = new Set<number>();
  const writer: ReportWriter = {
    counts: { rejectedLines: 0, warnings: 0, filled: 0 },
    samples: [],
    byReason: new Map(),
    async add(problem) {
      let text = headerDone ? '' : csvLine(['line', 'severity', 'column', 'reason', 'value']);
      headerDone = true;
      text += csvLine([problem.line, problem.severity, problem.column, problem.reason, problem.value]);
      if (problem.severity === 'warning') writer.counts.warnings++;
      else if (problem.severity === 'filled') writer.counts.filled++;
      else if (!rejectedLines.has(problem.line)) {
        rejectedLines.add(problem.line);
        writer.counts.rejectedLines++;
      }
      if (writer.samples.length < sampleSize) writer.samples.push(problem);
      // Group "… (first on line 12)" style reasons together by their stable start.
      const label = `${problem.severity} ${problem.column}: ${problem.reason.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N')}`;
      writer.byReason.set(label, (writer.byReason.get(label) ?? 0) + 1);
      if (!out.write(text)) await once(out, 'drain');
    },
  };
  return writer;
}
