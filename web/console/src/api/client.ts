// The one API client: openapi-fetch typed by the generated schema.d.ts (from the server's OpenAPI
// document). It sends the session's CSRF token on writes and the user's language, and turns every
// error body ({error: {code, message, field}}) into an ApiError whose message is already translated
// by the server.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

const session = { csrf: null as string | null, language: 'en' };

export function setCsrfToken(token: string | null): void {
  session.csrf = token;
}
export function setApiLanguage(language: string): void {
  session.language = language;
}

const headers: Middleware = {
  onRequest({ request }) {
    request.headers.set('accept-language', session.language);
    if (session.csrf && request.method !== 'GET') request.headers.set('x-csrf-token', session.csrf);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '/' });
api.use(headers);

/** Unwraps an openapi-fetch result: the data, or a thrown ApiError. */
export async function call<T>(
  promise: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await promise;
  if (response.ok) return data as T;
  const body = (error ?? {}) as { error?: { code?: string; message?: string; field?: string } };
  throw new ApiError(
    response.status,
    body.error?.code ?? 'http_error',
    body.error?.message ?? `${response.status} ${response.statusText}`,
    body.error?.field,
  );
}

/**
 * Sends a file as the request body with XMLHttpRequest, whose upload events give a progress bar
 * (fetch has none): onProgress gets the fraction sent (0–1); then the server processes the file
 * and the promise settles with its answer, or an ApiError in the user's language.
 */
export function uploadFile<T>(
  url: string,
  file: Blob,
  contentType: string,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('accept-language', session.language);
    if (session.csrf) xhr.setRequestHeader('x-csrf-token', session.csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.upload.onload = () => onProgress(1);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON: the status line below says what happened.
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      const error = (body as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
      reject(
        new ApiError(
          xhr.status,
          error?.code ?? 'http_error',
          error?.message ?? `${xhr.status} ${xhr.statusText}`,
          error?.field,
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'network'));
    xhr.send(file);
  });
}

/**
 * Downloads a file the API serves (e.g. a CSV) under the name the server gives it; a refusal
 * becomes an ApiError in the user's language instead of a saved error page.
 */
export async function downloadFile(url: string): Promise<void> {
  const response = await fetch(url, { headers: { 'accept-language': session.language } });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as {
      error?: { code?: string; message?: string; field?: string };
    };
    throw new ApiError(
      response.status,
      body.error?.code ?? 'http_error',
      body.error?.message ?? `${response.status} ${response.statusText}`,
      body.error?.field,
    );
  }
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.click();
  URL.revokeObjectURL(href);
}
