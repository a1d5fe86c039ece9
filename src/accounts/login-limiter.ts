// Login attempts per (IP, email) in a sliding window, in memory (one process serves a login
// from start to end; several web processes each keep their own window, which only loosens the
// limit by the number of processes). Successful logins clear the key.
export class LoginLimiter {
  private readonly attempts = new Map<string, number[]>();
  readonly max: number;
  readonly windowMs: number;

  constructor(options: { max?: number; windowMs?: number } = {}) {
    this.max = options.max ?? 10;
    this.windowMs = options.windowMs ?? 15 * 60_000;
  }

  private key(ip: string, email: string): string {
    return `${ip}\u0000${email.trim().toLowerCase()}`;
  }

  /** Seconds to wait before trying again, or 0 when an attempt is allowed now. */
  retryAfter(ip: string, email: string, now: Date): number {
    const recent = this.recent(this.key(ip, email), now.getTime());
    if (recent.length < this.max) return 0;
    return Math.max(1, Math.ceil((recent[0]! + this.windowMs - now.getTime()) / 1000));
  }

  recordFailure(ip: string, email: string, now: Date): void {
    const key = this.key(ip, email);
    const recent = this.recent(key, now.getTime());
    recent.push(now.getTime());
    this.attempts.set(key, recent);
    if (this.attempts.size > 100_000) this.sweep(now.getTime());
  }

  clear(ip: string, email: string): void {
    this.attempts.delete(this.key(ip, email));
  }

  private recent(key: string, t: number): number[] {
    return (this.attempts.get(key) ?? []).filter((at) => at > t - this.windowMs);
  }

  private sweep(t: number): void {
    for (const [key, times] of this.attempts) if (!times.some((at) => at > t - this.windowMs)) this.attempts.delete(key);
  }
}
