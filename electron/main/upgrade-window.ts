import { BrowserWindow } from 'electron';

/**
 * A small window with the progress of a new version's upgrade of the store (core/keys/upgrade-progress.ts): it runs
 * in the core before the main window can open — about a minute for a county's store — and without it the station
 * would show nothing at all meanwhile. Opened at the first line, closed when the core is ready. A static page (no
 * script, no preload), rewritten for each line.
 */
export class UpgradeWindow {
  private win: BrowserWindow | null = null;

  show(message: string): void {
    if (!this.win || this.win.isDestroyed()) {
      this.win = new BrowserWindow({
        width: 560,
        height: 200,
        resizable: false,
        minimizable: false,
        maximizable: false,
        title: '乡镇医保窗口工作站 — 正在升级',
        webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, javascript: false, webSecurity: true, spellcheck: false },
      });
      this.win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      this.win.webContents.on('will-navigate', (event) => event.preventDefault());
    }
    // A line that comes before the last one finished loading aborts it: only the newest matters.
    this.win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(page(message))}`).catch(() => undefined);
  }

  close(): void {
    if (this.win && !this.win.isDestroyed()) this.win.destroy();
    this.win = null;
  }
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(message: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>正在升级</title><style>body{font:16px/1.6 "Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:28px;color:#1f2937}</style></head>
<body><p>${escape(message)}</p></body></html>`;
}
