import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allows, type Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { compileVisibleFields, visibleFields } from '../../platform/access/field-policy.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { dimensions, prosecutionFactsOf, type Scenario } from '../../../test/access/need-to-know.js';
import { prosecutionOperationFieldPolicy, prosecutionSuspectFieldPolicy } from './prosecution.fields.js';
import { prosecutionRules, stepRules } from './prosecution.policy.js';
import { operationColumns, suspectColumns } from './prosecution.repo.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('the prosecution rules compiled to SQL agree with the evaluator (real tables)', () => {
  it('for every role, organisation type, recording agency and prosecution standing: the rows read and the fields shown', async () => {
    const db = t.platform.db;
    const ids = { organisationId: randomUUID(), otherOrganisationId: randomUUID() };
    await db.insertInto('organisations').values([
      { id: ids.organisationId, name: `subject ${ids.organisationId}`, type: 'law_enforcement', jurisdictions: [] },
      { id: ids.otherOrganisationId, name: `other ${ids.otherOrganisationId}`, type: 'law_enforcement', jurisdictions: [] },
    ]).execute();
    const userId = randomUUID();
    await db.insertInto('users').values({ id: userId, organisation_id: ids.otherOrganisationId, display_name: 'recorder', email: `${userId}@example.test`, password_hash: 'x', roles: ['investigator'] }).execute();

    const probe: Scenario = { roles: ['investigator'], organisationType: 'law_enforcement', sameOrganisation: false, assigned: false, lawEnforcementConsent: false, inJurisdiction: false, share: 'none', sharedFields: [] };
    const records: Array<{ operationId: string; suspectId: string; scenario: Pick<Scenario, 'sameOrganisation' | 'prosecution'> }> = [];
    for (const sameOrganisation of dimensions.sameOrganisation) {
      for (const prosecution of dimensions.prosecution) {
        const record = { operationId: randomUUID(), suspectId: randomUUID(), scenario: { sameOrganisation, prosecution } };
        const investigationId = randomUUID();
        const facts = prosecutionFactsOf({ ...probe, ...record.scenario }, ids);
        await db.insertInto('prosecution_operations').values({
          id: record.operationId, reference: `OP-${record.operationId}`, organisation_id: facts.organisationId ?? '', name: 'o', origin: 'hotline', approach: 'reactive',
          places: '[]', place_names: Buffer.from('x'), started_on: '2025-01-01', created_by: userId,
        }).execute();
        await db.insertInto('prosecution_investigations').values({
          id: investigationId, operation_id: record.operationId, reference: `INV-${investigationId}`, title: 'i', origin: 'hotline', approach: 'reactive', opened_on: '2025-01-01',
          prosecution_office_id: prosecution === 'prosecution_referral' ? ids.organisationId : null, referred_on: prosecution === 'prosecution_referral' ? '2025-01-02' : null, created_by: userId,
        }).execute();
        await db.insertInto('prosecution_suspects').values({
          id: record.suspectId, operation_id: record.operationId, investigation_id: investigationId, pseudonym: Buffer.from('x'), roles: ['recruiter'], sex: 'male',
          court_organisation_id: prosecution === 'before_court' ? ids.organisationId : null, created_by: userId,
        }).execute();
        records.push(record);
      }
    }

    let compared = 0;
    for (const roles of dimensions.roles) {
      for (const organisationType of dimensions.organisationType) {
        const subject: Subject = { userId: randomUUID(), organisationId: ids.organisationId, organisationType, jurisdictions: [], roles };
        const { rows } = await sql<{ operation_id: string; suspect_id: string; operation_read: boolean; suspect_read: boolean; arrest: boolean; verdict: boolean; charge: boolean; operation_fields: string[]; suspect_fields: string[] }>`
          select o.id as operation_id, s.id as suspect_id,
            ${compileRule(prosecutionRules.read, subject, operationColumns)} as operation_read,
            ${compileRule(prosecutionRules.read, subject, suspectColumns)} as suspect_read,
            ${compileRule(stepRules.arrest, subject, suspectColumns)} as arrest,
            ${compileRule(stepRules.charge, subject, suspectColumns)} as charge,
            ${compileRule(stepRules.verdict, subject, suspectColumns)} as verdict,
            ${compileVisibleFields(prosecutionOperationFieldPolicy, subject, operationColumns)} as operation_fields,
            ${compileVisibleFields(prosecutionSuspectFieldPolicy, subject, suspectColumns)} as suspect_fields
          from prosecution_suspects s join prosecution_operations o on o.id = s.operation_id join prosecution_investigations i on i.id = s.investigation_id
          where s.id = any(${records.map((r) => r.suspectId)}::uuid[])`.execute(t.platform.db);
        for (const record of records) {
          const row = rows.find((r) => r.suspect_id === record.suspectId);
          const s = { ...probe, ...record.scenario, roles, organisationType };
          const facts = prosecutionFactsOf(s, ids);
          const where = JSON.stringify(s);
          expect(row, where).toBeDefined();
          if (!row) continue;
          expect(row.operation_read, `operation read ${where}`).toBe(allows(prosecutionRules.read, subject, facts));
          expect(row.suspect_read, `suspect read ${where}`).toBe(allows(prosecutionRules.read, subject, facts));
          expect(row.arrest, `arrest ${where}`).toBe(allows(stepRules.arrest, subject, facts));
          expect(row.charge, `charge ${where}`).toBe(allows(stepRules.charge, subject, facts));
          expect(row.verdict, `verdict ${where}`).toBe(allows(stepRules.verdict, subject, facts));
          expect(new Set(row.operation_fields), `operation fields ${where}`).toEqual(visibleFields(prosecutionOperationFieldPolicy, subject, facts));
          expect(new Set(row.suspect_fields), `suspect fields ${where}`).toEqual(visibleFields(prosecutionSuspectFieldPolicy, subject, facts));
          // A record is read exactly when a relationship shows something of it.
          expect(row.suspect_read, where).toBe(row.suspect_fields.length > 0);
          compared += 1;
        }
      }
    }
    expect(compared).toBe(dimensions.roles.length * dimensions.organisationType.length * records.length);
  });
});
