import { readFileSync } from 'node:fs';
import path from 'node:path';
import mjml2html from 'mjml';
import { supportedLocales, type Locale } from '../../i18n/locale';
import { emailText } from './email-text';
import { emailView, type EmailView } from './email-view';
import { emailWording, type EmailCopy, type EmailWording } from './email-wording';
import { compileHtmlTemplate, parseHtmlMarkup, type HtmlTemplate } from './html-template';
import {
  templateNames,
  type MessageInput,
  type RenderedEmail,
  type TemplateName,
} from './message-input';

export const emailTemplateDir = path.resolve(__dirname, '../../../templates/email');

/**
 * Colours in the templates that stand for the merchant's (MJML strict mode wants real colours).
 * They become template expressions once, after MJML, in our own markup; never in a message.
 */
const colorSlots: Array<[RegExp, string]> = [
  [/#0b0c0d/gi, '{{colors.headerBg}}'],
  [/#0e0f10/gi, '{{colors.headerText}}'],
  [/#0a0b0c/gi, '{{colors.buttonBg}}'],
  [/#0d0e0f/gi, '{{colors.buttonText}}'],
];

/** Compiles every MJML template once with strict validation; a broken template stops startup. */
export async function compileEmailTemplates(
  dir = emailTemplateDir,
): Promise<Map<TemplateName, string>> {
  const compiled = new Map<TemplateName, string>();
  for (const name of templateNames) {
    const filePath = path.join(dir, `${name}.mjml`);
    const result = await mjml2html(readFileSync(filePath, 'utf8'), {
      validationLevel: 'strict',
      filePath,
      ignoreIncludes: false,
      keepComments: false,
      // No web fonts: a font host would learn of every open, and the stack starts with system fonts.
      fonts: {},
    });
    const html = colorSlots.reduce((h, [sentinel, slot]) => h.replace(sentinel, slot), result.html);
    // Indentation is a third of MJML's output; every message would carry and copy it.
    compiled.set(name, html.replace(/\n\s+/g, '\n'));
  }
  return compiled;
}

function loadCopy(dir: string): Record<Locale, EmailCopy> {
  const read = (l: Locale) =>
    JSON.parse(readFileSync(path.join(dir, 'messages', `${l}.json`), 'utf8')) as EmailCopy;
  return { en: read('en'), es: read('es'), fr: read('fr'), de: read('de') };
}

/** One milestone's email in one language: its shared words, and its markup with them written in. */
interface CompiledEmail {
  wording: EmailWording;
  html: HtmlTemplate<EmailView>;
}

/**
 * Renders emails: MJML was compiled at startup, and its HTML compiled again per language into
 * string concatenation with the milestone's words already in place and every value escaped; a
 * message is one call of the compiled template over the parts that are its own.
 */
export class EmailRenderer {
  private constructor(
    private readonly emails: Map<TemplateName, Record<Locale, CompiledEmail>>,
    private readonly copy: Record<Locale, EmailCopy>,
  ) {}

  static async create(dir = emailTemplateDir): Promise<EmailRenderer> {
    const copy = loadCopy(dir);
    const emails = new Map<TemplateName, Record<Locale, CompiledEmail>>();
    for (const [name, html] of await compileEmailTemplates(dir)) {
      const markup = parseHtmlMarkup(html);
      const compile = (locale: Locale): CompiledEmail => {
        const wording = emailWording(copy[locale], name, locale);
        return { wording, html: compileHtmlTemplate<EmailView>(markup, { copy: wording }) };
      };
      emails.set(name, {
        en: compile('en'),
        es: compile('es'),
        fr: compile('fr'),
        de: compile('de'),
      });
    }
    const renderer = new EmailRenderer(emails, copy);
    // A template or copy that cannot render stops startup rather than the first send.
    for (const template of templateNames)
      for (const locale of supportedLocales) renderer.render(warmUp(template, locale));
    return renderer;
  }

  render(input: MessageInput): RenderedEmail {
    const email = this.emails.get(input.template)?.[input.locale];
    if (!email) throw new Error(`no email template ${input.template} in ${input.locale}`);
    const view = emailView(input, this.copy[input.locale], email.wording);
    return {
      subject: view.subject.text,
      preheader: view.preheader.text,
      html: email.html(view),
      text: emailText(view),
      categories: ['porchlight', `milestone:${input.template}`],
    };
  }
}

function warmUp(template: TemplateName, locale: Locale): MessageInput {
  return {
    template,
    locale,
    timeZone: 'UTC',
    merchant: { name: 'Shop', branding: { displayName: 'Shop', primaryColor: '#1f6feb' } },
    orderNumber: '1',
    items: [],
    shipments: [],
    wholeOrderDelivered: false,
    statusUrl: 'https://example.com/t/x',
    unsubscribeUrl: 'https://example.com/u/x',
  };
}
