import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import {
  PublishCalendarRequestSchema,
  PublishCatalogRequestSchema,
  PublishPolicyRequestSchema,
  PublishRosterRequestSchema,
  type PublishResponse,
} from '../../shared/sync/admin';
import { parseInput } from '../http/validate';
import { publishCalendar, publishCatalog, publishPolicy, publishRoster } from '../services/publish';
import { need, say, UsageError } from './context';
import { withAccount } from './session';
import { recordPublish } from '../services/back-office';

const ROSTER_CHUNK = 20_000;

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`读不到文件：${file}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`文件不是合法的 JSON：${file}（${e instanceof Error ? e.message : String(e)}）`);
  }
}

/** A file holds either the list itself or an object with the list under `key`. */
function listIn(data: unknown, key: string): { list: unknown[]; rest: Record<string, unknown> } {
  if (Array.isArray(data)) return { list: data, rest: {} };
  if (data !== null && typeof data === 'object' && Array.isArray((data as Record<string, unknown>)[key])) {
    const { [key]: list, ...rest } = data as Record<string, unknown>;
    return { list: list as unknown[], rest };
  }
  throw new UsageError(`文件内容应为数组，或含有 "${key}" 数组的对象`);
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  return parseInput(schema, body);
}

function report(r: PublishResponse): void {
  say(`已发布 ${r.published} 条，未变 ${r.unchanged} 条${r.removed ? `，移除 ${r.removed} 条` : ''}。工作站下次同步时收到。`);
}

/** `publish catalog|policy|calendar|roster <file.json> --region R` — reference data for the stations. */
export async function publishCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { region: { type: 'string' } } });
  const [kind, file] = positionals;
  const data = readJson(need(file, '文件路径'));
  await withAccount('data.publish', async (ctx, actor) => {
    const done = async (scope: string | null, r: PublishResponse) => {
      await recordPublish(ctx, actor, scope, r);
      report(r);
    };
    switch (kind) {
      case 'catalog':
        await done(values.region ?? null, await publishCatalog(ctx, parse(PublishCatalogRequestSchema, { regionCode: need(values.region, '区划代码（--region）'), items: listIn(data, 'items').list })));
        return;
      case 'policy':
        await done(values.region ?? null, await publishPolicy(ctx, parse(PublishPolicyRequestSchema, { regionCode: need(values.region, '区划代码（--region）'), tables: listIn(data, 'tables').list })));
        return;
      case 'calendar':
        if (values.region) say('提示：工作日历是全国数据，--region 不起作用。');
        await done(null, await publishCalendar(ctx, parse(PublishCalendarRequestSchema, { years: listIn(data, 'years').list })));
        return;
      case 'roster': {
        const regionCode = need(values.region, '区划代码（--region）');
        const { list, rest } = listIn(data, 'rows');
        const total: PublishResponse = { kind: 'roster', published: 0, unchanged: 0, removed: 0 };
        for (let i = 0; i < Math.max(list.length, 1); i += ROSTER_CHUNK) {
          const removed = i === 0 ? rest.removed : undefined;
          const r = await publishRoster(ctx, parse(PublishRosterRequestSchema, { regionCode, rows: list.slice(i, i + ROSTER_CHUNK), ...(removed ? { removed } : {}) }));
          total.published += r.published;
          total.unchanged += r.unchanged;
          total.removed += r.removed;
          if (list.length > ROSTER_CHUNK) say(`  已处理 ${Math.min(i + ROSTER_CHUNK, list.length)} / ${list.length} 行`);
        }
        await done(regionCode, total);
        return;
      }
      default:
        throw new UsageError(`未知的发布类别：${kind ?? '（无）'}（应为 catalog、policy、calendar 或 roster）`);
    }
  });
}
