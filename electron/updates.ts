/**
 * Automatic updates through electron-updater (GitHub releases), loaded only if it is installed: the glue is written
 * against this small interface so the app runs without it. Updates are offered where electron-updater can install
 * them: the Windows installer, the macOS app, and the Linux AppImage; never for deb/rpm installs (the system's
 * package manager owns those) nor for development runs.
 */
export interface AppUpdater {
  autoDownload?: boolean;
  checkForUpdates(): Promise<unknown> | unknown;
  on(event: 'update-downloaded' | 'error', listener: (...args: unknown[]) => void): unknown;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface UpdateEnvironment {
  platform: string;
  isPackaged: boolean;
  /** process.env.APPIMAGE: set only when running from an AppImage. */
  appImage: string | undefined;
  /** resources/app-update.yml exists: electron-builder writes it for builds that have a publish config. */
  hasUpdateConfig: boolean;
}

export function updatesSupported(env: UpdateEnvironment): boolean {
  if (!env.isPackaged || !env.hasUpdateConfig) return false;
  if (env.platform === 'linux') return typeof env.appImage === 'string' && env.appImage !== '';
  return env.platform === 'darwin' || env.platform === 'win32';
}

/** electron-updater's autoUpdater, or null (with one line in the log) when the module is not installed. */
export function loadUpdater(load: (name: string) => unknown, log: (message: string) => void): AppUpdater | null {
  try {
    const module = load('electron-updater') as { autoUpdater?: unknown } | null;
    const updater = module?.autoUpdater;
    if (isAppUpdater(updater)) return updater;
    log('Updates are off: electron-updater has no autoUpdater.');
  } catch {
    log('Updates are off: electron-updater is not installed.');
  }
  return null;
}

function isAppUpdater(value: unknown): value is AppUpdater {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.checkForUpdates === 'function' && typeof candidate.on === 'function' && typeof candidate.quitAndInstall === 'function';
}

export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

export interface UpdateWatchOptions {
  updater: AppUpdater;
  /** An update was downloaded and can be installed by restarting. */
  onReady: () => void;
  log: (message: string) => void;
  setInterval?: (fn: () => void, ms: number) => unknown;
}

/** Checks now and every few hours; downloads in the background; reports once when an update is ready. */
export function watchForUpdates(options: UpdateWatchOptions): void {
  const { updater } = options;
  updater.autoDownload = true;
  let ready = false;
  let loggedError = false;
  updater.on('update-downloaded', () => {
    if (ready) return;
    ready = true;
    options.onReady();
  });
  // An unhandled 'error' event would throw in the main process; an offline check is not worth a dialog.
  updater.on('error', (cause) => {
    if (loggedError) return;
    loggedError = true;
    options.log(`Update check failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  });
  const check = () => {
    if (ready) return;
    try {
      void Promise.resolve(updater.checkForUpdates()).catch(() => undefined);
    } catch {
      // Reported through the 'error' event.
    }
  };
  check();
  (options.setInterval ?? ((fn, ms) => setInterval(fn, ms).unref()))(check, UPDATE_CHECK_INTERVAL_MS);
}
