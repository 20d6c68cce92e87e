import { randomUUID } from 'node:crypto';
import type { ExploiterData, SituationData } from '@palermo/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { systemActor } from '../../platform/audit/audit.js';
import { farmSituation, known, openCase, send } from '../account/account.test-support.js';
import { accountColumns, traffickMonthsBand } from './account-facts.js';
import { refreshCountryDataset } from './country-dataset.js';
import { ctdcCells, ctdcExportColumns } from './ctdc-export.js';
import { recordsOf } from './statistical-records.repo.js';

const situation = (data: Partial<SituationData>): SituationData => ({ places: [], ...data }) as SituationData;
const exploiter = (data: Partial<ExploiterData>): ExploiterData => ({ situationIds: [], ...data }) as ExploiterData;

describe("the person's account as CTDC columns", () => {
  it('reads only known answers: unknown and declined are missing, like a field never recorded', () => {
    const columns = accountColumns(
      [
        {
          situations: [
            situation({ forms: { state: 'declined' }, methodsOfControl: { state: 'unknown' }, startDate: { state: 'known', value: '2020-01-01' }, endDate: { state: 'declined' } }),
          ],
          exploiters: [exploiter({ roles: known(['Recruiter']) as ExploiterData['roles'], relationship: { state: 'declined' } })],
        },
      ],
      '2024-06-01',
    );
    expect(columns).toEqual({ forms: [], traffick_months: null, country_of_exploitation_alpha2: null, means_of_control: [], labour_sectors: [], sex_types: [], recruiter_relations: [] });
  });

  it('spans the situations for the duration (ongoing ends on the referral day), and maps control, sector, sexual exploitation and recruiter through the crosswalks', () => {
    const columns = accountColumns(
      [
        {
          situations: [
            situation({
              forms: known(['ForcedLabour']) as SituationData['forms'],
              labourIndustries: known(['I_AccommodationAndFoodServiceActivities', 'C_Manufacturing']) as SituationData['labourIndustries'],
              startDate: known('2021-03-10'),
              endDate: known('2021-09-01'),
              places: [{ stage: 'Exploitation', country: known('IT') }],
              methodsOfControl: known(['RestrictsMovement', 'PsychoactiveSubstance']) as SituationData['methodsOfControl'],
              recruiterRelationship: known('Acquainted') as SituationData['recruiterRelationship'],
              recruiterAcquaintance: 'IntimatePartner',
            }),
          ],
          exploiters: [],
        },
        {
          situations: [
            situation({
              forms: known(['SexualExploitation']) as SituationData['forms'],
              sexualExploitationTypes: known(['Pornography', 'RemoteInteractiveServices']) as SituationData['sexualExploitationTypes'],
              startDate: known('2022-01-01'),
              ongoing: known(true),
              places: [
                { stage: 'Recruitment', country: known('AL') },
                { stage: 'Exploitation', country: known('FR') },
              ],
            }),
          ],
          exploiters: [exploiter({ roles: known(['Recruiter', 'Exploiter']) as ExploiterData['roles'], relationship: known('Familial') as ExploiterData['relationship'] })],
        },
      ],
      '2023-04-01',
    );
    // 2021-03-10 to the referral day 2023-04-01: 25 calendar months.
    expect(columns.traffick_months).toBe('25+ (2+ yrs)');
    expect(columns.country_of_exploitation_alpha2).toBe('FR');
    expect([...columns.forms].sort()).toEqual(['ForcedLabour', 'SexualExploitation']);
    expect(columns.means_of_control.sort()).toEqual(['meansDenyBasicNeeds', 'meansDrugsAlcohol', 'meansOfControlPsychoactiveSubstances', 'meansOfControlRestrictsMovement'].sort());
    expect(columns.labour_sectors).toEqual(expect.arrayContaining(['typeOfLabourHospitality', 'typeOfLabourManufacturing']));
    expect(columns.sex_types.sort()).toEqual(['typeOfSexPornography', 'typeOfSexRemoteInteractiveServices']);
    expect(columns.recruiter_relations.sort()).toEqual(['recruiterRelationFamily', 'recruiterRelationIntimatePartner']);
  });

  it('bands durations as CTDC 2024 does', () => {
    expect([0, 12, 13, 24, 25, 400].map(traffickMonthsBand)).toEqual(['0--12 (0-1 yr)', '0--12 (0-1 yr)', '13--24 (1-2 yrs)', '13--24 (1-2 yrs)', '25+ (2+ yrs)', '25+ (2+ yrs)']);
    const onlyMonths = accountColumns([{ situations: [situation({ durationMonths: known(18) })], exploiters: [] }], '2024-01-01');
    expect(onlyMonths.traffick_months).toBe('13--24 (1-2 yrs)');
  });
});

