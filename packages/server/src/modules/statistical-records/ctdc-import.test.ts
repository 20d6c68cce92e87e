import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { systemActor } from '../../platform/audit/audit.js';
import { migrate } from '../../platform/db/migrate.js';
import { ImportError } from '../reference-statistics/import-report.js';
import { importCtdc } from './ctdc-import.js';
import { recordsOf } from './statistical-records.repo.js';

let t: TestDatabase;
const actor = systemActor('test');
const file = (name: string, text: string) => ({ fileName: name, bytes: Buffer.from(text, 'utf8') });

beforeAll(async () => {
  t = await createTestDatabase();
  await migrate(t.database);
});
afterAll(async () => t.drop());

const V2_HEADER =
  'yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,traffickMonths,meansDebtBondageEarnings,meansThreats,meansAbusePsyPhySex,meansFalsePromises,meansDrugsAlcohol,meansDenyBasicNeeds,meansExcessiveWorkHours,meansWithholdDocs,isForcedLabour,isSexualExploit,isOtherExploit,sectorOfLabourAgriculture,typeOfLabourConstruction,typeOfLabourDomesticWork,typeOfLabourHospitality,sectorOfSexProstitution,typeOfSexPornography,recruiterRelationIntimatePartner,recruiterRelationFriend,recruiterRelationFamily,recruiterRelationOther';

function v2Row(cells: Record<string, string>): string {
  return V2_HEADER.split(',')
    .map((c) => cells[c] ?? '')
    .join(',');
}

const K2017_HEADER =
  'By using this data you agree to the Terms of Use,yearOfRegistration,Datasource,gender,ageBroad,majorityStatus,majorityStatusAtExploit,majorityEntry,citizenship,meansOfControlDebtBondage,meansOfControlTakesEarnings,meansOfControlThreats,meansOfControlUsesChildren,meansOfControlNotSpecified,isForcedLabour,isSexualExploit,isOtherExploit,isSexAndLabour,isForcedMarriage,typeOfLabourBegging,typeOfLabourAgriculture,typeOfSexProstitution,typeOfSexRemoteInteractiveServices,isAbduction,RecruiterRelationship,CountryofExploitation,recruiterRelationFamily,recruiterRelationUnknown';

