// The import report: one header, every problem a CSV line in order (one at a time or a batch at
// once), counts by severity and the summary's reasons grouped by their stable start.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createReportWriter } from './report-writer.ts';

function sink() {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _e, cb) {
      chunks.push(chunk.toString('utf8'));
      cb();
    },
  });
  return { out, text: () => chunks.join(''), writes: () => chunks.length };
}

describe('import report writer', () => {
  it('writes the header once and each problem as a line, a batch in one write', async () => {
    const s = sink();
    const report = createReportWriter(s.out, 2);
    await report.add({
      line: 3,
      severity: 'rejected',
      column: 'vin',
      reason: 'invalid VIN: "X1"',
      value: 'X1',
    });
    await report.addMany([
      { line: 4, severity: 'filled', column: 'make', reason: 'filled from the VIN', value: 'Honda' },
      { line: 4, severity: 'filled', column: 'model', reason: 'filled from the VIN', value: 'Accord' },
      { line: 5, severity: 'warning', column: 'plate', reason: 'plate, "a,b" quoted', value: 'a,b' },
      { line: 3, severity: 'rejected', column: 'year', reason: 'invalid VIN: "X2"', value: 'X2' },
    ]);
    await report.addMany([]);
    expect(s.writes()).toBe(2);
    const rows = parse(s.text()) as string[][];
    expect(rows).toEqual([
      ['line', 'severity', 'column', 'reason', 'value'],
      ['3', 'rejected', 'vin', 'invalid VIN: "X1"', 'X1'],
      ['4', 'filled', 'make', 'filled from the VIN', 'Honda'],
      ['4', 'filled', 'model', 'filled from the VIN', 'Accord'],
      ['5', 'warning', 'plate', 'plate, "a,b" quoted', 'a,b'],
      ['3', 'rejected', 'year', 'invalid VIN: "X2"', 'X2'],
    ]);
    // Two problems on line 3 reject one line.
    expect(report.counts).toEqual({ rejectedLines: 1, warnings: 1, filled: 2 });
    expect(report.samples.map((p) => p.column)).toEqual(['vin', 'make']);
    expect([...report.byReason.entries()]).toEqual([
      ['rejected vin: invalid VIN: "…"', 1],
      ['filled make: filled from the VIN', 1],
      ['filled model: filled from the VIN', 1],
      ['warning plate: plate, "…" quoted', 1],
      ['rejected year: invalid VIN: "…"', 1],
    ]);
  });
});
