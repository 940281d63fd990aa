import Handlebars from 'handlebars';
import { escapeHtml } from './html-escape';

/** One message's HTML from its view: plain data (strings, numbers, arrays, objects). */
export type HtmlTemplate<T> = (view: T) => string;

/** Parsed markup, to compile once per set of fixed values without parsing it again. */
export type HtmlMarkup = hbs.AST.Program;

export function parseHtmlMarkup(source: string): HtmlMarkup {
  return Handlebars.parse(source);
}

/**
 * Compiles the Handlebars subset our email markup uses (`{{path}}`, `{{../path}}`, `#if` with
 * `else`, `#each` over lists) into one JavaScript function of string concatenation, as
 * Handlebars itself compiles templates, but without its general runtime (helper dispatch,
 * option objects, a shared property lookup), which cost several times the email itself.
 * Same parser, the same escaping of every value, and the same answer from every lookup of
 * plain data: Handlebars reads own properties only, so that a path never reaches a prototype;
 * here a path that names a built-in property (`constructor`, `__proto__`, `toString`...)
 * throws at startup instead, and a plain read is then the same read, at a fifth of an email's
 * cost less than an own-property check at each of its fifty lookups. Anything else (triple
 * braces, helpers, partials, `@data`) throws here too.
 *
 * `fixed` holds values known when compiling (one milestone's words in one language): a path
 * into them from the view's top level is looked up now and its escaped value becomes part of
 * the markup, and an `#if` on one keeps only the branch it picks. A fixed `{{path}}` with no
 * text behind it throws.
 *
 * The generated code holds only this file's fixed statements, property names and text from the
 * markup as JSON string literals, and variable names it numbers itself: nothing from a message
 * is ever code.
 */
export function compileHtmlTemplate<T>(
  markup: string | HtmlMarkup,
  fixed: Record<string, unknown> = {},
): HtmlTemplate<T> {
  const code = new RenderCode(fixed);
  code.program(typeof markup === 'string' ? parseHtmlMarkup(markup) : markup, ['view']);
  const body = `return function render(view) {\nlet html = '';\n${code.lines()}\nreturn html;\n};`;
  const make = new Function('escape', body) as (
    escape: (value: unknown) => string,
  ) => HtmlTemplate<T>;
  return make(escapeHtml);
}

