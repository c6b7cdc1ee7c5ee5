import { BrowserWindow, screen, type Display, type WebContents } from 'electron';

/**
 * The customer display (叫号屏, issue 15) in Electron: a second window, full screen on the second display when the
 * computer has one (the hall's TV), following displays plugged in or out. It shows the renderer's `#/display` page,
 * which gets its own MessagePort to the core like any window and signs in with the display's narrow device key
 * (paired once; the key stays in this app's storage), so it reaches only the board and its window's rating.
 */
export interface DisplayWindowOptions {
  preload: string;
  /** The app's origin (app://workstation). */
  origin: string;
  devTools: boolean;
  lockDown: (contents: WebContents) => void;
}

/** A display other than the primary one, if the computer has one (the hall's screen). */
export function secondDisplay(): Display | null {
  const primary = screen.getPrimaryDisplay();
  return screen.getAllDisplays().find((d) => d.id !== primary.id) ?? null;
}

export class CustomerDisplay {
  private win: BrowserWindow | null = null;
  private watching = false;

  constructor(private readonly options: DisplayWindowOptions) {}

  /** Open (or move) the display window on the second display; without one, nothing unless `onPrimary`. */
  open(onPrimary = false): void {
    const target = secondDisplay() ?? (onPrimary ? screen.getPrimaryDisplay() : null);
    if (!target) return;
    const fullscreen = target.id !== screen.getPrimaryDisplay().id;
    if (this.win && !this.win.isDestroyed()) {
      this.win.setBounds(target.bounds);
      this.win.setFullScreen(fullscreen);
      this.win.show();
      return;
    }
    const win = new BrowserWindow({
      x: target.bounds.x,
      y: target.bounds.y,
      width: fullscreen ? target.bounds.width : 1280,
      height: fullscreen ? target.bounds.height : 720,
      fullscreen,
      autoHideMenuBar: true,
      title: '叫号屏',
      show: false,
      backgroundColor: '#0a2f57',
      webPreferences: {
        preload: this.options.preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        devTools: this.options.devTools,
        spellcheck: false,
        // The hall's screen keeps calling when it is not the focused window.
        backgroundThrottling: false,
      },
    });
    this.options.lockDown(win.webContents);
    win.once('ready-to-show', () => win.showInactive());
    win.on('closed', () => {
      if (this.win === win) this.win = null;
    });
    void win.loadURL(`${this.options.origin}/index.html#/display`);
    this.win = win;
  }

  /** Follow the displays: open on a second display when one is plugged in, close when the last one goes. */
  watch(): void {
    if (this.watching) return;
    this.watching = true;
    screen.on('display-added', () => this.open());
    screen.on('display-removed', () => {
      if (!secondDisplay() && this.win && this.win.isFullScreen()) this.close();
      else if (secondDisplay()) this.open();
    });
  }

  close(): void {
    if (this.win && !this.win.isDestroyed()) this.win.close();
    this.win = null;
  }
}
