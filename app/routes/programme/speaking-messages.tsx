import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { loadAreaMessages } from "~/i18n/dictionaries.server";
import { revalidateMessages, type Area } from "~/i18n";

/**
 * Pathless layout around the call-for-proposals, review, speaker-portal and programme-management pages in
 * app/routes.ts: sends the browser the speaking area's messages. The public programme pages stay outside it.
 */
export const areas: Area[] = ["speaking"];
export const loader = ({ request }: LoaderFunctionArgs) => loadAreaMessages(request, areas);
export const shouldRevalidate = revalidateMessages;
export default function AreaMessages() {
  return <Outlet />;
}
