// The audit trail as sentences in the viewer's language ("Wang Min of Beihang
// University signed with a passkey — 27 Sep 2025, 16:42 (Asia/Shanghai)"),
// built from each entry's type and public data. The hash chain itself is shown
// beside it; this is only how a person reads it.
import type { MessageKey } from "~/i18n";
import { formatDateTime } from "~/utils/time";

export type AuditRow = { type: string; at: string | Date; actorName: string | null; data: unknown };
type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const SENTENCES: Record<string, MessageKey> = {
  created: "accords.audit.created",
  "version.saved": "accords.audit.versionSaved",
  "version.approved": "accords.audit.versionApproved",
  frozen: "accords.audit.frozen",
  "signatory.designated": "accords.audit.designated",
  "signatory.delegated": "accords.audit.delegated",
  declined: "accords.audit.declined",
  withdrawn: "accords.audit.withdrawn",
  expired: "accords.audit.expired",
  reminded: "accords.audit.reminded",
  executed: "accords.audit.executed",
  revised: "accords.audit.revised",
  "schedule.changed": "accords.audit.scheduleChanged",
  "amendment.proposed": "accords.audit.amendmentProposed",
  "amendment.decided": "accords.audit.amendmentDecided",
  "comment.added": "accords.audit.commentAdded",
  "comment.resolved": "accords.audit.commentResolved",
  "parties.move": "accords.audit.partyMoved",
  "parties.group": "accords.audit.partyGroup",
  "parties.remove": "accords.audit.partyRemoved",
};

export function auditSentence(
  e: AuditRow,
  ctx: {
    t: Translate;
    locale: string;
    zone: string;
    orgName: (partyOrOrgId: string | undefined) => string | null;
    isWitness: (partyId: string | undefined) => boolean;
  },
): string {
  const data = (e.data && typeof e.data === "object" ? e.data : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const actor = e.actorName ?? "Concord";
  const org = ctx.orgName(str(data.partyId)) ?? ctx.orgName(str(data.orgId)) ?? "";
  const vars = {
    actor,
    org,
    n: typeof data.version === "number" ? data.version : typeof data.recipients === "number" ? data.recipients : 0,
    name: str(data.name) ?? "",
    position: typeof data.to === "number" ? data.to : 0,
    group: typeof data.signingGroup === "number" ? data.signingGroup : 0,
  };
  let sentence: string;
  if (e.type === "signed") {
    const key: MessageKey = ctx.isWitness(str(data.partyId))
      ? "accords.audit.witnessed"
      : data.method === "PASSKEY"
        ? "accords.audit.signedPasskey"
        : "accords.audit.signedCode";
    sentence = ctx.t(key, vars);
  } else if (e.type === "parties.add") {
    sentence = ctx.t(data.role === "WITNESS" ? "accords.audit.witnessAdded" : "accords.audit.partyAdded", vars);
  } else {
    const key = SENTENCES[e.type];
    sentence = key ? ctx.t(key, vars) : `${e.type} — ${actor}`;
  }
  return `${sentence} — ${formatDateTime(new Date(e.at), ctx.zone, ctx.locale)} (${ctx.zone})`;
}
