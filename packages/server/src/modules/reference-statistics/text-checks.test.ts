import { describe, expect, it } from 'vitest';
import { findBrokenCharacters, undoMojibake } from './text-checks.js';

describe('broken characters', () => {
  it('leaves correctly encoded text alone, accents and typographic quotes included', () => {
    for (const text of ['Curaçao', 'Côte d’Ivoire', 'MÉXICO', 'République tchèque', 'Türkiye', '3 nigériens et 1 tunisien', 'TOTAL POR AÑO', 'Plain']) {
      expect(findBrokenCharacters(text), text).toBeUndefined();
    }
  });

  it('finds mojibake and says what it probably stood for, without repairing it', () => {
    expect(undoMojibake('TÃ¼rkiye')).toBe('Türkiye');
    expect(undoMojibake('Côte dâ€™Ivoire')).toBe('Côte d’Ivoire');
    expect(findBrokenCharacters("CÃ´te d'Ivoire")?.problem).toBe(`UTF-8 read as Windows-1252 (mojibake); probably "Côte d'Ivoire"`);
  });

  it('finds replacement characters and control characters', () => {
    expect(findBrokenCharacters('Personnes de nationalit\uFFFD \uFFFDtrang\uFFFDre')?.problem).toMatch(/^3 replacement characters \(U\+FFFD\)/);
    expect(findBrokenCharacters('Alba\u0007nia')?.problem).toBe('control characters');
  });
});
