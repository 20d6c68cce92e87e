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
  canSeeProsecution: ['seeProsecution'],
  canRecordOperations: ['recordOperations'],
  canSeeReleases: ['seeReleases'],
  canMakeReleases: ['release'],
  canSeeStatistics: ['seeStatistics'],
};

describe("what the web app offers follows the session's capabilities", () => {
  it('opens each check with exactly the capabilities behind it', () => {
    for (const check of Object.keys(expected)) expect(checks[check], check).toBeTypeOf('function');
    for (const [check, decide] of Object.entries(checks)) {
      expect(decide(only()), `${check} with nothing`).toBe(false);
      const opening = capabilityNames.filter((name) => decide(only(name)));
      // A check not listed here reads one capability of its own.
      if (expected[check]) expect(opening, check).toEqual(expected[check]);
      else expect(opening, check).toHaveLength(1);
    }
  });
});
