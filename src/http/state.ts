// Per-app state shared by the API and the public pages (built once per buildApp): the sign-in
// limiter is one, whether the sign-in comes through the API or the mailbox's form.
import { LoginLimiter } from '../accounts/login-limiter.ts';

export interface HttpState {
  loginLimiter: LoginLimiter;
  resetLimiter: LoginLimiter;
}

export function newHttpState(): HttpState {
  return { loginLimiter: new LoginLimiter(), resetLimiter: new LoginLimiter() };
}
