// Runs on a pool thread (email-compile-pool.ts): the costly, input-dependent part of compiling a
// staff-written email template (MJML and the HTML → text pass). A hostile template can keep this
// thread busy; the pool's time limit then ends the thread, and the main thread never waited.
import mjml2html from 'mjml';
import { htmlToText } from './html-to-text.ts';

export interface EmailCompileTask {
  /** Set to 1 when this thread starts the task: the time limit counts from then. */
  started?: Int32Array;
  mjml: string;
  /** HTML whose plain text becomes the text part. */
  textHtml: string;
}

export interface EmailCompileResult {
  html: string;
  text: string;
}

export default async function compileEmail(task: EmailCompileTask): Promise<EmailCompileResult> {
  if (task.started) Atomics.store(task.started, 0, 1);
  const result = await mjml2html(task.mjml, { validationLevel: 'soft', keepComments: false });
  return { html: result.html, text: htmlToText(task.textHtml) };
}
