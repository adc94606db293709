// The home page's call: the workspace (what the user's roles can act on now) over the typed client.
import { useQuery } from '@tanstack/react-query';
import { ok, http } from '../../api/client.ts';

export const homeKeys = { workspace: ['workspace'] as const };

export const useWorkspace = () => useQuery({ queryKey: homeKeys.workspace, queryFn: () => ok(http.GET('/api/workspace')) });
