import { useLocale, useT } from "~/i18n";
import { formatMoney } from "~/domain/registration/money";
import { formatDateTime } from "~/utils/time";

export type InvoiceDocumentRow = {
  id: string;
  kind: "INVOICE" | "CREDIT_NOTE";
  numberText: string;
  issuedAt: string | Date;
  grossCents: number;
  currency: string;
};

/** A registration's invoices and credit notes as PDF links, for its attendee and its organizers. */
export function InvoiceDocuments({
  registrationId,
  documents,
  zone,
}: {
  registrationId: string;
  documents: InvoiceDocumentRow[];
  zone: string;
}) {
  const t = useT();
  const locale = useLocale();
  if (documents.length === 0) return null;
  return (
    <section className="mt-6" aria-labelledby="invoice-documents">
      <h2 id="invoice-documents" className="text-xl font-semibold">
        {t("reg.documents.title")}
      </h2>
      <ul className="mt-2 list-disc pl-6" data-testid="invoice-documents">
        {documents.map((d) => (
          <li key={d.id}>
            <a href={`/my/registrations/${registrationId}/invoices/${d.id}`} className="text-blue-900 underline">
              {t(`reg.documents.${d.kind}`, { number: d.numberText })}
            </a>{" "}
            · {formatMoney(d.grossCents, d.currency, locale)} ·{" "}
            {t("reg.documents.issued", { date: `${formatDateTime(new Date(d.issuedAt), zone, locale)} (${zone})` })}
          </li>
        ))}
      </ul>
    </section>
  );
}