const own = (object: unknown, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/**
 * Names a plain read could find on a prototype of a view's values (objects, lists, text,
 * numbers, booleans) rather than in the view; `length` of a list or text is its own.
 */
const builtInNames: ReadonlySet<string> = new Set(
  [Object, Array, String, Number, Boolean]
    .flatMap((type) => Object.getOwnPropertyNames(type.prototype))
    .concat('__proto__')
    .filter((name) => name !== 'length'),
);

/** Handlebars' own rule: false, 0, '', null, undefined and empty lists take the else branch. */
function truthy(value: unknown): boolean {
  return Boolean(value) && !(Array.isArray(value) && value.length === 0);
}

/**
 * A path's value: a variable of the render function (`top` when declared at its start), or a
 * value fixed when compiling.
 */
type Value = { variable: string; top: boolean } | { fixed: unknown };

/**
 * The statements of a render function, with the view of each enclosing `#each`, innermost last.
 * A path is read, and its value escaped, once: paths from the view's top level at the start of
 * the function (MJML repeats a colour in five places, some inside lists), paths into a list's
 * item once per block.
 */
class RenderCode {
  /** Reads and escapes of the view's top-level paths, before any markup. */
  private readonly prelude: string[] = [];
  private readonly statements: string[] = [];
  private text = '';
  private names = 0;
  /** Variables holding top-level paths read (`view.colors`) or escaped (`html:v3`). */
  private readonly atTop = new Map<string, string>();
  /** The same for paths into list items, for the block being written. */
  private known = new Map<string, string>();

  constructor(private readonly fixed: Record<string, unknown>) {}

  lines(): string {
    this.flush();
    return [...this.prelude, ...this.statements].join('\n');
  }

  program(node: hbs.AST.Program | undefined, scopes: string[]): void {
    for (const statement of node?.body ?? []) {
      if (statement.type === 'ContentStatement')
        this.text += (statement as hbs.AST.ContentStatement).value;
      else if (statement.type === 'MustacheStatement')
        this.value(statement as hbs.AST.MustacheStatement, scopes);
      else if (statement.type === 'BlockStatement')
        this.block(statement as hbs.AST.BlockStatement, scopes);
      else if (statement.type !== 'CommentStatement')
        throw unsupported(statement, '{{path}}, #if and #each');
    }
  }

  private value(mustache: hbs.AST.MustacheStatement, scopes: string[]): void {
    if (!mustache.escaped || mustache.params.length || mustache.hash)
      throw unsupported(mustache, 'only escaped {{path}} values');
    const value = this.read(mustache.path, scopes);
    if ('fixed' in value) {
      if (typeof value.fixed !== 'string' && typeof value.fixed !== 'number')
        throw unsupported(mustache, 'fixed paths to text only');
      this.text += escapeHtml(value.fixed);
      return;
    }
    const html = this.declare(`html:${value.variable}`, `escape(${value.variable})`, value.top);
    this.emit(`html += ${html};`);
  }

  private block(block: hbs.AST.BlockStatement, scopes: string[]): void {
    const helper = (block.path as hbs.AST.PathExpression).original;
    const [param, ...rest] = block.params;
    if (!param || rest.length || block.hash || block.program.blockParams)
      throw unsupported(block, `#${helper} with one path and no options`);
    if (helper !== 'if' && helper !== 'each') throw unsupported(block, '#if and #each');
    const read = this.read(param, scopes);
    if ('fixed' in read) {
      if (helper !== 'if') throw unsupported(block, '#if on fixed values');
      this.program(truthy(read.fixed) ? block.program : block.inverse, scopes);
      return;
    }
    const value = read.variable;
    if (helper === 'if') {
      // Handlebars' own rule, as truthy() above.
      this.emit(`if (${value} && !(Array.isArray(${value}) && ${value}.length === 0)) {`);
      this.branch(block.program, scopes);
    } else {
      const item = this.name();
      this.emit(`if (Array.isArray(${value}) && ${value}.length > 0) {`);
      this.emit(`for (const ${item} of ${value}) {`);
      this.branch(block.program, [...scopes, item]);
      this.emit('}');
    }
    this.emit('} else {');
    this.branch(block.inverse, scopes);
    this.emit('}');
  }

  /** A block's body: what it reads is declared inside it, so it is forgotten after it. */
  private branch(node: hbs.AST.Program | undefined, scopes: string[]): void {
    const outside = new Map(this.known);
    this.program(node, scopes);
    this.known = outside;
  }

  /** Emits the lookup of a path and returns the variable holding its value, or its fixed value. */
  private read(expression: hbs.AST.Expression, scopes: string[]): Value {
    const path = expression as hbs.AST.PathExpression;
    if (expression.type !== 'PathExpression' || path.data)
      throw unsupported(expression, 'paths into the view');
    const builtIn = path.parts.find((key) => builtInNames.has(key));
    if (builtIn !== undefined)
      throw unsupported(expression, `paths into the view's data, not the built-in '${builtIn}'`);
    const scope = scopes.length - 1 - path.depth;
    if (scope === 0 && path.parts[0] !== undefined && own(this.fixed, path.parts[0])) {
      let fixed: unknown = this.fixed;
      for (const key of path.parts)
        fixed =
          fixed != null && own(fixed, key) ? (fixed as Record<string, unknown>)[key] : undefined;
      return { fixed };
    }
    let value = scopes[scope] ?? 'undefined';
    const top = scope <= 0;
    for (const key of path.parts) {
      const property = JSON.stringify(key);
      // No built-in names (checked above): a plain read finds the view's own data only.
      value = this.declare(`${value}.${property}`, `${value}?.[${property}]`, top);
    }
    return { variable: value, top };
  }

  /** The variable holding `expression`, declared on first use (at the start when `top`). */
  private declare(key: string, expression: string, top: boolean): string {
    const known = top ? this.atTop : this.known;
    let name = known.get(key);
    if (!name) {
      name = this.name();
      if (top) this.prelude.push(`const ${name} = ${expression};`);
      else this.emit(`const ${name} = ${expression};`);
      known.set(key, name);
    }
    return name;
  }

  private emit(statement: string): void {
    this.flush();
    this.statements.push(statement);
  }

  private flush(): void {
    if (this.text) this.statements.push(`html += ${JSON.stringify(this.text)};`);
    this.text = '';
  }

  private name(): string {
    return `v${this.names++}`;
  }
}

function unsupported(node: hbs.AST.Node, allowed: string): Error {
  const at = node.loc ? ` at line ${node.loc.start.line}` : '';
  return new Error(`email template${at}: ${node.type} not supported (${allowed})`);
}
