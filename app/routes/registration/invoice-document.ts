import type { LoaderFunctionArgs } from "@remix-run/node";
import { invoiceDocumentPdf } from "~/domain/registration/documents.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";

/** One invoice or credit note of the registration as a PDF (its attendee or the conference's organizers). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { filename, bytes } = await orRespond(() =>
    invoiceDocumentPdf({ actor: user, registrationId: params.id ?? "", invoiceId: params.invoiceId ?? "" }),
  );
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
