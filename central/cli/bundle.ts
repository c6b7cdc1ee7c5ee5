import { readFileSync } from 'node:fs';
import { importBundle } from '../services/bundles';
import { need, say, UsageError } from './context';
import { withAccount } from './session';
import { record } from '../services/back-office';

/** `bundle import <file.ybb>`: a mobile team's USB bundle (离线数据包) brought to central. */
export async function bundleCommand(args: string[]): Promise<void> {
  const [sub, file] = args;
  if (sub !== 'import') throw new UsageError(`未知的 bundle 子命令：${sub ?? ''}`);
  const path = need(file, '离线数据包文件');
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new UsageError(`无法读取文件 ${path}：${e instanceof Error ? e.message : String(e)}`);
  }
  await withAccount('bundles.import', async (ctx, actor) => {
    const r = await importBundle(ctx, bytes);
    await record(ctx, actor, 'bundle.import', 'station', null, { stationCode: r.stationCode, bundleId: r.bundleId, applied: r.applied, duplicate: r.duplicate, rejected: r.rejected });
    say(`站点 ${r.stationCode} 的离线数据包：共 ${r.ops} 条操作，新应用 ${r.applied} 条，已有 ${r.duplicate} 条（未重复应用），被拒 ${r.rejected} 条；新存附件 ${r.blobsStored} 个。`);
    // Each refusal with its reason (the making station hears them too, by pull).
    for (const x of r.results ?? []) if (x.status === 'rejected') say(`  第 ${x.seq} 条（${x.kind}${x.caseNo ? `，案件 ${x.caseNo}` : ''}）被拒：${x.message ?? x.code ?? ''}`);
  });
}
