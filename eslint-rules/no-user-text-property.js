// A string a person would read, written in code instead of the message catalogue (shared/i18n/locales/en.json):
// a literal or template given to a property that holds user-visible text (a menu item's label, a toast's message,
// a prompt's title…) or assigned to document.title. eslint-plugin-i18next covers JSX; this covers the plain
// objects that UI code builds (renderer/commands, electron/ menus, shared/ menu and notification builders).

/** Properties whose string is shown to a person. */
const TEXT_PROPERTIES = new Set(['label', 'title', 'message', 'detail', 'placeholder', 'submitLabel', 'hint', 'tooltip', 'body', 'toolTip']);

/** Text: a run of two letters (any script) that is not a URL, a code-like token or the product's name. */
function isUserText(text) {
  const value = text.trim();
  if (!/\p{L}{2}/u.test(value)) return false;
  if (/^(https?:\/\/|[a-z]+:\/\/|\.|\/|#)/i.test(value)) return false;
  if (/^[a-z][a-zA-Z0-9]*([.:_-][a-zA-Z0-9]+)+$/.test(value)) return false;
  return value.replace(/Broadsheet/g, '').match(/\p{L}{2}/u) !== null;
}

function textOf(node) {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis.map((quasi) => quasi.value.cooked ?? '').join(' ');
  return null;
}

/** The literal strings a value can evaluate to: itself, or either branch of a ?: or a ?? / || fallback. */
function candidates(node) {
  if (!node) return [];
  if (node.type === 'ConditionalExpression') return [...candidates(node.consequent), ...candidates(node.alternate)];
  if (node.type === 'LogicalExpression') return [...candidates(node.left), ...candidates(node.right)];
  return textOf(node) === null ? [] : [node];
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow user-visible text literals in UI objects: use a message from the catalogue (t())' },
    schema: [],
    messages: { literal: 'User-visible text "{{text}}" belongs in shared/i18n/locales/en.json: use t(\'…\') instead.' },
  },
  create(context) {
    const check = (value) => {
      for (const node of candidates(value)) {
        const text = textOf(node);
        if (text !== null && isUserText(text)) context.report({ node, messageId: 'literal', data: { text: text.slice(0, 60) } });
      }
    };
    return {
      Property(node) {
        const key = node.key.type === 'Identifier' ? node.key.name : node.key.type === 'Literal' ? node.key.value : null;
        if (!node.computed && TEXT_PROPERTIES.has(key)) check(node.value);
      },
      AssignmentExpression(node) {
        const target = node.left;
        if (target.type === 'MemberExpression' && !target.computed && target.property.name === 'title' && target.object.type === 'Identifier' && target.object.name === 'document') check(node.right);
      },
    };
  },
};
