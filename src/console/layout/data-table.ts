import { html, type SafeHtml } from '../../web/html';

/**
 * A console table: column headings over `rows` (each a `<tr>` whose first cell is its row
 * heading), scrolling sideways on a phone instead of squeezing. `actions` adds a last column of
 * buttons, its heading named for screen readers only.
 */
export function dataTable(
  columns: string[],
  rows: SafeHtml[] | SafeHtml,
  options: { actions?: boolean } = {},
): SafeHtml {
  return html`<div class="table-scroll">
    <table>
      <thead>
        <tr>
          ${columns.map((c) => html`<th scope="col">${c}</th>`)}
          ${
            options.actions
              ? html`<th scope="col"><span class="visually-hidden">Actions</span></th>`
              : ''
          }
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}
