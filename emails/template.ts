import type { ReactElement } from "react";
import type { EmailLocale } from "./strings";

/** An email: a subject and a React Email body per language. Area files (emails/<area>.tsx) export records of these. */
export type Template<P> = {
  subject: (locale: EmailLocale, props: P) => string;
  render: (locale: EmailLocale, props: P) => ReactElement;
};