describe('the country dataset follows the account', () => {
  let t: TestApp;
  let caseworker: Client;
  beforeAll(async () => {
    t = await createTestApp();
    const ngo = await insertOrganisation(t, 'ngo', ['NORTH']);
    caseworker = await clientFor(t, await insertUser(t, ngo, ['caseworker']));
  });
  afterAll(async () => t.close());

  it('fills duration, means, sector and recruiter from the situations recorded, and a correction at the next refresh', async () => {
    const opened = await openCase(caseworker, { gender: 'Feminine', citizenships: ['NG'] });
    const consent = await caseworker.request(
      'POST',
      `/api/cases/${opened.id}/consents`,
      { purpose: 'statistics', status: 'given', method: 'verbal', rightsExplained: ['uses_of_data', 'right_to_refuse_or_withdraw'] },
      { 'idempotency-key': randomUUID() },
    );
    expect(consent.statusCode, consent.body).toBe(200);
    const added = await send(caseworker, 'POST', `/api/cases/${opened.id}/account/situations`, farmSituation);
    expect(added.statusCode, added.body).toBe(200);
    const ref = added.json<{ id: string; version: number }>();
    const recruiter = await send(caseworker, 'POST', `/api/cases/${opened.id}/account/exploiters`, { kind: 'person', pseudonym: 'Uncle K', roles: known(['Recruiter']), relationship: known('Familial') });
    expect(recruiter.statusCode, recruiter.body).toBe(200);

    const first = await refreshCountryDataset(t.platform.db, systemActor('test'), { cipher: t.platform.cipher });
    const [record] = await recordsOf(t.platform.db, first.datasetId);
    expect(record).toMatchObject({ country_of_exploitation: 'ITA', traffick_months: '0--12 (0-1 yr)', exploitation: ['isForcedLabour'] });
    expect(record?.means_of_control).toEqual(expect.arrayContaining(['meansDebtBondageEarnings', 'meansWithholdDocs', 'meansDenyBasicNeeds', 'meansOfControlRestrictsMovement']));
    expect(record?.labour_sectors).toEqual(expect.arrayContaining(['typeOfLabourAgriculture']));
    expect([...(record?.recruiter_relations ?? [])].sort()).toEqual(['recruiterRelationFamily', 'recruiterRelationFriend']);
    // The CTDC cells of the record: the columns the account fills are no longer empty.
    const cells = Object.fromEntries(ctdcExportColumns.map((c, i) => [c, ctdcCells(must(record))[i]]));
    expect(cells).toMatchObject({ traffickMonths: '0--12 (0-1 yr)', meansWithholdDocs: '1', typeOfLabourAgriculture: '1', recruiterRelationFamily: '1', CountryOfExploitation: 'ITA' });

    // A correction: the exploitation lasted until 2026 and was sexual exploitation too.
    const corrected = await send(caseworker, 'PUT', `/api/cases/${opened.id}/account/situations/${ref.id}`, {
      ...farmSituation,
      forms: known(['ForcedLabour', 'SexualExploitation']),
      sexualExploitationTypes: known(['Prostitution']),
      endDate: known('2026-01-15'),
      version: ref.version,
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const again = await refreshCountryDataset(t.platform.db, systemActor('test'), { cipher: t.platform.cipher });
    const [after] = await recordsOf(t.platform.db, again.datasetId);
    expect(after).toMatchObject({ traffick_months: '25+ (2+ yrs)', sex_types: ['typeOfSexProstitution'] });
    expect([...(after?.exploitation ?? [])].sort()).toEqual(['isForcedLabour', 'isSexualExploit']);
  });
});

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('missing');
  return value;
}
