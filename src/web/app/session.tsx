import { createContext, useContext } from 'react';
import { hasPermission, unitsAllowed, type Permission, type Role } from '../../shared/roles.ts';

export interface Me {
  userId: string;
  username: string;
  displayName: string;
  unitId: string | null;
  grants: { role: Role; unitId: string | null }[];
  locale: string;
  mustChangePassword: boolean;
  csrfToken: string | null;
}

export interface Session {
  me: Me;
  can(permission: Permission): boolean;
  /** 'all' when the user's role reaches every unit for this permission. */
  units(permission: Permission): 'all' | string[];
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the signed-in shell');
  return s;
}

export function makeSession(me: Me, logout: () => Promise<void>, refresh: () => Promise<void>): Session {
  return {
    me,
    can: (p) => hasPermission(me.grants, p),
    units: (p) => unitsAllowed(me.grants, p),
    logout,
    refresh,
  };
}
