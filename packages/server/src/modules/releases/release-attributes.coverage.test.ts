import { describe, expect, it } from 'vitest';
import { defaultQuasiIdentifiers } from '@palermo/contracts';
import { accountColumns } from '../statistical-records/account-facts.js';
import { ctdcExportColumns } from '../statistical-records/ctdc-export.js';
import { hierarchies } from './k-anonymity.js';
import { recordToRow, releaseAttributeNames, releaseAttributes } from './release-attributes.js';

/**
 * The release controls cover every column the country dataset fills from the person's account: each CTDC column is a
 * release attribute (so the synthesis and the utility report count it), and a record holding only the account's
 * flags (2024 names beside the 2017 ones) is read by the release as those attributes.
 */
describe('release attributes and the account columns', () => {
  it('include every CTDC column, and the duration is a quasi-identifier with a hierarchy', () => {
    expect(ctdcExportColumns.filter((column) => !releaseAttributeNames.includes(column))).toEqual([]);
    expect(defaultQuasiIdentifiers).toContain('traffickMonths');
    expect(hierarchies['traffickMonths']?.map((step) => [step('13--24 (1-2 yrs)'), step('25+ (2+ yrs)')])).toEqual([['0--24 (0-2 yrs)', '25+ (2+ yrs)']]);
  });

  it("read the account's flags as release attributes", () => {
    const known = <T>(value: T) => ({ state: 'known' as const, value });
    const account = accountColumns(
      [
        {
          situations: [
            {
              places: [],
              forms: known(['ForcedLabour', 'SexualExploitation']),
              labourIndustries: known(['T_ActivitiesOfHouseholdsAsEmployers', 'F_Construction']),
              sexualExploitationTypes: known(['Prostitution']),
              methodsOfControl: known(['RestrictsMovement', 'UsesChildren', 'PsychoactiveSubstance', 'TakesEarnings']),
              recruiterRelationship: known('Acquainted'),
              recruiterAcquaintance: 'OtherKnownPerson',
              startDate: known('2020-01-01'),
              endDate: known('2020-06-01'),
            } as never,
          ],
          exploiters: [],
        },
      ],
      '2021-01-01',
    );
    const row = recordToRow(
      {
        year_of_registration: 2021,
        gender: null,
        age_broad: null,
        majority_status: null,
        citizenship: null,
        country_of_exploitation: null,
        traffick_months: account.traffick_months,
        datasource: null,
        stage: null,
        trafficking_status: null,
        referring_organisation_type: null,
        means_of_control: account.means_of_control,
        exploitation: ['isForcedLabour', 'isSexualExploit'],
        labour_sectors: account.labour_sectors,
        sex_types: account.sex_types,
        recruiter_relations: account.recruiter_relations,
      },
      releaseAttributes,
    );
    const released = Object.fromEntries(releaseAttributes.map((a, i) => [a.name, row[i]]));
    expect(released).toMatchObject({
      traffickMonths: '0--12 (0-1 yr)',
      meansDenyBasicNeeds: '1',
      meansThreats: '1',
      meansDrugsAlcohol: '1',
      meansDebtBondageEarnings: '1',
      typeOfLabourDomesticWork: '1',
      typeOfLabourConstruction: '1',
      typeOfSexProstitution: '1',
      recruiterRelationOther: '1',
      meansWithholdDocs: null,
    });
  });
});
