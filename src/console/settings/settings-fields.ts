import { html, type SafeHtml } from '../../web/html';

/** Problems by form field name. */
export type FieldErrors = Map<string, string>;

/** The attributes and message that tie an error to its input (aria-invalid, aria-describedby). */
export const fieldError = {
  attrs(errors: FieldErrors, name: string): SafeHtml | string {
    return errors.has(name) ? html`aria-invalid="true" aria-describedby="${name}-error"` : '';
  },
  text(errors: FieldErrors, name: string): SafeHtml | string {
    const message = errors.get(name);
    return message ? html`<p class="field-error" id="${name}-error">${message}</p>` : '';
  },
};

/** Preview before saving: the draft is kept with the session and shown on the Preview page. */
export function settingsActions(hasDraft: boolean): SafeHtml {
  return html`<div class="actions">
    <button type="submit" name="action" value="preview" class="secondary">Preview changes</button>
    <button type="submit" name="action" value="save">Save changes</button>
    ${hasDraft ? html`<button type="submit" name="action" value="discard" class="secondary">Discard unsaved changes</button>` : ''}
  </div>`;
}
