// What sending one email returns, whichever transport sent it.
export interface SendResult {
  messageId: string;
  response: string;
  /** When the server accepted it (performance.now() of this thread), if another thread sent it. */
  acceptedAt?: number;
  /** Already recorded as sent by the SMTP thread (committed). */
  recorded?: boolean;
}
