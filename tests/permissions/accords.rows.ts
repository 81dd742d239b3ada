// Accord routes × roles. The cast's host organization initiates an accord with
// the other organization as second party; the cast's orgSignatory is the host
// party's designated signatory once the text is frozen.
import { loadKeyedClauses } from "~/domain/accords/accord-page.server";
import { commentOnClause } from "~/domain/accords/comment-on-clause.server";
import { approveVersion } from "~/domain/accords/approve-version.server";
import { createAccord } from "~/domain/accords/create-accord.server";
import { declineAccord, withdrawAccord } from "~/domain/accords/lifecycle.server";
import { delegateSignatory, designateSignatory } from "~/domain/accords/signatories.server";
import * as ceremony from "~/routes/accords/ceremony";
import * as bundleRoute from "~/routes/accords/bundle";
import * as layout from "~/routes/accords/layout";
import * as pdfRoute from "~/routes/accords/pdf";
import * as verifyPage from "~/routes/accords/verify";
import * as overview from "~/routes/accords/overview";
import * as draft from "~/routes/accords/draft";
import * as passkeyEndpoint from "~/routes/accords/passkey";
import * as sign from "~/routes/accords/sign";
import * as signatories from "~/routes/accords/signatories";
import * as newAccord from "~/routes/accords/new";
import * as passkeysPage from "~/routes/accounts/passkeys";
import * as registerPasskey from "~/routes/accounts/passkeys-register";
import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import type { Cast } from "../support/world";
import { SIGNED_IN, type PermissionRow } from "./types";

async function su(id: string): Promise<SessionUser> {
  const u = await db().user.findUniqueOrThrow({ where: { id } });
  return {
    id: u.id,
    email: u.email,
    nameLatin: u.nameLatin,
    nameNative: u.nameNative,
    locale: u.locale,
    emailVerified: true,
    sessionId: "00000000-0000-0000-0000-000000000000",
  };
}

async function accordFor(cast: Cast, opts: { freeze?: boolean; groups?: [number, number]; signingEndsOn?: string } = {}) {
  const admin = await su(cast.people.orgAdmin.id);
  const other = await su(cast.people.otherOrgAdmin.id);
  const accord = await createAccord({
    actor: admin,
    initiatorOrgId: cast.org.id,
    kind: "BILATERAL_AGREEMENT",
    title: "Cooperation agreement",
    titleZh: "合作协议",
    languages: ["en", "zh"],
    partyOrgIds: [cast.otherOrg.id],
    signingGroups: opts.groups ? { [cast.org.id]: opts.groups[0], [cast.otherOrg.id]: opts.groups[1] } : undefined,
    signingEndsOn: opts.signingEndsOn,
    clauses: [{ en: "The parties cooperate.", zh: "双方开展合作。" }],
  });
  const parties = await db().accordParty.findMany({ where: { accordId: accord.id }, select: { id: true, orgId: true } });
  const hostParty = parties.find((p) => p.orgId === cast.org.id)!.id;
  const otherParty = parties.find((p) => p.orgId === cast.otherOrg.id)!.id;
  let documentHash = "";
  if (opts.freeze) {
    await designateSignatory({ actor: admin, accordId: accord.id, partyId: hostParty, userId: cast.people.orgSignatory.id });
    await designateSignatory({ actor: other, accordId: accord.id, partyId: otherParty, userId: other.id });
    await approveVersion({ actor: admin, accordId: accord.id, partyId: hostParty, version: 1 });
    documentHash = (await approveVersion({ actor: other, accordId: accord.id, partyId: otherParty, version: 1 })).documentHash!;
  }
  return { id: accord.id, hostParty, otherParty, documentHash, admin };
}

async function firstClauseKey(accordId: string) {
  return (await loadKeyedClauses(accordId, 1))[0].key;
}

const MEMBERS = ["orgMember", "orgAdmin", "orgSignatory", "otherOrgAdmin"] as const;

const requestCode = (a: { id: string; hostParty: string; documentHash: string }) => ({
  path: `/accords/${a.id}/sign`,
  params: { id: a.id },
  form: { intent: "request-code", partyId: a.hostParty, documentHash: a.documentHash },
});

