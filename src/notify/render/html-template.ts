import Handlebars from 'handlebars';

/** One message's HTML from its view: plain data (strings, numbers, arrays, objects). */
export type HtmlTemplate<T> = (view: T) => string;

/** The views of the enclosing `#each` blocks, innermost last; `../` steps one back. */
type Scopes = unknown[];
type Part = (scopes: Scopes) => string;

/**
 * Compiles the Handlebars subset our email markup uses (`{{path}}`, `{{../path}}`, `#if` with
 * `else`, `#each` over lists) into closures that concatenate strings: the same parser, the same
 * lookups (own properties only) and the same escaping of every value, without Handlebars'
 * general runtime, which cost several times more per message than the email itself. Anything
 * else (triple braces, helpers, partials, `@data`) throws here, at startup.
 */
export function compileHtmlTemplate<T>(source: string): HtmlTemplate<T> {
  const render = program(Handlebars.parse(source));
  return (view) => render([view]);
}

const empty: Part = () => '';

function program(node: hbs.AST.Program | undefined): Part {
  if (!node) return empty;
  const parts: Part[] = [];
  let text = '';
  for (const statement of node.body) {
    if (statement.type === 'ContentStatement') {
      text += (statement as hbs.AST.ContentStatement).value;
    } else if (statement.type !== 'CommentStatement') {
      if (text) parts.push(constant(text));
      text = '';
      parts.push(dynamic(statement));
    }
  }
  if (text) parts.push(constant(text));
  if (parts.length === 0) return empty;
  if (parts.length === 1) return parts[0]!;
  return (scopes) => {
    let html = '';
    for (let i = 0; i < parts.length; i++) html += parts[i]!(scopes);
    return html;
  };
}

function constant(text: string): Part {
  return () => text;
}

function dynamic(statement: hbs.AST.Statement): Part {
  if (statement.type === 'MustacheStatement') {
    const mustache = statement as hbs.AST.MustacheStatement;
    if (!mustache.escaped || mustache.params.length || mustache.hash)
      throw unsupported(statement, 'only escaped {{path}} values');
    const value = reader(mustache.path);
    return (scopes) => Handlebars.Utils.escapeExpression(value(scopes) as string);
  }
  if (statement.type === 'BlockStatement') {
    const block = statement as hbs.AST.BlockStatement;
    const helper = (block.path as hbs.AST.PathExpression).original;
    const [param, ...rest] = block.params;
    if (!param || rest.length || block.hash || block.program.blockParams)
      throw unsupported(statement, `#${helper} with one path and no options`);
    const value = reader(param);
    const fn = program(block.program);
    const inverse = program(block.inverse);
    if (helper === 'if') return (scopes) => (truthy(value(scopes)) ? fn : inverse)(scopes);
    if (helper === 'each')
      return (scopes) => {
        const list = value(scopes);
        if (!Array.isArray(list) || list.length === 0) return inverse(scopes);
        let html = '';
        for (const item of list) {
          scopes.push(item);
          html += fn(scopes);
          scopes.pop();
        }
        return html;
      };
  }
  throw unsupported(statement, '{{path}}, #if and #each');
}

/** Handlebars' own rule: false, 0, '', null, undefined and empty lists take the else branch. */
function truthy(value: unknown): boolean {
  return Boolean(value) && !(Array.isArray(value) && value.length === 0);
}

function reader(expression: hbs.AST.Expression): (scopes: Scopes) => unknown {
  if (expression.type !== 'PathExpression' || (expression as hbs.AST.PathExpression).data)
    throw unsupported(expression, 'paths into the view');
  const { depth, parts } = expression as hbs.AST.PathExpression;
  return (scopes) => {
    let value = scopes[scopes.length - 1 - depth];
    for (const key of parts) {
      if (value === null || value === undefined) return undefined;
      // Own properties only, as Handlebars: a view never reaches its prototype.
      value = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    }
    return value;
  };
}

function unsupported(node: hbs.AST.Node, allowed: string): Error {
  const at = node.loc ? ` at line ${node.loc.start.line}` : '';
  return new Error(`email template${at}: ${node.type} not supported (${allowed})`);
}
