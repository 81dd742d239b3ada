import { checkReadiness } from "~/runtime/readiness.server";

/** Readiness: the database answers and every migration in prisma/migrations is applied. */
export async function loader() {
  const report = await checkReadiness();
  return Response.json(report, { status: report.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
