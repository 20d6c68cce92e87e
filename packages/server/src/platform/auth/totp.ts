import { authenticator } from 'otplib';
import QRCode from 'qrcode';

/** RFC 6238 time-based one-time passwords: 6 digits, 30-second steps, one step of clock drift accepted. */
authenticator.options = { window: 1, step: 30, digits: 6 };

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function totpUri(accountName: string, secret: string): string {
  return authenticator.keyuri(accountName, 'Palermo', secret);
}

export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', margin: 1 });
}

/**
 * Checks a code and returns the time step it belongs to, or null. The caller stores the step and refuses any code
 * whose step is not later than the last one accepted, so an observed code cannot be replayed.
 */
export function checkTotp(code: string, secret: string, now = Date.now()): number | null {
  const delta = authenticator.checkDelta(code, secret);
  if (delta === null) return null;
  return Math.floor(now / 1000 / 30) + delta;
}

/** For tests and the demo's printed instructions only: the current code of a secret. */
export function currentTotp(secret: string): string {
  return authenticator.generate(secret);
}
