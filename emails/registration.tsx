import { GreetingEmail } from "./layout";
import type { EmailLocale } from "./strings";
import type { Template } from "./template";

/** Emails of the registration area; merged into the registry in emails/templates.tsx. */
const zh = (l: EmailLocale) => l === "zh";

type Base = { name: string; conference: string; url: string };
/** receiptAttached: the receipt PDF rides along (decision 068); absent on free registrations and older rows. */
type Confirmed = Base & { ticket: string; badgeUrl: string; calendarUrl: string; receiptAttached?: boolean };

const myRegistration = (l: EmailLocale) => (zh(l) ? "查看我的注册" : "View my registration");

export const registrationTemplates = {
  /** Written by the organizers to attendees (email-attendees.server.ts): their text, in the recipient's language when they gave one. */
  organizerMessage: {
    subject: (l, p) => `${p.conference}: ${p.subject}`,
    render: (l, p: Base & { subject: string; body: string }) => (
      <GreetingEmail
        locale={l}
        preview={p.subject}
        name={p.name}
        lines={[
          ...p.body.split(/\r?\n\s*\r?\n/).map((paragraph) => paragraph.trim()),
          zh(l)
            ? `此邮件由 ${p.conference} 会务组发送给已报名的参会者。`
            : `The organizers of ${p.conference} sent this to registered attendees.`,
        ]}
        action={myRegistration(l)}
        url={p.url}
      />
    ),
  } satisfies Template<Base & { subject: string; body: string }>,
  registrationReceived: {
    subject: (l, p) => (zh(l) ? `已收到您的注册：${p.conference}` : `Registration received: ${p.conference}`),
    render: (l, p: Base & { ticket: string; amount: string; holdUntil: string }) => (
      <GreetingEmail
        locale={l}
        preview={zh(l) ? "请完成付款以确认注册" : "Complete the payment to confirm your place"}
        name={p.name}
        lines={
          zh(l)
            ? [
                `我们已收到您对 ${p.conference} 的注册（${p.ticket}，${p.amount}）。`,
                `名额为您保留至 ${p.holdUntil}。付款完成后注册即被确认。`,
              ]
            : [
                `We received your registration for ${p.conference} (${p.ticket}, ${p.amount}).`,
                `Your place is held until ${p.holdUntil}. The registration is confirmed once the payment arrives.`,
              ]
        }
        action={myRegistration(l)}
        url={p.url}
      />
    ),
  } satisfies Template<Base & { ticket: string; amount: string; holdUntil: string }>,
  paymentInstructions: {
    subject: (l, p) => (zh(l) ? `付款说明：${p.conference}（${p.reference}）` : `Payment instructions: ${p.conference} (${p.reference})`),
    render: (l, p: Base & { ticket: string; amount: string; reference: string; instructions: string; holdUntil: string }) => (
      <GreetingEmail
        locale={l}
        preview={zh(l) ? `请转账 ${p.amount}，附言 ${p.reference}` : `Please transfer ${p.amount} with reference ${p.reference}`}
        name={p.name}
        lines={
          zh(l)
            ? [
                `请通过银行转账支付 ${p.amount}（${p.ticket}）。`,
                `转账附言请务必填写：${p.reference}`,
                p.instructions,
                `名额为您保留至 ${p.holdUntil}。`,
              ]
            : [
                `Please pay ${p.amount} (${p.ticket}) by bank transfer.`,
                `Always quote this reference: ${p.reference}`,
                p.instructions,
                `Your place is held until ${p.holdUntil}.`,
              ]
        }
        action={myRegistration(l)}
        url={p.url}
      />
    ),
  } satisfies Template<Base & { ticket: string; amount: string; reference: string; instructions: string; holdUntil: string }>,
  paymentReminder: {
    subject: (l, p) =>
      zh(l) ? `提醒：请在 ${p.holdUntil} 前付款（${p.conference}）` : `Reminder: please pay by ${p.holdUntil} (${p.conference})`,
    render: (l, p: Base & { ticket: string; amount: string; reference: string; holdUntil: string; bank: boolean }) => (
      <GreetingEmail
        locale={l}
        preview={zh(l) ? `您的名额保留至 ${p.holdUntil}` : `Your place is held until ${p.holdUntil}`}
        name={p.name}
        lines={
          zh(l)
            ? [
                `我们尚未收到您 ${p.conference} 注册（${p.ticket}）的全部付款：${p.amount}。`,
                `名额为您保留至 ${p.holdUntil}，逾期将被释放。`,
                p.bank ? `如已通过银行转账付款，请确认附言为 ${p.reference}；到账后我们会确认您的注册。` : "请打开您的注册完成付款。",
              ]
            : [
                `We have not yet received the full payment of ${p.amount} for your registration (${p.ticket}) at ${p.conference}.`,
                `Your place is held until ${p.holdUntil}; after that it is released.`,
                p.bank
                  ? `If you already paid by bank transfer, check that it quotes the reference ${p.reference}; we confirm your registration once it arrives.`
                  : "Open your registration to complete the payment.",
              ]
        }
        action={myRegistration(l)}
        url={p.url}
      />
    ),
  } satisfies Template<Base & { ticket: string; amount: string; reference: string; holdUntil: string; bank: boolean }>,
  registrationConfirmed: {
    subject: (l, p) => (zh(l) ? `注册已确认：${p.conference}` : `Registration confirmed: ${p.conference}`),
    render: (l, p: Confirmed) => (
      <GreetingEmail
        locale={l}
        preview={zh(l) ? "您的注册已确认" : "Your place is confirmed"}
        name={p.name}
        lines={
          zh(l)
            ? [
                `您对 ${p.conference} 的注册（${p.ticket}）已确认。`,
                ...(p.receiptAttached ? ["收据（PDF）附在本邮件中。"] : []),
                `胸牌（含二维码，签到时出示）：${p.badgeUrl}`,
                `添加到日历：${p.calendarUrl}`,
              ]
            : [
                `Your registration for ${p.conference} (${p.ticket}) is confirmed.`,
                ...(p.receiptAttached ? ["Your receipt (PDF) is attached to this email."] : []),
                `Your badge (show its QR code at check-in): ${p.badgeUrl}`,
                `Add to your calendar: ${p.calendarUrl}`,
              ]
        }
        action={myRegistration(l)}
        url={p.url}
      />
    ),
  } satisfies Template<Confirmed>,
  holdExpired: {
    subject: (l, p) => (zh(l) ? `保留名额已过期：${p.conference}` : `Your held place has expired: ${p.conference}`),
    // `over`: released because the conference ended (decision 062): nothing to register for again.
    render: (l, p: Base & { over?: boolean }) =>
      p.over ? (
        <GreetingEmail
          locale={l}
          preview={zh(l) ? "会议已结束" : "The conference is over"}
          name={p.name}
          lines={
            zh(l)
              ? [`${p.conference} 已结束，为您保留但尚未付款的名额已释放，您无需再付款。`]
              : [`${p.conference} is over, so the place held for you, which was never paid, was released. Nothing is owed.`]
          }
        />
      ) : (
        <GreetingEmail
          locale={l}
          preview={zh(l) ? "未在期限内收到付款" : "No payment arrived in time"}
          name={p.name}
          lines={
            zh(l)
              ? [`我们未在期限内收到付款，为您保留的 ${p.conference} 名额已释放。如仍有名额，您可以重新注册。`]
              : [
                  `No payment arrived in time, so the place held for you at ${p.conference} was released. You can register again while places remain.`,
                ]
          }
          action={zh(l) ? "重新注册" : "Register again"}
          url={p.url}
        />
      ),
  } satisfies Template<Base & { over?: boolean }>,
  waitlistOffer: {
    subject: (l, p) => (zh(l) ? `有名额了：${p.conference}` : `A place is yours to claim: ${p.conference}`),
    render: (l, p: Base & { ticket: string; expires: string }) => (
      <GreetingEmail
        locale={l}
        preview={zh(l) ? `请在 ${p.expires} 前领取` : `Claim it before ${p.expires}`}
        name={p.name}
        lines={
          zh(l)
            ? [`${p.conference} 有一个名额（${p.ticket}）为您保留。`, `请在 ${p.expires} 前完成注册，逾期名额将转给候补名单中的下一位。`]
            : [
                `A place (${p.ticket}) at ${p.conference} is now held for you.`,
                `Register before ${p.expires}; after that it passes to the next person on the waitlist.`,
              ]
        }
        action={zh(l) ? "领取名额" : "Claim the place"}
        url={p.url}
      />
    ),
  } satisfies Template<Base & { ticket: string; expires: string }>,
  offerExpired: {
    subject: (l, p) => (zh(l) ? `候补名额已过期：${p.conference}` : `Your waitlist offer expired: ${p.conference}`),
    render: (l, p: Base) => (
      <GreetingEmail
        locale={l}
        preview={zh(l) ? "名额已转给下一位" : "The place passed to the next person"}
        name={p.name}
        lines={
          zh(l)
            ? [`为您保留的 ${p.conference} 名额未被领取，已转给候补名单中的下一位。`]
            : [`The place held for you at ${p.conference} was not claimed in time and has passed to the next person on the waitlist.`]
        }
        action={zh(l) ? "查看票种" : "See tickets"}
        url={p.url}
      />
    ),
  } satisfies Template<Base>,
  registrationCancelled: {
    subject: (l, p) => (zh(l) ? `注册已取消：${p.conference}` : `Registration cancelled: ${p.conference}`),
    render: (l, p: Base & { refund: string | null }) => (
      <GreetingEmail
        locale={l}
        preview={zh(l) ? "您的注册已取消" : "Your registration is cancelled"}
        name={p.name}
        lines={
          zh(l)
            ? [`您对 ${p.conference} 的注册已取消。`, p.refund ? `退款 ${p.refund} 将退回原支付方式。` : ""]
            : [
                `Your registration for ${p.conference} is cancelled.`,
                p.refund ? `A refund of ${p.refund} goes back to the original means of payment.` : "",
              ]
        }
        action={myRegistration(l)}
        url={p.url}
      />
    ),
  } satisfies Template<Base & { refund: string | null }>,
  latePaymentRefunded: {
    subject: (l, p) => (zh(l) ? `付款已退回：${p.conference}` : `Your payment was refunded: ${p.conference}`),
    render: (l, p: Base & { amount: string }) => (
      <GreetingEmail
        locale={l}
        preview={zh(l) ? "名额已满，款项已退回" : "The event filled up; your payment was returned"}
        name={p.name}
        lines={
          zh(l)
            ? [`您的付款（${p.amount}）在保留期结束后才到账，而 ${p.conference} 的名额已满。`, "我们已自动全额退款，款项将退回原支付方式。"]
            : [
                `Your payment (${p.amount}) arrived after your held place at ${p.conference} had expired, and the places are now taken.`,
                "We refunded it in full automatically, to the original means of payment.",
              ]
        }
        action={myRegistration(l)}
        url={p.url}
      />
    ),
  } satisfies Template<Base & { amount: string }>,
  visaLetterDecision: {
    subject: (l, p) => (zh(l) ? `签证邀请函：${p.conference}` : `Visa invitation letter: ${p.conference}`),
    render: (l, p: Base & { approved: boolean; reason: string | null; letterAttached?: boolean }) => (
      <GreetingEmail
        locale={l}
        preview={
          p.approved ? (zh(l) ? "邀请函已批准" : "Your letter is ready") : zh(l) ? "邀请函申请未获批准" : "Your request was declined"
        }
        name={p.name}
        lines={
          p.approved
            ? [
                zh(l)
                  ? p.letterAttached
                    ? `您申请的 ${p.conference} 签证邀请函已批准，附在本邮件中（PDF），也可在注册页面下载。`
                    : `您申请的 ${p.conference} 签证邀请函已批准，可在注册页面下载。`
                  : p.letterAttached
                    ? `Your visa invitation letter for ${p.conference} is approved. It is attached to this email (PDF); you can also download it from your registration page.`
                    : `Your visa invitation letter for ${p.conference} is approved; download it from your registration page.`,
              ]
            : [
                zh(l)
                  ? `很遗憾，您申请的 ${p.conference} 签证邀请函未获批准。`
                  : `We are sorry: your request for a visa invitation letter for ${p.conference} was declined.`,
                p.reason ?? "",
              ]
        }
        action={myRegistration(l)}
        url={p.url}
      />
    ),
  } satisfies Template<Base & { approved: boolean; reason: string | null; letterAttached?: boolean }>,
};
