/**
 * FROK's app id, one reverse-DNS name everywhere: electron-builder's `appId`, package.json's
 * `desktopName` (plus `.desktop`, which Electron uses as the Linux app id and window class),
 * and Windows' AppUserModelID for notifications. A test keeps the three in step.
 */
export const APP_ID = 'app.frok.desktop';
export const DESKTOP_FILE_NAME = `${APP_ID}.desktop`;
