import type { ConferenceFormOptions } from "~/components/conference-form";
import type { AppLocale } from "~/i18n";
import { countryOptions, currencyOptions } from "~/utils/countries";
import { allTimeZones } from "~/utils/time";

/** The conference form's option lists in the reader's language. */
export function conferenceFormOptions(locale: AppLocale): ConferenceFormOptions {
  return { countries: countryOptions(locale), timeZones: allTimeZones(), currencies: currencyOptions(locale) };
}
