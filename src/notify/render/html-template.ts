import Handlebars from 'handlebars';

/** One message's HTML from its view: plain data (strings, numbers, arrays, objects). */
export type HtmlTemplate<T> = (view: T) => string;

/**
 * Compiles the Handlebars subset our email markup uses (`{{path}}`, `{{../path}}`, `#if` with
 * `else`, `#each` over lists) into one JavaScript function of string concatenation, as
 * Handlebars itself compiles templates, but without its general runtime (helper dispatch,
 * option objects, a shared property lookup), which cost several times the email itself.
 * Same parser, same lookups (own properties only) and the same escaping of every value.
 * Anything else (triple braces, helpers, partials, `@data`) throws here, at startup.
 *
 * The generated code holds only this file's fixed statements, property names and text from the
 * markup as JSON string literals, and variable names it numbers itself: nothing from a message
 * is ever code.
 */
export function compileHtmlTemplate<T>(source: string): HtmlTemplate<T> {
  const code = new RenderCode();
  code.program(Handlebars.parse(source), ['view']);
  const body = `return function render(view) {\nlet html = '';\n${code.lines()}\nreturn html;\n};`;
  const make = new Function('escape', 'own', body) as (
    escape: (value: unknown) => string,
    own: (object: unknown, key: string) => boolean,
  ) => HtmlTemplate<T>;
  return make(Handlebars.Utils.escapeExpression as (value: unknown) => string, (object, key) =>
    Object.prototype.hasOwnProperty.call(object, key),
  );
}

/**
 * The statements of a render function, with the view of each enclosing `#each`, innermost last.
 * A path is read, and its value escaped, once per block: MJML repeats a colour in five places.
 */
class RenderCode {
  private readonly statements: string[] = [];
  private text = '';
  private names = 0;
  /** Variables holding paths already read (`view.colors`) or escaped (`html:view.colors.accent`). */
  private known = new Map<string, string>();

  lines(): string {
    this.flush();
    return this.statements.join('\n');
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
    let html = this.known.get(`html:${value}`);
    if (!html) {
      html = this.name();
      this.emit(`const ${html} = escape(${value});`);
      this.known.set(`html:${value}`, html);
    }
    this.emit(`html += ${html};`);
  }

  private block(block: hbs.AST.BlockStatement, scopes: string[]): void {
    const helper = (block.path as hbs.AST.PathExpression).original;
    const [param, ...rest] = block.params;
    if (!param || rest.length || block.hash || block.program.blockParams)
      throw unsupported(block, `#${helper} with one path and no options`);
    if (helper !== 'if' && helper !== 'each') throw unsupported(block, '#if and #each');
    const value = this.read(param, scopes);
    if (helper === 'if') {
      // Handlebars' own rule: false, 0, '', null, undefined and empty lists take the else branch.
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

  /** Emits the lookup of a path and returns the variable holding its value. */
  private read(expression: hbs.AST.Expression, scopes: string[]): string {
    const path = expression as hbs.AST.PathExpression;
    if (expression.type !== 'PathExpression' || path.data)
      throw unsupported(expression, 'paths into the view');
    let value = scopes[scopes.length - 1 - path.depth] ?? 'undefined';
    for (const key of path.parts) {
      const property = JSON.stringify(key);
      let next = this.known.get(`${value}.${property}`);
      if (!next) {
        next = this.name();
        // Own properties only, as Handlebars: a view never reaches its prototype.
        this.emit(
          `const ${next} = ${value} != null && own(${value}, ${property}) ? ${value}[${property}] : undefined;`,
        );
        this.known.set(`${value}.${property}`, next);
      }
      value = next;
    }
    return value;
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
