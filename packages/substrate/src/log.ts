/** Progress lines for people watching `npm start` / `npm test` provision things. */
export function step(scope: string, message: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${scope.padEnd(9)} ${message}\n`);
}
