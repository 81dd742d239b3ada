import "~/utils/zod-browser";
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import {
  type ShouldRevalidateFunction,
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useMemo, useRef, type ReactNode } from "react";
import { useNonce } from "~/components/nonce";
import {
  LocaleContext,
  makeTranslate,
  useT,
  type AppLocale,
  type MessageKey,
  type Messages,
  type PackedMessages,
  type Translate,
  unpackMessages,
} from "~/i18n";
import { packedMessagesFor } from "~/i18n/dictionaries.server";
import stylesheet from "~/styles/app.css?url";
import { usesLocalMailbox } from "~/utils/env.server";
import { resolveLocale } from "~/utils/locale.server";
import { getUser } from "~/utils/session.server";
import { readToast, type Toast } from "~/utils/toast.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  // Files of the top-level public/ folder (served with a week's cache by server/http.js).
  { rel: "icon", href: "/favicon.ico", sizes: "48x48" },
  { rel: "icon", href: "/icon.svg", type: "image/svg+xml" },
  { rel: "apple-touch-icon", href: "/apple-touch-icon.png" },
  { rel: "manifest", href: "/site.webmanifest" },
];

export const meta: MetaFunction = () => [{ title: "Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await resolveLocale(request, user);
  const { toast, clear } = await readToast(request);
  return data(
    {
      user: user ? { id: user.id, name: user.nameLatin, nameNative: user.nameNative, emailVerified: user.emailVerified } : null,
      locale,
      // The frame's messages in the reader's language; each area's come from its layout route.
      messages: packedMessagesFor(locale, ["common"]),
      toast,
      mailbox: usesLocalMailbox(),
    },
    { headers: clear ? { "Set-Cookie": clear } : undefined },
  );
}

/**
 * The frame (user, language, toast) changes only when a form changed something: plain navigations
 * and GET searches reuse it instead of loading it again with every page.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, currentUrl, nextUrl, defaultShouldRevalidate }) => {
  if (formMethod !== undefined && formMethod.toUpperCase() !== "GET") return defaultShouldRevalidate;
  // Same URL: an explicit revalidation (useRevalidator) or a reload.
  return currentUrl.href === nextUrl.href ? defaultShouldRevalidate : false;
};

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root") as RootData | undefined;
}

/**
 * English for the few words the frame needs when the root loader itself failed
 * (so no messages arrived): the error page must still read as a sentence.
 */
const fallbackMessages: Partial<Messages> = {
  "app.name": "Concord",
  "nav.skip": "Skip to content",
  "nav.main": "Main navigation",
  "nav.menu": "Menu",
  "nav.conferences": "Conferences",
  "nav.organizations": "Organizations",
  "nav.signIn": "Sign in",
  "nav.signUp": "Create account",
  "locale.switch": "Language",
  "locale.en": "English",
  "locale.zh": "中文",
  "locale.apply": "Change",
  "error.server": "Something went wrong on our side.",
  "error.server.hint": "Your data is safe. Try again in a moment; if it keeps happening, contact the organizers.",
  "error.notFound": "We could not find that page.",
  "error.notFound.hint": "Check the address, or go back to the home page.",
  "error.goHome": "Go to the home page",
};

/** A header link: a full-width row tall enough to tap in the phone menu, plain inline text from `sm` up. */
const navLink = "flex min-h-11 w-full items-center underline-offset-4 hover:underline sm:inline sm:min-h-0 sm:w-auto";

/**
 * The header's links, rendered once. Below `sm` they sit in a <details> disclosure ("Menu"), which opens and
 * closes without JavaScript and is a button with its expanded state for screen readers; its list drops down over
 * the page, one link per line. From `sm` up the summary is display:none and the list is shown whether the
 * <details> is open or not (`::details-content` made visible), so each link exists once in the DOM and in the
 * accessibility tree at every width (a browser without `::details-content`, before 2025, keeps "Menu" there
 * too, so the links stay reachable). With JavaScript, a navigation closes the menu (a client-side navigation
 * keeps the <details> as it was) and Escape closes it, returning focus to "Menu".
 */
function MainNav({ root, t }: { root: RootData | undefined; t: Translate }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const { key } = useLocation();
  const shownAt = useRef(key);
  useEffect(() => {
    // Only on a later navigation: a menu opened before the page hydrated stays open.
    if (shownAt.current === key) return;
    shownAt.current = key;
    if (menu.current) menu.current.open = false;
  }, [key]);
  useEffect(() => {
    const details = menu.current;
    if (!details) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !details.open) return;
      details.open = false;
      details.querySelector("summary")?.focus();
    };
    details.addEventListener("keydown", closeOnEscape);
    return () => details.removeEventListener("keydown", closeOnEscape);
  }, []);
  // The header's places, in order; the signed-in ones only with an account, the mailbox only in development.
  const places: [string, MessageKey][] = [
    ["/conferences", "nav.conferences"],
    ...(root?.user
      ? ([
          ["/my/registrations", "nav.myRegistrations"],
          ["/my/agenda", "nav.myAgenda"],
        ] as [string, MessageKey][])
      : []),
    ["/orgs", "nav.organizations"],
    ["/accords", "nav.accords"],
    ["/verify", "nav.verify"],
    ...(root?.mailbox ? ([["/dev/mail", "nav.mailbox"]] as [string, MessageKey][]) : []),
  ];
  return (
    <nav aria-label={t("nav.main")} className="order-last sm:order-none sm:flex-1" data-testid="main-nav">
      <details ref={menu} className="sm:details-content:[content-visibility:visible]">
        <summary className="flex min-h-11 cursor-pointer list-none items-center gap-1.5 rounded border border-stone-400 px-2 sm:supports-[selector(::details-content)]:hidden [&::-webkit-details-marker]:hidden">
          <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="M2 4h12M2 8h12M2 12h12" />
          </svg>
          {t("nav.menu")}
        </summary>
        <ul className="absolute inset-x-0 top-full z-20 divide-y divide-stone-200 border-b border-stone-300 bg-white px-4 py-1 shadow-md sm:static sm:flex sm:flex-wrap sm:items-center sm:gap-x-4 sm:gap-y-1 sm:divide-y-0 sm:border-0 sm:bg-transparent sm:p-0 sm:whitespace-nowrap sm:shadow-none">
          {places.map(([to, label]) => (
            <li key={to}>
              <Link to={to} className={navLink}>
                {t(label)}
              </Link>
            </li>
          ))}
          {root?.user ? (
            <>
              <li className="max-w-full whitespace-normal break-words">
                <Link to="/account" className={`${navLink} font-medium`} data-testid="signed-in-as">
                  {root.user.name}
                </Link>
              </li>
              <li>
                <Form method="post" action="/logout">
                  <button type="submit" className={`${navLink} text-left`}>
                    {t("nav.signOut")}
                  </button>
                </Form>
              </li>
            </>
          ) : (
            <>
              <li>
                <Link to="/login" className={navLink}>
                  {t("nav.signIn")}
                </Link>
              </li>
              <li className="py-2 sm:py-0">
                <Link
                  to="/signup"
                  className="flex min-h-11 items-center justify-center rounded-md bg-blue-900 px-3 text-white sm:inline sm:min-h-0 sm:py-1"
                >
                  {t("nav.signUp")}
                </Link>
              </li>
            </>
          )}
        </ul>
      </details>
    </nav>
  );
}

