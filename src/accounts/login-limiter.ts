// Failed attempts in a sliding window, in memory (one process serves a login from start to end;
// several web processes each keep their own window, which only loosens the limit by the number
// of processes). Two limits: per (IP, email), so one account cannot be guessed at, and per IP
// across all emails, so one address cannot try a password on many accounts (spraying). A
// successful login clears its (IP, email) key but not the IP's count: signing in to one's own
// account must not reset an attacker's budget.
export class LoginLimiter {
  private readonly attempts = new Map<string, number[]>();
  readonly max: number;
  readonly maxPerIp: number;
  readonly windowMs: number;

  constructor(options: { max?: number; maxPerIp?: number; windowMs?: number } = {}) {
    this.max = options.max ?? 10;
    this.maxPerIp = options.maxPerIp ?? 50;
    this.windowMs = options.windowMs ?? 15 * 60_000;
  }

  private key(ip: string, email: string): string {
    return `${ip}\u0000${email.trim().toLowerCase()}`;
  }

  private ipKey(ip: string): string {
    return `${ip}\u0000*`;
  }

  /** Seconds to wait before trying again, or 0 when an attempt is allowed now. */
  retryAfter(ip: string, email: string, now: Date): number {
    const t = now.getTime();
    const wait = (recent: number[], max: number) => (recent.length < max ? 0 : Math.max(1, Math.ceil((recent[recent.length - max]! + this.windowMs - t) / 1000)));
    return Math.max(wait(this.recent(this.key(ip, email), t), this.max), wait(this.recent(this.ipKey(ip), t), this.maxPerIp));
  }

  recordFailure(ip: string, email: string, now: Date): void {
    for (const key of [this.key(ip, email), this.ipKey(ip)]) {
      const recent = this.recent(key, now.getTime());
      recent.push(now.getTime());
      this.attempts.set(key, recent);
    }
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
