import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { loadAreaMessages } from "~/i18n/dictionaries.server";
import { revalidateMessages, type Area } from "~/i18n";

/** Pathless layout around the organizations pages in app/routes.ts: sends the browser this area's messages. */
export const areas: Area[] = ["organizations"];
export const loader = ({ request }: LoaderFunctionArgs) => loadAreaMessages(request, areas);
export const shouldRevalidate = revalidateMessages;
export default function AreaMessages() {
  return <Outlet />;
}
