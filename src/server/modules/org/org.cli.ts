import type { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { ROLES, SYSTEM_ROLES, type Role } from '../../../shared/roles.ts';
import { createUser, resetPassword, userIdByName } from '../../platform/auth/user.service.ts';
import type { CliContext } from '../../platform/module.ts';
import { units } from './org.tables.ts';

const cliActor = { userId: null, username: 'cli', ip: null };

/** A refused command prints the reason (e.g. 单位角色须指定单位) instead of a stack trace. */
const friendly =
  <A extends unknown[]>(fn: (...args: A) => Promise<void>) =>
  async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      console.error(`error: ${(err as Error).message}`);
      process.exitCode = 1;
    }
  };

/** `gongwu user create|reset-password`: the way in before any administrator can sign in. */
export function orgCli(program: Command, ctx: CliContext): void {
  const user = program.command('user').description('manage user accounts');

  user
    .command('create <username>')
    .description('create a user account with its roles (combinations that break separation of duties are refused)')
    .requiredOption('--name <display>', 'display name')
    .requiredOption('--role <roles>', `one or more, comma-separated, of: ${ROLES.join(', ')}`)
    .option('--unit <code>', 'unit code (required for unit roles)')
    .option('--password <pw>', 'password (generated and printed when omitted)')
    .action(
      friendly(async (username: string, o: { name: string; role: string; unit?: string; password?: string }) => {
        const roles = o.role
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean);
        const unknown = roles.find((r) => !(ROLES as readonly string[]).includes(r));
        if (unknown || !roles.length) throw new Error(`unknown role ${unknown ?? o.role}; one of ${ROLES.join(', ')}`);
        const { database } = await ctx.open();
        try {
          let unitId: string | null = null;
          if (o.unit) {
            const [u] = await database.db.select({ id: units.id }).from(units).where(eq(units.code, o.unit));
            if (!u) throw new Error(`no unit with code ${o.unit}`);
            unitId = u.id;
          }
          const grants = (roles as Role[]).map((role) => ({ role, unitId: SYSTEM_ROLES.includes(role) ? null : unitId }));
          const res = await createUser(
            database.db,
            {
              username,
              displayName: o.name,
              unitId,
              staffId: null,
              roles: grants,
              password: o.password ?? null,
            },
            cliActor,
          );
          ctx.log(`created ${username} (${roles.join(', ')})`);
          if (res.password) ctx.log(`password: ${res.password} (must be changed at first sign-in)`);
        } finally {
          await database.close();
        }
      }),
    );

  user
    .command('reset-password <username>')
    .description('set a new password; the user must change it at the next sign-in')
    .option('--password <pw>', 'the new password (generated and printed when omitted)')
    .action(
      friendly(async (username: string, o: { password?: string }) => {
        const { database } = await ctx.open();
        try {
          const id = await userIdByName(database.db, username);
          const res = await resetPassword(database.db, id, o.password ?? null, cliActor);
          ctx.log(`password of ${username} reset`);
          if (res.password) ctx.log(`password: ${res.password}`);
        } finally {
          await database.close();
        }
      }),
    );
}
