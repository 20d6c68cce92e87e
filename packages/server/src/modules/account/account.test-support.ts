import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Client } from '../../../test/support/test-app.js';

export const send = (client: Client, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
  client.request(method, url, body, method === 'POST' ? { 'idempotency-key': randomUUID() } : {});

export async function openCase(client: Client, person: Record<string, unknown> = {}): Promise<{ id: string; reference: string; version: number }> {
  const response = await send(client, 'POST', '/api/cases', { person: { pseudonym: 'Rose', jurisdiction: 'NORTH', ...person } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

export const known = <T>(value: T) => ({ state: 'known' as const, value });

/** A situation as a caseworker records it: forced labour in agriculture, recruited on Facebook, documents withheld. */
export const farmSituation = {
  forms: known(['ForcedLabour']),
  labourIndustries: known(['A_AgricultureForestryAndFishing']),
  startDate: known('2023-03-01'),
  endDate: known('2024-01-15'),
  ongoing: known(false),
  ageAtStart: known(23),
  places: [
    { stage: 'Recruitment', country: known('NG'), place: 'Benin City, near the market' },
    { stage: 'Transit', country: known('LY'), place: 'Sabha' },
    { stage: 'Exploitation', country: known('IT'), place: 'A farm outside Foggia' },
  ],
  recruitmentMethods: known(['ThroughOnlineSocialNetworks']),
  recruitmentChannels: known(['Facebook', 'WhatsApp']),
  promised: known('A job in a restaurant paying 900 euros a month'),
  recruiterRelationship: known('Acquainted'),
  recruiterAcquaintance: 'FriendOrAcquaintance',
  methodsOfControl: known(['DebtBondage', 'WithholdsDocuments', 'RestrictsMovement']),
  howEnded: known('Escaped'),
};

export async function accountOf(client: Client, caseId: string) {
  const response = await client.request('GET', `/api/cases/${caseId}/account`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
