export const FORM_LIMITS: Readonly<{ fields: number; nameLength: number; index: number; depth: number; slots: number; files: number }>;
export class FormBoundsError extends Error {
  status: 400 | 413;
}
export function createNameChecker(limits?: typeof FORM_LIMITS): (name: string) => void;
export function checkPath(pathname: string): void;
export function checkUrlEncoded(text: string, limits?: typeof FORM_LIMITS): void;
export function checkMultipart(
  body: Buffer,
  headers: Record<string, string | string[] | undefined>,
  limits?: typeof FORM_LIMITS,
): Promise<void>;
export function checkFormBody(
  body: Buffer,
  headers: Record<string, string | string[] | undefined>,
  limits?: typeof FORM_LIMITS,
): Promise<void>;
