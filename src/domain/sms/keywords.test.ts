import { describe, expect, it } from 'vitest';
import { textIntent } from './keywords.ts';

describe('keywords of texts in', () => {
  it('every stop word, in any case, with spaces and end punctuation', () => {
    for (const w of [
      'STOP',
      'ARRET',
      'ARRÊT',
      'ALTO',
      'QUIT',
      'END',
      'REVOKE',
      'OPT OUT',
      'CANCEL',
      'UNSUBSCRIBE',
    ])
      for (const v of [w, w.toLowerCase(), ` ${w[0]}${w.slice(1).toLowerCase()} `, `${w}.`, `${w}!`])
        expect(textIntent(v), v).toBe('stop');
    expect(textIntent('arrêt')).toBe('stop');
    expect(textIntent('opt   out')).toBe('stop');
  });

  it('start, help, confirm; a sentence is a reply, not a keyword', () => {
    expect(textIntent('start')).toBe('start');
    expect(textIntent('Unstop')).toBe('start');
    expect(textIntent('HELP')).toBe('help');
    expect(textIntent('aide')).toBe('help');
    expect(textIntent('c')).toBe('confirm');
    expect(textIntent('C.')).toBe('confirm');
    expect(textIntent('confirmer', 'fr')).toBe('confirm');
    expect(textIntent('Confirmar', 'es')).toBe('confirm');
    expect(textIntent('confirm', 'fr')).toBe('confirm');
    expect(textIntent('Please stop by tomorrow')).toBeNull();
    expect(textIntent('Can I come at 10?')).toBeNull();
    expect(textIntent('')).toBeNull();
  });
});
