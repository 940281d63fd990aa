import type { ConsoleLayoutInput } from './console-layout';

/** Confirmations after a redirect, by key: the query string never carries the text itself. */
const notices: Record<string, NonNullable<ConsoleLayoutInput['notice']>> = {
  saved: { kind: 'success', text: 'Saved. New messages use these settings from now on.' },
  discarded: { kind: 'success', text: 'Unsaved changes discarded.' },
  draft: {
    kind: 'warning',
    text: 'You are previewing unsaved changes. Save them on the Notifications or Branding page.',
  },
  lifted: {
    kind: 'success',
    text: 'Suppression lifted. Messages to this address can go out again.',
  },
  invited: { kind: 'success', text: 'Invitation sent.' },
  revoked: { kind: 'success', text: 'Revoked.' },
  removed: { kind: 'success', text: 'Removed.' },
};

export function pageNotice(key: unknown): ConsoleLayoutInput['notice'] {
  return typeof key === 'string' ? notices[key] : undefined;
}