export const rows: PermissionRow[] = [
  {
    name: "POST /accords/new (start an accord for the host organization)",
    route: newAccord,
    request: (cast) => ({
      path: "/accords/new",
      form: {
        initiatorOrgId: cast.org.id,
        kind: "BILATERAL_AGREEMENT",
        title: "Agreement",
        languages: ["en", "zh"],
        partyOrgIds: [cast.otherOrg.id],
      },
    }),
    allowed: ["orgAdmin"],
  },
  {
    name: "GET /accords/:id (a party's private accord page)",
    route: layout,
    kind: "loader",
    request: async (cast) => {
      const a = await accordFor(cast);
      return { path: `/accords/${a.id}`, params: { id: a.id } };
    },
    allowed: [...MEMBERS],
  },
  {
    name: "POST /accords/:id/draft (save a version)",
    route: draft,
    request: async (cast) => {
      const a = await accordFor(cast);
      return {
        path: `/accords/${a.id}/draft`,
        params: { id: a.id },
        form: { intent: "save-version", baseVersion: "1", "clauses[0].en": "Changed.", "clauses[0].zh": "已修改。" },
      };
    },
    allowed: ["orgAdmin"],
  },
  {
    name: "POST /accords/:id/draft (comment on a clause)",
    route: draft,
    request: async (cast) => {
      const a = await accordFor(cast);
      return {
        path: `/accords/${a.id}/draft`,
        params: { id: a.id },
        form: { intent: "comment", clauseKey: await firstClauseKey(a.id), body: "A comment." },
      };
    },
    allowed: [...MEMBERS],
  },
  {
    name: "POST /accords/:id/draft (propose an amendment)",
    route: draft,
    request: async (cast) => {
      const a = await accordFor(cast);
      return {
        path: `/accords/${a.id}/draft`,
        params: { id: a.id },
        form: { intent: "propose", clauseKey: await firstClauseKey(a.id), en: "The parties cooperate closely." },
      };
    },
    allowed: [...MEMBERS],
  },
  {
    name: "POST /accords/:id/signatories (move a party to a later signing group: the initiator's admins, until frozen)",
    route: signatories,
    request: async (cast) => {
      const a = await accordFor(cast);
      return {
        path: `/accords/${a.id}/signatories`,
        params: { id: a.id },
        form: { intent: "arrange", kind: "group", partyId: a.otherParty, direction: "later" },
      };
    },
    allowed: ["orgAdmin"],
  },
  {
    name: "POST /accords/:id/draft (resolve a shared thread: its author or a party's admin)",
    route: draft,
    request: async (cast) => {
      const a = await accordFor(cast);
      const author = await su(cast.people.orgMember.id);
      const c = await commentOnClause({ actor: author, accordId: a.id, clauseKey: await firstClauseKey(a.id), body: "Shared." });
      return { path: `/accords/${a.id}/draft`, params: { id: a.id }, form: { intent: "resolve-comment", commentId: c.id } };
    },
    allowed: ["orgMember", "orgAdmin", "otherOrgAdmin"],
  },
  {
    name: "POST /accords/:id/draft (resolve an internal thread: its author or its organization's admin; others cannot see it)",
    route: draft,
    request: async (cast) => {
      const a = await accordFor(cast);
      const author = await su(cast.people.orgMember.id);
      const c = await commentOnClause({
        actor: author,
        accordId: a.id,
        clauseKey: await firstClauseKey(a.id),
        body: "Internal.",
        visibility: "INTERNAL",
      });
      return { path: `/accords/${a.id}/draft`, params: { id: a.id }, form: { intent: "resolve-comment", commentId: c.id } };
    },
    allowed: ["orgMember", "orgAdmin"],
    deniedAs: [400],
  },
  {
    name: "POST /accords/:id (approve the host party's version)",
    route: overview,
    request: async (cast) => {
      const a = await accordFor(cast);
      return { path: `/accords/${a.id}`, params: { id: a.id }, form: { intent: "approve", partyId: a.hostParty, version: "1" } };
    },
    allowed: ["orgAdmin"],
  },
  {
    name: "POST /accords/:id (withdraw)",
    route: overview,
    request: async (cast) => {
      const a = await accordFor(cast);
      return { path: `/accords/${a.id}`, params: { id: a.id }, form: { intent: "withdraw", reason: "Superseded" } };
    },
    allowed: ["orgAdmin"],
  },
  {
    name: "POST /accords/:id (withdraw, confirmed)",
    route: overview,
    request: async (cast) => {
      const a = await accordFor(cast);
      return { path: `/accords/${a.id}`, params: { id: a.id }, form: { intent: "withdraw", reason: "Superseded", confirm: "1" } };
    },
    allowed: ["orgAdmin"],
  },
  {
    name: "POST /accords/:id/signatories (designate the host party's signatory)",
    route: signatories,
    request: async (cast) => {
      const a = await accordFor(cast);
      return {
        path: `/accords/${a.id}/signatories`,
        params: { id: a.id },
        form: { intent: "designate", partyId: a.hostParty, userId: cast.people.orgMember.id },
      };
    },
    allowed: ["orgAdmin"],
  },
  {
    name: "POST /accords/:id/sign (request a signing code for the host party)",
    route: sign,
    request: async (cast) => requestCode(await accordFor(cast, { freeze: true })),
    allowed: ["orgSignatory"],
  },
  {
    name: "POST /accords/:id/passkey (passkey signing options for the host party)",
    route: passkeyEndpoint,
    request: async (cast) => {
      const a = await accordFor(cast, { freeze: true });
      return {
        path: `/accords/${a.id}/passkey`,
        params: { id: a.id },
        form: { intent: "options", partyId: a.hostParty, documentHash: a.documentHash },
      };
    },
    allowed: ["orgSignatory"],
  },
  {
    name: "POST /accords/:id/sign — out of order (host party signs in group 2, group 1 unsigned)",
    route: sign,
    request: async (cast) => requestCode(await accordFor(cast, { freeze: true, groups: [2, 1] })),
    allowed: [],
  },
  {
    name: "POST /accords/:id/sign — after the signing period ended",
    route: sign,
    request: async (cast) => {
      const a = await accordFor(cast, { freeze: true, signingEndsOn: "2099-12-31" });
      await db().accord.update({ where: { id: a.id }, data: { signingEndsAt: new Date(Date.now() - 1000) } });
      return requestCode(a);
    },
    allowed: [],
  },
  {
    name: "POST /accords/:id/sign — after withdrawal",
    route: sign,
    request: async (cast) => {
      const a = await accordFor(cast, { freeze: true });
      await withdrawAccord({ actor: a.admin, accordId: a.id, reason: "Withdrawn", confirmed: true });
      return requestCode(a);
    },
    allowed: [],
  },
  {
    name: "POST /accords/:id/sign — after the other party declined (signing stopped for everyone)",
    route: sign,
    request: async (cast) => {
      const a = await accordFor(cast, { freeze: true });
      const other = await su(cast.people.otherOrgAdmin.id);
      await declineAccord({ actor: other, accordId: a.id, partyId: a.otherParty, reason: "Not now" });
      return requestCode(a);
    },
    allowed: [],
    // The host's own signatory is refused because the accord stopped (409), everyone else as before (403).
    deniedAs: [409],
  },
  {
    name: "POST /accords/:id revise a declined accord (initiator's admin only)",
    route: overview,
    request: async (cast) => {
      const a = await accordFor(cast, { freeze: true });
      const other = await su(cast.people.otherOrgAdmin.id);
      await declineAccord({ actor: other, accordId: a.id, partyId: a.otherParty, reason: "Not now" });
      return { path: `/accords/${a.id}`, params: { id: a.id }, form: { intent: "revise" } };
    },
    allowed: ["orgAdmin"],
  },
  {
    name: "POST /accords/:id set the signing period and reminders (initiator's admin only)",
    route: overview,
    request: async (cast) => {
      const a = await accordFor(cast);
      return {
        path: `/accords/${a.id}`,
        params: { id: a.id },
        form: { intent: "schedule", signingEndsOn: `${new Date().getUTCFullYear() + 1}-06-30`, reminderEveryDays: "7" },
      };
    },
    allowed: ["orgAdmin"],
  },
  {
    name: "POST /accords/:id/sign — the signatory delegated authority to orgMember",
    route: sign,
    request: async (cast) => {
      const a = await accordFor(cast, { freeze: true });
      const s = await db().accordSignatory.findFirstOrThrow({ where: { partyId: a.hostParty, userId: cast.people.orgSignatory.id } });
      await delegateSignatory({
        actor: a.admin,
        accordId: a.id,
        signatoryId: s.id,
        userId: cast.people.orgMember.id,
        reason: "Travelling",
      });
      return requestCode(a);
    },
    allowed: ["orgMember"],
  },
  {
    name: "POST /account/passkeys/register (registration options)",
    route: registerPasskey,
    request: () => ({ path: "/account/passkeys/register", form: { intent: "options" } }),
    allowed: SIGNED_IN,
  },
  {
    name: "POST /account/passkeys (remove a passkey)",
    route: passkeysPage,
    request: async (cast) => {
      const credential = await db().webAuthnCredential.create({
        data: { userId: cast.people.attendee.id, credentialId: `cred-${cast.org.slug}`, publicKey: "pk", name: "Laptop" },
      });
      return { path: "/account/passkeys", form: { intent: "remove", id: credential.id } };
    },
    allowed: ["attendee"],
    // Someone else's passkey is "not found": its existence is not revealed.
    deniedAs: [404],
  },
  {
    name: "POST /account/passkeys (remove a passkey, confirmed)",
    route: passkeysPage,
    request: async (cast) => {
      const credential = await db().webAuthnCredential.create({
        data: { userId: cast.people.attendee.id, credentialId: `cred-${cast.org.slug}`, publicKey: "pk", name: "Laptop" },
      });
      return { path: "/account/passkeys", form: { intent: "remove", id: credential.id, confirm: "1" } };
    },
    allowed: ["attendee"],
    deniedAs: [404],
  },
  {
    name: "POST /conferences/:slug/ceremony (accept an accord's request to be shown at the conference)",
    route: ceremony,
    request: async (cast) => {
      // The other organization's admin starts an accord and asks to show it at the host's conference.
      const accord = await createAccord({
        actor: await su(cast.people.otherOrgAdmin.id),
        initiatorOrgId: cast.otherOrg.id,
        kind: "BILATERAL_AGREEMENT",
        title: "Official declaration",
        languages: ["en"],
        partyOrgIds: [cast.org.id],
        conferenceId: cast.conference.id,
      });
      const path = `/conferences/${cast.conference.slug}/ceremony`;
      return { path, params: { slug: cast.conference.slug }, form: { intent: "accept", accordId: accord.id } };
    },
    // The conference's organizers: its ORGANIZER and the host organization's admin. Not the accord's own parties.
    allowed: ["organizer", "orgAdmin"],
  },
  // Before execution an accord is private to its parties (and witnesses): everyone else gets 404, as if it did not exist.
  {
    name: "GET /accords/:id/bundle before execution (frozen, being signed)",
    route: bundleRoute,
    kind: "loader",
    request: async (cast) => {
      const a = await accordFor(cast, { freeze: true });
      return { path: `/accords/${a.id}/bundle`, params: { id: a.id } };
    },
    allowed: [...MEMBERS],
    deniedAs: [404],
  },
  {
    name: "GET /verify?q=<id> before execution",
    route: verifyPage,
    kind: "loader",
    request: async (cast) => {
      const a = await accordFor(cast, { freeze: true });
      return { path: `/verify?q=${a.id}` };
    },
    allowed: [...MEMBERS],
    deniedAs: [404],
  },
  {
    name: "GET /verify?hash=<document hash> before execution",
    route: verifyPage,
    kind: "loader",
    request: async (cast) => {
      const a = await accordFor(cast, { freeze: true });
      return { path: `/verify?hash=${a.documentHash}` };
    },
    allowed: [...MEMBERS],
    deniedAs: [404],
  },
  {
    name: "GET /accords/:id/pdf before execution (there is no PDF yet, for anyone)",
    route: pdfRoute,
    kind: "loader",
    request: async (cast) => {
      const a = await accordFor(cast, { freeze: true });
      return { path: `/accords/${a.id}/pdf`, params: { id: a.id } };
    },
    allowed: [],
    deniedAs: [404],
  },
];
