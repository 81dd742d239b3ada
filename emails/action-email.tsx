import { Button, Text } from "@react-email/components";
import { EmailLayout, button } from "./layout";
import type { EmailLocale } from "./strings";

/**
 * The shape of most account emails: a greeting, one paragraph, one button with
 * the link, the link again in plain text, and how long it stays valid.
 */
export function ActionEmail(props: {
  locale: EmailLocale;
  preview: string;
  greeting: string;
  body: string;
  action: string;
  url: string;
  validity: string;
}) {
  return (
    <EmailLayout locale={props.locale} preview={props.preview}>
      <Text>{props.greeting}</Text>
      <Text>{props.body}</Text>
      <Button href={props.url} style={button}>
        {props.action}
      </Button>
      <Text style={{ fontSize: "13px", color: "#57534e" }}>{props.url}</Text>
      <Text style={{ fontSize: "13px", color: "#57534e" }}>{props.validity}</Text>
    </EmailLayout>
  );
}
