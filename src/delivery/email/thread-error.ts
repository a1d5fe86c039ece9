// A failed build or send, answered to the main thread as nodemailer reported it: its error code
// and SMTP response code are what the worker's retry rules read (compose-thread.ts, smtp-thread.ts).
export type NodemailerError = Error & { code?: string; responseCode?: number; response?: string };

export interface ErrorAnswer {
  type: 'error';
  id: number;
  message: string;
  code?: string;
  responseCode?: number;
  response?: string;
}

export function errorAnswer(id: number, err: NodemailerError): ErrorAnswer {
  return {
    type: 'error',
    id,
    message: err.message,
    code: err.code,
    responseCode: err.responseCode,
    response: err.response,
  };
}
