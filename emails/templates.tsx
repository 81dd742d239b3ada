import type { ReactElement } from "react";
import { ActionEmail } from "./action-email";
import type { EmailLocale } from "./strings";
import { accordsTemplates } from "./accords";
import { programmeTemplates } from "./programme";
import { registrationTemplates } from "./registration";

/**
 * Every email Concord sends: a subject and a React Email body per language.
 * The outbox renders them to HTML and plain text when the email is queued.
 */
type Template<P> = {
  subject: (locale: EmailLocale, props: P) => string;
  render: (locale: EmailLocale, props: P) => ReactElement;
};

const zh = (locale: EmailLocale) => locale === "zh";

export const templates = {
  verifyEmail: {
    subject: (l) => (zh(l) ? "请验证您的 Concord 邮箱" : "Verify your email for Concord"),
    render: (l, p: { name: string; url: string }) => (
      <ActionEmail
        locale={l}
        preview={zh(l) ? "验证邮箱以完成注册" : "Confirm your email to finish signing up"}
        greeting={zh(l) ? `${p.name}，您好：` : `Hello ${p.name},`}
        body={
          zh(l) ? "请点击下面的按钮确认这是您的邮箱地址。" : "Please confirm that this is your email address by following the link below."
        }
        action={zh(l) ? "验证邮箱" : "Verify email"}
        url={p.url}
        validity={zh(l) ? "链接 24 小时内有效，只能使用一次。" : "The link works once and expires in 24 hours."}
      />
    ),
  } satisfies Template<{ name: string; url: string }>,
  accountExists: {
    subject: (l) => (zh(l) ? "您已经拥有 Concord 账户" : "You already have a Concord account"),
    render: (l, p: { name: string; url: string }) => (
      <ActionEmail
        locale={l}
        preview={zh(l) ? "有人尝试用此邮箱注册" : "Someone tried to sign up with this email"}
        greeting={zh(l) ? `${p.name}，您好：` : `Hello ${p.name},`}
        body={
          zh(l)
            ? "有人尝试用此邮箱地址注册新的 Concord 账户，但此邮箱已有账户。如果是您本人，请直接登录；如果忘记了密码，可以在登录页重置。"
            : "Someone tried to create a new Concord account with this email address, which already has one. If it was you, simply sign in; if you forgot your password, you can reset it from the sign-in page."
        }
        action={zh(l) ? "登录" : "Sign in"}
        url={p.url}
        validity={
          zh(l)
            ? "如果不是您本人，可以忽略此邮件：您的账户没有任何变化。"
            : "If it was not you, you can ignore this email: nothing about your account changed."
        }
      />
    ),
  } satisfies Template<{ name: string; url: string }>,
  loginLink: {
    subject: (l) => (zh(l) ? "您的 Concord 登录链接" : "Your Concord sign-in link"),
    render: (l, p: { name: string; url: string }) => (
      <ActionEmail
        locale={l}
        preview={zh(l) ? "一次性登录链接" : "A one-time sign-in link"}
        greeting={zh(l) ? `${p.name}，您好：` : `Hello ${p.name},`}
        body={
          zh(l)
            ? "有人请求用此邮箱登录 Concord。点击下面的按钮即可登录。"
            : "Someone asked to sign in to Concord with this email. Follow the link below to sign in."
        }
        action={zh(l) ? "登录" : "Sign in"}
        url={p.url}
        validity={zh(l) ? "链接 15 分钟内有效，只能使用一次。" : "The link works once and expires in 15 minutes."}
      />
    ),
  } satisfies Template<{ name: string; url: string }>,
  resetPassword: {
    subject: (l) => (zh(l) ? "重置您的 Concord 密码" : "Reset your Concord password"),
    render: (l, p: { name: string; url: string }) => (
      <ActionEmail
        locale={l}
        preview={zh(l) ? "重置密码" : "Choose a new password"}
        greeting={zh(l) ? `${p.name}，您好：` : `Hello ${p.name},`}
        body={
          zh(l)
            ? "点击下面的按钮设置新密码。设置后，所有已登录的设备都会退出。"
            : "Follow the link below to choose a new password. Setting it signs out every device."
        }
        action={zh(l) ? "设置新密码" : "Choose a new password"}
        url={p.url}
        validity={zh(l) ? "链接 1 小时内有效，只能使用一次。" : "The link works once and expires in one hour."}
      />
    ),
  } satisfies Template<{ name: string; url: string }>,
  orgInvitation: {
    subject: (l, p) => (zh(l) ? `邀请您加入 ${p.orgName}` : `You are invited to join ${p.orgName} on Concord`),
    render: (l, p: { orgName: string; inviter: string; roles: string; url: string }) => (
      <ActionEmail
        locale={l}
        preview={zh(l) ? `${p.inviter} 邀请您加入 ${p.orgName}` : `${p.inviter} invited you to ${p.orgName}`}
        greeting={zh(l) ? "您好：" : "Hello,"}
        body={
          zh(l)
            ? `${p.inviter} 邀请您以「${p.roles}」身份加入 ${p.orgName}。`
            : `${p.inviter} invited you to join ${p.orgName} on Concord as ${p.roles}.`
        }
        action={zh(l) ? "接受邀请" : "Accept the invitation"}
        url={p.url}
        validity={zh(l) ? "邀请 14 天内有效。" : "The invitation is valid for 14 days."}
      />
    ),
  } satisfies Template<{ orgName: string; inviter: string; roles: string; url: string }>,
};

export const allTemplates = { ...templates, ...registrationTemplates, ...programmeTemplates, ...accordsTemplates };

export type TemplateName = keyof typeof allTemplates;
export type TemplateProps<N extends TemplateName> = Parameters<(typeof allTemplates)[N]["render"]>[1];
