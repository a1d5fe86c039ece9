import { describe, expect, it } from 'vitest';
import {
  IMPORT_REASON_CODES,
  IMPORT_REASON_EXAMPLES,
  importReasonCode,
  isKnownImportReason,
  translateImportReason,
} from './import-reasons.ts';

describe('import reasons: one stable code each, in English, French and Spanish', () => {
  it.each(IMPORT_REASON_CODES)('%s has its three wordings', (code) => {
    const en = IMPORT_REASON_EXAMPLES[code];
    expect(importReasonCode(en)).toBe(code);
    expect(translateImportReason('en', en)).toBe(en);
    const fr = translateImportReason('fr', en);
    const es = translateImportReason('es', en);
    for (const text of [fr, es]) {
      expect(text).not.toBe(en);
      expect(text.length).toBeGreaterThan(0);
    }
    expect(fr).not.toBe(es);
    expect(isKnownImportReason(en)).toBe(code !== 'unrecognized');
  });

  it('a reason nobody foresaw keeps its detail inside a translated frame', () => {
    expect(translateImportReason('fr', 'boom')).toBe('raison non traduite : boom');
    expect(translateImportReason('es', 'boom')).toBe('motivo sin traducir: boom');
  });

  it('a unit rejected whole names its own reason in the reader’s language', () => {
    expect(
      translateImportReason(
        'fr',
        'repair order RO-7 rejected whole: a VIN has 17 characters (got 16) (line 4)',
      ),
    ).toBe('bon de travail RO-7 refusé en entier : un NIV a 17 caractères (reçu 16) (ligne 4)');
  });
});
