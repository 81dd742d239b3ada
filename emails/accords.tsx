import { Text } from "@react-email/components";
import { ActionEmail } from "./action-email";
import { EmailLayout } from "./layout";
import type { EmailLocale } from "./strings";
import type { Template } from "./template";

/**
 * Emails of the accords area; merged into the registry in emails/templates.tsx.
 * One template for the drafting and signing notifications (the event picks the
 * wording) and one for the emailed signing code.
 */
export type AccordEvent =
  | "invited"
  | "version"
  | "comment"
  | "amendment-proposed"
  | "amendment-accepted"
  | "amendment-rejected"
  | "frozen"
  | "designated"
  | "reminder"
  | "declined"
  | "withdrawn"
  | "expired"
  | "executed"
  | "your-turn"
  | "group-complete"
  | "delegated-away"
  | "revised";

export type AccordEventProps = {
  event: AccordEvent;
  title: string;
  url: string;
  actor?: string;
  reason?: string;
  documentHash?: string;
  /** Signing group (group-complete) or the delegate's name (delegated-away). */
  group?: number;
  delegate?: string;
};

const zh = (l: EmailLocale) => l === "zh";

const subjects: Record<AccordEvent, [string, string]> = {
  invited: ["You are invited to draft “{t}”", "邀请您起草《{t}》"],
  version: ["A new version of “{t}” was saved", "《{t}》保存了新版本"],
  comment: ["New comment on “{t}”", "《{t}》有新评论"],
  "amendment-proposed": ["An amendment to “{t}” was proposed", "《{t}》收到修改提议"],
  "amendment-accepted": ["Your amendment to “{t}” was accepted", "您对《{t}》的修改提议已被接受"],
  "amendment-rejected": ["Your amendment to “{t}” was rejected", "您对《{t}》的修改提议未被接受"],
  frozen: ["“{t}” is final and ready for signature", "《{t}》已定稿，等待签署"],
  designated: ["You are a signatory of “{t}”", "您被指定为《{t}》的签署人"],
  reminder: ["Reminder: “{t}” awaits your signature", "提醒：《{t}》等待您签署"],
  declined: ["A party declined to sign “{t}”", "有一方拒绝签署《{t}》"],
  withdrawn: ["“{t}” was withdrawn", "《{t}》已撤回"],
  expired: ["The signing period of “{t}” ended", "《{t}》的签署期已结束"],
  executed: ["“{t}” has been executed", "《{t}》已由各方签署生效"],
  "your-turn": ["It is your turn to sign “{t}”", "轮到您签署《{t}》"],
  "group-complete": ["Signing group {g} of “{t}” has signed", "《{t}》第 {g} 组已全部签署"],
  "delegated-away": ["You no longer sign “{t}”", "您已不再是《{t}》的签署人"],
  revised: ["“{t}” is being revised after a decline", "《{t}》在被拒签后进入修订"],
};

