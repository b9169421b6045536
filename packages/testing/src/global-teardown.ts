/** Jest globalTeardown: stops what globalSetup started (a substrate it reused keeps running). */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __daybookTeardown?: () => Promise<void> }).__daybookTeardown?.();
}
