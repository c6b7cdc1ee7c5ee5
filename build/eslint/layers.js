// A local ESLint rule enforcing the layers of DESIGN.md by pure path arithmetic (no module resolution):
//   renderer → shared · core → db, shared · db → shared · central → shared · shared → nothing of ours
//   electron/main → core's entry (core/electron-entry, core/config) and electron/* · electron/preload → nothing of ours
// plus which packages each layer may use (Node built-ins and 'electron' included).
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Top-level area of a repo-relative file path. */
function areaOf(rel) {
  const parts = rel.split('/');
  if (parts[0] === 'electron') return parts[1] === 'preload' ? 'electron/preload' : 'electron/main';
  return parts[0];
}

function packageName(spec) {
  if (spec.startsWith('@')) return spec.split('/').slice(0, 2).join('/');
  return spec.split('/')[0];
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the import layers of DESIGN.md' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          layers: { type: 'object' },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      ours: "{{from}} may not import from {{to}} (allowed: {{allowed}})",
      pkg: "{{from}} may not use the package '{{pkg}}'",
      builtin: "{{from}} may not import Node built-in '{{pkg}}'",
    },
  },
  create(context) {
    const { root, layers } = context.options[0];
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const isTest = /\.(test|e2e)\.tsx?$/.test(file) || file.includes('/testing/');
    const from = areaOf(file);
    const layer = layers[from];
    if (!layer) return {};

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
        const to = areaOf(target);
        const allowedAreas = [from, ...(layer.areas ?? [])];
        const allowedFiles = layer.files ?? [];
        const fileOk = allowedFiles.some((f) => target === f || target.startsWith(`${f}.`));
        if (!allowedAreas.includes(to) && !fileOk) {
          context.report({ node, messageId: 'ours', data: { from, to: target, allowed: [...allowedAreas, ...allowedFiles].join(', ') } });
        }
        return;
      }
      if (NODE_BUILTINS.has(spec)) {
        if (!layer.node) context.report({ node, messageId: 'builtin', data: { from, pkg: spec } });
        return;
      }
      const pkg = packageName(spec);
      const allowed = isTest ? [...(layer.packages ?? []), ...(layer.testPackages ?? [])] : layer.packages ?? [];
      if (allowed.includes('*') ? (layer.forbid ?? []).includes(pkg) : !allowed.includes(pkg)) {
        context.report({ node, messageId: 'pkg', data: { from, pkg } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node.arguments[0], node.arguments[0].value);
        }
      },
    };
  },
};

export default { rules: { layers: rule } };