const bodies: Record<AccordEvent, [string, string]> = {
  invited: [
    "{a} started drafting “{t}” with your organization as a party. You can read the draft, comment and propose amendments.",
    "{a} 发起起草《{t}》，贵机构为其中一方。您可以阅读草案、发表评论并提出修改。",
  ],
  version: ["{a} saved a new version of the text.", "{a} 保存了文本的新版本。"],
  comment: ["{a} commented on a clause.", "{a} 对某一条款发表了评论。"],
  "amendment-proposed": [
    "{a} proposed new wording for a clause. The initiator's editors will accept or reject it.",
    "{a} 提出了条款的新措辞，发起方编辑将决定是否接受。",
  ],
  "amendment-accepted": ["{a} accepted your amendment; it is part of a new version.", "{a} 接受了您的修改提议，已纳入新版本。"],
  "amendment-rejected": ["{a} rejected your amendment. Reason: {r}", "{a} 未接受您的修改提议。理由：{r}"],
  frozen: [
    "Every party approved the text. Its document hash is {h}. Signatories can now sign.",
    "各方均已批准文本，文档哈希为 {h}。签署人现在可以签署。",
  ],
  designated: [
    "{a} designated you to sign “{t}” on behalf of your organization. You will get another email when it is your turn to sign.",
    "{a} 指定您代表贵机构签署《{t}》。轮到您签署时，您会再收到一封邮件。",
  ],
  reminder: ["“{t}” is waiting for your signature.", "《{t}》正在等待您的签署。"],
  declined: [
    "{a} declined to sign. Reason: {r}. Signing has stopped for every party; the initiator may revise the text and start a new signing round.",
    "{a} 拒绝签署。理由：{r}。所有各方的签署均已停止；发起方可以修订文本并开始新一轮签署。",
  ],
  withdrawn: ["{a} withdrew the accord. Reason: {r}", "{a} 撤回了该协议。理由：{r}"],
  expired: ["The signing period ended before every party signed.", "签署期结束时仍有一方或多方未签署。"],
  executed: [
    "Every party has signed. The executed PDF is attached to this email; its verification is available at the link below.",
    "各方均已签署。已签署的 PDF 文本附在本邮件中，其验证信息见下方链接。",
  ],
  "your-turn": [
    "The parties before yours have signed. You can now sign “{t}” on behalf of your organization.",
    "排在贵机构之前的各方均已签署。您现在可以代表贵机构签署《{t}》。",
  ],
  "group-complete": [
    "Every party of signing group {g} has signed. The next group is being asked to sign.",
    "第 {g} 签署组的各方均已签署，已通知下一组签署。",
  ],
  "delegated-away": [
    "{a} delegated the signature for your organization to {d}. Reason: {r}. You can no longer sign this accord.",
    "{a} 已将贵机构的签署权委托给 {d}。理由：{r}。您不能再签署此协议。",
  ],
  revised: [
    "{a} is revising the declined text as a new accord. The parties will draft, approve and sign it again; signatures on the declined text do not count for it.",
    "{a} 正在将被拒签的文本作为新协议修订。各方将重新起草、批准并签署；对被拒签文本的签署不适用于新协议。",
  ],
};

function fill(s: string, p: AccordEventProps) {
  return s
    .replace("{t}", p.title)
    .replace("{a}", p.actor ?? "")
    .replace("{r}", p.reason ?? "")
    .replace("{h}", p.documentHash ?? "")
    .replace("{g}", String(p.group ?? ""))
    .replace("{d}", p.delegate ?? "");
}

export const accordsTemplates = {
  accordEvent: {
    subject: (l, p) => fill(subjects[p.event][zh(l) ? 1 : 0], p),
    render: (l, p: AccordEventProps) => (
      <ActionEmail
        locale={l}
        preview={fill(subjects[p.event][zh(l) ? 1 : 0], p)}
        greeting={zh(l) ? "您好：" : "Hello,"}
        body={fill(bodies[p.event][zh(l) ? 1 : 0], p)}
        action={zh(l) ? "打开协议" : "Open the accord"}
        url={p.url}
        validity={zh(l) ? "此邮件由 Concord 自动发送。" : "Concord sent this email automatically."}
      />
    ),
  } satisfies Template<AccordEventProps>,
  accordSigningCode: {
    subject: (l, p) => (zh(l) ? `签署《${p.title}》的验证码` : `Your code to sign “${p.title}”`),
    render: (l, p: { title: string; code: string; documentHash: string }) => (
      <EmailLayout locale={l} preview={zh(l) ? "一次性签署验证码" : "One-time signing code"}>
        <Text>{zh(l) ? "您好：" : "Hello,"}</Text>
        <Text>
          {zh(l)
            ? `您正在签署《${p.title}》（文档哈希 ${p.documentHash}）。您的一次性验证码是：`
            : `You are signing “${p.title}” (document hash ${p.documentHash}). Your one-time code is:`}
        </Text>
        <Text style={{ fontSize: "28px", fontWeight: 700, letterSpacing: "4px" }}>{p.code}</Text>
        <Text style={{ fontSize: "13px", color: "#57534e" }}>
          {zh(l)
            ? "验证码 15 分钟内有效，只能使用一次。如非本人操作，请忽略此邮件。"
            : "The code works once and expires in 15 minutes. If you did not ask for it, ignore this email."}
        </Text>
      </EmailLayout>
    ),
  } satisfies Template<{ title: string; code: string; documentHash: string }>,
};
