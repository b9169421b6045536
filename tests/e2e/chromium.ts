// Chromium as it runs here (Debian's /usr/bin/chromium, as root, headless): for the e2e
// stack and for scripts that drive a browser from outside (scripts/cluster/journey.ts), so
// this module imports nothing.
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
