import { beforeAll, describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { ApiError } from '../../src/app/api';
import { explainNotEstimable } from '../../src/features/estimation/api';
import ar from '../../src/i18n/locales/ar.json';
import en from '../../src/i18n/locales/en.json';

let tEn: TFunction;
let tAr: TFunction;
beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ lng: 'en', resources: { en: { translation: en }, ar: { translation: ar } }, interpolation: { escapeValue: false }, showSupportNotice: false });
  tEn = instance.getFixedT('en');
  tAr = instance.getFixedT('ar');
});

const english = 'No one is on the list "Shelters". Take it out or put other organisations on it. (In the statistician\'s terms: ...)';
const refusal = (details: unknown) => new ApiError(422, 'not-estimable', english, [], details);

async function refusedWith(t: TFunction, error: ApiError): Promise<ApiError> {
  return explainNotEstimable(t, () => Promise.reject(error)).then(
    () => { throw new Error('expected a refusal'); },
    (caught: unknown) => caught as ApiError,
  );
}

describe('an estimate the data cannot support', () => {
  it("is worded in the reader's language from the reason's code, naming the list", async () => {
    const details = { reason: { code: 'empty-list', list: 1, text: 'No one is on the list "Shelters".' }, lists: ['NGOs', 'Shelters', 'Police'] };
    const arabic = await refusedWith(tAr, refusal(details));
    expect(arabic.status).toBe(422);
    expect(arabic.message).toContain('Shelters');
    expect(arabic.message).not.toContain('No one');
    expect(arabic.message).toMatch(/[\u0600-\u06FF]/);
    const inEnglish = await refusedWith(tEn, refusal(details));
    expect(inEnglish.message).toContain('No one is on the list Shelters.');
    expect(inEnglish.message).not.toContain("statistician");
  });

  it("falls back to the server's message when the reason is missing or not one it knows", async () => {
    const unknown = await refusedWith(tEn, refusal({ reason: { code: 'something-else', list: null, text: '' }, lists: [] }));
    expect(unknown.message).toContain(english);
    const none = await refusedWith(tEn, refusal(undefined));
    expect(none.message).toContain(english);
  });

  it('lets other failures through untouched', async () => {
    const forbidden = new ApiError(403, 'forbidden', 'You are not allowed to do this');
    expect(await refusedWith(tEn, forbidden)).toBe(forbidden);
  });
});
