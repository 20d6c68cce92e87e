import { describe, expect, it } from 'vitest';
import { capabilityNames, type Capabilities, type CapabilityName } from '@palermo/contracts';
import * as app from '../../src/app/permissions';
import * as estimation from '../../src/features/estimation/permissions';
import * as imports from '../../src/features/imports/permissions';
import * as notifications from '../../src/features/notifications/permissions';
import * as releases from '../../src/features/releases/permissions';
import * as statistics from '../../src/features/statistics/permissions';

const only = (...names: CapabilityName[]): Capabilities =>
  Object.fromEntries(capabilityNames.map((name) => [name, names.includes(name)])) as Capabilities;

const checks: Record<string, (capabilities: Capabilities) => boolean> = {
  ...app,
  ...estimation,
  ...imports,
  ...notifications,
  ...releases,
  ...statistics,
};

/** Which capabilities open each check: the web app's only say in what it offers. */
const expected: Record<string, CapabilityName[]> = {
  canManageUsers: ['manageUsers'],
  canManageAllOrganisations: ['manageOrganisations'],
  canReadAudit: ['readAudit'],
  canSeeCases: ['seeCases'],
  canOpenCases: ['openCases'],
  canAnswerMatchRequests: ['answerMatchRequests'],
  canHandleReferrals: ['seeSentReferrals', 'receiveReferrals'],
  canReceiveReferrals: ['receiveReferrals'],
  canManageAssistance: ['manageAssistance'],
  canEstimate: ['estimate'],
  canPublishEstimate: ['publishEstimates'],
  canImport: ['importStatistics'],
  canExportOfficialTables: ['exportOfficialTables'],
  canSeeUndeliverable: ['seeUndeliverableMail'],
  canSetTimeZone: ['setTimeZone'],
  canSeeReleases: ['seeReleases'],
  canMakeReleases: ['release'],
  canSeeStatistics: ['seeStatistics'],
};

describe("what the web app offers follows the session's capabilities", () => {
  it('opens each check with exactly the capabilities behind it', () => {
    expect(Object.keys(checks).sort()).toEqual(Object.keys(expected).sort());
    for (const [check, opening] of Object.entries(expected)) {
      const decide = checks[check];
      if (!decide) throw new Error(`no check ${check}`);
      expect(decide(only()), `${check} with nothing`).toBe(false);
      for (const name of capabilityNames) expect(decide(only(name)), `${check} with ${name}`).toBe(opening.includes(name));
    }
  });
});
