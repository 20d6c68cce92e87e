import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { currentSopDocument } from './sop.service.js';
import { asShipped, shippedSopTexts } from './sop.shipped.js';

/** The default SOP's texts are known by SOP number and measure id; a country's edits are told apart text by text. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => t?.close());

describe('the shipped SOP texts', () => {
  it('are the default set of version 1: five SOP titles and every measure by its id', async () => {
    const shipped = await shippedSopTexts(t.platform.db);
    expect([...shipped.sopTitles.keys()]).toEqual([1, 2, 3, 4, 5]);
    expect(shipped.measures.size).toBe(39);
    expect(shipped.measures.get('first-assistance.recovery-reflection')?.title).toBe('Recovery and reflection period');
    const document = await currentSopDocument(t.platform.db);
    for (const sop of document.sops) for (const measure of sop.measures) expect(asShipped(shipped, sop, measure), measure.id).toEqual({ sopTitle: true, title: true, what: true, how: true });
  });

  it("tells a country's edited or added texts apart, text by text", async () => {
    const shipped = await shippedSopTexts(t.platform.db);
    const document = await currentSopDocument(t.platform.db);
    const sop = document.sops[0];
    const measure = sop?.measures[0];
    if (!sop || !measure) throw new Error('no measure');
    expect(asShipped(shipped, { ...sop, title: 'Identification des victimes' }, { ...measure, how: 'Appeler la ligne nationale.' })).toEqual({ sopTitle: false, title: true, what: true, how: false });
    expect(asShipped(shipped, sop, { ...measure, id: 'country.own-measure' })).toEqual({ sopTitle: true, title: false, what: false, how: false });
  });
});
