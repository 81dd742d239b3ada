import { GreetingEmail } from "./layout";
import type { EmailLocale } from "./strings";
import type { Template } from "./template";

/** Emails of the programme area; merged into the registry in emails/templates.tsx. */
const zh = (l: EmailLocale) => l === "zh";

type Invitation = { name: string; conference: string; inviter: string; url: string };
type Proposal = { name: string; conference: string; title: string; url: string };
type Assignment = { name: string; conference: string; track: string; url: string };
type Moved = { name: string; conference: string; title: string; from: string; to: string; url: string };
/** `removed`: taken out of the timetable (no time any more); `cancelled`: no longer published. */
type Withdrawn = { name: string; conference: string; title: string; was: string; reason: "removed" | "cancelled"; url: string };

export const programmeTemplates = {
  speakerInvitation: {
    subject: (l, p) => (zh(l) ? `邀请您在 ${p.conference} 上发言` : `Invitation to speak at ${p.conference}`),
    render: (l, p) => (
      <GreetingEmail
        locale={l}
        name={p.name}
        preview={zh(l) ? `${p.inviter} 邀请您发言` : `${p.inviter} invites you to speak`}
        lines={
          zh(l)
            ? [
                `${p.inviter} 代表 ${p.conference} 邀请您担任报告人。`,
                "请点击下面的按钮接受或谢绝邀请；接受后可在报告人中心查看议程、编辑个人资料并上传资料。",
              ]
            : [
                `${p.inviter} invites you, on behalf of ${p.conference}, to speak.`,
                "Follow the link to accept or decline. Once you accept, the speaker portal shows your sessions and lets you edit your profile and upload materials.",
              ]
        }
        action={zh(l) ? "查看邀请" : "See the invitation"}
        url={p.url}
      />
    ),
  } satisfies Template<Invitation>,
  proposalReceived: {
    subject: (l, p) => (zh(l) ? `已收到您的稿件：${p.title}` : `Proposal received: ${p.title}`),
    render: (l, p) => (
      <GreetingEmail
        locale={l}
        name={p.name}
        preview={zh(l) ? "稿件已收到" : "Your proposal was received"}
        lines={
          zh(l)
            ? [`我们已收到您向 ${p.conference} 提交的稿件“${p.title}”。截止日期前您仍可修改或撤回。`]
            : [`We received your proposal “${p.title}” for ${p.conference}. You can edit or withdraw it until the deadline.`]
        }
        action={zh(l) ? "查看稿件" : "See your proposal"}
        url={p.url}
      />
    ),
  } satisfies Template<Proposal>,
  proposalAccepted: {
    subject: (l, p) => (zh(l) ? `稿件已录用：${p.title}` : `Proposal accepted: ${p.title}`),
    render: (l, p) => (
      <GreetingEmail
        locale={l}
        name={p.name}
        preview={zh(l) ? "恭喜，您的稿件已录用" : "Your proposal was accepted"}
        lines={
          zh(l)
            ? [`恭喜！您向 ${p.conference} 提交的稿件“${p.title}”已被录用。组织者会尽快安排时间和会场。`]
            : [`Congratulations: your proposal “${p.title}” for ${p.conference} was accepted. The organizers will schedule it soon.`]
        }
        action={zh(l) ? "查看" : "See it"}
        url={p.url}
      />
    ),
  } satisfies Template<Proposal>,
  proposalRejected: {
    subject: (l, p) => (zh(l) ? `稿件评审结果：${p.title}` : `Decision on your proposal: ${p.title}`),
    render: (l, p) => (
      <GreetingEmail
        locale={l}
        name={p.name}
        preview={zh(l) ? "稿件评审结果" : "The decision on your proposal"}
        lines={
          zh(l)
            ? [`感谢您向 ${p.conference} 投稿。很遗憾，稿件“${p.title}”未能录用。`]
            : [`Thank you for proposing to ${p.conference}. We are sorry that “${p.title}” could not be accepted.`]
        }
        action={zh(l) ? "查看" : "See it"}
        url={p.url}
      />
    ),
  } satisfies Template<Proposal>,
  reviewAssignment: {
    subject: (l, p) => (zh(l) ? `请评审 ${p.conference} 的稿件` : `Proposals to review for ${p.conference}`),
    render: (l, p) => (
      <GreetingEmail
        locale={l}
        name={p.name}
        preview={zh(l) ? `专题：${p.track}` : `Track: ${p.track}`}
        lines={
          zh(l)
            ? [`您被指派为 ${p.conference}“${p.track}”专题的评审。`]
            : [`You were asked to review the proposals of the track “${p.track}” of ${p.conference}.`]
        }
        action={zh(l) ? "开始评审" : "Start reviewing"}
        url={p.url}
      />
    ),
  } satisfies Template<Assignment>,
  sessionMoved: {
    subject: (l, p) => (zh(l) ? `议程时间调整：${p.title}` : `Session moved: ${p.title}`),
    render: (l, p) => (
      <GreetingEmail
        locale={l}
        name={p.name}
        preview={zh(l) ? `${p.title} 已调整` : `${p.title} has moved`}
        lines={
          zh(l)
            ? [`${p.conference} 的议程“${p.title}”已调整。`, `原安排：${p.from}`, `新安排：${p.to}`]
            : [`The session “${p.title}” of ${p.conference} has moved.`, `Was: ${p.from}`, `Now: ${p.to}`]
        }
        action={zh(l) ? "查看议程" : "See the session"}
        url={p.url}
      />
    ),
  } satisfies Template<Moved>,
  sessionCancelled: {
    subject: (l, p) =>
      p.reason === "cancelled"
        ? zh(l)
          ? `议程取消：${p.title}`
          : `Session cancelled: ${p.title}`
        : zh(l)
          ? `议程已移出日程：${p.title}`
          : `Session taken out of the programme: ${p.title}`,
    render: (l, p) => (
      <GreetingEmail
        locale={l}
        name={p.name}
        preview={
          p.reason === "cancelled"
            ? zh(l)
              ? `${p.title} 已取消`
              : `${p.title} is cancelled`
            : zh(l)
              ? `${p.title} 已移出日程`
              : `${p.title} is no longer in the programme`
        }
        lines={
          zh(l)
            ? [
                p.reason === "cancelled"
                  ? `${p.conference} 的议程“${p.title}”已取消。`
                  : `${p.conference} 的议程“${p.title}”已移出日程，目前没有新的时间安排。`,
                `原安排：${p.was}`,
              ]
            : [
                p.reason === "cancelled"
                  ? `The session “${p.title}” of ${p.conference} has been cancelled.`
                  : `The session “${p.title}” of ${p.conference} has been taken out of the programme and has no new time for now.`,
                `Was: ${p.was}`,
              ]
        }
        action={zh(l) ? "查看议程变更" : "See the programme's changes"}
        url={p.url}
      />
    ),
  } satisfies Template<Withdrawn>,
};
