import { readFileSync } from 'node:fs';
import path from 'node:path';
import mjml2html from 'mjml';
import type { Locale } from '../../i18n/locale';
import { emailText } from './email-text';
import { emailView, type EmailCopy, type EmailView } from './email-view';
import { compileHtmlTemplate, type HtmlTemplate } from './html-template';
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

/**
 * Renders emails: MJML was compiled at startup and its HTML compiled again into string
 * concatenation that escapes every value; a message is one call of the compiled template.
 */
export class EmailRenderer {
  private constructor(
    private readonly templates: Map<TemplateName, HtmlTemplate<EmailView>>,
    private readonly copy: Record<Locale, EmailCopy>,
  ) {}

  static async create(dir = emailTemplateDir): Promise<EmailRenderer> {
    const templates = new Map<TemplateName, HtmlTemplate<EmailView>>();
    for (const [name, html] of await compileEmailTemplates(dir))
      templates.set(name, compileHtmlTemplate<EmailView>(html));
    const renderer = new EmailRenderer(templates, loadCopy(dir));
    // A template or copy that cannot render stops startup rather than the first send.
    for (const template of templateNames) renderer.render(warmUp(template));
    return renderer;
  }

  render(input: MessageInput): RenderedEmail {
    const view = emailView(input, this.copy[input.locale]);
    const template = this.templates.get(input.template);
    if (!template) throw new Error(`no email template ${input.template}`);
    return {
      subject: view.subject,
      html: template(view),
      text: emailText(view, input.locale),
      categories: ['porchlight', `milestone:${input.template}`],
    };
  }
}

function warmUp(template: TemplateName): MessageInput {
  return {
    template,
    locale: 'en',
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
