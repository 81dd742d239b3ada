import type { LoaderFunctionArgs } from "@remix-run/node";
import { getExecutedPdf } from "~/domain/accords/get-executed-pdf.server";

/** The executed PDF, exactly as produced at execution. Public once executed, like /verify. */
export async function loader({ params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  const accord = await getExecutedPdf({ accordId: id });
  if (!accord) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(accord.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="accord-${id}.pdf"`,
      ETag: `"${accord.pdfHash}"`,
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
}
