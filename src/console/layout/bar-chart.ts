import { html, type SafeHtml } from '../../web/html';

export interface ChartSeries {
  key: string;
  label: string;
}

/**
 * A stacked column chart drawn as SVG on the server (no script), followed by the same figures
 * as a table, which is what screen readers and people who prefer numbers use.
 */
export function barChart(input: {
  id: string;
  caption: string;
  series: ChartSeries[];
  rows: Array<{ label: string; values: Record<string, number> }>;
}): SafeHtml {
  const width = 560;
  const height = 160;
  const gap = 8;
  const columnWidth = (width - gap * (input.rows.length + 1)) / Math.max(1, input.rows.length);
  const totals = input.rows.map((r) =>
    input.series.reduce((s, x) => s + (r.values[x.key] ?? 0), 0),
  );
  const max = Math.max(1, ...totals);
  const columns = input.rows.map((row, i) => {
    let y = height;
    const x = gap + i * (columnWidth + gap);
    const parts = input.series.map((s) => {
      const value = row.values[s.key] ?? 0;
      const h = (value / max) * (height - 4);
      y -= h;
      return value > 0
        ? html`<rect
            class="bar bar-${s.key}"
            x="${x.toFixed(1)}"
            y="${y.toFixed(1)}"
            width="${columnWidth.toFixed(1)}"
            height="${h.toFixed(1)}"
          ></rect>`
        : '';
    });
    return html`${parts}<text
        class="axis"
        x="${(x + columnWidth / 2).toFixed(1)}"
        y="${height + 16}"
        text-anchor="middle"
        >${row.label}</text
      >`;
  });
  return html`<figure class="chart" aria-labelledby="${input.id}-caption">
    <figcaption id="${input.id}-caption">${input.caption}</figcaption>
    <svg viewBox="0 0 ${width} ${height + 22}" aria-hidden="true" focusable="false">${columns}</svg>
    <ul class="legend" aria-hidden="true">
      ${input.series.map((s) => html`<li><span class="swatch bar-${s.key}"></span>${s.label}</li>`)}
    </ul>
    <table class="figures">
      <caption class="visually-hidden">
        ${input.caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          ${input.series.map((s) => html`<th scope="col" class="num">${s.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${input.rows.map(
          (row) =>
            html`<tr>
              <th scope="row">${row.label}</th>
              ${input.series.map((s) => html`<td class="num">${row.values[s.key] ?? 0}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </figure>`;
}
