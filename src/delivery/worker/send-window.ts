// The unavoidable window: between the SMTP server's 250 (mail accepted) and the commit that marks
// the message sent. A crash inside it sends the message again (same Message-ID) after the lease.
// We record each window to report it (relance worker logs it; the kill -9 test and drills read it).
const samples: number[] = [];
const MAX = 100_000;

export function recordSendWindow(ms: number): void {
  if (samples.length >= MAX) samples.splice(0, MAX / 2);
  samples.push(ms);
}

export interface WindowStats {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export function sendWindowStats(): WindowStats {
  if (!samples.length) return { count: 0, p50: 0, p99: 0, max: 0 };
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return {
    count: s.length,
    p50: +at(0.5).toFixed(3),
    p99: +at(0.99).toFixed(3),
    max: +s[s.length - 1]!.toFixed(3),
  };
}

export function resetSendWindow(): void {
  samples.length = 0;
}
