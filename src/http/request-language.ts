// The language a response is written in: the signed-in user's (set by the auth hook), else the
// request's Accept-Language, else English.
import type { FastifyRequest } from 'fastify';
import type { Language } from '../domain/language.ts';
import { pickLanguage } from '../i18n/accept-language.ts';

const chosen = new WeakMap<FastifyRequest, Language>();

export function setUserLanguage(request: FastifyRequest, language: string): void {
  if (language === 'en' || language === 'fr' || language === 'es') chosen.set(request, language);
}

export function requestLanguage(request: FastifyRequest): Language {
  return chosen.get(request) ?? pickLanguage(request.headers['accept-language']);
}