function LocaleSwitch({ locale, t }: { locale: AppLocale; t: Translate }) {
  const location = useLocation();
  return (
    <Form method="post" action="/set-locale" className="flex items-center gap-2">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <label htmlFor="locale-switch" className="sr-only">
        {t("locale.switch")}
      </label>
      <select id="locale-switch" name="locale" defaultValue={locale} className="rounded border border-stone-400 px-2 py-1 text-sm">
        <option value="en">{t("locale.en")}</option>
        <option value="zh">{t("locale.zh")}</option>
      </select>
      <button type="submit" className="rounded border border-stone-400 px-2 py-1 text-sm">
        {t("locale.apply")}
      </button>
    </Form>
  );
}

function ToastView({ toast, t }: { toast: Toast; t: Translate }) {
  const colours = {
    success: "border-green-700 bg-green-50 text-green-900",
    error: "border-red-700 bg-red-50 text-red-900",
    info: "border-blue-700 bg-blue-50 text-blue-900",
  }[toast.kind];
  return (
    <div role="status" aria-live="polite" className={`mx-auto mt-4 max-w-5xl rounded-md border px-4 py-3 ${colours}`}>
      {t(toast.message as MessageKey, toast.vars)}
    </div>
  );
}

/** The root's messages and those of every area layout on the page, merged again only when one of them changes. */
function useAreaMessages(common: PackedMessages | undefined): Partial<Messages> {
  const parts = [common, ...useMatches().map((m) => (m.data as { messages?: PackedMessages } | null | undefined)?.messages)]
    .map(unpackMessages)
    .filter((p): p is Partial<Messages> => Boolean(p));
  const last = useRef<{ parts: Partial<Messages>[]; merged: Partial<Messages> }>();
  if (!last.current || last.current.parts.length !== parts.length || parts.some((p, i) => p !== last.current!.parts[i])) {
    last.current = { parts, merged: Object.assign({}, ...parts) };
  }
  return last.current.merged;
}

