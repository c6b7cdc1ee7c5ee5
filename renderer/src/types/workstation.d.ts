import type { WorkstationBridge } from '../../../shared/api/bridge';

/** The Electron preload's bridge (declared once, in shared/api/bridge.ts). */
declare global {
  interface Window {
    workstation?: WorkstationBridge;
  }
}
