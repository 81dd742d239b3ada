import { Body, Button, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { EmailLocale } from "./strings";

/** The frame every Concord email shares: brand line, content, footer in the recipient's language. */
export function EmailLayout({ locale, preview, children }: { locale: EmailLocale; preview: string; children: ReactNode }) {
  return (
    <Html lang={locale === "zh" ? "zh-CN" : "en"}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ fontFamily: "Helvetica, Arial, 'PingFang SC', 'Microsoft YaHei', sans-serif", backgroundColor: "#f5f5f4" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "560px" }}>
          <Text style={{ fontSize: "18px", fontWeight: 700, color: "#1e3a8a" }}>Concord</Text>
          <Section>{children}</Section>
          <Hr />
          <Text style={{ fontSize: "12px", color: "#57534e" }}>
            {locale === "zh"
              ? "这封邮件由 Concord 自动发送。如果不是您本人操作，可以忽略此邮件。"
              : "This email was sent automatically by Concord. If you did not expect it, you can ignore it."}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export const button = {
  backgroundColor: "#1e3a8a",
  color: "#ffffff",
  padding: "12px 18px",
  borderRadius: "6px",
  textDecoration: "none",
  display: "inline-block",
} as const;

/** Greeting, paragraphs and an optional button with its link spelled out: the shape of most area emails. */
export function GreetingEmail({
  locale,
  preview,
  name,
  lines,
  action,
  url,
}: {
  locale: EmailLocale;
  preview: string;
  name: string;
  lines: string[];
  action?: string;
  url?: string;
}) {
  return (
    <EmailLayout locale={locale} preview={preview}>
      <Text>{locale === "zh" ? `${name}，您好：` : `Hello ${name},`}</Text>
      {lines.filter(Boolean).map((line, i) => (
        <Text key={i}>{line}</Text>
      ))}
      {action && url ? (
        <>
          <Button href={url} style={button}>
            {action}
          </Button>
          <Text style={{ fontSize: "13px", color: "#57534e" }}>{url}</Text>
        </>
      ) : null}
    </EmailLayout>
  );
}
