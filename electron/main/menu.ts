import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

/** Chinese menus; printing and PDF go through the same handlers the UI buttons use. */
export function buildMenu(win: () => BrowserWindow | null, actions: { print(): void; savePdf(): void }): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '打印…', accelerator: 'CmdOrCtrl+P', click: () => actions.print() },
        { label: '另存为 PDF…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.savePdf() },
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { label: '实际大小', role: 'resetZoom' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
      ],
    },
    {
      label: '帮助',
      submenu: [{ label: '关于乡镇医保窗口工作站', click: () => win()?.webContents.send('workstation:about') }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
