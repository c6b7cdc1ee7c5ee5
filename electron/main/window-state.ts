import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';

export interface WindowState {
  bounds: Rectangle | null;
  maximized: boolean;
}

const FILE = 'window-state.json';

function isRect(v: unknown): v is Rectangle {
  const r = v as Rectangle;
  return typeof v === 'object' && v !== null && [r.x, r.y, r.width, r.height].every((n) => Number.isInteger(n)) && r.width >= 400 && r.height >= 300;
}

/** The window's last bounds, or null on first run or when the file is damaged. */
export function loadWindowState(dir: string): WindowState {
  try {
    const raw = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as { bounds?: unknown; maximized?: unknown };
    return { bounds: isRect(raw.bounds) ? raw.bounds : null, maximized: raw.maximized === true };
  } catch {
    return { bounds: null, maximized: false };
  }
}

/** Remember the bounds when the window closes (written atomically). */
export function trackWindowState(win: BrowserWindow, dir: string): void {
  win.on('close', () => {
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    const path = join(dir, FILE);
    writeFileSync(`${path}.tmp`, JSON.stringify(state), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  });
}
