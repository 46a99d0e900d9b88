// Parses the part of Blankett's expression language that the generated form uses, for translating it to SurveyJS and Form.io.
// Grammar (docs/form-format.md, "Expressions"): or / and / not / comparison / sum / product / unary / primary.
// Unsupported input throws: a translation that silently changed meaning would make the benchmark dishonest.

export function parseExpression(text) {
  const tokens = [];
  const re = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z][A-Za-z0-9_.-]*)\}|('[^']*'|"[^"]*")|(<=|>=|!=|[-+*/()<>=,]))/y;
  for (let pos = 0; pos < text.length;) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) {
      if (text.slice(pos).trim() === '') break;
      throw new Error(`cannot read "${text}" at ${pos}`);
    }
    pos = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ t: 'num', v: Number(m[1]) });
    else if (m[2] !== undefined) tokens.push({ t: 'name', v: m[2] });
    else if (m[3] !== undefined) tokens.push({ t: 'ref', v: m[3] });
    else if (m[4] !== undefined) tokens.push({ t: 'str', v: m[4].slice(1, -1) });
    else tokens.push({ t: 'op', v: m[5] });
  }
  let i = 0;
  const peek = () => tokens[i];
  const isOp = (v) => peek() && peek().t === 'op' && peek().v === v;
  const isWord = (v) => peek() && peek().t === 'name' && peek().v === v;
  const expect = (v) => {
    if (!isOp(v)) throw new Error(`expected "${v}" in "${text}"`);
    ++i;
  };
  const binary = (next, ops, words) => () => {
    let left = next();
    for (;;) {
      const tok = peek();
      if (tok && ((tok.t === 'op' && ops.includes(tok.v)) || (tok.t === 'name' && words.includes(tok.v)))) {
        ++i;
        left = { k: 'bin', op: tok.v, a: left, b: next() };
      } else return left;
    }
  };
  const primary = () => {
    const tok = tokens[i++];
    if (!tok) throw new Error(`unexpected end of "${text}"`);
    if (tok.t === 'num') return { k: 'num', v: tok.v };
    if (tok.t === 'str') return { k: 'str', v: tok.v };
    if (tok.t === 'ref') return { k: 'ref', id: tok.v };
    if (tok.t === 'op' && tok.v === '(') {
      const e = or();
      expect(')');
      return e;
    }
    if (tok.t === 'name') {
      if (tok.v === 'true' || tok.v === 'false') return { k: 'bool', v: tok.v === 'true' };
      if (tok.v === 'null') return { k: 'null' };
      if (isOp('(')) {
        ++i;
        const args = [];
        if (!isOp(')')) {
          args.push(or());
          while (isOp(',')) {
            ++i;
            args.push(or());
          }
        }
        expect(')');
        return { k: 'call', fn: tok.v, args };
      }
      return { k: 'ref', id: tok.v };
    }
    throw new Error(`unexpected "${tok.v}" in "${text}"`);
  };
  const unary = () => {
    if (isOp('-')) {
      ++i;
      return { k: 'neg', a: unary() };
    }
    return primary();
  };
  const product = binary(unary, ['*', '/'], []);
  const sum = binary(product, ['+', '-'], []);
  const comparison = () => {
    const left = sum();
    const tok = peek();
    if (tok && tok.t === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(tok.v)) {
      ++i;
      return { k: 'bin', op: tok.v, a: left, b: sum() };
    }
    return left;
  };
  const not = () => {
    if (isWord('not')) {
      ++i;
      return { k: 'not', a: not() };
    }
    return comparison();
  };
  const and = binary(not, [], ['and']);
  const or = binary(and, [], ['or']);
  const ast = or();
  if (i !== tokens.length) throw new Error(`unexpected "${tokens[i].v}" in "${text}"`);
  return ast;
}

// Every answerable item of a Blankett form by id, with its choices resolved from the choice sets.
export function itemsById(form) {
  const sets = new Map((form.choice_sets ?? []).map((s) => [s.id, s.choices]));
  const out = new Map();
  const walk = (items) => {
    for (const item of items) {
      if (item.type === 'group') walk(item.items);
      else out.set(item.id, { ...item, choices: typeof item.choices === 'string' ? sets.get(item.choices) : item.choices });
    }
  };
  for (const page of form.pages) walk(page.items);
  return out;
}
