/**
 * Email addresses are stored trimmed and lower-cased so that "Ana@Uni.edu" and
 * "ana@uni.edu" are one account. Forms already normalise through `emailField`;
 * domain operations normalise again because they are also called from tests,
 * seeds and other areas (invitations).
 */
export function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}
