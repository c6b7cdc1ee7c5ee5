import { app, BrowserWindow, crashReporter, ipcMain } from 'electron';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { registerAppScheme, handleAppProtocol, APP_ORIGIN } from './app-protocol';
import { isTrustedSender, lockDown, restrictPermissions } from './security';
import { CoreProcess } from './core-process';
import { buildMenu } from './menu';
import { printPage, savePdf } from './printing';
import { loadWindowState, trackWindowState } from './window-state';
import { CustomerDisplay } from './display-window';
import { UpgradeWindow } from './upgrade-window';

/**
 * The Electron shell: thin. Windows, menus, print/PDF, and handing each window a MessagePort to the core
 * (which runs as a utility process and owns the database). Everything else is plain Node in core/.
 */
const DIST = join(__dirname, '..');
let win: BrowserWindow | null = null;
let core: CoreProcess | null = null;
/** The customer display (叫号屏) on the second screen, when there is one (issue 15). */
let customer: CustomerDisplay | null = null;

registerAppScheme();

// Crash dumps stay on this computer (in the per-user folder's Crashpad directory, owner-only); nothing is uploaded.
// They can go to central later, inside a support bundle a supervisor chooses to send.
crashReporter.start({ uploadToServer: false, compress: true, ignoreSystemCrashHandler: true });

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.whenReady().then(start).catch((e: unknown) => {
    console.error(e);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  // YIBAO_DATA_DIR overrides Electron's per-user folder (tests, or a station keeping data on another disk).
  const dataDir = process.env.YIBAO_DATA_DIR || app.getPath('userData');
  handleAppProtocol(join(DIST, 'renderer'));
  restrictPermissions();
  // In development the better-sqlite3 in node_modules is built for Node; build/electron-native.mjs builds
  // one for Electron's ABI into dist/native. A packaged app has node_modules rebuilt by electron-builder.
  const devBinding = join(DIST, 'native', 'better_sqlite3.node');
  const upgrade = new UpgradeWindow();
  core = new CoreProcess(join(DIST, 'node', 'core-entry.cjs'), dataDir, !app.isPackaged && existsSync(devBinding) ? devBinding : null, (m) => upgrade.show(m));

  ipcMain.on('workstation:port-request', (event) => {
    if (!isTrustedSender(event.senderFrame) || !core) return;
    core.connect(event.sender);
  });
  ipcMain.handle('workstation:print', async (event) => {
    if (!isTrustedSender(event.senderFrame) || !win) return false;
    return printPage(win);
  });
  ipcMain.handle('workstation:save-pdf', async (event, name: unknown) => {
    if (!isTrustedSender(event.senderFrame) || !win) return null;
    return savePdf(win, typeof name === 'string' ? name : '回执');
  });

  try {
    await core.whenReady();
  } finally {
    upgrade.close();
  }
  createWindow(dataDir);
  customer = new CustomerDisplay({ preload: join(DIST, 'electron', 'preload.cjs'), origin: APP_ORIGIN, devTools: !app.isPackaged, lockDown });
  customer.open();
  customer.watch();
  buildMenu(() => win, { print: () => win && void printPage(win), savePdf: () => win && void savePdf(win, '回执') });
}

function createWindow(dataDir: string): void {
  const state = loadWindowState(dataDir);
  win = new BrowserWindow({
    ...(state.bounds ?? { width: 1280, height: 860 }),
    minWidth: 1024,
    minHeight: 700,
    title: '乡镇医保窗口工作站',
    show: false,
    webPreferences: {
      preload: join(DIST, 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: !app.isPackaged,
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  lockDown(win.webContents);
  trackWindowState(win, dataDir);
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => {
    win = null;
    customer?.close();
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('window-all-closed', () => {
  core?.stop();
  app.quit();
});
