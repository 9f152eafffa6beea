/** electron-builder's appId; Windows shows notifications only for an app with this AppUserModelId. */
export const APP_ID = 'app.haltwatch.desktop';