describe('reading CTDC files', () => {
  it('reads the synthetic v2 layout: blanks are missing, sectorOf... aliases, alpha-3 countries, majority from the age band', async () => {
    const text = [
      V2_HEADER,
      v2Row({ yearOfRegistration: '2019', gender: 'Woman', ageBroad: '09--17', citizenship: 'NGA', CountryOfExploitation: 'ITA', meansThreats: '1', isSexualExploit: '1', sectorOfSexProstitution: '1', recruiterRelationOther: '1' }),
      v2Row({ yearOfRegistration: '2020', gender: 'Man', ageBroad: '30--38', citizenship: 'UKR', isForcedLabour: '1', sectorOfLabourAgriculture: '1', traffickMonths: '13--24 (1-2 yrs)' }),
      v2Row({}),
    ].join('\n');
    const summary = await importCtdc(t.database.db, file('v2.csv', text), { actor, postgresUrl: t.url });
    expect(summary).toMatchObject({ edition: 'ctdc_synthetic_v2', rowsRead: 3, rowsImported: 2, alreadyImported: false });
    expect(summary.anomalies.blank_row).toBe(1);
    expect(summary.report).toEqual([{ kind: 'blank_row', row: 4, column: '', original: ','.repeat(26), readAs: 'skipped: no value in any column' }]);
    const records = await recordsOf(t.database.db, summary.datasetId);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      source_row: 2,
      person_key: null,
      year_of_registration: 2019,
      gender: 'Woman',
      age_broad: '09--17',
      majority_status: 'Minor',
      citizenship: 'NGA',
      country_of_exploitation: 'ITA',
      traffick_months: null,
      means_of_control: ['meansThreats'],
      exploitation: ['isSexualExploit'],
      sex_types: ['typeOfSexProstitution'],
      recruiter_relations: ['recruiterRelationOther'],
      labour_sectors: [],
    });
    expect(records[1]).toMatchObject({ gender: 'Man', majority_status: 'Adult', labour_sectors: ['typeOfLabourAgriculture'], traffick_months: '13--24 (1-2 yrs)', means_of_control: [] });
  });

  it('reads the k-anonymised 2017 layout: -99 and Unknown are missing, 2017 codes become 2024 codes, merged flags keep their names', async () => {
    const row = (cells: string[]) => cells.join(',');
    const text = [
      K2017_HEADER,
      row(['1', '2015', 'Case management', 'Female', '9--17', 'Minor', 'Minor', '-99', 'UA', '1', '-99', '0', '1', '0', '1', '1', '0', '1', '-99', '1', '0', '0', '-99', '-99', 'Family/Relative', 'RU', '1', '0']),
      row(['2', '-99', 'Hotline', 'Unknown', '-99', 'Unknown', '-99', '-99', 'ZZ', '-99', '-99', '-99', '-99', '1', '0', '0', '1', '0', '1', '0', '0', '0', '0', '-99', '', '-99', '-99', '1']),
    ].join('\r\n');
    const summary = await importCtdc(t.database.db, file('global-2017.csv', text), { actor, postgresUrl: t.url });
    expect(summary.edition).toBe('ctdc_k_anonymised_2017');
    expect(summary.rowsImported).toBe(2);
    expect(summary.anomalies.unknown_column).toBe(1);
    expect(summary.report[0]).toMatchObject({ kind: 'unknown_column', row: 1, readAs: 'ignored: a terms-of-use notice, not a column' });
    const [first, second] = await recordsOf(t.database.db, summary.datasetId);
    expect(first).toMatchObject({
      year_of_registration: 2015,
      datasource: 'Case management',
      gender: 'Woman',
      age_broad: '09--17',
      majority_status: 'Minor',
      citizenship: 'UKR',
      country_of_exploitation: 'RUS',
      labour_sectors: ['typeOfLabourBegging'],
      recruiter_relations: ['recruiterRelationFamily'],
    });
    expect([...(first?.means_of_control ?? [])].sort()).toEqual(['meansDebtBondageEarnings', 'meansOfControlDebtBondage', 'meansOfControlUsesChildren', 'meansThreats']);
    expect([...(first?.exploitation ?? [])].sort()).toEqual(['isForcedLabour', 'isSexualExploit']);
    expect(second).toMatchObject({ year_of_registration: null, datasource: 'Hotline', gender: null, age_broad: null, majority_status: null, citizenship: null, country_of_exploitation: null });
    expect([...(second?.exploitation ?? [])].sort()).toEqual(['isForcedMarriage', 'isOtherExploit']);
    expect(second?.recruiter_relations).toEqual([]);
  });

  it('reports odd values with their row, column, cell and reading, and guesses nothing', async () => {
    const text = [
      V2_HEADER,
      v2Row({ yearOfRegistration: '19', gender: 'female ', ageBroad: '9 to 17', citizenship: 'XX', CountryOfExploitation: 'it', isForcedLabour: 'yes' }),
      v2Row({ yearOfRegistration: '2021', gender: ' Woman', ageBroad: '48+', citizenship: 'usa' }),
    ].join('\n');
    const summary = await importCtdc(t.database.db, file('odd.csv', text), { actor, reportLimit: 100, postgresUrl: t.url });
    const where = summary.report.map((a) => `${a.row}:${a.column}:${a.kind}:${a.original}`);
    expect(where).toEqual([
      '2:yearOfRegistration:year_out_of_range:19',
      '2:gender:surrounding_whitespace:female ',
      '2:gender:code_spelling:female ',
      '2:ageBroad:unknown_code:9 to 17',
      '2:citizenship:not_a_country_code:XX',
      '2:CountryOfExploitation:unknown_code:it',
      '2:isForcedLabour:not_a_flag:yes',
      '3:gender:surrounding_whitespace: Woman',
      '3:citizenship:unknown_code:usa',
    ]);
    expect(summary.report.find((a) => a.column === 'CountryOfExploitation')?.readAs).toBe('read as ITA (lower case alpha-2 IT)');
    const [first, second] = await recordsOf(t.database.db, summary.datasetId);
    expect(first).toMatchObject({ year_of_registration: null, gender: 'Woman', age_broad: null, citizenship: null, country_of_exploitation: 'ITA', exploitation: [] });
    expect(second).toMatchObject({ gender: 'Woman', citizenship: 'USA', majority_status: 'Adult' });
    const stored = await t.database.db.selectFrom('statistical_import_anomalies').select(['seq', 'source_row', 'column_name', 'kind']).where('dataset_id', '=', summary.datasetId).orderBy('seq').execute();
    expect(stored.map((a) => `${a.source_row}:${a.column_name}:${a.kind}`)).toEqual(where.map((w) => w.split(':').slice(0, 1).concat(w.split(':').slice(1, 3)).join(':')));
    expect(stored.map((a) => a.seq)).toEqual(stored.map((_, i) => i + 1));
  });

  it('reads codes that differ from the code list only in letter case or spacing as those codes, and reports each (the 2020 global dataset)', async () => {
    // The header and the spellings of the 2020 global dataset ("The Global Dataset 14 Apr 2020.csv"): "Case Management"
    // where the code list has "Case management".
    const header = 'By using this data you agree to the Terms of Use,yearOfRegistration,Datasource,gender,ageBroad,majorityStatus,citizenship,CountryOfExploitation,traffickMonths,isSlaveryAndPractices';
    const text = [
      header,
      ',2019,Case Management,Female,9--17,minor,UA,PL,13--24 (1-2 YRS),1',
      ',2019,Hotline,unknown,30 -- 38,ADULT,US,US,25+ (2+ yrs),-99',
      ',2020,case  management,Trans/Transgender/Nonconforming,48+,Adult,NG,IT,0--12,-99',
    ].join('\n');
    const summary = await importCtdc(t.database.db, file('The Global Dataset 14 Apr 2020.csv', text), { actor, reportLimit: 100, postgresUrl: t.url });
    expect(summary.rowsImported).toBe(3);
    expect(summary.anomalies.code_spelling).toBe(8);
    expect(summary.report.filter((a) => a.kind !== 'unknown_column').map((a) => `${a.row}:${a.column}:${a.kind}:${a.original}:${a.readAs}`)).toEqual([
      '2:Datasource:code_spelling:Case Management:read as "Case management": differs from the code list only in letter case or spacing',
      '2:majorityStatus:code_spelling:minor:read as "Minor": differs from the code list only in letter case or spacing',
      '2:traffickMonths:code_spelling:13--24 (1-2 YRS):read as "13--24 (1-2 yrs)": differs from the code list only in letter case or spacing',
      '3:gender:code_spelling:unknown:read as missing ("Unknown"): differs from the code list only in letter case or spacing',
      '3:ageBroad:code_spelling:30 -- 38:read as "30--38": differs from the code list only in letter case or spacing',
      '3:majorityStatus:code_spelling:ADULT:read as "Adult": differs from the code list only in letter case or spacing',
      '4:Datasource:code_spelling:case  management:read as "Case management": differs from the code list only in letter case or spacing',
      '4:gender:code_spelling:Trans/Transgender/Nonconforming:read as "Trans/Transgender/NonConforming": differs from the code list only in letter case or spacing',
      '4:traffickMonths:unknown_code:0--12:missing: not a CTDC duration band',
    ]);
    const records = await recordsOf(t.database.db, summary.datasetId);
    expect(records.map((r) => [r.datasource, r.gender, r.age_broad, r.majority_status, r.traffick_months])).toEqual([
      ['Case management', 'Woman', '09--17', 'Minor', '13--24 (1-2 yrs)'],
      ['Hotline', null, '30--38', 'Adult', '25+ (2+ yrs)'],
      ['Case management', 'Trans/Transgender/NonConforming', '48+', 'Adult', null],
    ]);
    const stored = await t.database.db.selectFrom('statistical_import_anomalies').select((eb) => eb.fn.countAll<number>().as('n')).where('dataset_id', '=', summary.datasetId).where('kind', '=', 'code_spelling').executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(8);
  });

  it('reports a majority status that contradicts the age band, and keeps the file value', async () => {
    const header = 'yearOfRegistration,Datasource,gender,ageBroad,majorityStatus,citizenship,CountryOfExploitation,isForcedLabour';
    const summary = await importCtdc(t.database.db, file('inconsistent.csv', `${header}\n2016,Case management,Male,30--38,Minor,PH,PH,1\n`), { actor, postgresUrl: t.url });
    expect(summary.report).toEqual([{ kind: 'inconsistent_value', row: 2, column: 'majorityStatus', original: 'Minor', readAs: 'kept as Minor, although the age band 30--38 says Adult' }]);
  });

  it('stores nothing when a row cannot be read (all or nothing), and says where', async () => {
    const before = await t.database.db.selectFrom('statistical_records').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const good = Array.from({ length: 6000 }, () => v2Row({ yearOfRegistration: '2020', gender: 'Woman' }));
    const text = [V2_HEADER, ...good, '2020,Woman,too,few', v2Row({})].join('\n');
    const error = await importCtdc(t.database.db, file('broken.csv', text), { actor, postgresUrl: t.url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe('malformed_row');
    expect((error as ImportError).where.row).toBe(6002);
    const after = await t.database.db.selectFrom('statistical_records').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const datasets = await t.database.db.selectFrom('statistical_datasets').select('id').where('file_name', '=', 'broken.csv').execute();
    expect(datasets).toEqual([]);
    const audit = await t.database.db.selectFrom('audit_log').select(['summary', 'outcome']).where('action', '=', 'statistical_records.import').orderBy('entry_id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ outcome: 'failed' });
    expect(audit.summary).toContain('malformed_row at row 6002');
  });

  it('refuses files that are not CTDC, and a header naming one column twice', async () => {
    const notCtdc = await importCtdc(t.database.db, file('other.csv', 'a,b,c\n1,2,3\n4,5,6\n7,8,9\n1,1,1\n2,2,2\n3,3,3\n'), { actor, postgresUrl: t.url }).catch((e: unknown) => e);
    expect((notCtdc as ImportError).code).toBe('missing_column');
    const twice = await importCtdc(t.database.db, file('twice.csv', 'yearOfRegistration,gender,typeOfSexProstitution,sectorOfSexProstitution\n2020,Man,1,1\n'), { actor, postgresUrl: t.url }).catch((e: unknown) => e);
    expect(twice).toMatchObject({ code: 'duplicate_column', where: { row: 1, column: 'sectorOfSexProstitution' } });
    const empty = await importCtdc(t.database.db, file('empty.csv', `${V2_HEADER}\n`), { actor, postgresUrl: t.url }).catch((e: unknown) => e);
    expect((empty as ImportError).code).toBe('no_data');
  });

  it('changes nothing when the same file is imported again', async () => {
    const text = `${V2_HEADER}\n${v2Row({ yearOfRegistration: '2018', gender: 'Man', citizenship: 'AFG' })}\n`;
    const first = await importCtdc(t.database.db, file('again.csv', text), { actor, postgresUrl: t.url });
    const count = async () => Number((await t.database.db.selectFrom('statistical_records').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const datasets = async () => (await t.database.db.selectFrom('statistical_datasets').select('id').execute()).length;
    const [records, sets] = [await count(), await datasets()];
    const second = await importCtdc(t.database.db, file('renamed.csv', text), { actor, postgresUrl: t.url });
    expect(second).toMatchObject({ alreadyImported: true, datasetId: first.datasetId, rowsImported: 1, file: 'again.csv' });
    expect(await count()).toBe(records);
    expect(await datasets()).toBe(sets);
  });

  it('reads tab-separated files (the 2021 synthetic edition) with the truncated law-enforcement column', async () => {
    const text = 'yearOfRegistration\tgender\tageBroad\tcitizenship\tCountryOfExploitation\tmeansOfControlThreatOfLawEnforce\tisForcedLabour\n2019\tMale\t18--20\tKHM\tTHA\t1\t1\n';
    const summary = await importCtdc(t.database.db, file('synthetic_2021.tsv', text), { actor, postgresUrl: t.url });
    expect(summary.anomalies.unknown_column).toBe(0);
    const [record] = await recordsOf(t.database.db, summary.datasetId);
    expect(record).toMatchObject({ gender: 'Man', citizenship: 'KHM', country_of_exploitation: 'THA', exploitation: ['isForcedLabour'] });
    expect([...(record?.means_of_control ?? [])].sort()).toEqual(['meansOfControlThreatOfLawEnforcement', 'meansThreats']);
  });
});