function Shell({ children, root }: { children: ReactNode; root: RootData | undefined }) {
  const nonce = useNonce();
  const locale: AppLocale = root?.locale ?? "en";
  const messages = useAreaMessages(root?.messages);
  const t = useMemo(() => makeTranslate(messages, fallbackMessages, locale), [messages, locale]);
  const localeState = useMemo(() => ({ locale, t }), [locale, t]);
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen bg-stone-50 text-stone-900">
        <LocaleContext.Provider value={localeState}>
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
            {t("nav.skip")}
          </a>
          <header className="relative border-b border-stone-300 bg-white">
            {/* On a phone one line: the name, the language, and the links behind "Menu" (they took four lines);
                from `sm` up the links sit inline between the name and the language, wrapping as they need. */}
            <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-2 gap-y-1 px-4 py-2 sm:gap-x-4 sm:py-3">
              <Link to="/" className="text-xl font-bold text-blue-900">
                {t("app.name")}
              </Link>
              <MainNav root={root} t={t} />
              <div className="ml-auto">
                <LocaleSwitch locale={locale} t={t} />
              </div>
            </div>
          </header>
          {root?.toast ? <ToastView toast={root.toast} t={t} /> : null}
          <main id="main" className="mx-auto max-w-5xl px-4 py-8">
            {children}
          </main>
        </LocaleContext.Provider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRootData();
  return <Shell root={root}>{children}</Shell>;
}

export default function App() {
  return <Outlet />;
}

/** Shared by every route: says what went wrong and what to do next, never a stack trace. */
export function ErrorBoundary() {
  const error = useRouteError();
  return <ErrorView error={error} />;
}

export function ErrorView({ error }: { error: unknown }) {
  const t = useT();
  let status = 500;
  let message: MessageKey = "error.server";
  let hint: MessageKey | null = "error.server.hint";
  let vars: Record<string, string | number> | undefined;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const body = error.data as { message?: string; vars?: Record<string, string | number> } | string | null;
    if (status === 404) {
      message = "error.notFound";
      hint = "error.notFound.hint";
    } else if (status === 403) {
      message = "error.forbidden";
      hint = "error.forbidden.hint";
    } else if (status === 401) {
      message = "error.unauthorized";
      hint = null;
    } else if (status === 413) {
      message = "error.tooLarge";
      hint = null;
    } else if (status < 500) {
      message = "error.badRequest";
      hint = null;
    }
    if (body && typeof body === "object" && typeof body.message === "string" && body.message.includes(".")) {
      message = body.message as MessageKey;
      vars = body.vars ?? undefined;
    }
  }
  return (
    <section aria-labelledby="error-title" className="rounded-md border border-stone-300 bg-white p-6">
      <p className="text-sm text-stone-500">{status}</p>
      <h1 id="error-title" className="text-2xl font-semibold">
        {t(message, vars)}
      </h1>
      {hint ? <p className="mt-2">{t(hint)}</p> : null}
      <p className="mt-4 flex gap-4">
        <Link to="/" className="text-blue-900 underline">
          {t("error.goHome")}
        </Link>
        {status === 401 ? (
          <Link to="/login" className="text-blue-900 underline">
            {t("error.signIn")}
          </Link>
        ) : null}
      </p>
    </section>
  );
}
