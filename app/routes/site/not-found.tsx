import { ErrorView } from "~/root";

/** Any unknown URL: a real 404 status and a page that says what to do. */
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorView error={{ status: 404, statusText: "Not Found", internal: false, data: null }} />;
}
