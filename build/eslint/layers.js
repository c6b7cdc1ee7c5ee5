// A local ESLint rule: which npm packages and Node built-ins each layer (top-level folder) may use, 'electron'
// included. Which of OUR modules a layer may import — the layers of ARCHITECTURE.md, core's sub-areas and
// "no cycles" — is dependency-cruiser's job (.dependency-cruiser.cjs), on the resolved module graph.
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
    docs: { description: 'which packages and Node built-ins each layer may use' },
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
      if (spec.startsWith('.')) return;
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
