import { Router, type Response } from 'express';
import type { Container } from '../../app/container';
import { merchantSettingsSchema } from '../../api/schemas';
import type { Merchant } from '../../merchants/merchant';
import { consoleContext, type ConsoleContext } from '../auth/console-session';
import type { SettingsDraft } from '../console-user';
import { consoleActor } from '../console-actor';
import { sendConsolePage } from '../layout/console-headers';
import { consoleLayout, type ConsoleLayoutInput } from '../layout/console-layout';
import { pageNotice } from '../layout/notices';
import { signedInAs } from '../layout/signed-in';
import { brandingMain } from './branding.page';
import { notificationsMain } from './notifications.page';
import { brandingFromForm, formFieldOf, preferencesFromForm, type FormBody } from './settings-form';
import type { FieldErrors } from './settings-fields';

type Settings = Required<SettingsDraft>;
type Part = keyof SettingsDraft;
const pages = {
  notifications: { title: 'Notifications', parts: ['preferences'] as Part[] },
  branding: { title: 'Branding', parts: ['branding', 'senders'] as Part[] },
} as const;
type PageName = keyof typeof pages;

const savedOf = (m: Merchant): Settings => ({
  preferences: m.preferences,
  branding: m.branding,
  senders: m.senders,
});
const pick = (settings: SettingsDraft, parts: Part[]): SettingsDraft =>
  Object.fromEntries(parts.filter((p) => settings[p]).map((p) => [p, settings[p]]));
const without = (draft: SettingsDraft | undefined, parts: Part[]): SettingsDraft | null => {
  const rest = Object.fromEntries(
    Object.entries(draft ?? {}).filter(([k]) => !parts.includes(k as Part)),
  );
  return Object.keys(rest).length ? rest : null;
};

/**
 * Notifications and Branding: each form can be previewed (kept as the session's draft, which
 * the Preview page renders) or saved (validated by the API's own schema, guarded against a
 * colleague's save in between, and written to the audit log with before and after).
 */
export function settingsRoutes(container: Container): Router {
  const { config, clock, repositories } = container;
  const router = Router();

  function show(
    res: Response,
    page: PageName,
    shown: Settings,
    errors: FieldErrors,
    status = 200,
    notice?: ConsoleLayoutInput['notice'],
  ) {
    const context = consoleContext(res);
    const common = {
      csrf: context.csrf,
      version: context.merchant.updatedAt.toISOString(),
      errors,
      hasDraft: Object.keys(pick(context.session.draft ?? {}, pages[page].parts)).length > 0,
    };
    const main =
      page === 'notifications'
        ? notificationsMain({
            ...common,
            preferences: shown.preferences,
            groupWindowSeconds: Math.round(config.notify.groupWindowMs / 1000),
          })
        : brandingMain({ ...common, branding: shown.branding, senders: shown.senders });
    sendConsolePage(
      res,
      config,
      consoleLayout({
        title: pages[page].title,
        section: page,
        signedIn: signedInAs(context),
        notice,
        main,
      }),
      status,
    );
  }

  function shownSettings(context: ConsoleContext): Settings {
    return { ...savedOf(context.merchant), ...(context.session.draft ?? {}) } as Settings;
  }

  async function submit(res: Response, page: PageName, body: FormBody, candidate: SettingsDraft) {
    const context = consoleContext(res);
    const { merchant, session } = context;
    const parts = pages[page].parts;
    const action = body.action;
    if (action === 'discard') {
      await repositories.consoleSessions.saveDraft(session.id, without(session.draft, parts));
      return res.redirect(303, `/console/${page}?notice=discarded`);
    }
    const parsed = merchantSettingsSchema.safeParse({ ...savedOf(merchant), ...candidate });
    if (!parsed.success) {
      const errors: FieldErrors = new Map(
        parsed.error.issues.map((i) => [formFieldOf(i.path.map(String).join('.')), i.message]),
      );
      const shown = { ...shownSettings(context), ...candidate } as Settings;
      return show(res, page, shown, errors, 422, {
        kind: 'error',
        text: `Nothing was saved: ${errors.size} field(s) need attention.`,
      });
    }
    const chosen = pick(parsed.data, parts);
    if (action === 'preview') {
      await repositories.consoleSessions.saveDraft(session.id, {
        ...(session.draft ?? {}),
        ...chosen,
      });
      return res.redirect(303, '/console/preview?notice=draft');
    }
    if (body.version !== merchant.updatedAt.toISOString()) {
      return show(res, page, { ...shownSettings(context), ...chosen } as Settings, new Map(), 409, {
        kind: 'error',
        text: 'Someone else saved settings since you opened this page. Your changes are still in the form below; check them and save again.',
      });
    }
    const updated = await repositories.merchants.update(merchant.id, chosen);
    await repositories.auditLog.record({
      merchantId: merchant.id,
      actor: consoleActor(session),
      action: 'settings.update',
      target: page,
      before: pick(savedOf(merchant), parts),
      after: pick(savedOf(updated ?? merchant), parts),
      at: clock.now(),
    });
    await repositories.consoleSessions.saveDraft(session.id, without(session.draft, parts));
    res.redirect(303, `/console/${page}?notice=saved`);
  }

  for (const page of Object.keys(pages) as PageName[]) {
    router.get(`/console/${page}`, (req, res) => {
      const context = consoleContext(res);
      const draft = pick(context.session.draft ?? {}, pages[page].parts);
      const notice =
        pageNotice(req.query.notice) ??
        (Object.keys(draft).length
          ? {
              kind: 'warning' as const,
              text: 'This page shows unsaved changes. Save them, or discard them to go back.',
            }
          : undefined);
      show(res, page, shownSettings(context), new Map(), 200, notice);
    });
  }
  router.post('/console/notifications', async (req, res) => {
    const body = req.body as FormBody;
    await submit(res, 'notifications', body, {
      preferences: preferencesFromForm(
        body,
        consoleContext(res).merchant.preferences,
      ) as Settings['preferences'],
    });
  });
  router.post('/console/branding', async (req, res) => {
    const body = req.body as FormBody;
    await submit(res, 'branding', body, brandingFromForm(body) as SettingsDraft);
  });
  return router;
}
