// Generates the SQL migration from the table files. Until the first release, the schema is one
// migration regenerated whole (see docs/decisions.md); after it, drop the `rm` and append.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

const RELEASED = false;
if (!RELEASED) {
  for (const f of fs.readdirSync('migrations')) {
    if (f !== 'post') fs.rmSync(`migrations/${f}`, { recursive: true, force: true });
  }
}
execSync('npx drizzle-kit generate --name init', { stdio: 'inherit' });
