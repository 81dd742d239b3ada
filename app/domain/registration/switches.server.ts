/**
 * Test-only switches. The race tests flip `unsafeQuotas` to prove they can
 * catch overselling (the control); outside NODE_ENV=test the switches are ignored.
 */
export const testSwitches = { unsafeQuotas: false };

export function locksDisabled() {
  return testSwitches.unsafeQuotas && process.env.NODE_ENV === "test";
}
