import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, ok, http, onUnauthorized, setCsrfToken } from '../api/client.ts';
import { makeSession, SessionContext, type Me, type Session } from './session.tsx';

/**
 * Who is signed in. `me` is undefined while the first GET /api/auth/me is under way, null when
 * nobody is signed in. Pages use `useSession()`; the shell (login, guards, header) uses `useAuth()`.
 */
export interface Auth {
  me: Me | null | undefined;
  session: Session | null;
  signIn(username: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
  /** True from a sign-in in this tab until the next reload: the server's saved language wins then. */
  justSignedIn: boolean;
}

const AuthContext = createContext<Auth | null>(null);
export function useAuth(): Auth {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}

const ME_KEY = ['auth', 'me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me: Me = await ok(http.GET('/api/auth/me'));
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const justSignedIn = useRef(false);
  const { data: me } = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Infinity, retry: 1 });

  const signedOut = useCallback(() => {
    setCsrfToken(null);
    // Drop every cached answer: the next user must not see the previous one's data.
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    qc.setQueryData(ME_KEY, null);
  }, [qc]);

  // Any API call answered 401 (session expired or revoked) signs the tab out; the guards then send
  // the user to /login?next=… and back after signing in.
  useEffect(
    () =>
      onUnauthorized(() => {
        if (qc.getQueryData(ME_KEY)) signedOut();
      }),
    [qc, signedOut],
  );

  const refresh = useCallback(async () => {
    qc.setQueryData(ME_KEY, await fetchMe());
  }, [qc]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const { csrfToken } = await ok(http.POST('/api/auth/login', { body: { username, password } }));
      setCsrfToken(csrfToken);
      const fresh = await fetchMe();
      if (!fresh) throw new Error('登录后无法读取当前用户');
      justSignedIn.current = true;
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      qc.setQueryData(ME_KEY, fresh);
      return fresh;
    },
    [qc],
  );

  const signOut = useCallback(async () => {
    try {
      await ok(http.POST('/api/auth/logout'));
    } catch {
      /* the session may already be gone */
    }
    justSignedIn.current = false;
    signedOut();
  }, [signedOut]);

  const session = useMemo(() => (me ? makeSession(me, signOut, refresh) : null), [me, signOut, refresh]);
  const value = useMemo<Auth>(
    () => ({ me, session, signIn, signOut, refresh, justSignedIn: justSignedIn.current }),
    [me, session, signIn, signOut, refresh],
  );
  return (
    <AuthContext.Provider value={value}>
      <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
    </AuthContext.Provider>
  );
}
