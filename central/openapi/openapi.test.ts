import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildApp } from '../app';
import { defaultConfig } from '../config';
import { createContext } from '../services/context';
import { SqliteStore } from '../store/sqlite';
import { tempDir } from '../testing/backends';
import { openApiDocument, openApiYaml } from './document';
import { ROUTES } from './routes';

describe('OpenAPI document', () => {
  it('central/openapi.yaml is up to date (regenerate: npm run central -- openapi > central/openapi.yaml)', () => {
    const file = fs.readFileSync(path.join(import.meta.dirname, '..', 'openapi.yaml'), 'utf8');
    expect(file === openApiYaml()).toBe(true);
  });

  it('the YAML reads back as the document (nothing lost or changed in writing it)', () => {
    expect(parse(openApiYaml())).toEqual(openApiDocument());
  });

  it('documents exactly the routes the server has', async () => {
    const dir = tempDir();
    const store = new SqliteStore(path.join(dir, 'c.sqlite'));
    try {
      const app = buildApp(await createContext(store, defaultConfig({ dataDir: dir, logLevel: 'silent' })));
      await app.ready();
      const served = new Set(app.centralRoutes.map((r) => `${r.method} ${r.url}`));
      // Fastify answers HEAD for every GET by itself; only the documented HEAD is ours.
      const ours = [...served].filter((r) => !(r.startsWith('HEAD ') && served.has(`GET ${r.slice(5)}`)));
      const documented = ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`);
      expect(ours.sort()).toEqual([...documented].sort());
      await app.close();
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names every schema it refers to', () => {
    const doc = JSON.stringify(openApiDocument());
    const schemas = (openApiDocument().components as { schemas: Record<string, unknown> }).schemas;
    for (const m of doc.matchAll(/"#\/components\/schemas\/(\w+)"/g)) expect(schemas[m[1]!], m[1]).toBeDefined();
  });
});
